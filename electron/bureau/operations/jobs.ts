import { randomUUID } from 'node:crypto';
import { AppError, type AppErrorShape } from '@shared/errors.js';
import { operations } from '@shared/operations/index.js';
import { BUREAU_JOB_PHASES, type BureauJobKind, type BureauJobPhase, type BureauJobView } from '@shared/operations/bureau-jobs.js';
import { LongWorkError, runLongWork, type LongWorkProgress, type LongWorkRun, type RunOptions } from '../../main/long-work.js';
import type { HandlerGroup } from '../../handlers/registry.js';
import type { BureauContext } from '../context.js';
import { bureauWorkerInput, type BureauJobData } from '../long-jobs.js';

/**
 * The bureau desk's long jobs ('bureau.jobs.start', 'bureau.jobs.get'): a fold of many packets, a master-list
 * import and the ledger export run in a worker thread (electron/main/long-work.ts, the officer's mechanism)
 * with its own connection to the bureau database, while this thread answers every other operation. One job
 * per desk at a time, a second refused with `busy`. A finished job is kept until it has been read (at most
 * KEPT of them, read ones dropped first). A job that fails or is stopped leaves the database as it was: each
 * write is one transaction, never committed when the worker is gone.
 */

const KEPT = 16;

interface Job {
  view: BureauJobView;
  read: boolean;
  run: LongWorkRun<unknown> | null;
}

interface DeskJobs {
  running: Job | null;
  finished: Map<string, Job>;
}

const desks = new WeakMap<BureauContext, DeskJobs>();
const jobsOf = (ctx: BureauContext): DeskJobs => desks.get(ctx) ?? desks.set(ctx, { running: null, finished: new Map() }).get(ctx)!;

/** How the worker is started (tests stop it midway with their own StartWorker). */
let runOptions: Pick<RunOptions, 'entry' | 'start'> = {};
export function setBureauJobRunOptions(options: Pick<RunOptions, 'entry' | 'start'>): void {
  runOptions = options;
}

/** The job's progress after a worker's report: phases it does not know are ignored, and the percent never goes down. */
function advance(view: BureauJobView, p: LongWorkProgress): BureauJobView {
  const order = BUREAU_JOB_PHASES[view.kind];
  const index = order.findIndex(([phase]) => phase === p.phase);
  if (index < 0) return view;
  const share = p.total > 0 ? Math.min(1, Math.max(0, p.done / p.total)) : 0;
  const before = order.slice(0, index).reduce((sum, [, weight]) => sum + weight, 0);
  const percent = Math.min(100, Math.max(view.percent, Math.round((before + order[index]![1] * share) * 10) / 10));
  return { ...view, phase: p.phase as BureauJobPhase, done: Math.max(0, Math.round(p.done)), total: Math.max(0, Math.round(p.total)), percent };
}

function shapeOf(error: unknown): AppErrorShape {
  if (error instanceof LongWorkError) return error.shape;
  if (error instanceof AppError) return error.toShape();
  return new AppError('internal', error instanceof Error ? error.message : String(error)).toShape();
}

/** The result as the operation's own output: checked here, so a broken one fails the job rather than each read of it. */
function checkedResult(kind: BureauJobKind, value: unknown): Partial<BureauJobView> {
  const output = operations[kind].output.safeParse(value);
  if (output.success) return { status: 'done', result: output.data } as Partial<BureauJobView>;
  const { issues } = AppError.fromZod(output.error, `${kind} output`);
  return { status: 'failed', error: new AppError('internal', `${kind} returned output that fails its schema`, { operation: kind }, issues).toShape() };
}

/** Starts a job in a worker and answers with its id at once; `input` is the checked bureau.jobs.start input. */
export function startBureauJob(ctx: BureauContext, kind: BureauJobKind, input: unknown): { jobId: string; kind: BureauJobKind } {
  const jobs = jobsOf(ctx);
  if (jobs.running) {
    const { kind: other, jobId } = jobs.running.view;
    throw new AppError('busy', `another job (${other}) is already running on this desk; wait until it has finished`, { running: other, jobId });
  }
  // Handles become paths here, on the thread that holds them: an unknown one refuses the job before it starts.
  const data: BureauJobData = {
    desk: 'bureau',
    kind,
    input: bureauWorkerInput(ctx, kind, input as never),
    dbPath: ctx.dbPath,
    clock: { at: ctx.now().getTime(), realAt: Date.now() },
  };
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
    },
    read: false,
    run: null,
  };
  const finish = (change: Partial<BureauJobView>): void => {
    const done = change.status === 'done' ? { done: job.view.total, percent: 100 } : {};
    job.view = { ...job.view, ...done, ...change, phase: 'done', finishedAt: new Date().toISOString() } as BureauJobView;
    job.run = null;
    if (jobs.running === job) jobs.running = null;
    jobs.finished.set(jobId, job);
    while (jobs.finished.size > KEPT) {
      const victim = [...jobs.finished.values()].find((j) => j.read) ?? jobs.finished.values().next().value!;
      jobs.finished.delete(victim.view.jobId);
    }
  };
  jobs.running = job;
  try {
    job.run = runLongWork<unknown>(kind, data, {
      ...runOptions,
      onProgress: (p) => {
        if (job.view.status === 'running') job.view = advance(job.view, p);
      },
    });
  } catch (error) {
    finish({ status: 'failed', error: shapeOf(error) });
    throw error;
  }
  job.run.result.then(
    (value) => finish(checkedResult(kind, value)),
    (error: unknown) => finish({ status: 'failed', error: shapeOf(error) }),
  );
  return { jobId, kind };
}

/** A job's progress, then its result or error; reading a finished job marks it read. */
export function getBureauJob(ctx: BureauContext, jobId: string): BureauJobView {
  const jobs = jobsOf(ctx);
  if (jobs.running?.view.jobId === jobId) return jobs.running.view;
  const job = jobs.finished.get(jobId);
  if (!job) throw new AppError('not_found', `no job ${jobId} (unknown, or finished and read long ago)`, { what: 'job', id: jobId });
  job.read = true;
  return job.view;
}

/** Refused while a job runs: what replaces the database file (a restore, leaving the demo) must not take it from under the worker. */
export function refuseWhileJobRuns(ctx: BureauContext, what: string): void {
  const running = jobsOf(ctx).running?.view;
  if (running)
    throw new AppError('busy', `${what} waits until the running job (${running.kind}) has finished`, { running: running.kind, jobId: running.jobId });
}

/** Stops the desk's running job, if any (the desk closes, or a test simulates a crash); resolves when it is gone. */
export async function stopBureauJobs(ctx: BureauContext): Promise<void> {
  const run = jobsOf(ctx).running?.run;
  if (!run) return;
  await run.terminate();
  await run.result.catch(() => undefined);
}

export const jobsHandlers: HandlerGroup<'bureau.jobs.start' | 'bureau.jobs.get'> = {
  'bureau.jobs.start': ({ kind, input }, ctx) => startBureauJob(ctx, kind, input),
  'bureau.jobs.get': ({ jobId }, ctx) => getBureauJob(ctx, jobId),
};
