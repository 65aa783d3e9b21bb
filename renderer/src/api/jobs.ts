import type { JobKind, JobView } from '@shared/operations/jobs';
import type { OperationInput, OperationOutput } from '@shared/operations';
import { announceChanges, ApiError, call } from './client';

/** How often a running job is asked for its progress. */
export const JOB_POLL_MS = 250;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs a long operation as a job (export, assignment apply, backup): starts it in a worker on the store's side,
 * then asks for its progress every JOB_POLL_MS until it has finished. Resolves with the operation's own output;
 * a refusal or failure throws an ApiError exactly as calling the operation itself would, and a success
 * refreshes the views that read what the job changed, as the operation itself would.
 */
export async function runJob<K extends JobKind>(kind: K, input: OperationInput<K>, onProgress?: (view: JobView) => void): Promise<OperationOutput<K>> {
  const { jobId } = await call('jobs.start', { kind, input } as OperationInput<'jobs.start'>);
  for (;;) {
    const view = await call('jobs.get', { jobId });
    onProgress?.(view);
    if (view.status === 'done') {
      await announceChanges(kind);
      return view.result as OperationOutput<K>;
    }
    if (view.status === 'failed') throw new ApiError(view.error ?? { code: 'internal', message: `job ${kind} failed`, params: {}, issues: [] });
    await sleep(JOB_POLL_MS);
  }
}
