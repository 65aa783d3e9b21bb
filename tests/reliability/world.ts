import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { assignAll } from '../../electron/bureau/assign.js';
import { type BureauContext } from '../../electron/bureau/context.js';
import { openBureauDatabase } from '../../electron/bureau/database.js';
import { importMasterList } from '../../electron/bureau/import-master.js';
import { ingestPacket } from '../../electron/bureau/ingest.js';
import { loadBureauKeys } from '../../electron/bureau/init.js';
import type { KeyPairPem } from '../../electron/packets/keys.js';
import { openOfficerStore } from '../../electron/app/open-store.js';
import type { ServiceContext } from '../../electron/handlers/context.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { openDatabase, type SqliteDatabase } from '../../electron/store/database.js';
import { applyAssignment } from '../../electron/sync/assignment-import.js';
import { ensureOfficerKey } from '../../electron/sync/keys.js';
import { exportWeeklyPacket } from '../../electron/sync/weekly-export.js';
import { acceptOfficerKey } from '../fixtures/bureau/accept-key.js';
import { newBureau } from '../helpers/bureau.js';

/**
 * A small real world for the reliability harnesses, built through the product's own code on real files:
 * a bureau (init, the sample master list, assign), an officer store that trusted the bureau's key, applied
 * its first assignment and worked two weeks through the services (visits with photos, close-offs, problems
 * through dispatch and resolve, monthly figures, a milestone), the bureau having ingested the first weekly
 * packet. What is left to import is the fuzzer's base files: the officer's second assignment, the second
 * weekly packet, and the sample master lists.
 */

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const OFFICER_NAME = '李明';

export interface World {
  dir: string;
  bureau: BureauContext;
  bureauKeys: KeyPairPem;
  officerStore: ServiceContext;
  officerKeys: KeyPairPem;
  officerId: string;
  /** Valid files: each would be accepted by its import path. */
  base: { assignment: string; weekly: string; masterXlsx: string; masterCsv: string };
  /** The packet id of the assignment the officer already applied (a replayed id is a case of its own). */
  appliedAssignmentPacketId: string;
  /** Puts the officer store back as it was when the world was built. */
  resetOfficer(): void;
  /** Puts the bureau database and its photo folder back as they were when the world was built. */
  resetBureau(): void;
  /** Removes backups written since the world was built; returns how many. */
  cleanOfficerBackups(): number;
  close(): void;
}

export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

function removeSidecars(path: string): void {
  for (const s of ['-wal', '-shm', '-journal']) rmSync(path + s, { force: true });
}

/** Folds the WAL into the main file and copies it: the copy is the whole database. */
function snapshotDb(db: SqliteDatabase, to: string): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  rmSync(to, { force: true });
  copyFileSync(db.name, to);
}

type Call = <T = any>(ctx: ServiceContext, name: string, input: unknown) => Promise<T>;

/** A service caller that throws on a refused call (the world is built from valid work only). */
export function serviceCaller(): Call {
  const registry = createRegistry();
  return async <T = any>(ctx: ServiceContext, name: string, input: unknown): Promise<T> => {
    const r = await registry.dispatch(name, input, ctx);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value as T;
  };
}

/**
 * One officer's week through the services on their first `projects` projects: a visit with a photo, a
 * close-off, a problem raised and dispatched (resolved from the second week on), a monthly figure, a milestone.
 */
export async function officerWork(store: ServiceContext, week: number, call: Call = serviceCaller(), projects = 3): Promise<void> {
  const list = await call<{ id: string; code: string }[]>(store, 'projects.list', { includeArchived: false });
  for (const project of list.slice(0, projects)) {
    const detail = await call<{
      checklist: { id: string; closedOff: boolean; withdrawnAt: string | null }[];
      milestones: { id: string; reachedOn: string | null }[];
    }>(store, 'projects.get', { projectId: project.id });
    const day = `2026-11-${String(10 + week).padStart(2, '0')}`;
    const png = await sharp({ create: { width: 40 + week, height: 30, channels: 3, background: { r: week * 50, g: 120, b: 200 } } })
      .png()
      .toBuffer();
    await call(store, 'visits.log', {
      projectId: project.id,
      visitedOn: day,
      kind: 'site_visit',
      participants: '企业负责人',
      summary: `第${week}周现场查看${project.code}`,
      findings: '施工正常',
      photos: [{ fileName: `site-${week}.png`, mimeType: 'image/png', dataBase64: png.toString('base64') }],
    });
    const open = detail.checklist.find((c) => !c.closedOff && c.withdrawnAt === null);
    if (open) await call(store, 'checklist.closeOff', { itemId: open.id, effectiveOn: day, note: `第${week}周办结` });
    const problem = await call<{ id: string }>(store, 'problems.raise', {
      projectId: project.id,
      category: 'approval',
      description: `第${week}周：施工许可办理排队`,
      responsibleDepartment: '区行政审批服务局',
      dueOn: '2026-12-31',
    });
    await call(store, 'problems.act', { problemId: problem.id, action: 'dispatch', department: '区行政审批服务局' });
    if (week > 1) await call(store, 'problems.act', { problemId: problem.id, action: 'resolve', resolution: '开辟绿色通道，已办结' });
    await call(store, 'investment.record', {
      projectId: project.id,
      month: `2026-${String(Math.min(9 + week, 11)).padStart(2, '0')}`,
      amount: 1000 * week + 12.5,
    });
    const milestone = detail.milestones.find((m) => m.reachedOn === null);
    if (milestone && week === 1) await call(store, 'milestones.report', { milestoneId: milestone.id, reachedOn: '2026-03-05' });
  }
}

