import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { AppErrorShape } from '@shared/errors.js';

/**
 * Long work: importing an assignment, exporting a weekly packet, writing a backup.
 *
 * None of it may block the window, and the process that serves the window (Electron's main process: input,
 * menus, IPC) or the browser (the preview's HTTP bridge) is the one that would run it. So each long job runs
 * in a Node.js worker thread (`worker_threads`), one per job: it opens its OWN connection to the same WAL
 * database, runs the same service function as the synchronous operation, and reports progress and exactly one
 * result or error as messages. The serving thread only relays messages, so every other call is answered
 * meanwhile. Terminating the worker (abort, app quit, a crash) leaves the database whole: the job's
 * transaction is never committed, and SQLite rolls it back when the connection goes away.
 *
 * Why threads and not Electron's `utilityProcess` (the earlier plan): worker_threads are the same in Electron's
 * main process and in plain Node, so the desktop app, the preview and the tests run one mechanism; a
 * utilityProcess exists only inside Electron, and `child_process.fork` needs ELECTRON_RUN_AS_NODE, which the
 * RunAsNode fuse turns off. What a thread gives up: a native crash (a segfault in SQLite or libvips) would take
 * the whole process with it, where a separate process would not; thrown errors and terminate() are contained.
 * Native modules in threads: better-sqlite3-multiple-ciphers and sharp are Node-API addons and load in workers;
 * sharp must be loaded by the main thread first (its documented rule), which the services already do.
 *
 * The entry: `electron/main/workers/long-work.ts`. build/build-electron.mjs bundles each file there to
 * `dist/electron/workers/<name>.cjs` (the SQLite driver and sharp stay external, loaded from the unpacked
 * asar), and in the bundle `import.meta.dirname` is the folder of main.cjs, so the bundled worker is found
 * beside it. From source (the preview, the tests) there is no bundle and the worker runs the .ts file through
 * tsx (`execArgv: ['--import', tsx]`). A host can name another entry with `setLongWorkEntry`.
 */

/** What a worker reports: progress any number of times, then exactly one result or error. */
export type LongWorkMessage<T = unknown> =
  { type: 'progress'; phase: string; done: number; total: number } | { type: 'result'; value: T } | { type: 'error'; error: AppErrorShape };

export interface LongWorkProgress {
  phase: string;
  done: number;
  total: number;
}

/** The worker's script and the Node options it starts with. */
export interface LongWorkEntry {
  path: string;
  execArgv: string[];
}

const ENTRY_NAME = 'long-work';
/** Runs the .ts source in a worker (a dev dependency: only ever used from a checkout, never in a bundle). */
const TYPESCRIPT_LOADER = 'tsx';
let configured: LongWorkEntry | null = null;

/** Names the worker entry for this process (null: back to the default). Electron main may pass the bundled .cjs. */
export function setLongWorkEntry(entry: LongWorkEntry | null): void {
  configured = entry;
}

/**
 * The worker entry: the one a host set; else the bundled `workers/long-work.cjs` beside this code (the
 * Electron build); else the TypeScript source run through tsx (the preview, the tests).
 */
export function longWorkEntry(): LongWorkEntry {
  if (configured) return configured;
  const here = import.meta.dirname;
  const bundled = join(here, 'workers', `${ENTRY_NAME}.cjs`);
  if (existsSync(bundled)) return { path: bundled, execArgv: [] };
  const source = join(here, 'workers', `${ENTRY_NAME}.ts`);
  if (existsSync(source)) return { path: source, execArgv: ['--import', import.meta.resolve(TYPESCRIPT_LOADER)] };
  throw new Error(`long work: no worker entry beside ${here} (${ENTRY_NAME}.cjs or ${ENTRY_NAME}.ts)`);
}

/** The part of a `worker_threads` Worker used here (tests may pass their own). */
export interface WorkerLike {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<number>;
}

export type StartWorker = (entry: LongWorkEntry, workerData: unknown, name: string) => WorkerLike;

/**
 * The heap limits of every long-work thread. V8 sizes the young generation (where new objects start) from the
 * machine's memory, up to two 64 MB semi-spaces with Node 24 here, and a long job allocates fast enough to fill
 * them: about 95 MB of the district ledger's peak resident set was young generation (docs/architecture.md,
 * "The district ledger and the workbook writer"). 24 MB is two 8 MB semi-spaces and their promotion area (as
 * `node --max-semi-space-size=8`): the ledger export and a district's ingest take the same CPU time with it
 * (measured, docs/architecture.md, "The export in the worker, a project at a time"), and their peaks drop by
 * about 100 MB. The old generation keeps V8's own limit.
 */
