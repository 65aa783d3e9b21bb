import { z } from 'zod';
import { AppErrorShape } from '../errors.js';
import { RecordId, Timestamp } from '../domain/index.js';
import { defineOperations } from './define.js';
import { settingsOperations } from './settings.js';
import { syncOperations } from './sync.js';
import { backupArchiveOperations } from './backups.js';

/**
 * Long work as a job: the UI starts it, gets an id at once and polls for progress and the result, while the
 * work runs in a worker thread with its own connection to the store (electron/main/long-work.ts). Each kind
 * is an operation of the table: its input is checked with that operation's own input schema when the job
 * starts, and its result with that operation's own output schema. The operations themselves stay too: the
 * CLI and the tests call them and wait.
 */
export const JobKind = z.enum(['sync.exportPacket', 'sync.applyAssignment', 'backup.create', 'backup.export']);
export type JobKind = z.infer<typeof JobKind>;

/**
 * What a job is doing. start: the worker opens its own connection to the store (for a protected store that
 * derives the key from the passphrase, which takes a moment); read/verify: an assignment file is read and its
 * hashes and signature checked; collect/photos/ledger/write: a weekly packet is built and written; backup:
 * the copy of the database taken before an assignment is applied; apply: the one transaction that applies it;
 * copy: a backup being written (for a full backup: the database copy); photos (backup.export): the database
 * copy and the photos streamed into the full backup's zip; done: finished (or failed).
 */
export const JobPhase = z.enum(['start', 'read', 'verify', 'collect', 'photos', 'ledger', 'write', 'backup', 'apply', 'copy', 'done']);
export type JobPhase = z.infer<typeof JobPhase>;

/** A kind's phases in the order they run, with their share of the whole (percent points, summing to 100). */
const phases = (weights: Partial<Record<JobPhase, number>>) => Object.entries(weights) as [JobPhase, number][];
export const JOB_PHASE_WEIGHTS: Readonly<Record<JobKind, readonly (readonly [JobPhase, number])[]>> = {
  'sync.exportPacket': phases({ start: 5, collect: 15, photos: 25, ledger: 25, write: 30 }),
  'sync.applyAssignment': phases({ start: 5, read: 10, verify: 15, backup: 30, apply: 40 }),
  'backup.create': phases({ start: 10, copy: 90 }),
  'backup.export': phases({ start: 5, copy: 25, photos: 70 }),
};

export const JobStatus = z.enum(['running', 'done', 'failed']);

const jobStart = <K extends JobKind, I extends z.ZodType>(kind: K, input: I) => z.object({ kind: z.literal(kind), input });

/** What every job's view says besides its kind and result (the bureau's jobs too, ./bureau-jobs.ts). */
export const JOB_VIEW_FIELDS = {
  jobId: RecordId,
  status: JobStatus,
  phase: JobPhase,
  /** Progress within the phase (items, photos, bytes, pages: whatever the phase counts). */
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** The whole job, 0–100; never goes down. */
  percent: z.number().min(0).max(100),
  startedAt: Timestamp,
  finishedAt: Timestamp.nullable(),
  /** A failed job's error, as every operation reports one. */
  error: AppErrorShape.nullable(),
};

const jobView = <K extends JobKind, O extends z.ZodType>(kind: K, output: O) =>
  z.object({ kind: z.literal(kind), ...JOB_VIEW_FIELDS, /** A finished job's result: the operation's own output. */ result: output.nullable() });

export const JobView = z.discriminatedUnion('kind', [
  jobView('sync.exportPacket', syncOperations['sync.exportPacket'].output),
  jobView('sync.applyAssignment', syncOperations['sync.applyAssignment'].output),
  jobView('backup.create', settingsOperations['backup.create'].output),
  jobView('backup.export', backupArchiveOperations['backup.export'].output),
]);
export type JobView = z.infer<typeof JobView>;

export const jobOperations = defineOperations({
  /**
   * Starts a long job in a worker and answers at once with its id. At most one job runs per store: a second
   * is refused with `busy`, as is any job while a backup, restore or passphrase change is under way. What a
   * job changes is its kind's `changes`, announced by the client when the job is done.
   */
  'jobs.start': {
    input: z.discriminatedUnion('kind', [
      jobStart('sync.exportPacket', syncOperations['sync.exportPacket'].input),
      jobStart('sync.applyAssignment', syncOperations['sync.applyAssignment'].input),
      jobStart('backup.create', settingsOperations['backup.create'].input),
      jobStart('backup.export', backupArchiveOperations['backup.export'].input),
    ]),
    output: z.object({ jobId: RecordId, kind: JobKind }),
    changes: [],
  },
  /**
   * A job's progress, then its result or error. A finished job is kept at least until it has been read once
   * (a few of them, the oldest read ones go first); an unknown or long-forgotten id is `not_found`.
   */
  'jobs.get': { input: z.object({ jobId: RecordId }), output: JobView },
});