export async function buildWorld(dir: string, now: () => Date = () => new Date('2026-11-24T10:00:00')): Promise<World> {
  mkdirSync(dir, { recursive: true });
  const call = serviceCaller();
  let clock = new Date('2026-11-16T10:00:00');
  const tick = () => new Date(clock.getTime());

  // The bureau.
  const bureauDb = join(dir, 'bureau', 'bureau.sqlite');
  mkdirSync(dirname(bureauDb), { recursive: true });
  const bureau = newBureau(bureauDb, tick);
  importMasterList(bureau, join(ROOT, 'docs/samples/master-list.xlsx'), { defaultYear: 2026 });
  const first = (await assignAll(bureau, { outDir: join(dir, 'assign1'), officer: OFFICER_NAME }))[0]!;

  // The officer.
  const officerStore = openOfficerStore({ databasePath: join(dir, 'officer', 'store.db'), now: tick });
  await call(officerStore, 'sync.trustBureauKey', { keyPem: readFileSync(join(dir, 'bureau', 'bureau.pub'), 'utf8') });
  const applied = await applyAssignment(officerStore, first.file);
  if (!applied.applied) throw new Error('world: first assignment not applied');
  const officerKeys = ensureOfficerKey(officerStore.db, tick());
  // The officer's key handed over as a file: a packet never registers its own key (docs/bureau.md).
  acceptOfficerKey(bureau, first.officerId, officerKeys.publicKeyPem);

  const work = (week: number) => officerWork(officerStore, week, call);

  mkdirSync(join(dir, 'usb'), { recursive: true });
  clock = new Date('2026-11-17T18:00:00');
  await work(1);
  const packet1 = await exportWeeklyPacket(officerStore, { outDir: join(dir, 'usb') });
  clock = new Date('2026-11-18T09:00:00');
  const ingested = await ingestPacket(bureau, packet1.filePath);
  if (ingested.status !== 'accepted') throw new Error(`world: packet 1 not ingested: ${JSON.stringify(ingested.error)}`);
  clock = new Date('2026-11-20T18:00:00');
  await work(2);
  const packet2 = await exportWeeklyPacket(officerStore, { outDir: join(dir, 'usb') });
  clock = new Date('2026-11-21T09:00:00');
  const second = (await assignAll(bureau, { outDir: join(dir, 'assign2'), officer: OFFICER_NAME }))[0]!;
  const bureauKeys = loadBureauKeys(bureau).keys;

  // From here on every context stands at `now`.
  clock = now();
  const base = {
    assignment: second.file,
    weekly: packet2.filePath,
    masterXlsx: join(ROOT, 'docs/samples/master-list.xlsx'),
    masterCsv: join(ROOT, 'docs/samples/master-list.csv'),
  };

  const officerBaseline = join(dir, 'officer-baseline.sqlite');
  const bureauBaseline = join(dir, 'bureau-baseline.sqlite');
  snapshotDb(officerStore.db, officerBaseline);
  snapshotDb(bureau.db, bureauBaseline);
  const bureauFiles = new Set(listFiles(bureau.filesDir));
  const officerFiles = new Set(listFiles(officerStore.attachmentsDir));
  const backupsDir = join(dirname(officerStore.databasePath), 'backups');
  const backupsBaseline = new Set(listFiles(backupsDir));

  const world: World = {
    dir,
    bureau,
    bureauKeys,
    officerStore,
    officerKeys,
    officerId: first.officerId,
    base,
    appliedAssignmentPacketId: applied.packetId,
    resetOfficer() {
      if (officerStore.db.open) officerStore.db.close();
      removeSidecars(officerStore.databasePath);
      copyFileSync(officerBaseline, officerStore.databasePath);
      officerStore.db = openDatabase(officerStore.databasePath);
      for (const f of listFiles(backupsDir)) if (!backupsBaseline.has(f)) rmSync(join(backupsDir, f), { force: true });
      for (const f of listFiles(officerStore.attachmentsDir)) if (!officerFiles.has(f)) rmSync(join(officerStore.attachmentsDir, f), { force: true });
    },
    cleanOfficerBackups() {
      let n = 0;
      for (const f of listFiles(backupsDir)) {
        if (!backupsBaseline.has(f)) {
          rmSync(join(backupsDir, f), { force: true });
          n += 1;
        }
      }
      return n;
    },
    resetBureau() {
      if (bureau.db.open) bureau.db.close();
      removeSidecars(bureau.dbPath);
      copyFileSync(bureauBaseline, bureau.dbPath);
      bureau.db = openBureauDatabase(bureau.dbPath);
      for (const f of listFiles(bureau.filesDir)) if (!bureauFiles.has(f)) rmSync(join(bureau.filesDir, f), { force: true });
    },
    close() {
      if (officerStore.db.open) officerStore.db.close();
      if (bureau.db.open) bureau.db.close();
    },
  };
  return world;
}

/** Paths relative to the world, for messages. */
export const rel = (world: World, path: string) => relative(world.dir, path);
