import { readFileSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BureauContext } from '../../electron/bureau/context.js';
import { importMasterList } from '../../electron/bureau/import-master.js';
import { ingestPacket } from '../../electron/bureau/ingest.js';
import { generateSigningKeyPair } from '../../electron/packets/keys.js';
import { writeWeeklyPacket } from '../fixtures/bureau/weekly-packet.js';
import { applyAssignment, previewAssignment } from '../../electron/sync/assignment-import.js';
import { AppError } from '@shared/errors.js';
import { dumpDatabase, makeTempDir, type TempDir } from '../helpers/temp-store.js';
import { useTempStore } from '../helpers/per-test.js';
import { appErrorOf } from '../helpers/app-error.js';
import { ROOT } from '../reliability/world.js';
import { readZipEntries, writeZip, zeroBomb } from '../reliability/zip.js';
import { makeAssignment, makeBureau, makeOfficer, trustBureau, writeAssignment } from './sync-fixtures.js';
import { newBureau } from '../helpers/bureau.js';

/**
 * One test per bug the fuzzer found (docs/reliability.md, "Fuzzed files"), each on a file built by hand so
 * it stays a plain regression test whatever the fuzzer's mutations become.
 */

/** Sets the extra-field length of the first local header, so that entry's data lies past the end of the file. */
function breakFirstLocalHeader(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  expect(out.readUInt32LE(0)).toBe(0x04034b50);
  out.writeUInt16LE(0xffff, 28);
  return out;
}

const refusal = (work: () => Promise<unknown>) => appErrorOf(work);

describe('packets: a local header whose data runs past the end of the file', () => {
  const store = useTempStore();

  it('is refused as a damaged zip (packet_invalid/not_a_zip), not thrown as a raw yauzl error, and the store is unchanged', async () => {
    const bureau = makeBureau(store.dir.path);
    trustBureau(store.db, bureau);
    const officer = makeOfficer();
    await applyAssignment(store.ctx, await writeAssignment(store.dir.path, bureau, makeAssignment(officer), 1));
    const good = await writeAssignment(store.dir.path, bureau, makeAssignment(officer, { projects: 2 }), 2);
    const bad = store.dir.file('broken-local-header.zip');
    writeFileSync(bad, breakFirstLocalHeader(readFileSync(good)));
    const before = dumpDatabase(store.db);
    for (const work of [() => previewAssignment(store.ctx, bad), () => applyAssignment(store.ctx, bad)]) {
      const error = await refusal(work);
      expect(error.code).toBe('packet_invalid');
      expect(error.params.reason).toBe('not_a_zip');
      expect(error.message).toMatch(/damaged zip/);
    }
    expect(dumpDatabase(store.db)).toBe(before);
  });
});

