import { randomUUID } from 'node:crypto';
import { AppError, type AppErrorShape } from '@shared/errors.js';
import { operations, type OperationName } from '@shared/operations/index.js';
import { LongWorkError, runLongWork, type LongWorkProgress, type LongWorkRun, type RunOptions } from '../main/long-work.js';

/**
 * The bookkeeping of long jobs, for both desks (the officer's electron/handlers/jobs.ts, the bureau's
 * electron/bureau/operations/jobs.ts): one worker per job through runLongWork, its progress as a view whose
 * percent never goes down, its result checked with the operation's own output schema, at most one running per
 * owner (a store, a desk), and finished jobs kept until read (at most FINISHED_KEPT, read ones dropped first).
 */

export const FINISHED_KEPT = 16;

/** What jobs.get answers on either desk; `kind` is the operation the job runs. */
export interface JobViewShape {
  kind: OperationName;
  jobId: string;
  status: 'running' | 'done' | 'failed';
  phase: string;
  done: number;
  total: number;
  percent: number;
  startedAt: string;
  finishedAt: string | null;
  error: AppErrorShape | null;
  result: unknown;
}

interface Job {
  view: JobViewShape;
  read: boolean;
  run: LongWorkRun<unknown> | null;
}

/** One owner's jobs: the running one, and the finished ones by id, oldest first. */
export interface JobTable {
  running: Job | null;
  finished: Map<string, Job>;
}

/** The tables of an owner kind (stores, desks), made on first use. */
export function jobTables<Owner extends object>(): (owner: Owner) => JobTable {
  const tables = new WeakMap<Owner, JobTable>();
  return (owner) => tables.get(owner) ?? tables.set(owner, { running: null, finished: new Map() }).get(owner)!;
}

/** A kind's phases in order with their share of the whole (percent points, summing to 100). */
export type PhaseWeights = readonly (readonly [string, number])[];

/** The whole job's percent: the phases before this one, plus this one's share done. Never goes down. */
function percentOf(phases: PhaseWeights, previous: number, progress: LongWorkProgress): number {
  const index = phases.findIndex(([phase]) => phase === progress.phase);
  if (index < 0) return previous;
  const before = phases.slice(0, index).reduce((sum, [, weight]) => sum + weight, 0);
  const share = progress.total > 0 ? Math.min(1, Math.max(0, progress.done / progress.total)) : 0;
  const percent = Math.round((before + phases[index]![1] * share) * 10) / 10;
  return Math.min(100, Math.max(previous, percent));
}

function errorShape(error: unknown): AppErrorShape {
  if (error instanceof LongWorkError) return error.shape;
  if (error instanceof AppError) return error.toShape();
  return new AppError('internal', error instanceof Error ? error.message : String(error)).toShape();
}

/** The refusal of a second job while `table` has one running (null: free). */
export function busyRefusal(table: JobTable, whose: string): AppError | null {
  if (!table.running) return null;
  const { kind, jobId } = table.running.view;
  return new AppError('busy', `another long job (${kind}) is already running for this ${whose}; wait until it has finished`, { running: kind, jobId });
}

/** How workers are started, for both desks (tests substitute a StartWorker or an entry). */
let runOptions: Pick<RunOptions, 'entry' | 'start'> = {};
export function setJobRunOptions(options: Pick<RunOptions, 'entry' | 'start'>): void {
  runOptions = options;
}

/**
 * Runs `kind` in a worker with `data`, as a job runs, and waits for its result, untracked: a synchronous
 * operation that must not run on the thread that serves (the CLI's ledger export) gets the job's worker and
 * its heap limits. Not a job: no progress, no slot, and the tests' job run options do not apply (the worker
 * entry is the process's, longWorkEntry). The job's refusal comes back as the AppError it was.
 */
export async function runJobToEnd<T>(kind: OperationName, data: unknown): Promise<T> {
  try {
    return await runLongWork<T>(kind, data).result;
  } catch (error) {
    if (!(error instanceof LongWorkError)) throw error;
    const { code, message, params, issues } = error.shape;
    throw new AppError(code, message, params, issues);
  }
}

export interface StartOptions {
  phases: PhaseWeights;
  /** Called once when the job has finished either way (a slot held while it ran). */
  release?: () => void;
}

/** Starts `kind` in a worker with `data` and tracks it in `table`; answers with its id at once. The caller checked `busyRefusal`. */
export function startTrackedJob(table: JobTable, kind: OperationName, data: unknown, options: StartOptions): { jobId: string } {
  const jobId = randomUUID();
  const view: JobViewShape = {
    kind,
    jobId,
    status: 'running',
    phase: 'start',
    done: 0,
    total: 1,
    percent: 0,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    error: null,
    result: null,
  };
  const job: Job = { view, read: false, run: null };
  table.running = job;
  const finish = (change: Partial<JobViewShape>): void => {
    job.view = { ...job.view, ...change, phase: 'done', finishedAt: new Date().toISOString() };
    job.run = null;
    if (table.running === job) table.running = null;
    table.finished.set(jobId, job);
    while (table.finished.size > FINISHED_KEPT) {
      // Unread jobs are kept while there is room; past that even they go, oldest first.
      const victim = [...table.finished.values()].find((j) => j.read) ?? table.finished.values().next().value!;
      table.finished.delete(victim.view.jobId);
    }
    options.release?.();
  };
  try {
    job.run = runLongWork<unknown>(kind, data, {
      ...runOptions,
      onProgress: (p) => {
        if (job.view.status !== 'running') return;
        const known = options.phases.some(([name]) => name === p.phase);
        job.view = {
          ...job.view,
          phase: known ? p.phase : job.view.phase,
          done: Math.max(0, Math.round(p.done)),
          total: Math.max(0, Math.round(p.total)),
          percent: percentOf(options.phases, job.view.percent, p),
        };
      },
    });
  } catch (error) {
    finish({ status: 'failed', error: errorShape(error) });
    throw error;
  }
  job.run.result.then(
    (value) => {
      // The result leaves as the operation's own output: checked here, so a broken one fails the job, not every read of it.
      const output = operations[kind].output.safeParse(value);
      if (output.success) return finish({ status: 'done', done: job.view.total, percent: 100, result: output.data });
      const { issues } = AppError.fromZod(output.error, `${kind} output`);
      finish({ status: 'failed', error: new AppError('internal', `${kind} returned output that fails its schema`, { operation: kind }, issues).toShape() });
    },
    (error: unknown) => finish({ status: 'failed', error: errorShape(error) }),
  );
  return { jobId };
}

/** A job's progress, then its result or error; reading a finished job marks it read. */
export function readJob(table: JobTable, jobId: string): JobViewShape {
  if (table.running?.view.jobId === jobId) return table.running.view;
  const job = table.finished.get(jobId);
  if (!job) throw new AppError('not_found', `no job ${jobId} (unknown, or finished and read long ago)`, { what: 'job', id: jobId });
  job.read = true;
  return job.view;
}

/** Stops the running job, if any; resolves when it is gone (its transaction never committed). */
export async function stopRunningJob(table: JobTable): Promise<void> {
  const run = table.running?.run;
  if (!run) return;
  await run.terminate();
  // `finish` runs when the result promise settles (a microtask after terminate): wait for it.
  await run.result.catch(() => undefined);
}