export const LONG_WORK_LIMITS: Readonly<ResourceLimits> = { maxYoungGenerationSizeMb: 24 };

/** A real thread, with LONG_WORK_LIMITS. `workerData` is copied in memory (structured clone) and never written anywhere. */
export const startThread: StartWorker = (entry, workerData, name) =>
  new Worker(entry.path, { execArgv: entry.execArgv, workerData, name, resourceLimits: LONG_WORK_LIMITS });

export class LongWorkError extends Error {
  constructor(readonly shape: AppErrorShape) {
    super(shape.message);
    this.name = 'LongWorkError';
  }
}

const internal = (message: string): AppErrorShape => ({ code: 'internal', message, params: {}, issues: [] });

export interface RunOptions {
  entry?: LongWorkEntry;
  start?: StartWorker;
  onProgress?(progress: LongWorkProgress): void;
  /** Aborting terminates the worker; the job's transaction is then never committed. */
  signal?: AbortSignal;
}

export interface LongWorkRun<T> {
  /** Resolves with the job's result; rejects with LongWorkError (the job's own error, or `internal` when the worker died). */
  result: Promise<T>;
  /** Stops the worker at once; `result` then rejects. */
  terminate(): Promise<void>;
}

function isMessage(message: unknown): message is LongWorkMessage {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'progress' || type === 'result' || type === 'error';
}

/**
 * Runs one job in a fresh worker. The worker gets `workerData` (the job and what it needs to open the store)
 * and reports with LongWorkMessage; it is terminated as soon as it has answered.
 */
export function runLongWork<T>(job: string, workerData: unknown, options: RunOptions = {}): LongWorkRun<T> {
  const entry = options.entry ?? longWorkEntry();
  const worker = (options.start ?? startThread)(entry, workerData, `sponsor-desk ${job}`);
  let settled = false;
  let resolveResult!: (value: T) => void;
  let rejectResult!: (error: LongWorkError) => void;
  const result = new Promise<T>((resolvePromise, reject) => {
    resolveResult = resolvePromise;
    rejectResult = reject;
  });
  // A caller that stops the job may never look at the result: its rejection is then not an unhandled one.
  result.catch(() => undefined);
  const onAbort = (): void => {
    settle(() => rejectResult(new LongWorkError(internal(`long work ${job} was stopped`))));
    void worker.terminate();
  };
  const settle = (fn: () => void): void => {
    if (settled) return;
    settled = true;
    options.signal?.removeEventListener('abort', onAbort);
    fn();
  };
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  worker.on('message', (message) => {
    if (settled || !isMessage(message)) return;
    if (message.type === 'progress') {
      options.onProgress?.({ phase: message.phase, done: message.done, total: message.total });
      return;
    }
    if (message.type === 'result') settle(() => resolveResult(message.value as T));
    else settle(() => rejectResult(new LongWorkError(message.error)));
    // It has answered (and closed its connection first): nothing of it is needed any more.
    void worker.terminate();
  });
  worker.on('error', (error) => settle(() => rejectResult(new LongWorkError(internal(`long work ${job} failed: ${error.message}`)))));
  worker.on('exit', (code) => settle(() => rejectResult(new LongWorkError(internal(`long work ${job} stopped before it finished (exit code ${code})`)))));
  return {
    result,
    terminate: async () => {
      settle(() => rejectResult(new LongWorkError(internal(`long work ${job} was stopped`))));
      await worker.terminate();
    },
  };
}

/** The part of `worker_threads.parentPort` a worker uses. */
export interface ParentPortLike {
  postMessage(message: unknown): void;
}

/**
 * The worker side: runs `work` once, posting its progress, then its result or its error (an AppError keeps
 * its code; anything else is `internal`). Never throws.
 */
export async function serveLongWork(port: ParentPortLike, work: (progress: (p: LongWorkProgress) => void) => unknown): Promise<void> {
  const post = (message: LongWorkMessage): void => port.postMessage(message);
  try {
    const value = await work((p) => post({ type: 'progress', phase: p.phase, done: p.done, total: p.total }));
    post({ type: 'result', value });
  } catch (error) {
    const shape = (error as { toShape?: () => AppErrorShape } | null)?.toShape?.();
    post({ type: 'error', error: shape ?? internal(error instanceof Error ? error.message : String(error)) });
  }
}