describe('bureau', () => {
  let dir: TempDir;
  let ctx: BureauContext;
  beforeEach(() => {
    dir = makeTempDir('sponsor-desk-reliability-regressions-');
    ctx = newBureau(dir.file('bureau.sqlite'), () => new Date('2026-11-24T10:00:00'));
    importMasterList(ctx, join(ROOT, 'docs/samples/master-list.xlsx'), { defaultYear: 2026 });
  });
  afterEach(() => {
    ctx.db.close();
    dir.remove();
  });

  it('ingest: a weekly packet with a broken local header is refused with packet_invalid, not "internal"', async () => {
    const officer = makeOfficer();
    const bureau = makeBureau(dir.path);
    const file = await writeAssignment(dir.path, bureau, makeAssignment(officer), 1); // any signed packet will do
    const bad = dir.file('weekly-broken.zip');
    writeFileSync(bad, breakFirstLocalHeader(readFileSync(file)));
    const before = dumpDatabase(ctx.db);
    const result = await ingestPacket(ctx, bad);
    expect(result.status).toBe('refused');
    expect(result.error).toMatchObject({ code: 'packet_invalid', params: { reason: 'not_a_zip' } });
    expect(dumpDatabase(ctx.db)).toBe(before);
  });

  it('ingest: a signed payload with a million wrong values in one array is refused in well under a second, with at most 100 issues', async () => {
    const li = ctx.db.prepare("SELECT id, name, unit, phone FROM officers WHERE name = '李明'").get() as {
      id: string;
      name: string;
      unit: string;
      phone: string;
    };
    const file = await writeWeeklyPacket(dir.path, {
      officer: li,
      keys: generateSigningKeyPair(),
      sequence: 1,
      changes: [],
      unchecked: true,
      mutate: (payload) => {
        payload.missingPhotos = Array.from({ length: 1_000_001 }, () => 1);
      },
    });
    const before = dumpDatabase(ctx.db);
    const started = performance.now();
    const result = await ingestPacket(ctx, file);
    // Before the fix: zod made an issue per element, 6 s and a million-issue error.
    expect(performance.now() - started).toBeLessThan(1500);
    expect(result.status).toBe('refused');
    expect(result.error).toMatchObject({ code: 'packet_invalid', params: { reason: 'payload_invalid', field: 'missingPhotos.0' } });
    expect(result.error!.issues.length).toBeLessThanOrEqual(100);
    expect(dumpDatabase(ctx.db)).toBe(before);
  });

  describe('import-master: a workbook SheetJS would unpack without bounds', () => {
    async function sampleEntries() {
      return readZipEntries(readFileSync(join(ROOT, 'docs/samples/master-list.xlsx')));
    }
    function expectRefused(file: string, problem: string): void {
      const before = dumpDatabase(ctx.db);
      const started = performance.now();
      let caught: unknown;
      try {
        importMasterList(ctx, file, { defaultYear: 2026 });
      } catch (error) {
        caught = error;
      }
      const ms = performance.now() - started;
      expect(caught).toBeInstanceOf(AppError);
      expect((caught as AppError).code).toBe('master_list_invalid');
      expect((caught as AppError).params.problem).toBe(problem);
      // Before the fix: 6 s and 300 MB for the bomb, 2 s and a 4 GB allocation for the lying size, 1.5 s for 22 bytes.
      expect(ms).toBeLessThan(1500);
      expect(dumpDatabase(ctx.db)).toBe(before);
    }

    it('a zip bomb in place of the sheet (300 MiB of zeros in 300 KB) is refused as too large', async () => {
      const entries = await sampleEntries();
      const bomb = zeroBomb(300);
      const file = dir.file('bomb.xlsx');
      writeFileSync(
        file,
        writeZip(
          entries.map((e) =>
            /worksheets\/sheet1\.xml$/.test(e.name)
              ? { name: e.name, compressed: bomb.compressed, crc: bomb.crc, uncompressedSize: bomb.bytes }
              : { name: e.name, data: e.data, method: e.compressed ? 8 : 0 },
          ),
        ),
      );
      expectRefused(file, 'too_large');
    });

    it('a part that declares 4 GB (SheetJS allocates what the header says) is refused as damaged', async () => {
      const entries = await sampleEntries();
      const file = dir.file('lying-size.xlsx');
      writeFileSync(
        file,
        writeZip(entries.map((e, i) => ({ name: e.name, data: e.data, method: e.compressed ? 8 : 0, uncompressedSize: i === 1 ? 0xffffffff : undefined }))),
      );
      expectRefused(file, 'damaged');
    });

    it('a workbook cut short (SheetJS spun 1.5 s on 22 bytes) is refused as damaged', () => {
      const file = dir.file('cut.xlsx');
      writeFileSync(file, readFileSync(join(ROOT, 'docs/samples/master-list.xlsx')).subarray(0, 22));
      expectRefused(file, 'damaged');
    });

    it('a bit flipped in a part (SheetJS never checks the CRC) is refused as damaged, not read as a changed amount', async () => {
      const entries = await sampleEntries();
      const sheet = entries.find((e) => /worksheets\/sheet1\.xml$/.test(e.name))!;
      const text = sheet.data.toString('utf8');
      expect(text).toContain('<v>120000</v>');
      const flipped = Buffer.from(text.replace('<v>120000</v>', '<v>120001</v>'), 'utf8'); // '0' → '1' is one bit
      const build = (crcOfSheet: number | undefined) =>
        writeZip(
          entries.map((e) =>
            e === sheet ? { name: e.name, data: flipped, method: 0, crc: crcOfSheet } : { name: e.name, data: e.data, method: e.compressed ? 8 : 0 },
          ),
        );
      const damaged = dir.file('bit-flip.xlsx');
      writeFileSync(damaged, build(crc32(sheet.data))); // the stored CRC is the original's
      expectRefused(damaged, 'damaged');
      // The same bytes with a matching CRC are a real edit, and import as one: only the checksum tells them apart.
      const edited = dir.file('edited.xlsx');
      writeFileSync(edited, build(undefined));
      const result = importMasterList(ctx, edited, { defaultYear: 2026 });
      expect(result.projects.find((p) => p.code === 'GX-2026-001')).toMatchObject({ change: 'updated', fields: ['annualPlannedInvestment'] });
    });

    it('the sample workbook, rebuilt part by part with honest headers, still imports', async () => {
      const entries = await sampleEntries();
      const file = dir.file('rebuilt.xlsx');
      writeFileSync(file, writeZip(entries.map((e) => ({ name: e.name, data: e.data, method: e.compressed ? 8 : 0 }))));
      expect(importMasterList(ctx, file, { defaultYear: 2026 })).toMatchObject({ applied: true, rows: 30, unchanged: 30 });
    });
  });
});
