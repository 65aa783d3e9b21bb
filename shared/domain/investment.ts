import { z } from 'zod';
import { AmountWan, Entered, IsoMonth, RecordId } from './common.js';

/**
 * Completed investment of one project in one month (万元). Officer-owned and append-only:
 * the latest entry for a month is the figure, earlier ones stay as the correction history.
 */
export const InvestmentEntry = z.object({ id: RecordId, projectId: RecordId, month: IsoMonth, amount: AmountWan, ...Entered });
export type InvestmentEntry = z.infer<typeof InvestmentEntry>;
