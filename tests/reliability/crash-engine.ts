import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { assignAll } from '../../electron/bureau/assign.js';
import { openBureau } from '../../electron/bureau/context.js';
import { openBureauDatabase } from '../../electron/bureau/database.js';
import { importMasterList } from '../../electron/bureau/import-master.js';
import { ingestPacket } from '../../electron/bureau/ingest.js';
import { acceptOfficerKey } from '../fixtures/bureau/accept-key.js';
import { openOfficerStore } from '../../electron/app/open-store.js';
import { verifyBackupFile, writeBackup } from '../../electron/handlers/backups.js';
import { changePassphrase, setPassphrase } from '../../electron/protection/protection.js';
import { openConnection } from '../../electron/store/driver.js';
import { openDatabase, type SqliteDatabase } from '../../electron/store/database.js';
import { readWeeklyFile } from '../../electron/packets/weekly-file.js';
import { applyAssignment } from '../../electron/sync/assignment-import.js';
import { ensureOfficerKey } from '../../electron/sync/keys.js';
import { exportWeeklyPacket } from '../../electron/sync/weekly-export.js';
import { dumpDatabase } from '../helpers/temp-store.js';
import { mulberry32 } from './prng.js';
import { listFiles, officerWork, ROOT, serviceCaller } from './world.js';
import { newBureau } from '../helpers/bureau.js';

/**
 * The crash harness. A template (a bureau, two officer stores with work, packets to ingest, an assignment to
 * import) is built once through the product's code. Each run copies it to a fresh folder and starts a child
 * process (tests/reliability/crash-child.ts) that imports the assignment, writes a backup, exports a weekly
 * packet and ingests three packets into the bureau, and kills it with SIGKILL: at each named checkpoint in
 * turn (every rename, fsync, transaction body and commit, backup step), then at seeded random moments of its
 * work. After each kill the run folder is checked:
 *  - each database opens with the product's code and PRAGMA integrity_check is ok;
 *  - the officer store is exactly one of the states a clean run passes through (before; import applied;
 *    packet exported): the import wholly applied or wholly absent; the bureau is before, or after the first,
 *    second or third ingest, never between;
 *  - every file in backups/ with a final name verifies and is a whole copy of the store (before or after the
 *    import); every weekly packet with a final name reads and verifies (readWeeklyFile, the officer's key);
 *    every photo at the bureau with a final name has the SHA-256 it is named by;
 *  - an export recorded in the store's history has its file; a photo recorded as stored at the bureau is there;
 *  - leftovers are temp files only (a leading dot or a .tmp/.partial suffix), never a final name.
 */

export const NOW = '2026-11-24T10:00:00';

/** The passphrases of the protected variant: the store starts under A; the `rekey` step changes it to B. */
export const PASSPHRASE_A = '帮包台账 old passphrase';
export const PASSPHRASE_B = '帮包台账 new passphrase';

export interface CrashTemplate {
  dir: string;
  /** The store (and its backups and photos) is protected with a passphrase, and the run changes it. */
  protect: boolean;
  steps: readonly string[];
  officerPublicKeyPem: string;
  /** Reference dumps (normalized) of the states a clean run passes through. */
  officerStates: string[];
  bureauStates: string[];
  childConfig(runDir: string): Record<string, unknown>;
}

/** Replaces what legitimately differs between runs (the run folder, a packet's random id and hash). */
export function normalizeDump(dump: string, runDir: string): string {
  const out: string[] = [];
  let table = '';
  for (const line of dump.split(runDir).join('<RUN>').split('\n')) {
    if (line.startsWith('table ')) table = line.split(' ')[1]!;
    if (table === 'packet_exports' && line.startsWith('[')) {
      const cols = JSON.parse(line) as [string, unknown][];
      out.push(JSON.stringify(cols.map(([k, v]) => [k, ['packet_id', 'file_sha256', 'bytes'].includes(k) ? '<X>' : v])));
    } else out.push(line);
  }
  return out.join('\n');
}

function dumpFile(path: string, runDir: string, open: (p: string) => SqliteDatabase = (p) => openDatabase(p)): string {
  const db = open(path);
  try {
    return normalizeDump(dumpDatabase(db), runDir);
  } finally {
    db.close();
  }
}

