import { addDays, daysBetween, DEFAULT_TIME_ZONE, localDay } from '@shared/rules/index.js';

/**
 * The calendar of the bureau's sample master list. The specs in samples.ts are written for one day,
 * LAYOUT_DAY, the first working days of the 2026 plan, and laid out so that on that day only a plausible few
 * checklist items are already due (one task a week late, nothing from the year before). A sample for
 * another clock keeps that picture: its plan year is the clock's year and every date moves by the days
 * between LAYOUT_DAY and the clock's day, so on the day it is made, whenever that is, an officer sees what
 * a new officer would (a task or two late, the rest ahead), never a year of overdue work.
 */
const LAYOUT_DAY = '2026-01-05';

/**
 * The clock docs/samples/ were written with (LAYOUT_DAY: the committed files are the 2026 list as laid out).
 * The test that compares them with the generator uses it, so it passes on any day.
 */
export const DOCS_SAMPLES_CLOCK = new Date(`${LAYOUT_DAY}T09:00:00+08:00`);

/**
 * The sample's calendar for a clock, read on the district's calendar (Asia/Shanghai, the stores' default zone):
 * the plan year is the clock's year, and `day` moves a day of the layout to the clock.
 */
export function sampleCalendar(clock: Date): { year: number; day(layoutDay: string): string } {
  const today = localDay(clock, DEFAULT_TIME_ZONE);
  const shift = daysBetween(LAYOUT_DAY, today);
  return { year: Number(today.slice(0, 4)), day: (layoutDay) => addDays(layoutDay, shift) };
}
