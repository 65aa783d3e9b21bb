import type { JobKind, JobView } from '@shared/operations/jobs.js';
import { JOB_PHASE_WEIGHTS } from '@shared/operations/jobs.js';
import { passphraseOf } from '../store/driver.js';
import { holdExclusive } from './backups.js';
import type { ServiceContext } from './context.js';
import { workerInput, type LongJobData } from '../jobs/long-jobs.js';
import { busyRefusal, jobTables, readJob, startTrackedJob, stopRunningJob } from '../jobs/job-table.js';
import type { HandlerGroup } from './registry.js';

/**
 * Long jobs for the UI ('jobs.start', 'jobs.get'): exporting a weekly packet, applying an assignment and
 * writing a backup run in a worker thread (electron/main/long-work.ts) with its own connection to the store,
 * while this thread goes on answering every other operation. The worker runs the same service functions as
 * the synchronous operations (jobs/long-jobs.ts), which stay for the CLI and the tests.
 *
 * One job at a time per store, and none while a backup, restore or passphrase change is under way (they share
 * backup-service's exclusive slot): a second is refused with `busy`. A finished job is kept until it has been
 * read at least once; at most FINISHED_KEPT are kept, the oldest read ones dropped first (jobs/job-table.ts,
 * the bookkeeping both desks share).
 *
 * Services keep nothing about the store in memory (each call reads through ctx.db), so once the worker has
 * committed, the next call on this thread's connection sees its writes (WAL: a new read transaction sees every
 * committed one). sharp is already loaded on this thread (the services import it), which sharp requires
 * before a worker thread loads it.
 */

export { FINISHED_KEPT, setJobRunOptions } from '../jobs/job-table.js';

const jobsOf = jobTables<ServiceContext>();

/** Starts a job in a worker; answers with its id at once. `input` is the checked jobs.start input (handles, not paths). */
export function startJob(ctx: ServiceContext, kind: JobKind, input: unknown): { jobId: string; kind: JobKind } {
  const jobs = jobsOf(ctx);
  const busy = busyRefusal(jobs, 'store');
  if (busy) throw busy;
  // Handles become paths here, on the thread that holds them; an unknown one refuses the job before it starts.
  const resolvedInput = workerInput(ctx, kind, input as never);
  const release = holdExclusive(ctx, `a long job (${kind})`);
  const data: LongJobData = {
    kind,
    input: resolvedInput,
    databasePath: ctx.databasePath,
    attachmentsDir: ctx.attachmentsDir,
    appVersion: ctx.appVersion,
    passphrase: passphraseOf(ctx.db),
    clock: { at: ctx.now().getTime(), realAt: Date.now() },
  };
  const { jobId } = startTrackedJob(jobs, kind, data, { phases: JOB_PHASE_WEIGHTS[kind], release });
  return { jobId, kind };
}

/** A job's progress, then its result or error; reading a finished job marks it read. */
export function getJob(ctx: ServiceContext, jobId: string): JobView {
  return readJob(jobsOf(ctx), jobId) as JobView;
}

/** Stops the store's running job, if any (the app is quitting, or a test simulates a crash); resolves when it is gone. */
export function stopJobs(ctx: ServiceContext): Promise<void> {
  return stopRunningJob(jobsOf(ctx));
}

/** The running job's view, or null. */
export function runningJob(ctx: ServiceContext): JobView | null {
  return (jobsOf(ctx).running?.view as JobView | undefined) ?? null;
}

export const jobHandlers: HandlerGroup<'jobs.start' | 'jobs.get'> = {
  'jobs.start': ({ kind, input }, ctx) => startJob(ctx, kind, input),
  'jobs.get': ({ jobId }, ctx) => getJob(ctx, jobId),
};
