import type { InvestmentEntry } from '@shared/domain/index.js';
import { selectList } from '@shared/records/index.js';
import type { SqliteDatabase } from '../database.js';
import type { ProjectRow } from '../repositories/projects.js';
import { refreshProblemStatus } from './problem-status.js';

/**
 * The home list's read model: every project row with its aggregates in one statement, each aggregate a
 * correlated lookup on a covering index (migration 8), so the cost grows with the number of projects shown,
 * not with the problems, visits and steps behind them. The SQL is plain text over the shared table shapes
 * (projects, problems, visits, checklist items and events, investment entries) so the bureau's district views
 * can run the same statements on its store once it keeps `problem_status` too (issue 12).
 *
 * Each month's current figure is its latest entry in (recorded_at, id) order. It is taken with SQLite's
 * bare-column rule (the other columns of a max() query come from the row that holds the max) while the
 * index walks the project's entries month by month, instead of asking "is there a later entry?" for every
 * entry (one index seek each; twice the time at 11,000 entries). The NUL between the two keeps the order
 * of the pair: a moment that is a prefix of another sorts first either way. Moments and ids are ASCII, so
 * SQLite's byte order is the rule's string order (compareByEntry).
 */
export const PROJECT_LIST_SQL = (includeArchived: boolean) => `
  SELECT ${selectList('project', 'officer', { alias: 'p' })},
    (SELECT count(*) FROM problem_status s WHERE s.project_id = p.id AND s.status <> 'closed') AS openProblems,
    (SELECT max(v.visited_on) FROM visits v WHERE v.project_id = p.id) AS lastVisitOn,
    (SELECT count(*) FROM checklist_items i
      WHERE i.project_id = p.id AND i.withdrawn_at IS NULL AND i.due_on < @today
        AND coalesce((SELECT e.action FROM checklist_events e WHERE e.item_id = i.id ORDER BY e.recorded_at DESC, e.id DESC LIMIT 1), 'reopen') = 'reopen'
    ) AS overdueItems,
    (SELECT sum(c.amount) FROM (
      SELECT e.amount, max(e.recorded_at || char(0) || e.id) FROM investment_entries e
      WHERE e.project_id = p.id AND e.month BETWEEN p.plan_year || '-01' AND min(p.plan_year || '-12', @throughMonth)
      GROUP BY e.month) c
    ) AS ownCompleted,
    (SELECT min(e.month) FROM investment_entries e
      WHERE e.project_id = p.id AND e.month BETWEEN p.plan_year || '-01' AND min(p.plan_year || '-12', @throughMonth)
    ) AS firstOwnMonth
  FROM projects p ${includeArchived ? '' : 'WHERE p.archived_at IS NULL'}
  ORDER BY p.code`;

/**
 * `ownCompleted` is the sum of the officer's current monthly figures (each month's latest entry; earlier ones
 * are corrections) of the plan year through the month progress is measured to, and `firstOwnMonth` the first
 * of those months: all that the investment and bureau-figure rules read from the figures (see ownFigures).
 */
export type ProjectListRow = ProjectRow & {
  openProblems: number;
  lastVisitOn: string | null;
  overdueItems: number;
  ownCompleted: number | null;
  firstOwnMonth: string | null;
};

export function projectListRows(db: SqliteDatabase, today: string, throughMonth: string, includeArchived: boolean): ProjectListRow[] {
  refreshProblemStatus(db);
  // The driver keeps the compiled statement (store/statement-cache.ts): compiling it costs a noticeable part of the list's time.
  return db.prepare(PROJECT_LIST_SQL(includeArchived)).all({ today, throughMonth }) as ProjectListRow[];
}

/**
 * The figures as the rules see them: one entry carrying the total in the first month. cumulativeCompleted
 * then gives the total (rounded as always; amounts have at most four decimals, so SQL's summation order
 * cannot change the rounded figure), and bureauFigureTakenOver asks whether any month of the year up to the
 * bureau's month N has a figure, which the first month answers. tests/integration/read-models.test.ts
 * compares every summary with the per-project rules over the full entry lists.
 */
export function ownFigures(row: ProjectListRow): InvestmentEntry[] {
  if (row.firstOwnMonth === null) return [];
  return [{ id: '', projectId: row.id, month: row.firstOwnMonth, amount: row.ownCompleted ?? 0, recordedAt: '', recordedBy: '' }];
}
