import { z } from 'zod';
import { counts, defineOperations, texts } from './define.js';
import { bureauOperations, MasterImportResult } from './bureau.js';

/**
 * The bureau desk's master list and assignments screen (项目清单与任务下发, issue 12), combined into the one table
 * in ./index.ts. The import itself is `bureau.importMaster`; these entries are what the screen needs around it.
 */

/** A wrong row or file of the list, by row and column (shared/bureau/master-issues.ts says it in either language). */
const MasterIssue = z.object({ row: z.number().int(), column: z.string(), code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) });

/** One field of an updated project, its value before and after as text (numbers as written, the officer by name). */
const FieldChange = z.object({ field: z.string(), before: z.string(), after: z.string() });

const written = { out: z.string().optional(), folder: z.string().optional() };

export const bureauMasterOperations = defineOperations({
  /**
   * What importing the list would do, written nowhere. A list with wrong rows answers them (`issues`, nothing
   * else), as data the screen shows in a table; a list that would withdraw most active projects answers its
   * preview with `withdrawsMost`, for the clerk to confirm. A file that is no list at all is refused.
   */
  'bureau.master.preview': {
    input: z.object({ file: z.string(), year: z.number().int().optional() }),
    output: z.object({
      fileName: z.string(),
      issues: z.array(MasterIssue),
      summary: MasterImportResult.nullable(),
      updates: z.array(z.object({ ...texts('code', 'name'), fields: z.array(FieldChange) })),
      active: z.number().int(),
      withdrawsMost: z.boolean(),
    }),
  },
  /** A blank master list workbook (the heading row, one example row, the instructions sheet) written to a chosen folder or the outbox. */
  'bureau.master.template': { input: z.object({ ...written, year: z.number().int().optional() }), output: z.object({ file: z.string() }), changes: [] },
  /** Per officer, what the last assignment acknowledged and what the next one would (the highest weekly packet held whole). */
  'bureau.master.assignees': {
    input: z.object({}),
    output: z.array(z.object({ officerId: z.string(), lastAcknowledged: z.number().int().nullable(), ...counts('acknowledges', 'activeProjects') })),
  },
  /**
   * Writes the assignments of the chosen officers (none: every officer with projects or an earlier assignment)
   * into a chosen folder or the outbox. Refused whole, nothing written, when a chosen officer has nothing to hand over.
   */
  'bureau.master.assign': {
    input: z.object({ ...written, officers: z.array(z.string()).default([]), note: z.string().max(500).optional() }),
    output: bureauOperations['bureau.assign'].output,
    changes: ['exchange'],
  },
});
