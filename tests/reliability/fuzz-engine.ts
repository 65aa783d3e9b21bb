import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { importMasterList } from '../../electron/bureau/import-master.js';
import { ingestPacket } from '../../electron/bureau/ingest.js';
import { generateSigningKeyPair } from '../../electron/packets/keys.js';
import type { SqliteDatabase } from '../../electron/store/database.js';
import { applyAssignment, previewAssignment } from '../../electron/sync/assignment-import.js';
import { ASSIGNMENT_PAYLOAD_PATH } from '@shared/packets/assignment.js';
import { WEEKLY_PAYLOAD_PATH } from '@shared/packets/weekly.js';
import { AppError, AppErrorCode, type AppErrorShape } from '@shared/errors.js';
import { dumpDatabase } from '../helpers/temp-store.js';
import { loadPacketBase, makeMutant, DEFAULT_TARGET_WEIGHTS, type Mutant, type MutationBases, type Target } from './mutate.js';
import { caseSeed, mulberry32 } from './prng.js';
import { withSeededCrypto } from './determinism.js';
import { buildWorld, listFiles, type World } from './world.js';

/**
 * The fuzzer: seeded mutants of valid files through the real import paths, in process. The officer's
 * assignment import (preview, then apply), the bureau's weekly-packet ingest and its master-list import.
 * For every mutant: each call ends in a clear AppError (a known code other than `internal`, with a message)
 * or a valid acceptance, never another exception, never longer than the hang limit; after every refusal the
 * receiver's database dump (tests/helpers/temp-store.ts dumpDatabase) and its files are exactly as before.
 * An accepted mutant is checked (integrity, foreign keys) and the receiver is put back to its baseline.
 */

export const HANG_MS = 5_000;
/** The seed the world (records, ids, keys) is built with; fixed, so base files never change between runs. */
export const WORLD_SEED = 20261124;
const KNOWN_CODES = new Set<string>(AppErrorCode.options.filter((c) => c !== 'internal'));

export interface FuzzOptions {
  seed: number;
  runs: number;
  /** Replay exactly this case index. */
  only?: number;
  /** Where the world is built (a fresh temp folder). */
  dir: string;
  hangMs?: number;
  weights?: Record<Target, number>;
  /** Progress lines. */
  log?: (line: string) => void;
  /** Stop at the first failure. */
  failFast?: boolean;
}

export type Outcome = { kind: 'accepted'; note: string } | { kind: 'refused'; code: string; reason: string } | { kind: 'failure'; message: string };

export interface CaseResult {
  index: number;
  target: Target;
  kind: string;
  detail: string;
  bytes: number;
  outcomes: { call: string; outcome: Outcome; ms: number }[];
  failures: string[];
  ms: number;
}

export interface FuzzReport {
  seed: number;
  runs: number;
  ms: number;
  /** target → kind → count */
  byKind: Record<string, Record<string, number>>;
  /** target → outcome label (accepted, or refused code/reason) → count */
  byOutcome: Record<string, Record<string, number>>;
  /** target → mutation kind → accepted / refused / failed */
  byKindOutcome: Record<string, Record<string, { accepted: number; refused: number; failed: number }>>;
  accepted: number;
  refused: number;
  failures: CaseResult[];
  /** Every case in full when one case is replayed (`only`). */
  cases: CaseResult[];
  slowest: { index: number; target: Target; kind: string; ms: number }[];
}

/** The label an outcome is counted under. */
export function outcomeLabel(o: Outcome): string {
  if (o.kind === 'accepted') return `accepted${o.note ? ` (${o.note})` : ''}`;
  if (o.kind === 'refused') return `refused ${o.code}${o.reason ? `/${o.reason}` : ''}`;
  return 'FAILURE';
}

function classifyError(error: unknown): Outcome {
  if (error instanceof AppError) {
    if (!KNOWN_CODES.has(error.code)) return { kind: 'failure', message: `AppError with code ${error.code}: ${error.message}` };
    if (error.message.trim().length < 10)
      return { kind: 'failure', message: `AppError ${error.code} without a message naming the problem: ${JSON.stringify(error.message)}` };
    return { kind: 'refused', code: error.code, reason: String(error.params.reason ?? error.params.problem ?? '') };
  }
  const e = error as Error;
  return { kind: 'failure', message: `not an AppError: ${e?.name ?? typeof error}: ${e?.message ?? String(error)}\n${e?.stack ?? ''}` };
}

