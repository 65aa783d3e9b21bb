import type { BureauCompleted, Project } from '../domain/project.js';
import type { InvestmentEntry } from '../domain/investment.js';
import { cumulativeCompleted, currentMonthlyFigures } from './investment.js';
import { progressFigures, type ProgressFigures } from './progress.js';
import { elapsedMonths } from './schedule.js';

/**
 * Cumulative completed investment with the bureau's figure (1–N月累计, from the master list) standing in for
 * the months the officer has not typed. One rule for the officer's screens, the bureau's summary and its
 * ledger (docs/packets.md §3):
 * - The bureau's figure covers January through its month N, and counts only from month N on (asked about an
 *   earlier month, it cannot be split, so it does not count).
 * - The officer's own figures for months after N add on top of it.
 * - Once the officer has a figure (any amount, 0 too) for any month ≤ N of the plan year, the officer's own
 *   figures have taken over: they replace the bureau's figure entirely, and it no longer counts.
 * A figure for another plan year is ignored.
 */
export interface CompletedFigure {
  completed: number;
  /** N when the bureau's figure is part of `completed` (the screens mark it), else null. */
  bureauThroughMonth: string | null;
}

/** Whether the officer's own monthly figures have replaced the bureau's figure (a figure for a month ≤ N). */
export function bureauFigureTakenOver(entries: readonly InvestmentEntry[], bureau: BureauCompleted): boolean {
  const year = bureau.throughMonth.slice(0, 5);
  return [...currentMonthlyFigures(entries).keys()].some((month) => month.startsWith(year) && month <= bureau.throughMonth);
}

export function completedWithBureauFigure(
  entries: readonly InvestmentEntry[],
  year: number,
  throughMonth: string,
  bureau: BureauCompleted | null | undefined,
): CompletedFigure {
  const own = cumulativeCompleted(entries, year, throughMonth);
  if (!bureau || !bureau.throughMonth.startsWith(`${year}-`) || throughMonth < bureau.throughMonth) return { completed: own, bureauThroughMonth: null };
  if (bureauFigureTakenOver(entries, bureau)) return { completed: own, bureauThroughMonth: null };
  // Every own figure of the year is for a month after N here, so nothing is counted twice.
  return { completed: Math.round((bureau.amount + own) * 1e4) / 1e4, bureauThroughMonth: bureau.throughMonth };
}

/**
 * A project's progress as of `asOfMonth` (completed with the bureau's figure, completion, time-proportional
 * progress, points ahead): the officer's screens, the bureau's summary and both ledgers.
 */
export function projectProgress(
  project: Pick<Project, 'planYear' | 'annualPlannedInvestment' | 'bureauCompleted'>,
  entries: readonly InvestmentEntry[],
  asOfMonth: string,
): ProgressFigures & CompletedFigure & { asOfMonth: string } {
  const { completed, bureauThroughMonth } = completedWithBureauFigure(entries, project.planYear, asOfMonth, project.bureauCompleted);
  return { asOfMonth, ...progressFigures(completed, project.annualPlannedInvestment, elapsedMonths(project.planYear, asOfMonth)), bureauThroughMonth };
}
