import { z } from 'zod';
import { AmountWan, InvestmentEntry, IsoMonth, RecordId } from '../domain/index.js';
import { defineOperations } from './define.js';
import { ProgressView } from './views.js';

export const investmentOperations = defineOperations({
  /**
   * The completed investment of one month (万元). Appends an entry (the previous figure stays as history);
   * a month outside the plan year or in the future is refused. Recording the current figure again writes nothing.
   */
  'investment.record': {
    input: z.object({ projectId: RecordId, month: IsoMonth, amount: AmountWan }),
    output: z.object({ entry: InvestmentEntry, written: z.boolean(), progress: ProgressView }),
    changes: ['investment'],
  },
});
