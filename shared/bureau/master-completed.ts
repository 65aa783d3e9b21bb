import type { BureauCompleted } from '../domain/project.js';
import type { MasterIssueCode } from './master-issues.js';

/**
 * The master list's investment completed to date (docs/bureau.md): 累计完成投资（万元） with 截至月份, the month
 * it runs through. Both or neither; the month lies in the row's plan year and not after the current month;
 * the amount is an ordinary amount (parsed by the caller like every other amount).
 */
export type CompletedIssue = { column: 'completedToDate' | 'completedThroughMonth'; code: MasterIssueCode; params: Record<string, string | number> };

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

export function checkCompletedToDate(
  amount: number | null,
  monthText: string,
  context: { planYear: number; currentMonth?: string },
): { value: BureauCompleted | null; issues: CompletedIssue[] } {
  const issues: CompletedIssue[] = [];
  if (amount === null && monthText === '') return { value: null, issues };
  if (monthText === '') {
    issues.push({ column: 'completedThroughMonth', code: 'month_required', params: {} });
    return { value: null, issues };
  }
  const month = normalizeMonth(monthText);
  if (!month) issues.push({ column: 'completedThroughMonth', code: 'bad_month', params: { value: monthText } });
  else if (!month.startsWith(`${context.planYear}-`))
    issues.push({ column: 'completedThroughMonth', code: 'month_outside_plan_year', params: { value: monthText, year: context.planYear } });
  else if (context.currentMonth !== undefined && month > context.currentMonth) {
    issues.push({ column: 'completedThroughMonth', code: 'month_in_future', params: { value: monthText, current: context.currentMonth } });
  }
  if (amount === null) issues.push({ column: 'completedToDate', code: 'amount_required', params: { month: monthText } });
  if (issues.length > 0 || !month || amount === null) return { value: null, issues };
  return { value: { throughMonth: month, amount }, issues };
}
