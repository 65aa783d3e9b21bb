import type { OperationInput, OperationOutput } from '@shared/operations';
import type { BureauJobKind, BureauJobView } from '@shared/operations/bureau-jobs';
import { followJob } from '../api/jobs';
import { announceBureauChanges, callBureau } from './client';

/** How often a running bureau job is asked for its progress. */
export const BUREAU_JOB_POLL_MS = 150;

/**
 * Runs a bureau operation as a job (a fold of packets, the master-list import, the ledger export): starts it in a
 * worker on the desk's side, then asks for its progress every BUREAU_JOB_POLL_MS until it has finished. Resolves
 * with the operation's own output; a refusal or failure throws an ApiError as calling the operation would, and a
 * success refreshes the views that read what the kind changes, as callBureau does.
 */
export async function runBureauJob<K extends BureauJobKind>(
  kind: K,
  input: OperationInput<K>,
  onProgress?: (view: BureauJobView) => void,
): Promise<OperationOutput<K>> {
  const { jobId } = await callBureau('bureau.jobs.start', { kind, input } as OperationInput<'bureau.jobs.start'>);
  const result = await followJob(kind, () => callBureau('bureau.jobs.get', { jobId }), BUREAU_JOB_POLL_MS, onProgress);
  await announceBureauChanges(kind);
  return result as OperationOutput<K>;
}
