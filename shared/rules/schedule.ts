/**
 * Calendar rules. Dates are `YYYY-MM-DD` strings and months `YYYY-MM`; no time zones are involved here:
 * turning a moment into a day is local-time.ts's job, always with the store's zone.
 */

/** Months of `year` fully or partly reported as of `asOfMonth` (YYYY-MM): Jan–Nov reports count 11. */
export function elapsedMonths(year: number, asOfMonth: string): number {
  const [y, m] = asOfMonth.split('-').map(Number) as [number, number];
  return y < year ? 0 : y > year ? 12 : m;
}

/** The last fully completed month before `today`: figures for November are reported in December. */
export function lastReportedMonth(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Monday of the ISO week that holds `date`. */
export function weekStart(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, day === 0 ? -6 : 1 - day);
}
