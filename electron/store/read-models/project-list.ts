import type { InvestmentEntry } from '@shared/domain/index.js';
import { selectList } from '@shared/records/index.js';
import type { SqliteDatabase } from '../database.js';
import type { ProjectRow } from '../repositories/projects.js';
import { refreshProblemStatus } from './problem-status.js';

/**
 * The home list's read model: every project row with its aggregates in one statement. The aggregates are
 * kept by triggers (migration 9), so each project costs a row of `project_totals` (open problems, last
 * visit), a range of the open tasks in force below today (`checklist_task_state_open`) and its current
 * monthly figures of the plan year through the month progress is measured to (`investment_current`), not
 * the problems, tasks, events and entries behind them. The SQL is plain text over the shared table shapes
 * so the bureau's district views can run the same statement on its store once it keeps these read models
 * too (issue 12).
 */
export const PROJECT_LIST_SQL = (includeArchived: boolean) => `
  SELECT ${selectList('project', 'officer', { alias: 'p' })},
    coalesce(t.open_problems, 0) AS openProblems,
    t.last_visit_on AS lastVisitOn,
    (SELECT count(*) FROM checklist_task_state c
      WHERE c.project_id = p.id AND c.due_on < @today AND c.in_force AND NOT c.closed_off) AS overdueItems,
    (SELECT sum(f.amount) FROM investment_current f
      WHERE f.project_id = p.id AND f.month BETWEEN p.plan_year || '-01' AND min(p.plan_year || '-12', @throughMonth)) AS ownCompleted,
    (SELECT min(f.month) FROM investment_current f
      WHERE f.project_id = p.id AND f.month BETWEEN p.plan_year || '-01' AND min(p.plan_year || '-12', @throughMonth)) AS firstOwnMonth
  FROM projects p LEFT JOIN project_totals t ON t.project_id = p.id ${includeArchived ? '' : 'WHERE p.archived_at IS NULL'}
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
