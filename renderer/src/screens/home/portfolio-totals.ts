import type { ProjectSummary } from '@shared/operations';
import { progressFigures } from '@shared/rules';

/** The totals row: the portfolio measured as one project (sums of completed and planned), with the shared rule. */
export function portfolioTotals(rows: readonly ProjectSummary[]) {
  const completed = rows.reduce((s, p) => s + p.progress.completed, 0);
  const planned = rows.reduce((s, p) => s + p.progress.planned, 0);
  const months = rows[0] ? Math.round((rows[0].progress.timeProportionalPct / 100) * 12) : 0;
  return {
    ...progressFigures(completed, planned, months),
    openProblems: rows.reduce((s, p) => s + p.openProblems, 0),
    overdueItems: rows.reduce((s, p) => s + p.overdueItems, 0),
  };
}