const OFFICER_FILES = ['officer'];
const BUREAU_FILES = ['bureau'];

function copyTemplate(template: string, runDir: string): void {
  mkdirSync(runDir, { recursive: true });
  for (const d of [...OFFICER_FILES, ...BUREAU_FILES]) cpSync(join(template, d), join(runDir, d), { recursive: true });
  mkdirSync(join(runDir, 'out'), { recursive: true });
}

/** Builds the template and the reference states (a clean run of the same steps, in process). */
export async function buildCrashTemplate(dir: string, options: { protect?: boolean } = {}): Promise<CrashTemplate> {
  const protect = options.protect ?? false;
  const call = serviceCaller();
  const template = join(dir, 'template');
  const inputs = join(dir, 'inputs');
  mkdirSync(inputs, { recursive: true });
  let clock = new Date('2026-11-16T10:00:00');
  const tick = () => new Date(clock.getTime());

  const bureauDb = join(template, 'bureau', 'bureau.sqlite');
  mkdirSync(join(template, 'bureau'), { recursive: true });
  const bureau = newBureau(bureauDb, tick);
  importMasterList(bureau, join(ROOT, 'docs/samples/master-list.xlsx'), { defaultYear: 2026 });
  const firsts = await assignAll(bureau, { outDir: join(inputs, 'assign1') });
  const bureauKey = readFileSync(join(template, 'bureau', 'bureau.pub'), 'utf8');

  const officerStore = async (name: string, dbPath: string) => {
    const ctx = openOfficerStore({ databasePath: dbPath, now: tick });
    await call(ctx, 'sync.trustBureauKey', { keyPem: bureauKey });
    await applyAssignment(ctx, firsts.find((a) => a.officerName === name)!.file);
    return ctx;
  };
  const li = await officerStore('李明', join(template, 'officer', 'store.db'));
  const zhang = await officerStore('张伟', join(dir, 'zhang', 'store.db'));
  const officerKeys = ensureOfficerKey(li.db, tick());
  // Both officers' keys handed over as files: a packet never registers its own key (docs/bureau.md).
  acceptOfficerKey(bureau, firsts.find((a) => a.officerName === '李明')!.officerId, officerKeys.publicKeyPem);
  acceptOfficerKey(bureau, firsts.find((a) => a.officerName === '张伟')!.officerId, ensureOfficerKey(zhang.db, tick()).publicKeyPem);
  mkdirSync(join(inputs, 'usb'), { recursive: true });
  clock = new Date('2026-11-17T18:00:00');
  await officerWork(li, 1, call, 2);
  await officerWork(zhang, 1, call, 2);
  const pA1 = await exportWeeklyPacket(li, { outDir: join(inputs, 'usb') });
  const pB1 = await exportWeeklyPacket(zhang, { outDir: join(inputs, 'usb') });
  clock = new Date('2026-11-19T18:00:00');
  await officerWork(li, 2, call, 2);
  const pA2 = await exportWeeklyPacket(li, { outDir: join(inputs, 'usb') });
  clock = new Date('2026-11-20T18:00:00');
  await officerWork(li, 3, call, 1);
  zhang.db.close();

  // The bureau edits the list (a re-dated milestone for every project) and assigns again: what the run imports.
  const csv = readFileSync(join(ROOT, 'docs/samples/master-list.csv'), 'utf8').replaceAll('竣工投产:2026-12-26', '竣工投产:2026-12-30');
  writeFileSync(join(inputs, 'master-edited.csv'), csv);
  importMasterList(bureau, join(inputs, 'master-edited.csv'), { defaultYear: 2026 });
  const second = (await assignAll(bureau, { outDir: join(inputs, 'assign2'), officer: '李明' }))[0]!;

  // The protected variant: the store, its photos (and its backups, none yet) under passphrase A.
  if (protect) setPassphrase(li, PASSPHRASE_A);

  // The template: stores folded (no WAL), no backups yet.
  for (const db of [li.db, bureau.db]) {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
  rmSync(join(template, 'officer', 'backups'), { recursive: true, force: true });
  for (const f of readdirSync(join(template, 'officer'))) if (/-(wal|shm)$/.test(f)) rmSync(join(template, 'officer', f));
  for (const f of readdirSync(join(template, 'bureau'))) if (/-(wal|shm)$/.test(f)) rmSync(join(template, 'bureau', f));

  const packets = [pA1.filePath, pB1.filePath, pA2.filePath];
  const childConfig = (runDir: string) => ({
    officerDb: join(runDir, 'officer', 'store.db'),
    assignment: second.file,
    outDir: join(runDir, 'out'),
    bureauDb: join(runDir, 'bureau', 'bureau.sqlite'),
    packets,
    now: NOW,
    passphrase: protect ? PASSPHRASE_A : null,
    rekeyTo: protect ? PASSPHRASE_B : null,
  });

  // The reference: the same steps in process on a copy, with a dump after each.
  const refDir = join(dir, 'reference');
  copyTemplate(template, refDir);
  const cfg = childConfig(refDir) as { officerDb: string; outDir: string; bureauDb: string };
  const now = () => new Date(NOW);
  const officerStates: string[] = [];
  const bureauStates: string[] = [];
  const ctx = openOfficerStore({ databasePath: cfg.officerDb, now, passphrase: protect ? PASSPHRASE_A : null });
  officerStates.push(normalizeDump(dumpDatabase(ctx.db), refDir));
  await applyAssignment(ctx, second.file);
  officerStates.push(normalizeDump(dumpDatabase(ctx.db), refDir));
  await writeBackup(ctx, 'manual');
  if (normalizeDump(dumpDatabase(ctx.db), refDir) !== officerStates[1]) throw new Error('reference: a backup changed the store');
  await exportWeeklyPacket(ctx, { outDir: cfg.outDir });
  officerStates.push(normalizeDump(dumpDatabase(ctx.db), refDir));
  if (protect) {
    changePassphrase(ctx, PASSPHRASE_A, PASSPHRASE_B);
    if (normalizeDump(dumpDatabase(ctx.db), refDir) !== officerStates[2]) throw new Error('reference: a passphrase change changed the content');
  }
  ctx.db.close();
  const b = openBureau(cfg.bureauDb, now);
  bureauStates.push(normalizeDump(dumpDatabase(b.db), refDir));
  for (const p of packets) {
    const r = await ingestPacket(b, p);
    if (r.status !== 'accepted') throw new Error(`reference: ingest refused ${JSON.stringify(r.error)}`);
    bureauStates.push(normalizeDump(dumpDatabase(b.db), refDir));
  }
  b.db.close();
  if (new Set(officerStates).size !== 3 || new Set(bureauStates).size !== 4) throw new Error('reference: the steps do not change the stores');
  const steps = protect ? ['import', 'backup', 'export', 'rekey', 'ingest'] : ['import', 'backup', 'export', 'ingest'];
  return { dir, protect, steps, officerPublicKeyPem: officerKeys.publicKeyPem, officerStates, bureauStates, childConfig };
}

// ───────────── the child ─────────────

export interface ChildCommand {
  command: string;
  args: string[];
  /** Removes the bundle, if one was written. */
  dispose(): void;
}

/**
 * How the child is started. Bundled with esbuild into one file beside node_modules (the same sources, a
 * quarter of tsx's start-up time, which is what 100+ runs pay for), or run through tsx with `bundle: false`.
 */
export async function childCommand(bundle = true): Promise<ChildCommand> {
  const entry = join(ROOT, 'tests/reliability/crash-child.ts');
  if (!bundle) return { command: process.execPath, args: ['--import', 'tsx', entry], dispose: () => {} };
  const esbuild = await import('esbuild');
  // Beside node_modules so its imports resolve; one per process, so two harnesses never share one.
  const outfile = join(ROOT, `node_modules/.cache/sponsor-desk-reliability/crash-child-${process.pid}.mjs`);
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    logLevel: 'error',
  });
  return { command: process.execPath, args: [outfile], dispose: () => rmSync(outfile, { force: true }) };
}

