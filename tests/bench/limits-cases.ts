/**
 * The steps of tests/bench/limits.bench.ts, each run in its own Node process (`node --import tsx
 * limits-cases.ts STEP FOLDER [--full]`) so its peak memory is its own: the kernel's maximum resident set
 * (process.resourceUsage().maxRSS) at the end, beside the resident set just before the work began (after
 * imports and opening the files). Prints one JSON line: { results }.
 * Setup steps write their data into FOLDER for the steps after them.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openOfficerStore } from '../../electron/app/open-store.js';
import { openBureau } from '../../electron/bureau/context.js';
import { projectIdForCode, nameBasedId } from '../../electron/bureau/ids.js';
import { importMasterList } from '../../electron/bureau/import-master.js';
import { ingestFiles } from '../../electron/bureau/ingest.js';
import { initBureau } from '../../electron/bureau/init.js';
import { findOfficer } from '../../electron/bureau/repository.js';
import { masterListWorkbook } from '../../electron/demo/bureau-samples.js';
import { dispatchedProblemChanges, districtMasterRows, siteVisitChange } from './district-master.js';
import { readPacketFile, sha256Hex, writePacketFile, type LazyPacketEntry } from '../../electron/packets/container.js';
import { generateSigningKeyPair } from '../../electron/packets/keys.js';
import { acceptOfficerKey } from '../fixtures/bureau/accept-key.js';
import { readWeeklyFile } from '../../electron/packets/weekly-file.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { lastChangeSeq } from '../../electron/store/repositories/change-log.js';
import { upsertProject } from '../../electron/store/repositories/projects.js';
import { writeSetting } from '../../electron/store/repositories/settings.js';
import { insertAssignmentImport, insertPacketExport } from '../../electron/store/repositories/sync.js';
import { insertAttachment, insertVisit } from '../../electron/store/repositories/visits.js';
import { ensureOfficerKey } from '../../electron/sync/keys.js';
import { exportWeeklyPacket } from '../../electron/sync/weekly-export.js';
import { writeWeeklyPacket, type FixtureChange } from '../fixtures/bureau/weekly-packet.js';
import { makeProject, makeVisit } from '../helpers/fixtures.js';
import { seedLargePortfolio } from './large-portfolio.js';
import type { BenchResult } from './types.js';
import { readingSteps } from './limits-ledger.js';
import { MB, mark, mb, timed } from './limits-measure.js';

const [step = '', root = '', flag] = process.argv.slice(2);
const FULL = flag === '--full';
const NOW = new Date('2026-11-24T10:00:00');

/** The sizes: the realistic maximum by default for records; the photo folder is 2 GB only with --full. */
export const SIZES = {
  officers: 20,
  projectsPerOfficer: 50,
  problems: 50_000,
  visits: 50_000,
  photoBytes: 10 * MB,
  /** Photos in the folder, and how many of them the exported packet carries (the rest acknowledged before). */
  photos: FULL ? 200 : 40,
  photosInPacket: FULL ? 90 : 40,
  packetEntries: 20,
};

const at = (day: string) => `${day}T09:00:00.000Z`;
const path = (...p: string[]) => join(root, ...p);

// ───────────────────────────── the bureau: 1,000 projects, 50,000 problems and visits ─────────────────────────────

