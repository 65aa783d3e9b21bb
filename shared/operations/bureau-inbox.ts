import { z } from 'zod';
import { IngestFileResult } from './bureau.js';
import { counts, defineOperations, fields, texts } from './define.js';

/**
 * The bureau desk's inbox (收件箱, issue 12 screen 3): what folding a set of weekly packets would do, before it
 * is done; the conflicts the bureau keeps, with both versions; a receipt of a fold written as a file. The fold
 * itself is `bureau.ingest`, run as a job (bureau.jobs.start).
 */

const text = z.string();

/** A conflict the bureau keeps (fold.ts): the version in force and the one that arrived, and who sent it in which packet. */
export const BureauConflict = z.object({
  id: z.number().int(),
  kind: z.enum(['content', 'illegal_step']),
  ...texts('entity', 'recordId', 'officerId', 'officerName', 'packetId', 'detectedAt'),
  packetSequence: z.number().int().nullable(),
  packetFileName: text.nullable(),
  /** The project the record belongs to, when it names one the bureau has. */
  project: z.object(texts('code', 'name')).nullable(),
  /** In force (for an illegal step: the problem's state when the step's turn came). */
  existing: z.record(z.string(), z.unknown()),
  /** What the packet carried, set aside. */
  incoming: z.record(z.string(), z.unknown()),
});
export type BureauConflict = z.infer<typeof BureauConflict>;

/** One file's line of a receipt, as the page shows it (its words already in the receipt's language). */
const ReceiptLine = z.object({
  ...texts('file', 'officer', 'outcome', 'note'),
  sequence: z.number().int().nullable(),
  ...counts('newRecords', 'duplicateRecords', 'conflicts', 'photosStored'),
});

export const bureauInboxOperations = defineOperations({
  /**
   * What `bureau.ingest` would do with these files in this order, writing nothing: per file accepted (with its
   * new, duplicate and conflicting records per kind), duplicate, pending (the key to accept) or refused (why).
   */
  'bureau.inbox.preview': {
    input: z.object({ paths: z.array(text).min(1), requireRegisteredKeys: z.boolean().default(false) }),
    output: z.array(IngestFileResult),
  },
  /** The conflicts the bureau keeps, newest first, each with both versions. */
  'bureau.inbox.conflicts': { input: z.object({}), output: z.array(BureauConflict) },
  /**
   * Writes a fold's receipt (an HTML page to keep or print: the bureau's name, when, each file's officer,
   * packet number, counts and refusal) into the chosen folder or the outbox; `out` from the command line only.
   */
  'bureau.inbox.writeReceipt': {
    input: z.object({
      ...fields(z.string().optional())('out', 'folder'),
      language: z.enum(['zh', 'en']).default('zh'),
      lines: z.array(ReceiptLine).min(1).max(1000),
    }),
    output: z.object({ file: text, bytes: z.number().int() }),
    changes: [],
  },
});
