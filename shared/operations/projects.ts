import { z } from 'zod';
import { AmountWan, InvestmentEntry, IsoDate, IsoMonth, RecordId, Text } from '../domain/index.js';
import { defineOperations } from './define.js';
import { MilestoneView, ProgressView, ProjectDetail, ProjectSummary } from './views.js';

/** The officer's projects, and what the officer reports against each one's plan: milestones reached, investment completed. */
export const projectOperations = defineOperations({
  /** Checked on 32 rows a call: the read model's test parses every row of every project (tests/integration/read-models.test.ts). */
  'projects.list': { input: z.object({ includeArchived: z.boolean().default(false) }), output: z.array(ProjectSummary), outputSample: 32 },
  'projects.get': { input: z.object({ projectId: RecordId }), output: ProjectDetail },
  /** "This milestone was reached on …": an officer report, appended; a correction is a later report. */
  'milestones.report': {
    input: z.object({ milestoneId: RecordId, reachedOn: IsoDate, note: Text(2000).default('') }),
    output: MilestoneView,
    changes: ['milestone'],
  },
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
