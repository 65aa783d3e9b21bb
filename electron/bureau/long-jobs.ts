import { localDay } from '@shared/rules/local-time.js';
import type { OperationOutput, OperationParsedInput } from '@shared/operations/index.js';
import type { BureauJobKind } from '@shared/operations/bureau-jobs.js';
import type { LongWorkProgress } from '../main/long-work.js';
import { runJobToEnd } from '../jobs/job-table.js';
import { openBureau, type BureauContext } from './context.js';
import { expandIngestPaths, ingestFiles } from './ingest.js';
import { exportDistrictLedger } from './ledger.js';
import { fileFrom, outputPath } from './page-files.js';
import { resolveSummaryDates } from './summary.js';
import { bureauTimeZone } from './time-zone.js';

/**
 * The bureau's long jobs as a worker runs them (electron/main/workers/long-work.ts, the officer's worker entry
 * with a desk discriminator): the same functions as the operations 'bureau.ingest', 'bureau.importMaster' and
 * 'bureau.exportLedger', on the worker's own connection to the bureau database, with their progress passed on.
 */

type Progress = (p: LongWorkProgress) => void;

/**
 * A job's input as the worker gets it: the page's handles already turned into paths, and every default that
 * reads the desk (the plan year, the ledger's file name) settled, by the serving thread, which alone holds the
 * handles (page-files.ts). Nothing a page typed is ever a path here.
 */
export interface BureauWorkerInputs {
  'bureau.ingest': { files: string[]; requireRegisteredKeys: boolean };
  'bureau.importMaster': { filePath: string; year: number; dryRun: boolean; allowWithdrawMost: boolean };
  'bureau.exportLedger': { outFile: string; asOfMonth: string; referenceDay: string };
}

/** Resolves a checked bureau.jobs.start input on the serving thread (an unknown handle: refused, nothing started). */
export function bureauWorkerInput<K extends BureauJobKind>(ctx: BureauContext, kind: K, input: OperationParsedInput<K>): BureauWorkerInputs[K] {
  if (kind === 'bureau.ingest') {
    const { paths, requireRegisteredKeys } = input as OperationParsedInput<'bureau.ingest'>;
    const files = expandIngestPaths(paths.map((p) => fileFrom(ctx, p, 'any', 'paths')));
    return { files, requireRegisteredKeys } as BureauWorkerInputs[K];
  }
  if (kind === 'bureau.importMaster') {
    const { file, year, dryRun, allowWithdrawMost } = input as OperationParsedInput<'bureau.importMaster'>;
    // Rows without a plan year belong to this year in the district's time zone (as the operation).
    const defaultYear = year ?? Number(localDay(ctx.now(), bureauTimeZone(ctx.db)).slice(0, 4));
    return { filePath: fileFrom(ctx, file, 'file'), year: defaultYear, dryRun, allowWithdrawMost } as BureauWorkerInputs[K];
  }
  const { out, folder, ...asked } = input as OperationParsedInput<'bureau.exportLedger'>;
  const dates = resolveSummaryDates(ctx, asked);
  return { outFile: outputPath(ctx, { out, folder }, `重点项目台账-${dates.asOfMonth}.xlsx`, '--out (the ledger file)'), ...dates } as BureauWorkerInputs[K];
}

type BureauLongJob<K extends BureauJobKind> = (ctx: BureauContext, input: BureauWorkerInputs[K], progress: Progress) => Promise<OperationOutput<K>>;

const BUREAU_LONG_JOBS: { [K in BureauJobKind]: BureauLongJob<K> } = {
  'bureau.ingest': (ctx, { files, requireRegisteredKeys }, progress) => ingestFiles(ctx, files, { requireRegisteredKeys }, progress),
  // Loaded when a master list is read: SheetJS (about 30 MB of heap) is then in the worker only for this job.
  'bureau.importMaster': async (ctx, { filePath, year, dryRun, allowWithdrawMost }, progress) =>
    (await import('./import-master.js')).importMasterList(ctx, filePath, { defaultYear: year, dryRun, allowWithdrawMost, onProgress: progress }),
  'bureau.exportLedger': (ctx, { outFile, asOfMonth, referenceDay }, progress) => exportDistrictLedger(ctx, outFile, { asOfMonth, referenceDay }, progress),
};

/** What the serving thread hands a bureau worker (by structured clone, in memory); `desk` tells the worker entry which desk's job it is. */
export interface BureauJobData {
  desk: 'bureau';
  kind: BureauJobKind;
  input: unknown;
  dbPath: string;
  /**
   * The serving side's clock at the start (tests stand at a fixed moment), and the real time then; `still`: it
   * stays at that moment (a synchronous operation answers as of its call, as it did on its own thread).
   */
  clock: { at: number; realAt: number; still?: boolean };
}

/** A job's data for the worker: its input resolved on this thread (bureauWorkerInput), the database, the desk's clock. */
export function bureauJobData<K extends BureauJobKind>(ctx: BureauContext, kind: K, input: OperationParsedInput<K>): BureauJobData {
  // A ledger is as of the moment it was asked for (its reference day and the workbook's own date), however long
  // the worker takes to start and write it: the same file as the direct export at that moment.
  const still = kind === 'bureau.exportLedger' ? { still: true } : {};
  return {
    desk: 'bureau',
    kind,
    input: bureauWorkerInput(ctx, kind, input),
    dbPath: ctx.dbPath,
    clock: { at: ctx.now().getTime(), realAt: Date.now(), ...still },
  };
}

/**
 * Runs a bureau job in a worker and waits for its output: the synchronous operation (`bureau.exportLedger`, the
 * CLI's `bureau export-ledger`) runs as the desk's job does, in the same worker with the same heap limits,
 * instead of on the thread that serves. Refusals are the job's own (an unwritable folder, a bad date).
 */
export function runBureauJobToEnd<K extends BureauJobKind>(ctx: BureauContext, kind: K, input: OperationParsedInput<K>): Promise<OperationOutput<K>> {
  const data = bureauJobData(ctx, kind, input);
  return runJobToEnd<OperationOutput<K>>(kind, { ...data, clock: { ...data.clock, still: true } });
}

export const isBureauJob = (data: unknown): data is BureauJobData => (data as { desk?: unknown } | null)?.desk === 'bureau';

/** Opens the bureau database on a connection of its own, runs the job, closes the connection (also when the job fails). */
export async function runBureauJob(data: BureauJobData, progress: Progress): Promise<unknown> {
  progress({ phase: 'start', done: 0, total: 1 });
  const { at, realAt, still } = data.clock;
  const ctx = openBureau(data.dbPath, () => new Date(still ? at : at + (Date.now() - realAt)));
  try {
    progress({ phase: 'start', done: 1, total: 1 });
    const job = BUREAU_LONG_JOBS[data.kind] as BureauLongJob<BureauJobKind>;
    return await job(ctx, data.input as never, progress);
  } finally {
    ctx.db.close();
  }
}
