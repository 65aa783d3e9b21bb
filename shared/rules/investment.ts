import type { InvestmentEntry } from '../domain/investment.js';
import { latestEntry } from './event-order.js';
import { groupBy } from './group-by.js';

/** The figure for each month is its latest entry; earlier entries are the correction history. */
export function currentMonthlyFigures(entries: readonly InvestmentEntry[]): Map<string, number> {
  return new Map([...groupBy(entries, (e) => e.month)].map(([month, corrections]) => [month, latestEntry(corrections)!.amount]));
}

/** Cumulative completed investment of `year` up to and including `throughMonth` (YYYY-MM). */
export function cumulativeCompleted(entries: readonly InvestmentEntry[], year: number, throughMonth: string): number {
  let sum = 0;
  for (const [month, amount] of currentMonthlyFigures(entries)) if (month.startsWith(`${year}-`) && month <= throughMonth) sum += amount;
  return Math.round(sum * 1e4) / 1e4;
}
