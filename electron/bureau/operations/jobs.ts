import { AppError } from '@shared/errors.js';
import type { BureauJobKind, BureauJobView } from '@shared/operations/bureau-jobs.js';
import { BUREAU_JOB_PHASES } from '@shared/operations/bureau-jobs.js';
import { busyRefusal, jobTables, readJob, startTrackedJob, stopRunningJob } from '../../jobs/job-table.js';
import type { HandlerGroup } from '../../handlers/registry.js';
import type { BureauContext } from '../context.js';
import { bureauJobData } from '../long-jobs.js';

/**
 * The bureau desk's long jobs ('bureau.jobs.start', 'bureau.jobs.get'): a fold of many packets, a master-list
 * import and the ledger export run in a worker thread (electron/main/long-work.ts, the officer's mechanism and
 * bookkeeping, jobs/job-table.ts) with its own connection to the bureau database, while this thread answers
 * every other operation. One job per desk at a time, a second refused with `busy`; a finished job is kept until
 * it has been read. A job that fails or is stopped leaves the database as it was: each write is one
 * transaction, never committed when the worker is gone.
 */

const jobsOf = jobTables<BureauContext>();

/** Starts a job in a worker and answers with its id at once; `input` is the checked bureau.jobs.start input. */
export function startBureauJob(ctx: BureauContext, kind: BureauJobKind, input: unknown): { jobId: string; kind: BureauJobKind } {
  const jobs = jobsOf(ctx);
  const busy = busyRefusal(jobs, 'desk');
  if (busy) throw busy;
  // Handles become paths here, on the thread that holds them: an unknown one refuses the job before it starts.
  const data = bureauJobData(ctx, kind, input as never);
  const { jobId } = startTrackedJob(jobs, kind, data, { phases: BUREAU_JOB_PHASES[kind] });
  return { jobId, kind };
}

/** Refused while a job runs: what replaces the database file (a restore, leaving the demo) must not take it from under the worker. */
export function refuseWhileJobRuns(ctx: BureauContext, what: string): void {
  const running = jobsOf(ctx).running?.view;
  if (running)
    throw new AppError('busy', `${what} waits until the running job (${running.kind}) has finished`, { running: running.kind, jobId: running.jobId });
}

/** Stops the desk's running job, if any (the desk closes, or a test simulates a crash); resolves when it is gone. */
export function stopBureauJobs(ctx: BureauContext): Promise<void> {
  return stopRunningJob(jobsOf(ctx));
}

export const jobsHandlers: HandlerGroup<'bureau.jobs.start' | 'bureau.jobs.get'> = {
  'bureau.jobs.start': ({ kind, input }, ctx) => startBureauJob(ctx, kind, input),
  'bureau.jobs.get': ({ jobId }, ctx) => readJob(jobsOf(ctx), jobId) as BureauJobView,
};
