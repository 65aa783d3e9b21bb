import { z } from 'zod';
import { IsoDate, RecordId, Text } from '../domain/index.js';
import { defineOperations } from './define.js';
import { MilestoneView } from './views.js';

export const milestoneOperations = defineOperations({
  /** "This milestone was reached on …": an officer report, appended; a correction is a later report. */
  'milestones.report': {
    input: z.object({ milestoneId: RecordId, reachedOn: IsoDate, note: Text(2000).default('') }),
    output: MilestoneView,
    changes: ['milestone'],
  },
});
