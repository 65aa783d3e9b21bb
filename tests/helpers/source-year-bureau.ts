import { writeFileSync } from 'node:fs';
import type { BureauContext } from '../../electron/bureau/context.js';
import { importMasterList } from '../../electron/bureau/import-master.js';
import { ingestFiles } from '../../electron/bureau/ingest.js';
import { masterListWorkbook } from '../../electron/demo/bureau-samples.js';
import { generateSigningKeyPair } from '../../electron/packets/keys.js';
import { FIXTURE_OFFICERS, FIXTURE_YEAR, fixtureChanges, fixtureProjects, fixtureRows } from '../fixtures/bureau/district-2025.js';
import { writeWeeklyPacket } from '../fixtures/bureau/weekly-packet.js';
import { newBureau, registeredOfficer, registerOfficerKey } from './bureau.js';
import type { TempDir } from './temp-store.js';

/**
 * The source year (tests/fixtures/bureau/district-2025.ts) in a real bureau database, the way it would arrive:
 * the 96-project master list imported from an XLSX file, then every officer's records in signed weekly packets
 * (two per officer, the second repeating the first, ingested in a shuffled order) from keys the bureau accepted.
 * Returns the context and each file's ingest status (all 'accepted' when the path works).
 */
export async function sourceYearBureau(dir: TempDir, now: Date): Promise<{ ctx: BureauContext; statuses: string[] }> {
  const ctx = newBureau(dir.file('bureau.sqlite'), () => now);
  const projects = fixtureProjects();
  writeFileSync(dir.file('master-2025.xlsx'), masterListWorkbook(fixtureRows(projects)));
  importMasterList(ctx, dir.file('master-2025.xlsx'), { defaultYear: FIXTURE_YEAR });
  const changes = fixtureChanges(projects);
  const files: string[] = [];
  for (const [i, o] of FIXTURE_OFFICERS.entries()) {
    const officer = registeredOfficer(ctx, o.name, o.unit);
    const keys = generateSigningKeyPair();
    registerOfficerKey(ctx, officer, keys, dir);
    const all = changes[i]!;
    // Written on the day the figures are read: no record is dated after its packet (docs/bureau.md).
    const createdAt = now.toISOString();
    for (const [sequence, part] of [all.slice(0, Math.ceil(all.length / 2)), all].entries()) {
      files.push(await writeWeeklyPacket(dir.path, { officer, keys, sequence: sequence + 1, changes: part, createdAt }));
    }
  }
  const shuffled = files.map((_, i) => files[(i * 7) % files.length]!);
  const results = await ingestFiles(ctx, shuffled);
  return { ctx, statuses: results.map((r) => r.error?.message ?? r.status) };
}
