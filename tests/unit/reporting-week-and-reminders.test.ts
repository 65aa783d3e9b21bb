import { describe, expect, it } from 'vitest';
import { belongsToWeek, reminderDays, reminderHorizon, reminderUrgency, reportingWeek } from '@shared/rules/index.js';

describe('the reporting week (shared/rules/reporting-week.ts)', () => {
  it('is the Monday–Sunday week holding today in the district’s zone', () => {
    // Tuesday 1 December 2026, 10:00 in Beijing.
    expect(reportingWeek('2026-12-01T02:00:00Z', 'Asia/Shanghai')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    // Sunday 23:59 and Monday 00:00 in Beijing, both still Sunday in UTC.
    expect(reportingWeek('2026-12-06T15:59:00Z', 'Asia/Shanghai')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(reportingWeek('2026-12-06T16:00:00Z', 'Asia/Shanghai')).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect(reportingWeek('2026-12-06T16:00:00Z', 'UTC')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    // A week asked for by any of its days.
    expect(reportingWeek('2026-12-01T02:00:00Z', 'Asia/Shanghai', '2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
  });

  it('holds a record by the day it happened or the day it was entered', () => {
    const week = { from: '2026-11-30', to: '2026-12-06' };
    expect(belongsToWeek(week, '2026-11-27', '2026-11-27T02:00:00Z', 'Asia/Shanghai')).toBe(false);
    expect(belongsToWeek(week, '2026-11-27', '2026-11-30T02:00:00Z', 'Asia/Shanghai')).toBe(true);
    // Entered at 00:30 Monday in Beijing (Sunday in UTC).
    expect(belongsToWeek(week, '2026-11-27', '2026-11-29T16:30:00Z', 'Asia/Shanghai')).toBe(true);
    expect(belongsToWeek(week, '2026-12-06', '2026-12-07T02:00:00Z', 'Asia/Shanghai')).toBe(true);
  });
});

describe('reminders (shared/rules/reminders.ts)', () => {
  it('overdue before today, due soon from today to today + 3, nothing later', () => {
    expect(reminderHorizon('2026-11-24')).toBe('2026-11-27');
    expect(reminderUrgency('2026-11-23', '2026-11-24')).toBe('overdue');
    expect(reminderUrgency('2026-11-24', '2026-11-24')).toBe('due_soon');
    expect(reminderUrgency('2026-11-27', '2026-11-24')).toBe('due_soon');
    expect(reminderUrgency('2026-11-28', '2026-11-24')).toBeNull();
    // Across a month and a year end.
    expect(reminderUrgency('2027-01-02', '2026-12-30')).toBe('due_soon');
    expect(reminderUrgency('2027-01-03', '2026-12-30')).toBeNull();
    expect(reminderDays('2026-11-20', '2026-11-24')).toBe(4);
    expect(reminderDays('2026-11-26', '2026-11-24')).toBe(2);
  });
});
