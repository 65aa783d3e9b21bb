import { addDays } from './schedule.js';

/**
 * The district's local time. Every day, week and month the app computes ("today", "known by 30 November",
 * "recorded this week", a file's date) is a calendar day in the district's IANA time zone, a setting of each
 * store (default Asia/Shanghai), never the zone of the process: the same store gives the same figures on a
 * laptop set to UTC and on one set to Beijing time. Stored moments stay UTC ISO timestamps; only what people
 * read (ledgers, reports, CLI output) is shown as local `YYYY-MM-DD HH:mm`.
 *
 * Pure ECMAScript (Intl.DateTimeFormat), no Node or DOM types, so the renderer may use it too.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** A moment: a UTC ISO timestamp, a Date, or milliseconds since the epoch. */
export type Moment = string | Date | number;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    // h23: midnight is 00, never 24 (some engines print 24:00 with hour12: false).
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      era: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** An IANA name's shape: `Area/Location[/More]` or a single word (`UTC`); offsets such as `+08:00` are not names. */
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

/** Whether `zone` is an IANA time zone this runtime knows (`Asia/Shanghai`, `Europe/Berlin`, `UTC`). */
export function isValidTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64 || !IANA_NAME.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function millis(moment: Moment): number {
  const t = typeof moment === 'number' ? moment : typeof moment === 'string' ? Date.parse(moment) : moment.getTime();
  if (Number.isNaN(t)) throw new RangeError(`not a moment: ${String(moment)}`);
  return t;
}

/** The wall clock in `zone` at `moment`. */
export function wallClock(moment: Moment, zone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(zone).formatToParts(new Date(millis(moment)))) parts[p.type] = p.value;
  const year = Number(parts.year);
  return {
    year: parts.era === 'BC' || parts.era === 'B' ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const dayText = (w: WallClock) => `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;

/** `YYYY-MM-DD`: the calendar day `moment` falls on in `zone`. */
export function localDay(moment: Moment, zone: string): string {
  return dayText(wallClock(moment, zone));
}

/** `YYYY-MM`: the calendar month `moment` falls in in `zone`. */
export function localMonth(moment: Moment, zone: string): string {
  return localDay(moment, zone).slice(0, 7);
}

/** `YYYY-MM-DD HH:mm`: how a person in `zone` reads `moment` (ledgers, reports, CLI output). */
export function localDateTime(moment: Moment, zone: string): string {
  const w = wallClock(moment, zone);
  return `${dayText(w)} ${pad(w.hour)}:${pad(w.minute)}`;
}

/** `YYYYMMDD-HHmmss` in `zone`, for file names. */
export function localStamp(moment: Moment, zone: string): string {
  const w = wallClock(moment, zone);
  return `${pad(w.year, 4)}${pad(w.month)}${pad(w.day)}-${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;
}

/** Today in `zone` (the clock is a parameter so tests and long jobs can stand on any day). */
export function todayIn(zone: string, now: Moment = Date.now()): string {
  return localDay(now, zone);
}

/** Milliseconds `zone` is ahead of UTC at `moment` (+8 h in Beijing). */
export function zoneOffsetMs(moment: Moment, zone: string): number {
  const t = millis(moment);
  const w = wallClock(t, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (t - (((t % 1000) + 1000) % 1000));
}

/**
 * The UTC instant (ms) of the wall-clock time `day` `hh:mm:ss` in `zone`. A time skipped by a clock change
 * (02:30 on a spring-forward day in Berlin) is moved forward by the gap (03:30, as Temporal's 'compatible'
 * does), so a day that starts in a gap starts when its first hour does; a time that occurs twice gives the
 * earlier instant.
 */
export function zonedTimeToMillis(day: string, zone: string, hour = 0, minute = 0, second = 0): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d, hour, minute, second);
  if (Number.isNaN(naive)) throw new RangeError(`not a day: ${day}`);
  // The offset in force around the wanted time is one of the offsets a day either side; try each and keep
  // the candidates that read back as the wanted wall time (or, in a gap, land on the wanted day after it).
  const offsets = new Set([-36, -24, -12, -6, 0, 6, 12, 24, 36].map((h) => zoneOffsetMs(naive + h * 3_600_000, zone)));
  const exact: number[] = [];
  const after: number[] = [];
  const wanted = `${day} ${pad(hour)}:${pad(minute)}:${pad(second)}`;
  for (const offset of offsets) {
    const t = naive - offset;
    const w = wallClock(t, zone);
    const read = `${dayText(w)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
    if (read === wanted) exact.push(t);
    else if (read > wanted) after.push(t);
  }
  if (exact.length > 0) return Math.min(...exact);
  // In a gap: the earliest candidate that reads later than the wanted time.
  if (after.length > 0) return Math.min(...after);
  return naive - zoneOffsetMs(naive, zone);
}

/** The first instant of the local `day` in `zone`, as a UTC ISO timestamp. */
export function localDayStart(day: string, zone: string): string {
  return new Date(zonedTimeToMillis(day, zone)).toISOString();
}

/** The first instant of the local day after `day` (an exclusive end), as a UTC ISO timestamp. */
export function localDayEnd(day: string, zone: string): string {
  return localDayStart(addDays(day, 1), zone);
}
