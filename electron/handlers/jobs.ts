import { randomUUID } from 'node:crypto';
import { AppError, type AppErrorShape } from '@shared/errors.js';
import { operations } from '@shared/operations/index.js';
import { JOB_PHASE_WEIGHTS, type JobKind, type JobPhase, type JobView } from '@shared/operations/jobs.js';
import { LongWorkError, runLongWork, type LongWorkProgress, type LongWorkRun, type RunOptions } from '../main/long-work.js';
import { passphraseOf } from '../store/driver.js';
import { holdExclusive } from './backups.js';
import type { ServiceContext } from './context.js';
import { workerInput, type LongJobData } from '../jobs/long-jobs.js';
import type { HandlerGroup } from './registry.js';

/**
 * Long jobs for the UI ('jobs.start', 'jobs.get'): exporting a weekly packet, applying an assignment and
 * writing a backup run in a worker thread (electron/main/long-work.ts) with its own connection to the store,
 * while this thread goes on answering every other operation. The worker runs the same service functions as
 * the synchronous operations (jobs/long-jobs.ts), which stay for the CLI and the tests.
 *
 * One job at a time per store, and none while a backup, restore or passphrase change is under way (they share
 * backup-service's exclusive slot): a second is refused with `busy`. A finished job is kept until it has been
 * read at least once; at most FINISHED_KEPT are kept, the oldest read ones dropped first.
 *
 * Services keep nothing about the store in memory (each call reads through ctx.db), so once the worker has
 * committed, the next call on this thread's connection sees its writes (WAL: a new read transaction sees every
 * committed one). sharp is already loaded on this thread (the services import it), which sharp requires
 * before a worker thread loads it.
 */

export const FINISHED_KEPT = 16;

interface Job {
  view: JobView;
  read: boolean;
  run: LongWorkRun<unknown> | null;
}

interface StoreJobs {
  running: Job | null;
  /** Finished jobs by id, oldest first. */
  finished: Map<string, Job>;
}

const stores = new WeakMap<ServiceContext, StoreJobs>();

function jobsOf(ctx: ServiceContext): StoreJobs {
  let jobs = stores.get(ctx);
  if (!jobs) {
    jobs = { running: null, finished: new Map() };
    stores.set(ctx, jobs);
  }
  return jobs;
}

/** How the worker is started (tests substitute a StartWorker or an entry). */
let runOptions: Pick<RunOptions, 'entry' | 'start'> = {};
export function setJobRunOptions(options: Pick<RunOptions, 'entry' | 'start'>): void {
  runOptions = options;
}

/** The whole job's percent: the phases before this one, plus this one's share done. Never goes down. */
function percentOf(kind: JobKind, previous: number, progress: LongWorkProgress): number {
  const phases = JOB_PHASE_WEIGHTS[kind];
  const index = phases.findIndex(([phase]) => phase === progress.phase);
  if (index < 0) return previous;
  const before = phases.slice(0, index).reduce((sum, [, weight]) => sum + weight, 0);
  const share = progress.total > 0 ? Math.min(1, Math.max(0, progress.done / progress.total)) : 0;
  const percent = Math.round((before + phases[index]![1] * share) * 10) / 10;
  return Math.min(100, Math.max(previous, percent));
}

function prune(jobs: StoreJobs): void {
  while (jobs.finished.size > FINISHED_KEPT) {
    const oldestRead = [...jobs.finished.values()].find((j) => j.read);
    // Unread jobs are kept while there is room; past that even they go, oldest first.
    const victim = oldestRead ?? jobs.finished.values().next().value!;
    jobs.finished.delete(victim.view.jobId);
  }
}

function errorShape(error: unknown): AppErrorShape {
  if (error instanceof LongWorkError) return error.shape;
  if (error instanceof AppError) return error.toShape();
  return new AppError('internal', error instanceof Error ? error.message : String(error)).toShape();
}

