import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, elapsedMonths, lastReportedMonth, weekStart } from '@shared/rules/schedule.js';

describe('elapsedMonths', () => {
  it('counts the months of the plan year reported so far', () => {
    expect(elapsedMonths(2026, '2026-11')).toBe(11);
    expect(elapsedMonths(2026, '2026-01')).toBe(1);
    expect(elapsedMonths(2026, '2026-12')).toBe(12);
  });

  it('is 0 before the plan year and 12 after it', () => {
    expect(elapsedMonths(2026, '2025-12')).toBe(0);
    expect(elapsedMonths(2026, '2027-01')).toBe(12);
    expect(elapsedMonths(2026, '2030-06')).toBe(12);
  });
});

describe('lastReportedMonth', () => {
  it('is the month before today: November figures are reported in December', () => {
    expect(lastReportedMonth('2026-12-01')).toBe('2026-11');
    expect(lastReportedMonth('2026-12-31')).toBe('2026-11');
    expect(lastReportedMonth('2026-11-24')).toBe('2026-10');
    expect(lastReportedMonth('2026-10-31')).toBe('2026-09');
    expect(lastReportedMonth('2026-02-28')).toBe('2026-01');
  });

  it('in January it is December of the previous year', () => {
    expect(lastReportedMonth('2026-01-01')).toBe('2025-12');
    expect(lastReportedMonth('2027-01-15')).toBe('2026-12');
  });

  it('together with elapsedMonths: on 1 December the plan year has 11 months elapsed', () => {
    expect(elapsedMonths(2026, lastReportedMonth('2026-12-01'))).toBe(11);
    expect(elapsedMonths(2026, lastReportedMonth('2027-01-05'))).toBe(12);
    expect(elapsedMonths(2027, lastReportedMonth('2027-01-05'))).toBe(0);
  });
});

describe('daysBetween and addDays', () => {
  it('counts whole days, positive when the second date is later', () => {
    expect(daysBetween('2026-11-24', '2026-11-24')).toBe(0);
    expect(daysBetween('2026-11-24', '2026-11-25')).toBe(1);
    expect(daysBetween('2026-11-25', '2026-11-24')).toBe(-1);
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
  });

  it('crosses month, year and leap-day boundaries', () => {
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('is not affected by daylight-saving changes (dates are calendar days)', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
  });

  it('addDays is the inverse of daysBetween', () => {
    expect(addDays('2026-11-24', 7)).toBe('2026-12-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    for (const n of [-400, -31, -1, 0, 1, 29, 365, 1000]) expect(daysBetween('2026-11-24', addDays('2026-11-24', n))).toBe(n);
  });
});

describe('weekStart', () => {
  // 2026-11-23 is a Monday.
  it.each([
    ['2026-11-23', '2026-11-23'],
    ['2026-11-24', '2026-11-23'],
    ['2026-11-28', '2026-11-23'],
    ['2026-11-29', '2026-11-23'], // Sunday belongs to the week that began on Monday
    ['2026-11-30', '2026-11-30'],
    ['2027-01-01', '2026-12-28'], // across the year
    ['2024-03-01', '2024-02-26'], // across a leap day
  ])('the week of %s starts on %s', (date, monday) => {
    expect(weekStart(date)).toBe(monday);
    expect(new Date(`${weekStart(date)}T00:00:00Z`).getUTCDay()).toBe(1);
  });
});
