import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TIME_ZONE,
  isValidTimeZone,
  localDateTime,
  localDay,
  localDayEnd,
  localDayStart,
  localMonth,
  localStamp,
  todayIn,
  zonedTimeToMillis,
  zoneOffsetMs,
} from '@shared/rules/local-time.js';

/**
 * The district's calendar, computed from an explicit IANA zone. Each expectation is the wall clock a person in
 * that zone reads; the tests pass whatever TZ the process runs under (the integration tests run the same
 * scenarios under TZ=UTC and TZ=Asia/Shanghai).
 */
const HOUR = 3_600_000;

describe('localDay, localMonth, localDateTime', () => {
  it('reads a UTC moment on the calendar of the zone', () => {
    const at = '2025-11-30T20:00:00.000Z';
    expect(localDay(at, 'UTC')).toBe('2025-11-30');
    expect(localDay(at, 'Asia/Shanghai')).toBe('2025-12-01');
    expect(localDay(at, 'Europe/Berlin')).toBe('2025-11-30');
    expect(localDay(at, 'America/New_York')).toBe('2025-11-30');
    expect(localMonth(at, 'Asia/Shanghai')).toBe('2025-12');
    expect(localMonth(at, 'UTC')).toBe('2025-11');
    expect(localDateTime(at, 'Asia/Shanghai')).toBe('2025-12-01 04:00');
    expect(localDateTime(at, 'Europe/Berlin')).toBe('2025-11-30 21:00');
    expect(localDateTime('2026-12-01T13:56:59.999Z', 'Asia/Shanghai')).toBe('2026-12-01 21:56');
  });

  it('takes an ISO string, a Date or milliseconds alike', () => {
    const ms = Date.UTC(2026, 0, 1, 16, 0, 0);
    expect(localDay(ms, 'Asia/Shanghai')).toBe('2026-01-02');
    expect(localDay(new Date(ms), 'Asia/Shanghai')).toBe('2026-01-02');
    expect(localDay(new Date(ms).toISOString(), 'Asia/Shanghai')).toBe('2026-01-02');
  });

  it('shows midnight as 00:00, never 24:00', () => {
    expect(localDateTime('2026-03-01T16:00:00Z', 'Asia/Shanghai')).toBe('2026-03-02 00:00');
    expect(localStamp('2026-03-01T16:00:05Z', 'Asia/Shanghai')).toBe('20260302-000005');
  });

  it('refuses what is not a moment instead of printing NaN', () => {
    expect(() => localDay('yesterday', 'Asia/Shanghai')).toThrow(RangeError);
  });

  it('todayIn is the zone’s day of the given clock', () => {
    const now = new Date('2026-11-30T16:30:00Z');
    expect(todayIn('Asia/Shanghai', now)).toBe('2026-12-01');
    expect(todayIn('UTC', now)).toBe('2026-11-30');
  });
});

describe('isValidTimeZone', () => {
  it.each(['Asia/Shanghai', 'Europe/Berlin', 'UTC', 'America/Santiago', 'Etc/GMT-8', 'America/Argentina/Buenos_Aires'])('knows %s', (zone) => {
    expect(isValidTimeZone(zone)).toBe(true);
  });
  it.each(['', 'Asia/Beijing', 'Mars/Olympus', 'GMT+8 ', '+08:00', '../Asia/Shanghai', 'Asia/Shanghai\u0000', 'x'.repeat(65), 42, null])(
    'refuses %s',
    (zone) => {
      expect(isValidTimeZone(zone)).toBe(false);
    },
  );
  it('defaults to Beijing time', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Asia/Shanghai');
  });
});

describe('start and end of a local day', () => {
  it('Beijing: 00:00 is 16:00 UTC the day before, and the day lasts 24 hours', () => {
    expect(localDayStart('2025-12-01', 'Asia/Shanghai')).toBe('2025-11-30T16:00:00.000Z');
    expect(localDayEnd('2025-11-30', 'Asia/Shanghai')).toBe('2025-11-30T16:00:00.000Z');
    expect(localDayStart('2026-01-01', 'Asia/Shanghai')).toBe('2025-12-31T16:00:00.000Z');
  });

  it('Berlin, spring forward (29 March 2026, 02:00 → 03:00): the day has 23 hours', () => {
    const start = localDayStart('2026-03-29', 'Europe/Berlin');
    const end = localDayEnd('2026-03-29', 'Europe/Berlin');
    expect(start).toBe('2026-03-28T23:00:00.000Z'); // 00:00 CET
    expect(end).toBe('2026-03-29T22:00:00.000Z'); // 00:00 CEST
    expect((Date.parse(end) - Date.parse(start)) / HOUR).toBe(23);
    expect(localDay(Date.parse(end) - 1, 'Europe/Berlin')).toBe('2026-03-29');
    expect(localDay(end, 'Europe/Berlin')).toBe('2026-03-30');
    expect(localDateTime('2026-03-29T00:59:00Z', 'Europe/Berlin')).toBe('2026-03-29 01:59');
    expect(localDateTime('2026-03-29T01:00:00Z', 'Europe/Berlin')).toBe('2026-03-29 03:00');
    // 02:30 does not exist that day: it is moved forward by the gap.
    expect(new Date(zonedTimeToMillis('2026-03-29', 'Europe/Berlin', 2, 30)).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('Berlin, fall back (25 October 2026, 03:00 → 02:00): the day has 25 hours; 02:30 is the earlier one', () => {
    const start = localDayStart('2026-10-25', 'Europe/Berlin');
    const end = localDayEnd('2026-10-25', 'Europe/Berlin');
    expect(start).toBe('2026-10-24T22:00:00.000Z');
    expect(end).toBe('2026-10-25T23:00:00.000Z');
    expect((Date.parse(end) - Date.parse(start)) / HOUR).toBe(25);
    expect(new Date(zonedTimeToMillis('2026-10-25', 'Europe/Berlin', 2, 30)).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(zoneOffsetMs('2026-10-25T00:30:00Z', 'Europe/Berlin') / HOUR).toBe(2);
    expect(zoneOffsetMs('2026-10-25T01:30:00Z', 'Europe/Berlin') / HOUR).toBe(1);
  });

  it('a day that begins in a gap (Santiago, clocks jump 00:00 → 01:00) starts at its first hour', () => {
    // Chile moved to summer time on Sunday 7 September 2025 at 00:00 (UTC-4 → UTC-3).
    const start = localDayStart('2025-09-07', 'America/Santiago');
    expect(start).toBe('2025-09-07T04:00:00.000Z');
    expect(localDateTime(start, 'America/Santiago')).toBe('2025-09-07 01:00');
    expect(localDay(Date.parse(start) - 1, 'America/Santiago')).toBe('2025-09-06');
  });

  it('every moment of a local day lies in [start, end)', () => {
    for (const zone of ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'UTC', 'Asia/Kolkata']) {
      for (const day of ['2026-01-15', '2026-03-08', '2026-03-29', '2026-10-25', '2026-11-01', '2026-12-31']) {
        const start = Date.parse(localDayStart(day, zone));
        const end = Date.parse(localDayEnd(day, zone));
        expect(localDay(start, zone)).toBe(day);
        expect(localDay(start - 1, zone) < day).toBe(true);
        expect(localDay(end - 1, zone)).toBe(day);
        expect(localDay(end, zone) > day).toBe(true);
      }
    }
  });
});
