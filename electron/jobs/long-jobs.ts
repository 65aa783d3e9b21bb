import type { LongWorkProgress } from '../main/long-work.js';
import type { JobKind } from '@shared/operations/jobs.js';
import type { OperationOutput, OperationParsedInput } from '@shared/operations/index.js';
import { openDatabase } from '../store/database.js';
import { refuseDemoExport } from '../sync/demo-guard.js';
import { archiveTarget } from '../handlers/backup-archives.js';
import type { ServiceContext } from '../handlers/context.js';
import { ensureOutbox, resolveHandle } from '../files/file-handles.js';

/**
 * The long jobs as a worker runs them (electron/main/workers/long-work.ts): the same service functions as the
 * synchronous operations 'sync.exportPacket', 'sync.applyAssignment' and 'backup.create', on the worker's own
 * connection to the store, with their progress passed on.
 */

type Progress = (p: LongWorkProgress) => void;

/**
 * A job's input as the worker gets it: the page's handles already turned into paths by the serving thread,
 * which alone holds the handles (file-handles.ts). Nothing the page typed is ever a path here.
 */
export interface WorkerInputs {
  'sync.exportPacket': { outDir: string; summary?: string };
  'sync.applyAssignment': { filePath: string; allowWithdrawMost: boolean };
  'backup.create': Record<string, never>;
  'backup.export': { outDir: string };
}

/** Resolves a checked jobs.start input on the serving thread (unknown handle: not_found, nothing started). */
export function workerInput<K extends JobKind>(ctx: ServiceContext, kind: K, input: OperationParsedInput<K>): WorkerInputs[K] {
  if (kind === 'sync.exportPacket') {
    const { folder, summary } = input as OperationParsedInput<'sync.exportPacket'>;
    refuseDemoExport(ctx.db); // refused at the start: no job, no outbox made
    return { outDir: folder ? resolveHandle(ctx, folder, 'folder') : ensureOutbox(ctx), summary } as WorkerInputs[K];
  }
  if (kind === 'sync.applyAssignment') {
    const { file, allowWithdrawMost } = input as OperationParsedInput<'sync.applyAssignment'>;
    return { filePath: resolveHandle(ctx, file, 'file'), allowWithdrawMost } as WorkerInputs[K];
  }
  if (kind === 'backup.export') {
    const { folder } = input as OperationParsedInput<'backup.export'>;
    return { outDir: archiveTarget(ctx, folder) } as WorkerInputs[K];
  }
  return {} as WorkerInputs[K];
}

type LongJob<K extends JobKind> = (ctx: ServiceContext, input: WorkerInputs[K], progress: Progress) => Promise<OperationOutput<K>>;

/**
 * Each job's service is loaded when the job runs: one worker entry serves both desks, and a bureau job (the
 * district ledger) need not load the officer's services (the packet export alone brings the pinyin search key's
 * dictionary, about 12 MB of the worker's heap).
 */
export const LONG_JOBS: { [K in JobKind]: LongJob<K> } = {
  'sync.exportPacket': async (ctx, { outDir, summary }, progress) =>
    (await import('../sync/weekly-export.js')).exportWeeklyPacket(ctx, { outDir, summary, onProgress: progress }),
  'sync.applyAssignment': async (ctx, { filePath, allowWithdrawMost }, progress) =>
    (await import('../sync/assignment-import.js')).applyAssignment(ctx, filePath, { allowWithdrawMost, onProgress: progress }),
  'backup.create': async (ctx, _input, progress) =>
    (await import('../handlers/backups.js')).writeBackup(ctx, 'manual', (done, total) => progress({ phase: 'copy', done, total })),
  'backup.export': async (ctx, { outDir }, progress) => (await import('../backups/backup-archive.js')).writeBackupArchive(ctx, outDir, progress),
};

/**
 * What the serving thread hands a worker (in memory, by structured clone; never written to disk). The
 * passphrase of a protected store is here because the driver keeps it per connection: the worker's connection
 * needs it too.
 */
export interface LongJobData {
  kind: JobKind;
  /** Checked with the operation's input schema by jobs.start, its handles resolved (workerInput). */
  input: unknown;
  databasePath: string;
  attachmentsDir: string;
  appVersion: string;
  passphrase: string | null;
  /** The serving side's clock at the start (tests stand at a fixed moment), and the real time then. */
  clock: { at: number; realAt: number };
}

/** Opens the store on a connection of its own, runs the job, closes the connection (also when the job fails). */
export async function runLongJob(data: LongJobData, progress: Progress): Promise<unknown> {
  progress({ phase: 'start', done: 0, total: 1 });
  const db = openDatabase(data.databasePath, { passphrase: data.passphrase });
  try {
    const ctx: ServiceContext = {
      db,
      databasePath: data.databasePath,
      attachmentsDir: data.attachmentsDir,
      appVersion: data.appVersion,
      // The serving side's clock, running on from the moment the job was started.
      now: () => new Date(data.clock.at + (Date.now() - data.clock.realAt)),
    };
    progress({ phase: 'start', done: 1, total: 1 });
    const job = LONG_JOBS[data.kind] as LongJob<JobKind>;
    return await job(ctx, data.input as never, progress);
  } finally {
    db.close();
  }
}