function classifyShape(shape: AppErrorShape): Outcome {
  if (!KNOWN_CODES.has(shape.code)) return { kind: 'failure', message: `refused with code ${shape.code} (an unexpected exception inside): ${shape.message}` };
  if (shape.message.trim().length < 10) return { kind: 'failure', message: `refused without a message naming the problem: ${JSON.stringify(shape.message)}` };
  return { kind: 'refused', code: shape.code, reason: String(shape.params.reason ?? shape.params.problem ?? '') };
}

class Hang extends Error {}

/** Runs `work` with a wall-clock guard: a promise that does not settle within `ms` is a hang. */
async function guarded<T>(ms: number, work: () => Promise<T> | T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve().then(work),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Hang(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A watchdog thread for synchronous hangs (a loop the event loop never leaves, where no timer can fire):
 * when one case runs past `limitMs` it prints the case on stderr and ends the process.
 */
function startWatchdog(limitMs: number): { enter(index: number, label: string): void; leave(): void; stop(): void } {
  const shared = new SharedArrayBuffer(16 + 512);
  const state = new Float64Array(shared, 0, 2); // [case index (−1 idle), start time]
  const label = new Uint8Array(shared, 16, 512);
  state[0] = -1;
  const worker = new Worker(
    `
    const { workerData } = require('node:worker_threads');
    const fs = require('node:fs');
    const state = new Float64Array(workerData.shared, 0, 2);
    const label = new Uint8Array(workerData.shared, 16, 512);
    setInterval(() => {
      if (state[0] >= 0 && Date.now() - state[1] > workerData.limitMs) {
        const text = Buffer.from(label).toString('utf8').replace(/\\0+$/, '');
        fs.writeSync(2, '\\nFUZZ HANG: case ' + state[0] + ' (' + text + ') has run ' + (Date.now() - state[1]) + ' ms without returning; replay it with --only ' + state[0] + '\\n');
        process.kill(process.pid, 'SIGKILL');
      }
    }, 250);
    `,
    { eval: true, workerData: { shared, limitMs } },
  );
  worker.unref();
  return {
    enter(index, text) {
      label.fill(0);
      label.set(Buffer.from(text, 'utf8').subarray(0, 511));
      state[1] = Date.now();
      state[0] = index;
    },
    leave() {
      state[0] = -1;
    },
    stop() {
      void worker.terminate();
    },
  };
}

function bureauSnapshot(world: World): string {
  return `${dumpDatabase(world.bureau.db)}\nfiles:${listFiles(world.bureau.filesDir).join(',')}`;
}
function officerSnapshot(world: World): string {
  return `${dumpDatabase(world.officerStore.db)}\nattachments:${listFiles(world.officerStore.attachmentsDir).join(',')}`;
}

/** Checks a database a mutant was accepted into: whole, and every reference resolves. */
function checkAccepted(db: SqliteDatabase): string[] {
  const problems: string[] = [];
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') problems.push(`integrity_check after acceptance: ${String(integrity)}`);
  const fk = db.pragma('foreign_key_check') as unknown[];
  if (fk.length > 0) problems.push(`foreign_key_check after acceptance: ${JSON.stringify(fk.slice(0, 3))}`);
  return problems;
}

function firstDifference(a: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return `line ${i}: before ${JSON.stringify((la[i] ?? '').slice(0, 200))}, after ${JSON.stringify((lb[i] ?? '').slice(0, 200))}`;
  }
  return '(no line differs)';
}

export interface Fuzzer {
  world: World;
  bases: MutationBases;
  runCase(index: number): Promise<CaseResult>;
  close(): void;
}

export async function createFuzzer(options: Pick<FuzzOptions, 'seed' | 'dir' | 'hangMs' | 'weights'>): Promise<Fuzzer> {
  // The same world on every run and machine, whatever the fuzz seed: the base files are the same bytes.
  const world = await withSeededCrypto(WORLD_SEED, () => buildWorld(options.dir));
  const bases: MutationBases = {
    assignment: await loadPacketBase(readFileSync(world.base.assignment), ASSIGNMENT_PAYLOAD_PATH, world.bureauKeys),
    weekly: await loadPacketBase(readFileSync(world.base.weekly), WEEKLY_PAYLOAD_PATH, world.officerKeys),
    masterXlsx: readFileSync(world.base.masterXlsx),
    masterCsv: readFileSync(world.base.masterCsv),
    wrongKeys: await withSeededCrypto(WORLD_SEED + 1, async () => generateSigningKeyPair()),
    appliedAssignmentPacketId: world.appliedAssignmentPacketId,
    officerId: world.officerId,
  };
  const hangMs = options.hangMs ?? HANG_MS;
  const casesDir = join(options.dir, 'cases');
  mkdirSync(casesDir, { recursive: true });
  let officerBefore = officerSnapshot(world);
  let bureauBefore = bureauSnapshot(world);

  async function runCase(index: number): Promise<CaseResult> {
    const rng = mulberry32(caseSeed(options.seed, index));
    const started = performance.now();
    const mutant: Mutant = await makeMutant(rng, bases, options.weights ?? DEFAULT_TARGET_WEIGHTS);
    const file = join(casesDir, `mutant-${index}${mutant.ext}`);
    writeFileSync(file, mutant.bytes);
    const result: CaseResult = {
      index,
      target: mutant.target,
      kind: mutant.kind,
      detail: mutant.detail,
      bytes: mutant.bytes.length,
      outcomes: [],
      failures: [],
      ms: 0,
    };
    const call = async (name: string, work: () => Promise<Outcome> | Outcome): Promise<Outcome> => {
      const t = performance.now();
      let outcome: Outcome;
      try {
        outcome = await guarded(hangMs, work);
      } catch (error) {
        outcome = error instanceof Hang ? { kind: 'failure', message: `hang: ${name} ${error.message}` } : classifyError(error);
      }
      const ms = performance.now() - t;
      if (outcome.kind !== 'failure' && ms > hangMs) outcome = { kind: 'failure', message: `hang: ${name} took ${Math.round(ms)} ms (limit ${hangMs} ms)` };
      result.outcomes.push({ call: name, outcome, ms });
      if (outcome.kind === 'failure') result.failures.push(`${name}: ${outcome.message}`);
      return outcome;
    };
    // An accepted file must leave a consistent bureau, and the reset must bring back the one before it;
    // a refused one (`refused` says how, in a failure) must have written nothing.
    const settleBureau = (accepted: boolean, refused: string): void => {
      if (accepted) {
        result.failures.push(...checkAccepted(world.bureau.db));
        world.resetBureau();
        const now = bureauSnapshot(world);
        if (now !== bureauBefore) result.failures.push(`reset did not restore the bureau: ${firstDifference(bureauBefore, now)}`);
        bureauBefore = now;
      } else {
        const after = bureauSnapshot(world);
        if (after !== bureauBefore) result.failures.push(`bureau changed although ${refused}: ${firstDifference(bureauBefore, after)}`);
      }
    };

    if (mutant.target === 'assignment') {
      const ctx = world.officerStore;
      let applied = false;
      await call('preview', async () => {
        const p = await previewAssignment(ctx, file);
        return { kind: 'accepted', note: p.status };
      });
      await call('apply', async () => {
        const r = await applyAssignment(ctx, file);
        applied = r.applied;
        return { kind: 'accepted', note: r.applied ? 'applied' : r.status };
      });
      if (applied) {
        result.failures.push(...checkAccepted(ctx.db));
        world.resetOfficer();
        const now = officerSnapshot(world);
        if (now !== officerBefore) result.failures.push(`reset did not restore the officer store: ${firstDifference(officerBefore, now)}`);
        officerBefore = now;
      } else {
        const after = officerSnapshot(world);
        if (after !== officerBefore) result.failures.push(`officer store changed although nothing was applied: ${firstDifference(officerBefore, after)}`);
        if (world.cleanOfficerBackups() > 0)
          result.outcomes.push({ call: 'note', outcome: { kind: 'accepted', note: 'a refused apply left its backup' }, ms: 0 });
      }
    } else if (mutant.target === 'weekly') {
      let accepted = false;
      let pending = false;
      await call('ingest', async () => {
        const r = await ingestPacket(world.bureau, file);
        if (r.status === 'refused') {
          if (!r.error) return { kind: 'failure', message: 'refused without an error' };
          return classifyShape(r.error);
        }
        accepted = r.status === 'accepted';
        pending = r.status === 'pending';
        return { kind: 'accepted', note: r.status };
      });
      if (pending) {
        // Signed by a key the bureau has not accepted (a re-signed mutant): held in the pending list, its
        // file archived, and nothing else written (docs/bureau.md). Take the pending row and file away: the
        // bureau must then be exactly as before.
        world.bureau.db.prepare('DELETE FROM pending_packets').run();
        const after = bureauSnapshot(world)
          .split('\n')
          .map((line) =>
            line.startsWith('files:')
              ? `files:${line
                  .slice(6)
                  .split(',')
                  .filter((f) => f && !f.startsWith('pending'))
                  .join(',')}`
              : line,
          )
          .join('\n');
        if (after !== bureauBefore)
          result.failures.push(`bureau changed beyond the pending list for a packet held pending: ${firstDifference(bureauBefore, after)}`);
        world.resetBureau();
        bureauBefore = bureauSnapshot(world);
      } else {
        settleBureau(accepted, 'the packet was not accepted');
      }
    } else {
      let accepted = false;
      await call('import-master', () => {
        const r = importMasterList(world.bureau, file, { defaultYear: 2026 });
        accepted = r.applied;
        return { kind: 'accepted', note: r.added > 0 || r.updated > 0 || r.withdrawn > 0 ? 'changed' : 'unchanged' };
      });
      settleBureau(accepted, 'the master list was refused');
    }
    rmSync(file, { force: true });
    result.ms = performance.now() - started;
    // The limit is per import call (above); the calls of one mutant together get the same limit again.
    const inImport = result.outcomes.reduce((n, o) => n + o.ms, 0);
    if (inImport > 2 * hangMs && !result.failures.some((f) => f.includes('hang')))
      result.failures.push(`hang: the import calls took ${Math.round(inImport)} ms together`);
    return result;
  }

  return { world, bases, runCase, close: () => world.close() };
}

/** Runs cases 0 … runs−1 (or only `only`) and tallies them. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const fuzzer = await createFuzzer(options);
  const hangMs = options.hangMs ?? HANG_MS;
  const watchdog = startWatchdog(hangMs * 3);
  const report: FuzzReport = {
    seed: options.seed,
    runs: 0,
    ms: 0,
    byKind: {},
    byOutcome: {},
    byKindOutcome: {},
    accepted: 0,
    refused: 0,
    failures: [],
    cases: [],
    slowest: [],
  };
  const indices = options.only !== undefined ? [options.only] : Array.from({ length: options.runs }, (_, i) => i);
  try {
    for (const index of indices) {
      watchdog.enter(index, `seed ${options.seed}`);
      const r = await fuzzer.runCase(index);
      watchdog.leave();
      if (options.only !== undefined) report.cases.push(r);
      report.runs += 1;
      (report.byKind[r.target] ??= {})[r.kind] = (report.byKind[r.target]![r.kind] ?? 0) + 1;
      const main = r.outcomes.at(-1)!.outcome;
      const label = r.failures.length > 0 ? 'FAILURE' : outcomeLabel(main);
      (report.byOutcome[r.target] ??= {})[label] = (report.byOutcome[r.target]![label] ?? 0) + 1;
      const tally = ((report.byKindOutcome[r.target] ??= {})[r.kind] ??= { accepted: 0, refused: 0, failed: 0 });
      tally[r.failures.length > 0 ? 'failed' : main.kind === 'accepted' ? 'accepted' : 'refused'] += 1;
      if (r.failures.length > 0) {
        report.failures.push(r);
        log(
          `FAIL seed ${options.seed} case ${index} [${r.target} ${r.kind}] ${r.detail}\n  ${r.failures.join('\n  ')}\n  replay: npm run reliability:fuzz -- --seed ${options.seed} --only ${index}`,
        );
        if (options.failFast) break;
      } else if (main.kind === 'accepted') report.accepted += 1;
      else report.refused += 1;
      report.slowest.push({ index, target: r.target, kind: r.kind, ms: Math.round(r.ms) });
      if (report.slowest.length > 40) report.slowest = report.slowest.sort((a, b) => b.ms - a.ms).slice(0, 10);
      if (report.runs % 1000 === 0) log(`… ${report.runs} cases, ${report.failures.length} failures, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    watchdog.stop();
    fuzzer.close();
  }
  report.slowest = report.slowest.sort((a, b) => b.ms - a.ms).slice(0, 10);
  report.ms = Math.round(performance.now() - started);
  return report;
}
