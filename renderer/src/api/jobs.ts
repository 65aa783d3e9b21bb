import type { JobKind, JobView } from '@shared/operations/jobs';
import type { AppErrorShape } from '@shared/errors';
import type { OperationInput, OperationOutput } from '@shared/operations';
import { announceChanges, ApiError, call } from './client';

/** How often a running job is asked for its progress. */
export const JOB_POLL_MS = 250;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A job's view as either desk's jobs.get answers it. */
interface PolledView {
  status: 'running' | 'done' | 'failed';
  error: AppErrorShape | null;
  result: unknown;
}

/**
 * Asks for a started job's view every `pollMs` until it has finished (both desks: this file's runJob, the
 * bureau's runBureauJob). Resolves with its result; a failure throws an ApiError as calling the operation would.
 */
export async function followJob<V extends PolledView>(
  kind: string,
  get: () => Promise<V>,
  pollMs: number,
  onProgress?: (view: V) => void,
): Promise<V['result']> {
  for (;;) {
    const view = await get();
    onProgress?.(view);
    if (view.status === 'done') return view.result;
    if (view.status === 'failed') throw new ApiError(view.error ?? { code: 'internal', message: `job ${kind} failed`, params: {}, issues: [] });
    await sleep(pollMs);
  }
}

/**
 * Runs a long operation as a job (export, assignment apply, backup): starts it in a worker on the store's side,
 * then asks for its progress every JOB_POLL_MS until it has finished. Resolves with the operation's own output;
 * a refusal or failure throws an ApiError exactly as calling the operation itself would, and a success
 * refreshes the views that read what the job changed, as the operation itself would.
 */
export async function runJob<K extends JobKind>(kind: K, input: OperationInput<K>, onProgress?: (view: JobView) => void): Promise<OperationOutput<K>> {
  const { jobId } = await call('jobs.start', { kind, input } as OperationInput<'jobs.start'>);
  const result = await followJob(kind, () => call('jobs.get', { jobId }), JOB_POLL_MS, onProgress);
  await announceChanges(kind);
  return result as OperationOutput<K>;
}
