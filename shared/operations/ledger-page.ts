import { z } from 'zod';
import { ProblemCategory, ProblemStatus, RecordId, Text } from '../domain/index.js';
import { ProblemView } from './views.js';

/**
 * One page of the problem ledger (问题台账) with its filters applied by the store (issue 11): the transport
 * carries the rows shown plus counts, never the whole ledger (45 MB of JSON at 50,000 problems).
 */
export const LedgerSortKey = z.enum(['status', 'category', 'description', 'project', 'department', 'leader', 'dueOn', 'lastMoved']);
export type LedgerSortKey = z.infer<typeof LedgerSortKey>;
/** The most rows one call answers: a window around what a tall screen shows. */
export const LEDGER_PAGE_MAX = 1000;

export const LedgerQuery = z.object({
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(LEDGER_PAGE_MAX).default(100),
  statuses: z.array(ProblemStatus).max(10).default([]),
  categories: z.array(ProblemCategory).max(20).default([]),
  departments: z.array(Text(100)).max(200).default([]),
  projectIds: z.array(RecordId).max(2000).default([]),
  overdueOnly: z.boolean().default(false),
  /** Part of the description or the project's name. */
  search: Text(200).default(''),
  sort: LedgerSortKey.default('lastMoved'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type LedgerQuery = z.infer<typeof LedgerQuery>;

export const LedgerPage = z.object({
  /** Rows offset … offset + limit − 1 of the filtered, sorted ledger. */
  rows: z.array(ProblemView),
  offset: z.number().int(),
  /** Rows matching the filters. */
  total: z.number().int(),
  /** Over the whole ledger, whatever the filters (the cards at the top). */
  counts: z.object({ collected: z.number().int(), done: z.number().int(), open: z.number().int(), overdue: z.number().int() }),
  /** Choices for the department and project filters: every current department, every project with a problem. */
  departments: z.array(z.string()),
  projects: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type LedgerPage = z.infer<typeof LedgerPage>;
