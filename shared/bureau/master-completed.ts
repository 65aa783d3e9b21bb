import type { BureauCompleted } from '../domain/project.js';
import type { IssueParams, MasterIssueCode } from './master-issues.js';

/** The master list's investment completed to date (docs/bureau.md): 累计完成投资（万元） with 截至月份, the month it runs through. */
/** `2026-11`, `2026/11`, `2026.11`, `2026年11月`, or a day of that month (a date cell); null when none of them. */
export function normalizeMonth(text: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:月|[-/.月]\s*\d{1,2}\s*日?)?$/.exec(text.trim());
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return `${m[1]}-${String(month).padStart(2, '0')}`;
}

/** A heading like 1-11月累计完成投资: the month belongs in its own column, so the heading is refused, not ignored. */
export function monthInHeading(normalizedHeading: string): boolean {
  return /^1[-－—~～至到]\d{1,2}月(份)?累计完成投资/.test(normalizedHeading);
}

/**
 * The completed investment of a row (its amount parsed like any other), or null with its issues reported: both
 * or neither, the month in the row's plan year and not after the current month.
 */
export function checkCompletedToDate(
  amount: number | null,
  monthText: string,
  context: { planYear: number; currentMonth?: string },
  report: (column: 'completedToDate' | 'completedThroughMonth', code: MasterIssueCode, params?: IssueParams) => void,
): BureauCompleted | null {
  if (amount === null && monthText === '') return null;
  if (monthText === '') {
    report('completedThroughMonth', 'month_required');
    return null;
  }
  const month = normalizeMonth(monthText);
  const { planYear, currentMonth } = context;
  let fits = false;
  if (!month) report('completedThroughMonth', 'bad_month', { value: monthText });
  else if (!month.startsWith(`${planYear}-`)) report('completedThroughMonth', 'month_outside_plan_year', { value: monthText, year: planYear });
  else if (currentMonth !== undefined && month > currentMonth) report('completedThroughMonth', 'month_in_future', { value: monthText, current: currentMonth });
  else fits = true;
  if (amount === null) report('completedToDate', 'amount_required', { month: monthText });
  return month && fits && amount !== null ? { throughMonth: month, amount } : null;
}
