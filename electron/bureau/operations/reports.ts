import type { HandlerGroup } from '../../handlers/registry.js';
import { exportDistrictLedger } from '../ledger.js';
import { outputPath } from '../page-files.js';
import { districtSummary, resolveSummaryDates } from '../summary.js';

/** The district's figures and its ledger workbook. */
export const reportHandlers: HandlerGroup<'bureau.summary' | 'bureau.exportLedger'> = {
  'bureau.summary': (dates, ctx) => districtSummary(ctx, dates),
  'bureau.exportLedger': ({ out, folder, ...dates }, ctx) =>
    exportDistrictLedger(
      ctx,
      outputPath(ctx, { out, folder }, `重点项目台账-${resolveSummaryDates(ctx, dates).asOfMonth}.xlsx`, '--out (the ledger file)'),
      dates,
    ),
};
