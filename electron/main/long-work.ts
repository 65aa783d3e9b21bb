import type { AppErrorShape } from '../../shared/errors.js';

/**
 * Long work: importing an assignment, exporting a weekly packet, writing a backup.
 *
 * None of it may block the window, and in Electron the main process is also the process that serves the
 * window's input, menus and IPC. So each long job runs in an Electron `utilityProcess`: a separate Node.js
 * process (Chromium's service process model) that opens its own connection to the same WAL database, does
 * the work in one transaction and reports progress and the result as messages. A crash in the job cannot
 * take the window down, and a killed job leaves the database whole (the transaction is never committed).
 * `child_process.fork` is not an option: it needs ELECTRON_RUN_AS_NODE, which the RunAsNode fuse turns off.
 *
 * Worker modules live in `electron/main/workers/<name>.ts`; build/build-electron.mjs bundles each to
 * `dist/electron/workers/<name>.cjs` (better-sqlite3 and sharp stay external, loaded from the unpacked
 * asar). In the preview and the CLI, which have no window, the same service functions run in-process.
 *
 * This module has the parent side (`runInUtilityProcess`) and the child side (`serveLongWork`); the
 * Electron objects are passed in so the protocol is tested with plain Node.
 */

/** A job sent to a worker. */
export interface LongWorkRequest<P = unknown> {
  id: string;
  job: string;
  params: P;
}

/** What a worker sends back: progress any number of times, then exactly one result or error. */
export type LongWorkMessage<T = unknown> =
  | { id: string; type: 'progress'; done: number; total: number }
  | { id: string; type: 'result'; value: T }
  | { id: string; type: 'error'; error: AppErrorShape };

/** The part of Electron's UtilityProcess used here. */
export interface UtilityProcessLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

/** `utilityProcess.fork`, passed in from index.ts (only callable after `app` is ready). */
export type ForkUtilityProcess = (
  modulePath: string,
  args?: string[],
  options?: { serviceName?: string; stdio?: 'ignore' | 'inherit' | 'pipe' },
) => UtilityProcessLike;

export interface RunOptions {
  onProgress?(done: number, total: number): void;
  /** Aborting kills the worker; the job's transaction is then never committed. */
  signal?: AbortSignal;
  serviceName?: string;
}

export class LongWorkError extends Error {
  constructor(
    readonly shape: AppErrorShape,
  ) {
    super(shape.message);
    this.name = 'LongWorkError';
  }
}

function isMessageFor(message: unknown, id: string): message is LongWorkMessage {
  return typeof message === 'object' && message !== null && (message as { id?: unknown }).id === id && typeof (message as { type?: unknown }).type === 'string';
}

/**
 * Runs one job in a fresh utility process and resolves with its result. Rejects with LongWorkError when
 * the job reports an error, and with a plain Error when the process exits (or is aborted) without a result.
 */
export function runInUtilityProcess<T, P = unknown>(
  fork: ForkUtilityProcess,
  modulePath: string,
  request: Omit<LongWorkRequest<P>, 'id'> & { id?: string },
  options: RunOptions = {},
): Promise<T> {
  const id = request.id ?? globalThis.crypto.randomUUID();
  return new Promise<T>((resolvePromise, reject) => {
    if (options.signal?.aborted) {
      reject(new Error(`long work ${request.job} aborted`));
      return;
    }
    const child = fork(modulePath, [], { serviceName: options.serviceName ?? `sponsor-desk ${request.job}`, stdio: 'inherit' });
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = (): void => {
      settle(() => reject(new Error(`long work ${request.job} aborted`)));
      child.kill();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('message', (message) => {
      if (!isMessageFor(message, id)) return;
      if (message.type === 'progress') options.onProgress?.(message.done, message.total);
      else if (message.type === 'result') settle(() => resolvePromise(message.value as T));
      else if (message.type === 'error') settle(() => reject(new LongWorkError(message.error)));
      if (message.type !== 'progress') child.kill();
    });
    child.on('exit', (code) => settle(() => reject(new Error(`long work ${request.job} exited with code ${code} before a result`))));
    child.postMessage({ id, job: request.job, params: request.params } satisfies LongWorkRequest<P>);
  });
}

/** The part of `process.parentPort` a worker uses. */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

export type LongWorkHandler = (params: unknown, progress: (done: number, total: number) => void) => unknown;

/**
 * The child side: a worker module calls `serveLongWork(process.parentPort, { 'import-assignment': … })`.
 * Each request gets progress messages and exactly one result or error; an unknown job is an error.
 */
export function serveLongWork(port: ParentPortLike, handlers: Readonly<Record<string, LongWorkHandler>>): void {
  port.on('message', ({ data }) => {
    const request = data as Partial<LongWorkRequest>;
    if (typeof request?.id !== 'string' || typeof request.job !== 'string') return;
    const id = request.id;
    const fail = (message: string): void =>
      port.postMessage({ id, type: 'error', error: { code: 'internal', message, params: {}, issues: [] } } satisfies LongWorkMessage);
    const handler = Object.hasOwn(handlers, request.job) ? handlers[request.job] : undefined;
    if (!handler) {
      fail(`unknown long work ${request.job}`);
      return;
    }
    Promise.resolve()
      .then(() => handler(request.params, (done, total) => port.postMessage({ id, type: 'progress', done, total } satisfies LongWorkMessage)))
      .then(
        (value) => port.postMessage({ id, type: 'result', value } satisfies LongWorkMessage),
        (error: unknown) => {
          const shape = (error as { toShape?: () => AppErrorShape })?.toShape?.();
          if (shape) port.postMessage({ id, type: 'error', error: shape } satisfies LongWorkMessage);
          else fail(error instanceof Error ? error.message : String(error));
        },
      );
  });
}