/** Starts a job in a worker; answers with its id at once. `input` is the checked jobs.start input (handles, not paths). */
export function startJob(ctx: ServiceContext, kind: JobKind, input: unknown): { jobId: string; kind: JobKind } {
  const jobs = jobsOf(ctx);
  if (jobs.running) {
    const { kind: other, jobId } = jobs.running.view;
    throw new AppError('busy', `another long job (${other}) is already running for this store; wait until it has finished`, { running: other, jobId });
  }
  // Handles become paths here, on the thread that holds them; an unknown one refuses the job before it starts.
  const resolvedInput = workerInput(ctx, kind, input as never);
  const release = holdExclusive(ctx, `a long job (${kind})`);
  const jobId = randomUUID();
  const job: Job = {
    view: {
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
    } as JobView,
    read: false,
    run: null,
  };
  jobs.running = job;
  const data: LongJobData = {
    kind,
    input: resolvedInput,
    databasePath: ctx.databasePath,
    attachmentsDir: ctx.attachmentsDir,
    appVersion: ctx.appVersion,
    passphrase: passphraseOf(ctx.db),
    clock: { at: ctx.now().getTime(), realAt: Date.now() },
  };
  const finish = (change: Partial<JobView>): void => {
    job.view = { ...job.view, ...change, finishedAt: new Date().toISOString() } as JobView;
    job.run = null;
    if (jobs.running === job) jobs.running = null;
    jobs.finished.set(jobId, job);
    prune(jobs);
    release();
  };
  try {
    job.run = runLongWork<unknown>(kind, data, {
      ...runOptions,
      onProgress: (p) => {
        if (job.view.status !== 'running') return;
        const phase = JOB_PHASE_WEIGHTS[kind].some(([name]) => name === p.phase) ? (p.phase as JobPhase) : job.view.phase;
        job.view = {
          ...job.view,
          phase,
          done: Math.max(0, Math.round(p.done)),
          total: Math.max(0, Math.round(p.total)),
          percent: percentOf(kind, job.view.percent, p),
        };
      },
    });
  } catch (error) {
    finish({ status: 'failed', phase: 'done', error: errorShape(error) });
    throw error;
  }
  job.run.result.then(
    (value) => {
      // The result leaves as the operation's own output: checked here, so a broken one fails the job, not every read of it.
      const output = operations[kind].output.safeParse(value);
      if (output.success) finish({ status: 'done', phase: 'done', done: job.view.total, percent: 100, result: output.data } as Partial<JobView>);
      else {
        const { issues } = AppError.fromZod(output.error, `${kind} output`);
        finish({
          status: 'failed',
          phase: 'done',
          error: new AppError('internal', `${kind} returned output that fails its schema`, { operation: kind }, issues).toShape(),
        });
      }
    },
    (error: unknown) => finish({ status: 'failed', phase: 'done', error: errorShape(error) }),
  );
  return { jobId, kind };
}

/** A job's progress, then its result or error; reading a finished job marks it read. */
export function getJob(ctx: ServiceContext, jobId: string): JobView {
  const jobs = jobsOf(ctx);
  if (jobs.running?.view.jobId === jobId) return jobs.running.view;
  const job = jobs.finished.get(jobId);
  if (!job) throw new AppError('not_found', `no job ${jobId} (unknown, or finished and read long ago)`, { what: 'job', id: jobId });
  job.read = true;
  return job.view;
}

/** Stops the store's running job, if any (the app is quitting, or a test simulates a crash); resolves when it is gone. */
export async function stopJobs(ctx: ServiceContext): Promise<void> {
  const job = jobsOf(ctx).running;
  const run = job?.run;
  if (!job || !run) return;
  await run.terminate();
  // `finish` runs when the result promise settles (a microtask after terminate): wait for it.
  await run.result.catch(() => undefined);
}

/** The running job's id, or null. */
export function runningJob(ctx: ServiceContext): JobView | null {
  return jobsOf(ctx).running?.view ?? null;
}

export const jobHandlers: HandlerGroup<'jobs.start' | 'jobs.get'> = {
  'jobs.start': ({ kind, input }, ctx) => startJob(ctx, kind, input),
  'jobs.get': ({ jobId }, ctx) => getJob(ctx, jobId),
};
