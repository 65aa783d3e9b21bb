import type { HandlerGroup } from '../../handlers/registry.js';
import { runBureauJobToEnd } from '../long-jobs.js';
import { districtSummary } from '../summary.js';

/** The district's figures and its ledger workbook. */
export const reportHandlers: HandlerGroup<'bureau.summary' | 'bureau.exportLedger'> = {
  'bureau.summary': (dates, ctx) => districtSummary(ctx, dates),
  // In the export job's worker, with its heap limits (long-jobs.ts), not on the thread that serves.
  'bureau.exportLedger': (input, ctx) => runBureauJobToEnd(ctx, 'bureau.exportLedger', input),
};