async function bureauSetup(): Promise<BenchResult[]> {
  const start = performance.now();
  mkdirSync(path('packets'), { recursive: true });
  initBureau(path('bureau.sqlite'), { now: () => NOW });
  writeFileSync(path('master.xlsx'), masterListWorkbook(districtMasterRows(SIZES.officers, SIZES.projectsPerOfficer)));
  const ctx = openBureau(path('bureau.sqlite'), () => NOW);
  await importMasterList(ctx, path('master.xlsx'), { defaultYear: 2026 });
  // Each officer's share of the problems (each with its dispatch event) and visits, in weekly packets of ~2,500 records.
  const perOfficerProblems = SIZES.problems / SIZES.officers;
  const perOfficerVisits = SIZES.visits / SIZES.officers;
  let files = 0;
  let changes = 0;
  for (let o = 0; o < SIZES.officers; o++) {
    const registered = findOfficer(ctx.db, `责任人${o + 1}`, `单位${o + 1}`)!;
    const officer = { id: registered.id, name: registered.name, unit: registered.unit, phone: '' };
    const keys = generateSigningKeyPair();
    acceptOfficerKey(ctx, registered.id, keys.publicKeyPem); // handed over as a file (docs/bureau.md)
    const by = officer.name;
    const all: FixtureChange[] = [];
    for (let i = 0; i < Math.max(perOfficerProblems, perOfficerVisits); i++) {
      const code = `GX-2026-${String(o * SIZES.projectsPerOfficer + (i % SIZES.projectsPerOfficer) + 1).padStart(4, '0')}`;
      const projectId = projectIdForCode(code);
      const day = `2026-${String(1 + (i % 10)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      const id = (what: string) => nameBasedId(`limits:${o}:${i}:${what}`);
      if (i < perOfficerVisits) {
        all.push(siteVisitChange(id('visit'), projectId, day, by, `现场查看项目建设进度，第${i + 1}次`, at(day)));
      }
      if (i < perOfficerProblems) {
        all.push(
          ...dispatchedProblemChanges(
            { problem: id('problem'), dispatch: id('dispatch') },
            { projectId, category: i % 2 ? 'land' : 'capital', description: `问题${i + 1}：用地指标待落实` },
            day,
            by,
            at(day),
          ),
        );
      }
    }
    const perPacket = 2_500;
    for (let k = 0, seq = 1; k < all.length; k += perPacket, seq++) {
      const slice = all.slice(k, k + perPacket);
      await writeWeeklyPacket(path('packets'), {
        officer,
        keys,
        sequence: seq,
        changes: slice,
        afterSeq: k,
        createdAt: at(`2026-11-${String(seq).padStart(2, '0')}`),
      });
      files += 1;
      changes += slice.length;
    }
  }
  ctx.db.close();
  return [timed('bureau setup (not a limit: writing the test data)', start, `${files} packets, ${changes} changes`)];
}

async function bureauIngest(): Promise<BenchResult[]> {
  const ctx = openBureau(path('bureau.sqlite'), () => NOW);
  const files = readdirSync(path('packets'))
    .map((f) => path('packets', f))
    .sort();
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  const base = mark();
  const start = performance.now();
  const results = await ingestFiles(ctx, files);
  const took = timed('bureau ingest: 1,000 projects, 50,000 problems + 50,000 visits', start, '');
  const refused = results.filter((r) => r.status !== 'accepted');
  if (refused.length > 0) throw new Error(`ingest refused ${refused.length}: ${JSON.stringify(refused[0]!.error)}`);
  const folded = results.reduce((n, r) => n + r.newRecords, 0);
  took.note = `${files.length} packets (${mb(bytes)} MB), ${folded} new records`;
  ctx.db.close();
  return [took, base.peak('bureau ingest')];
}

// ───────────────────────────── the officer's store: 1,000 projects, 50,000 problems and visits ─────────────────────────────

async function officerSetup(): Promise<BenchResult[]> {
  const start = performance.now();
  const ctx = openOfficerStore({ databasePath: path('officer', 'store.db'), now: () => NOW });
  const counts = seedLargePortfolio(ctx.db, { projects: 1000, problems: SIZES.problems, visits: SIZES.visits, now: NOW });
  ctx.db.close();
  return [
    timed(
      'officer setup (not a limit: seeding)',
      start,
      `${counts.projects} projects, ${counts.problems} problems (${counts.problemEvents} events), ${counts.visits} visits`,
    ),
  ];
}

/** projects.list answers every row; problems.ledger one page (issue 11) with the total beside it. */
function rowsOf(value: unknown): string {
  if (Array.isArray(value)) return String(value.length);
  const page = value as { rows: unknown[]; total: number };
  return `a page of ${page.rows.length} of ${page.total}`;
}

async function officerOperation(name: 'projects.list' | 'problems.ledger'): Promise<BenchResult[]> {
  const ctx = openOfficerStore({ databasePath: path('officer', 'store.db'), now: () => NOW });
  const registry = createRegistry();
  const base = mark();
  const start = performance.now();
  const result = await registry.dispatch(name, {}, ctx);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  const took = timed(
    `officer ${name} (50,000 problems + 50,000 visits)`,
    start,
    `${rowsOf(result.value)} rows, ${mb(JSON.stringify(result.value).length)} MB as JSON`,
  );
  ctx.db.close();
  return [took, base.peak(`officer ${name}`)];
}

// ───────────────────────────── photos: a folder of 10 MB photos, a packet of many ─────────────────────────────

/** A JPEG-ish file: SOI, random bytes, EOI (the export carries stored photos as they are, without decoding them). */
function jpegIsh(bytes: number): Buffer {
  const data = randomBytes(bytes);
  data[0] = 0xff;
  data[1] = 0xd8;
  data[bytes - 2] = 0xff;
  data[bytes - 1] = 0xd9;
  return data;
}

async function photosSetup(): Promise<BenchResult[]> {
  const start = performance.now();
  const ctx = openOfficerStore({ databasePath: path('photos', 'store.db'), now: () => NOW });
  const officer = { id: '00000000-0000-4000-8000-0000000000f1', name: '李明', unit: '区经济发展局', phone: '' };
  writeSetting(ctx.db, 'officer', officer);
  ensureOfficerKey(ctx.db, NOW);
  const project = makeProject({ officerId: officer.id });
  upsertProject(ctx.db, project);
  const acknowledged = SIZES.photos - SIZES.photosInPacket;
  for (let i = 0; i < SIZES.photos; i++) {
    if (i === acknowledged && acknowledged > 0) {
      // Everything so far went in weekly packet 1, which the bureau acknowledged: the next packet carries only the rest.
      const through = lastChangeSeq(ctx.db);
      insertPacketExport(ctx.db, {
        sequence: 1,
        packetId: randomUUID(),
        exportedAt: at('2026-11-10'),
        fileName: 'w1.zip',
        filePath: path('w1.zip'),
        fileSha256: '0'.repeat(64),
        bytes: 0,
        afterSeq: 0,
        throughSeq: through,
        changeCount: through,
        photoCount: acknowledged,
        counts: '{}',
        acknowledgedAt: at('2026-11-12'),
      });
      insertAssignmentImport(ctx.db, {
        packetId: randomUUID(),
        sequence: 1,
        officerId: officer.id,
        manifestSha256: '0'.repeat(64),
        fileName: 'a1.zip',
        fileSha256: '0'.repeat(64),
        createdAt: at('2026-11-12'),
        appliedAt: at('2026-11-12'),
        acknowledgedWeeklySequence: 1,
        summary: '{}',
        backupPath: null,
      });
    }
    const data = jpegIsh(SIZES.photoBytes);
    const visit = makeVisit(project.id, { recordedBy: officer.name });
    const id = randomUUID();
    const fileName = `${id}.jpg`;
    writeFileSync(path('photos', 'attachments', fileName), data);
    ctx.db.transaction(() => {
      insertVisit(ctx.db, visit);
      insertAttachment(ctx.db, {
        id,
        ownerKind: 'visit',
        ownerId: visit.id,
        fileName,
        mimeType: 'image/jpeg',
        sha256: sha256Hex(data),
        bytes: data.length,
        width: 2000,
        height: 1500,
        recordedAt: visit.recordedAt,
      });
    })();
  }
  ctx.db.close();
  return [timed('photo folder setup (not a limit)', start, `${SIZES.photos} photos × ${mb(SIZES.photoBytes)} MB = ${mb(SIZES.photos * SIZES.photoBytes)} MB`)];
}

async function photosExport(): Promise<BenchResult[]> {
  const ctx = openOfficerStore({ databasePath: path('photos', 'store.db'), now: () => NOW });
  mkdirSync(path('outbox'), { recursive: true });
  const base = mark();
  const start = performance.now();
  const exported = await exportWeeklyPacket(ctx, { outDir: path('outbox') });
  const took = timed(
    `weekly packet export from a ${mb(SIZES.photos * SIZES.photoBytes)} MB photo folder`,
    start,
    `${exported.photoCount} photos, packet ${mb(exported.bytes)} MB`,
  );
  ctx.db.close();
  return [took, base.peak('weekly packet export')];
}

async function photosRead(): Promise<BenchResult[]> {
  const [file] = readdirSync(path('outbox')).filter((f) => f.endsWith('.zip'));
  const ctx = openOfficerStore({ databasePath: path('photos', 'store.db'), now: () => NOW });
  const key = ensureOfficerKey(ctx.db, NOW).publicKeyPem;
  ctx.db.close();
  const base = mark();
  const start = performance.now();
  // As the bureau's ingest reads it: every photo verified while reading, then each read again to be stored.
  const opened = await readWeeklyFile(path('outbox', file!), { resolveOfficerKey: () => key, deferPhotos: true });
  let bytes = 0;
  for (const id of opened.photoIds) bytes += (await opened.readPhoto(id)).length;
  const took = timed('weekly packet read, verified, every photo read once more', start, `${opened.photoIds.length} photos, ${mb(bytes)} MB`);
  return [took, base.peak('weekly packet read')];
}

// ───────────────────────────── a 200 MB packet ─────────────────────────────

const PACKET_KEYS_FILE = () => path('packet-keys.json');

async function packetSetup(): Promise<BenchResult[]> {
  mkdirSync(path('big'), { recursive: true });
  const hashes: string[] = [];
  for (let i = 0; i < SIZES.packetEntries; i++) {
    const data = jpegIsh(SIZES.photoBytes);
    writeFileSync(path('big', `${i}.jpg`), data);
    hashes.push(sha256Hex(data));
  }
  writeFileSync(PACKET_KEYS_FILE(), JSON.stringify({ ...generateSigningKeyPair(), hashes }));
  return [];
}

async function packetWrite(): Promise<BenchResult[]> {
  const { hashes, ...keys } = JSON.parse(readFileSync(PACKET_KEYS_FILE(), 'utf8')) as ReturnType<typeof generateSigningKeyPair> & { hashes: string[] };
  const entries: LazyPacketEntry[] = [];
  for (let i = 0; i < SIZES.packetEntries; i++) {
    const file = path('big', `${i}.jpg`);
    entries.push({
      path: `photos/${i}.jpg`,
      bytes: statSync(file).size,
      sha256: hashes[i]!,
      load: () => createReadStream(file, { highWaterMark: 256 * 1024 }),
    });
  }
  const base = mark();
  const start = performance.now();
  const written = await writePacketFile(path('big.zip'), {
    kind: 'weekly',
    officerId: randomUUID(),
    sequence: 1,
    createdAt: NOW.toISOString(),
    senderName: '李明',
    keys,
    writtenBy: 'bench',
    entries,
  });
  const took = timed(
    `write a ${mb(written.bytes)} MB packet`,
    start,
    `${SIZES.packetEntries} entries of ${mb(SIZES.photoBytes)} MB, each loaded when the zip reaches it`,
  );
  return [took, base.peak('packet write')];
}

async function packetRead(keep: boolean): Promise<BenchResult[]> {
  const keys = JSON.parse(readFileSync(PACKET_KEYS_FILE(), 'utf8')) as ReturnType<typeof generateSigningKeyPair>;
  const base = mark();
  const start = performance.now();
  const opened = await readPacketFile(path('big.zip'), { expectedKind: 'weekly', resolveKey: () => keys.publicKeyPem, limits: {}, keepInMemory: () => keep });
  const label = keep ? 'read a 200 MB packet keeping every entry in memory (for contrast)' : 'read and verify a 200 MB packet (streamed)';
  const took = timed(label, start, `${mb(opened.fileBytes)} MB, ${opened.manifest.entries.length} entries hashed${keep ? ', all held' : ', none held'}`);
  return [took, base.peak(keep ? 'packet read, all held' : 'packet read, streamed')];
}

const STEPS: Record<string, () => Promise<BenchResult[]>> = {
  'bureau-setup': bureauSetup,
  'bureau-ingest': bureauIngest,
  ...readingSteps(path, NOW),
  'officer-setup': officerSetup,
  'officer-projects': () => officerOperation('projects.list'),
  'officer-problems': () => officerOperation('problems.ledger'),
  'photos-setup': () => (mkdirSync(path('photos', 'attachments'), { recursive: true }), photosSetup()),
  'photos-export': photosExport,
  'photos-read': photosRead,
  'packet-setup': packetSetup,
  'packet-write': packetWrite,
  'packet-read': () => packetRead(false),
  'packet-read-held': () => packetRead(true),
};

export const STEP_NAMES = Object.keys(STEPS);

if (step) {
  const run = STEPS[step];
  if (!run || !root) {
    process.stderr.write(`usage: limits-cases.ts STEP FOLDER [--full]; steps: ${STEP_NAMES.join(', ')}\n`);
    process.exit(2);
  }
  const results = await run();
  process.stdout.write(`${JSON.stringify({ results })}\n`);
}