export interface ChildRun {
  /** How it ended: killed by the harness, or finished on its own. */
  killed: boolean;
  exitCode: number | null;
  /** Checkpoints passed (the last is where it stopped). */
  checkpoints: string[];
  /** The step it was in. */
  step: string;
  /** ms of work (from `ready`) when killed or done, as the harness saw it. */
  workMs: number;
  /** ms of work as the child measured it (a finished run only). */
  childWorkMs: number | null;
  /** When each step began, ms after `ready`. */
  stepStarts: Record<string, number>;
  stderr: string;
}

/** Killed at the N-th checkpoint; `ms` into a step (from the moment the child announces it); or left to finish. */
export type KillPlan = { at: 'checkpoint'; index: number } | { at: 'delay'; step: string; ms: number } | { at: 'never' };

export function runChild(cmd: ChildCommand, config: Record<string, unknown>, plan: KillPlan, timeoutMs = 60_000): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, CRASH_CONFIG: JSON.stringify(config), CRASH_PAUSE_AT: plan.at === 'checkpoint' ? String(plan.index) : '0' };
    const child = spawn(cmd.command, cmd.args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: ChildRun = { killed: false, exitCode: null, checkpoints: [], step: 'start', workMs: 0, childWorkMs: null, stepStarts: {}, stderr: '' };
    let readyAt = 0;
    let buffer = '';
    let timer: NodeJS.Timeout | undefined;
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the child did not finish within ${timeoutMs} ms (step ${run.step}, ${run.checkpoints.length} checkpoints)`));
    }, timeoutMs);
    const kill = () => {
      if (run.killed || child.exitCode !== null) return;
      run.killed = true;
      run.workMs = performance.now() - readyAt;
      child.kill('SIGKILL');
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line === 'ready') {
          readyAt = performance.now();
        } else if (line.startsWith('step ')) {
          run.step = line.slice(5);
          run.stepStarts[run.step] = performance.now() - readyAt;
          if (plan.at === 'delay' && plan.step === run.step) timer = setTimeout(kill, plan.ms);
        } else if (line.startsWith('cp ')) run.checkpoints.push(line.slice(3));
        else if (line.startsWith('paused ')) {
          run.checkpoints.push(line.slice(7));
          kill();
        } else if (line.startsWith('done')) {
          run.step = 'done';
          run.stepStarts.done = performance.now() - readyAt;
          run.childWorkMs = Number(line.split(' ')[1]);
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => {
      run.stderr += c;
    });
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(guard);
      clearTimeout(timer);
      run.exitCode = code;
      if (!run.killed) run.workMs = performance.now() - readyAt;
      resolve(run);
    });
  });
}

// ───────────── checking a run folder ─────────────

export interface RunCheck {
  officerState: number;
  bureauState: number;
  backups: number;
  packets: number;
  photos: number;
  /** Temp files left behind (allowed: never a final name). */
  leftovers: string[];
  /** An exported packet on disk that the store's history does not list (the kill fell between rename and commit). */
  packetWithoutHistory: boolean;
  /** Protected variant: which passphrase opened the store ('A' old, 'B' new), and how many backups each opened. */
  storeKey: 'A' | 'B' | 'plain' | null;
  backupKeys: Record<string, number>;
  problems: string[];
}

const BACKUP_FINAL = /^sponsor-desk-(before-restore-)?\d{8}-\d{6}(-\d+)?\.sqlite$/;
/** SQLite's own files beside a database (a rollback journal left by a kill is rolled back on the next open). */
const SIDECAR = /^sponsor-desk-(before-restore-)?\d{8}-\d{6}(-\d+)?\.sqlite-(journal|wal|shm)$/;
const PACKET_FINAL = /^sponsor-desk-weekly-\d{8}-.+-\d{4}(-\d+)?\.zip$/;
const TEMP = /^\.|\.tmp$|\.partial$/;

export async function checkRun(template: CrashTemplate, runDir: string): Promise<RunCheck> {
  const cfg = template.childConfig(runDir) as { officerDb: string; outDir: string; bureauDb: string };
  const check: RunCheck = {
    officerState: -1,
    bureauState: -1,
    backups: 0,
    packets: 0,
    photos: 0,
    leftovers: [],
    packetWithoutHistory: false,
    storeKey: null,
    backupKeys: {},
    problems: [],
  };
  const problem = (p: string) => check.problems.push(p);
  // The protected variant: the new passphrase first (the store may be re-keyed), then the old one.
  const keys: [RunCheck['storeKey'], string | null][] = template.protect
    ? [
        ['B', PASSPHRASE_B],
        ['A', PASSPHRASE_A],
      ]
    : [['plain', null]];
  function openWithSomeKey<T>(open: (passphrase: string | null) => T): { value: T; key: RunCheck['storeKey'] } {
    let last: unknown;
    for (const [key, passphrase] of keys) {
      try {
        return { value: open(passphrase), key };
      } catch (error) {
        last = error;
      }
    }
    throw last;
  }

  // The officer store.
  let historyFiles: string[] = [];
  try {
    const opened = openWithSomeKey((passphrase) => openDatabase(cfg.officerDb, { passphrase }));
    const db = opened.value;
    check.storeKey = opened.key;
    try {
      const integrity = db.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') problem(`officer store integrity_check: ${String(integrity)}`);
      const dump = normalizeDump(dumpDatabase(db), runDir);
      check.officerState = template.officerStates.indexOf(dump);
      if (check.officerState < 0) problem(`the officer store is in none of the states of a clean run (import half applied?)`);
      if (check.storeKey === 'B' && check.officerState !== 2)
        problem('the store is under the new passphrase but the steps before the change are not all in it');
      historyFiles = (db.prepare('SELECT file_path AS p FROM packet_exports').all() as { p: string }[]).map((r) => r.p);
    } finally {
      db.close();
    }
  } catch (error) {
    problem(`the officer store does not open: ${(error as Error).message}`);
  }

  // Backups beside it.
  const backupsDir = join(runDir, 'officer', 'backups');
  for (const name of existsSync(backupsDir) ? readdirSync(backupsDir) : []) {
    const path = join(backupsDir, name);
    if (BACKUP_FINAL.test(name)) {
      check.backups += 1;
      try {
        const { key } = openWithSomeKey((passphrase) => verifyBackupFile(path, passphrase));
        check.backupKeys[key ?? 'none'] = (check.backupKeys[key ?? 'none'] ?? 0) + 1;
        const passphrase = keys.find(([k]) => k === key)![1];
        const dump = dumpFile(path, runDir, (p) =>
          passphrase ? openConnection(p, { fileMustExist: true, passphrase }) : new Database(p, { readonly: true, fileMustExist: true }),
        );
        if (dump !== template.officerStates[0] && dump !== template.officerStates[1]) problem(`backup ${name} is not a whole copy of the store`);
      } catch (error) {
        problem(`backup ${name} does not verify: ${(error as Error).message}`);
      }
    } else if (TEMP.test(name) || SIDECAR.test(name)) check.leftovers.push(`backups/${name}`);
    else problem(`backups/${name}: neither a backup nor a temp file`);
  }

  // The weekly packet.
  for (const name of readdirSync(cfg.outDir)) {
    const path = join(cfg.outDir, name);
    if (PACKET_FINAL.test(name)) {
      check.packets += 1;
      try {
        await readWeeklyFile(path, { resolveOfficerKey: () => template.officerPublicKeyPem });
      } catch (error) {
        problem(`packet ${name} has its final name but does not verify: ${(error as Error).message}`);
      }
      if (!historyFiles.includes(path)) check.packetWithoutHistory = true;
    } else if (TEMP.test(name)) check.leftovers.push(`out/${name}`);
    else problem(`out/${name}: neither a packet nor a temp file`);
  }
  for (const p of historyFiles) if (!existsSync(p)) problem(`the export history lists ${p}, which is not there`);

  // The bureau.
  try {
    const db = openBureauDatabase(cfg.bureauDb);
    try {
      const integrity = db.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') problem(`bureau integrity_check: ${String(integrity)}`);
      const dump = normalizeDump(dumpDatabase(db), runDir);
      check.bureauState = template.bureauStates.indexOf(dump);
      if (check.bureauState < 0) problem('the bureau database is in none of the states of a clean run (a packet half folded?)');
      const filesDir = join(runDir, 'bureau', 'bureau-files');
      const stored = db.prepare('SELECT sha256, file_name AS fileName FROM attachments WHERE file_stored = 1').all() as { sha256: string; fileName: string }[];
      for (const a of stored) {
        const dir = join(filesDir, a.sha256.slice(0, 2));
        if (!existsSync(dir) || !readdirSync(dir).some((f) => f.startsWith(a.sha256) && !TEMP.test(f)))
          problem(`the bureau records photo ${a.sha256} as stored, but it is not there`);
      }
    } finally {
      db.close();
    }
  } catch (error) {
    problem(`the bureau database does not open: ${(error as Error).message}`);
  }
  const filesDir = join(runDir, 'bureau', 'bureau-files');
  for (const rel of listFiles(filesDir)) {
    const name = rel.split('/').pop()!;
    if (TEMP.test(name)) {
      check.leftovers.push(`bureau-files/${rel}`);
      continue;
    }
    check.photos += 1;
    const sha = createHash('sha256')
      .update(readFileSync(join(filesDir, rel)))
      .digest('hex');
    if (!name.startsWith(sha)) problem(`photo ${rel} has its final name but not its content`);
  }
  return check;
}

// ───────────── the campaign ─────────────

export interface CrashOptions {
  seed: number;
  /** Total runs: one per checkpoint first (up to `checkpointRuns`), the rest at random moments. */
  runs: number;
  /** At most this many runs at named checkpoints (spread evenly over all of them). */
  checkpointRuns?: number;
  dir: string;
  parallel?: number;
  bundle?: boolean;
  log?: (line: string) => void;
  /** Replay one run: its index in the plan. */
  only?: number;
  keepRuns?: boolean;
  /** The protected variant (see CrashTemplate.protect). */
  protect?: boolean;
}

export interface RunResult {
  index: number;
  plan: KillPlan;
  run: ChildRun;
  check: RunCheck;
}

export interface CrashReport {
  seed: number;
  runs: number;
  ms: number;
  cleanRun: { workMs: number; checkpoints: number; stepMs: Record<string, number> };
  killedAtCheckpoint: number;
  killedAtRandom: number;
  finished: number;
  /** How many runs ended in each state: officer "0 before / 1 imported / 2 exported", bureau "packets folded". */
  officerStates: Record<string, number>;
  bureauStates: Record<string, number>;
  steps: Record<string, number>;
  backupsVerified: number;
  packetsVerified: number;
  packetsWithoutHistory: number;
  leftovers: number;
  /** Protected variant: which passphrase opened the store after the kill, and the backups. */
  storeKeys: Record<string, number>;
  backupKeys: Record<string, number>;
  /** Runs that left the store under the new passphrase and a backup under the old one (a change cut short). */
  oldKeyBackupsAfterChange: number;
  failures: RunResult[];
}

export async function runCrashes(options: CrashOptions): Promise<CrashReport> {
  const cmd = await childCommand(options.bundle ?? true);
  try {
    return await campaign(options, cmd);
  } finally {
    cmd.dispose();
  }
}

async function campaign(options: CrashOptions, cmd: ChildCommand): Promise<CrashReport> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const template = await buildCrashTemplate(options.dir, { protect: options.protect });

  // A clean run: the checkpoints and how long the work takes; it must end in the last states.
  const cleanDir = join(options.dir, 'runs', 'clean');
  copyTemplate(join(options.dir, 'template'), cleanDir);
  const clean = await runChild(cmd, template.childConfig(cleanDir), { at: 'never' });
  if (clean.exitCode !== 0 || clean.step !== 'done') throw new Error(`the clean run failed (exit ${clean.exitCode}): ${clean.stderr}`);
  const cleanCheck = await checkRun(template, cleanDir);
  if (cleanCheck.problems.length > 0 || cleanCheck.officerState !== 2 || cleanCheck.bureauState !== 3) {
    throw new Error(`the clean run did not end where the reference does: ${JSON.stringify(cleanCheck)}`);
  }
  const workMs = clean.childWorkMs ?? clean.workMs;
  log(`clean run: ${clean.checkpoints.length} checkpoints, ${Math.round(workMs)} ms of work`);

  // The plan: named checkpoints spread over the run, then seeded random moments.
  const rng = mulberry32(options.seed);
  const total = clean.checkpoints.length;
  const atCheckpoints = Math.min(total, options.checkpointRuns ?? total, options.runs);
  const plans: KillPlan[] = [];
  for (let i = 0; i < atCheckpoints; i++) plans.push({ at: 'checkpoint', index: 1 + Math.floor((i * total) / atCheckpoints) });
  // Random moments: a step drawn in turn, then a moment within it as long as the clean run's step took (a
  // loaded machine may stretch a run: the few that finish first are checked all the same and counted apart).
  const STEPS = template.steps;
  const stepMs = (i: number) => clean.stepStarts[STEPS[i + 1] ?? 'done']! - clean.stepStarts[STEPS[i]!]!;
  while (plans.length < options.runs) {
    const i = (plans.length - atCheckpoints) % STEPS.length;
    plans.push({ at: 'delay', step: STEPS[i]!, ms: Math.round(rng.next() * stepMs(i) * 10) / 10 });
  }

  const report: CrashReport = {
    seed: options.seed,
    runs: 0,
    ms: 0,
    cleanRun: { workMs: Math.round(workMs), checkpoints: total, stepMs: Object.fromEntries(STEPS.map((s, i) => [s, Math.round(stepMs(i))])) },
    killedAtCheckpoint: 0,
    killedAtRandom: 0,
    finished: 0,
    officerStates: {},
    bureauStates: {},
    steps: {},
    backupsVerified: 0,
    packetsVerified: 0,
    packetsWithoutHistory: 0,
    leftovers: 0,
    storeKeys: {},
    backupKeys: {},
    oldKeyBackupsAfterChange: 0,
    failures: [],
  };
  const OFFICER_STATE = ['before', 'imported', 'exported'];
  const indices = options.only !== undefined ? [options.only] : plans.map((_, i) => i);
  let next = 0;
  const worker = async () => {
    while (next < indices.length) {
      const index = indices[next++]!;
      const plan = plans[index]!;
      const runDir = join(options.dir, 'runs', `run-${index}`);
      copyTemplate(join(options.dir, 'template'), runDir);
      const run = await runChild(cmd, template.childConfig(runDir), plan);
      const check = await checkRun(template, runDir);
      if (!run.killed && (run.exitCode !== 0 || run.step !== 'done'))
        check.problems.push(`the child failed on its own (exit ${run.exitCode}): ${run.stderr.slice(0, 500)}`);
      report.runs += 1;
      if (!run.killed) report.finished += 1;
      else if (plan.at === 'checkpoint') report.killedAtCheckpoint += 1;
      else report.killedAtRandom += 1;
      const o = OFFICER_STATE[check.officerState] ?? 'invalid';
      report.officerStates[o] = (report.officerStates[o] ?? 0) + 1;
      const b = check.bureauState >= 0 ? `${check.bureauState} packets folded` : 'invalid';
      report.bureauStates[b] = (report.bureauStates[b] ?? 0) + 1;
      report.steps[run.step] = (report.steps[run.step] ?? 0) + 1;
      report.backupsVerified += check.backups;
      report.packetsVerified += check.packets;
      report.packetsWithoutHistory += check.packetWithoutHistory ? 1 : 0;
      report.leftovers += check.leftovers.length;
      report.storeKeys[check.storeKey ?? 'none'] = (report.storeKeys[check.storeKey ?? 'none'] ?? 0) + 1;
      for (const [k, n] of Object.entries(check.backupKeys)) report.backupKeys[k] = (report.backupKeys[k] ?? 0) + n;
      if (check.storeKey === 'B' && (check.backupKeys.A ?? 0) > 0) report.oldKeyBackupsAfterChange += 1;
      const where =
        plan.at === 'checkpoint'
          ? `checkpoint ${plan.index} (${run.checkpoints.at(-1) ?? ''})`
          : plan.at === 'delay'
            ? `${plan.ms} ms into ${plan.step} (in ${run.step}, after ${run.checkpoints.at(-1) ?? 'no checkpoint'})`
            : 'not killed';
      if (check.problems.length > 0) {
        report.failures.push({ index, plan, run, check });
        log(
          `FAIL seed ${options.seed} run ${index}: killed at ${where}\n  ${check.problems.join('\n  ')}\n  replay: npm run reliability:crash -- --seed ${options.seed} --runs ${options.runs} --only ${index} --keep`,
        );
      } else if (!options.keepRuns) rmSync(runDir, { recursive: true, force: true });
      if (options.only !== undefined) log(`run ${index}: killed at ${where}; officer ${o}, bureau ${b}; ${JSON.stringify(check)}`);
      if (report.runs % 25 === 0) log(`… ${report.runs} runs, ${report.failures.length} failures, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.parallel ?? 2) }, worker));
  report.ms = Math.round(performance.now() - started);
  return report;
}
