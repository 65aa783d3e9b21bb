import { localDay, type Moment } from './local-time.js';
import { addDays, weekStart } from './schedule.js';

/**
 * The reporting week: the one definition of "this week" shared by the 本周工作 screen, the weekly packet's
 * `period` and its report.html. It is the Monday–Sunday calendar week that holds today, today being the
 * calendar day in the district's time zone (never the computer's): at 23:30 on a Sunday in Beijing the week
 * is still the one ending that Sunday, whatever a laptop set to UTC thinks.
 *
 * A record belongs to the week when the day it happened or the day it was entered (local) falls in it: a
 * visit on Friday logged on the next Monday shows in both weeks, because Monday's packet is the one that
 * carries it.
 */
export interface ReportingWeek {
  /** Monday, `YYYY-MM-DD`. */
  from: string;
  /** Sunday, `YYYY-MM-DD`. */
  to: string;
}

/** The reporting week holding `now` in `zone`, or the week holding the day `weekOf` when one is asked for. */
export function reportingWeek(now: Moment, zone: string, weekOf?: string): ReportingWeek {
  const from = weekStart(weekOf ?? localDay(now, zone));
  return { from, to: addDays(from, 6) };
}

export function dayInWeek(week: ReportingWeek, day: string): boolean {
  return day >= week.from && day <= week.to;
}

/** Whether a record that happened on `happenedOn` and was entered at `recordedAt` belongs to `week`. */
export function belongsToWeek(week: ReportingWeek, happenedOn: string, recordedAt: Moment, zone: string): boolean {
  return dayInWeek(week, happenedOn) || dayInWeek(week, localDay(recordedAt, zone));
}
