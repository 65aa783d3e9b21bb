import { z } from 'zod';
import { IsoDate, ProblemAction, ProblemCategory, RecordId, RequiredText, Text } from '../domain/index.js';
import { defineOperations } from './define.js';
import { LedgerPage, LedgerQuery } from './ledger-page.js';
import { ProblemView } from './views.js';

export const problemOperations = defineOperations({
  /** An officer raises a problem (问题收集). Origin 'officer', raised by the officer in settings, today. */
  'problems.raise': {
    input: z.object({
      projectId: RecordId,
      category: ProblemCategory,
      description: RequiredText(4000),
      responsibleDepartment: Text(100).default(''),
      coordinatingLeader: Text(100).default(''),
      dueOn: IsoDate.nullable().default(null),
      /** The visit whose finding this problem comes from (checked to belong to the project). */
      sourceVisitId: RecordId.optional(),
    }),
    output: ProblemView,
    changes: ['problem'],
  },
  /**
   * One step of the closed loop, appended as an event. The server re-derives the state from the merged
   * events and refuses a step that is not legal now; dispatch needs a department, resolve a resolution,
   * reopen a reason (the note).
   */
  'problems.act': {
    input: z.object({
      problemId: RecordId,
      action: ProblemAction,
      note: Text(4000).default(''),
      department: Text(100).optional(),
      resolution: Text(4000).optional(),
      /** Who did it (the sponsoring leader coordinating, say); the officer when empty. */
      by: Text(100).optional(),
      /**
       * The day it happened on the district's calendar, when earlier than today (a meeting held on Monday,
       * entered on Thursday); today when omitted. Not after today, not before the problem was raised, not
       * before the problem's latest step. The step keeps both: `at` (happened) and `recordedAt` (entered).
       */
      happenedOn: IsoDate.optional(),
    }),
    output: ProblemView,
    changes: ['problem'],
  },
  /**
   * The officer's problem ledger (问题台账): one page of every project's problems, filtered and sorted by the
   * store, with the counts the screen shows (shared/operations/ledger-page.ts).
   */
  'problems.ledger': { input: LedgerQuery, output: LedgerPage },
});
