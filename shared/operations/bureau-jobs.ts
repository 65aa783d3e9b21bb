import { z } from 'zod';
import { AppErrorShape } from '../errors.js';
import { RecordId } from '../domain/index.js';
import { bureauOperations } from './bureau.js';
import { defineOperations } from './define.js';
import { JOB_VIEW_FIELDS } from './jobs.js';

/**
 * The bureau desk's long work as jobs (issue 12), as the officer's jobs.start / jobs.get (./jobs.ts): folding a
 * week of packets, importing the master list and writing the district ledger run in a worker thread with its
 * own connection to the bureau database, while the desk goes on answering. Each kind is an operation of the
 * table: its input is that operation's own input, its result that operation's own output.
 */
export const BureauJobKind = z.enum(['bureau.ingest', 'bureau.importMaster', 'bureau.exportLedger']);
export type BureauJobKind = z.infer<typeof BureauJobKind>;

/**
 * What a bureau job is doing. start: the worker opens its connection; read: a file is read and its signature
 * or rows checked; fold: a weekly packet's records folded in its one transaction (ingest, per file);
 * compare: the master list compared with the projects held; write: the import's transaction, or the ledger
 * workbook written; collect: the ledger's rows gathered; done: finished (or failed).
 */
export const BureauJobPhase = z.enum(['start', 'read', 'fold', 'compare', 'collect', 'write', 'done']);
export type BureauJobPhase = z.infer<typeof BureauJobPhase>;

const phases = (weights: Partial<Record<BureauJobPhase, number>>) => Object.entries(weights) as [BureauJobPhase, number][];
/** A kind's phases in the order they run, with their share of the whole (percent points, summing to 100). */
export const BUREAU_JOB_PHASES: Readonly<Record<BureauJobKind, readonly (readonly [BureauJobPhase, number])[]>> = {
  'bureau.ingest': phases({ start: 5, fold: 95 }),
  'bureau.importMaster': phases({ start: 5, read: 30, compare: 25, write: 40 }),
  'bureau.exportLedger': phases({ start: 5, collect: 25, write: 70 }),
};

const started = <K extends BureauJobKind>(kind: K) => z.object({ kind: z.literal(kind), input: bureauOperations[kind].input });

const view = <K extends BureauJobKind>(kind: K) =>
  z.object({
    kind: z.literal(kind),
    ...JOB_VIEW_FIELDS,
    phase: BureauJobPhase,
    /** A failed job's error as the operation reports it, with what its error carries beyond the shape (a master list's row issues). */
    error: AppErrorShape.loose().nullable(),
    /** A finished job's result: the operation's own output. */
    result: bureauOperations[kind].output.nullable(),
  });

export const BureauJobView = z.discriminatedUnion('kind', [view('bureau.ingest'), view('bureau.importMaster'), view('bureau.exportLedger')]);
export type BureauJobView = z.infer<typeof BureauJobView>;

export const bureauJobsOperations = defineOperations({
  /**
   * Starts a bureau job in a worker and answers at once with its id. At most one job runs per desk: a second is
   * refused with `busy`. What it changes is its kind's `changes`, announced by the client when it is done.
   */
  'bureau.jobs.start': {
    input: z.discriminatedUnion('kind', [started('bureau.ingest'), started('bureau.importMaster'), started('bureau.exportLedger')]),
    output: z.object({ jobId: RecordId, kind: BureauJobKind }),
    changes: [],
  },
  /** A job's progress, then its result or error; a finished job is kept until it has been read. Unknown id: not_found. */
  'bureau.jobs.get': { input: z.object({ jobId: RecordId }), output: BureauJobView },
});
