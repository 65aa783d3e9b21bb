import type { HandlerGroup } from '../../handlers/registry.js';
import { exportDistrictLedger } from '../ledger.js';
import { districtSummary } from '../summary.js';

/** The district's figures and its ledger workbook. */
export const reportHandlers: HandlerGroup<'bureau.summary' | 'bureau.exportLedger'> = {
  'bureau.summary': (dates, ctx) => districtSummary(ctx, dates),
  'bureau.exportLedger': ({ out, ...dates }, ctx) => exportDistrictLedger(ctx, out, dates),
};
