import { z } from 'zod';
import { Language } from '../domain/index.js';
import { defineOperations } from './define.js';

/**
 * The bureau desk's reports (汇总与台账, issue 12): the printable district summary, beside the ledger workbook
 * (`bureau.exportLedger` in ./bureau.ts). The summary is one self-contained HTML page (A4 portrait) with the
 * figures `bureau.summary` computes; `bureau.summaryDocument` hands the same page to the window's print view,
 * `bureau.exportSummary` writes it to a chosen folder or the outbox (electron/bureau/page-files.ts).
 */

const optionalText = z.string().optional();
const request = { asOfMonth: optionalText, referenceDay: optionalText, language: Language.optional() };

export const bureauReportsOperations = defineOperations({
  /** The summary document for the dates and language asked (Chinese by default), to print from the window. */
  'bureau.summaryDocument': {
    input: z.object(request),
    output: z.object({ html: z.string(), fileName: z.string(), asOfMonth: z.string(), referenceDay: z.string() }),
  },
  /** Writes the summary document into `folder` (a chosen folder's handle) or the outbox; `out`, a path, from the command line only. */
  'bureau.exportSummary': {
    input: z.object({ out: optionalText, folder: optionalText, ...request }),
    output: z.object({ file: z.string(), bytes: z.number().int(), asOfMonth: z.string(), referenceDay: z.string() }),
    // A file in a folder, nothing a view shows.
    changes: [],
  },
});
