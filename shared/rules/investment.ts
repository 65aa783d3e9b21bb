import type { InvestmentEntry } from '../domain/investment.js';
import { compareByEntry } from './event-order.js';

/** The figure for each month is its latest entry; earlier entries are the correction history. */
export function currentMonthlyFigures(entries: readonly InvestmentEntry[]): Map<string, number> {
  const latest = new Map<string, InvestmentEntry>();
  for (const e of entries) {
    const seen = latest.get(e.month);
    if (!seen || compareByEntry(seen, e) < 0) latest.set(e.month, e);
  }
  return new Map([...latest].map(([m, e]) => [m, e.amount]));
}

/** Cumulative completed investment of `year` up to and including `throughMonth` (YYYY-MM). */
export function cumulativeCompleted(entries: readonly InvestmentEntry[], year: number, throughMonth: string): number {
  let sum = 0;
  for (const [month, amount] of currentMonthlyFigures(entries)) {
    if (month.startsWith(`${year}-`) && month <= throughMonth) sum += amount;
  }
  return Math.round(sum * 1e4) / 1e4;
}
