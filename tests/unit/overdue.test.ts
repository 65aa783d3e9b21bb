import { describe, expect, it } from 'vitest';
import { daysOverdue, isOverdue } from '@shared/rules/overdue.js';

describe('overdue', () => {
  const today = '2026-11-24';

  // Each case: what isOverdue says for `due`, and what daysOverdue counts for `daysDue` (mostly the same date).
  it.each([
    { name: 'an open task due yesterday is overdue by one day', open: true, due: '2026-11-23', overdue: true, daysDue: '2026-11-23', days: 1 },
    { name: 'due today is not overdue', open: true, due: today, overdue: false, daysDue: today, days: 0 },
    { name: 'due in the future is not overdue', open: true, due: '2026-11-25', overdue: false, daysDue: '2026-12-31', days: 0 },
    { name: 'a closed task is never overdue, however late', open: false, due: '2025-01-01', overdue: false, daysDue: '2025-01-01', days: 0 },
    { name: 'no due date is never overdue', open: true, due: null, overdue: false, daysDue: null, days: 0 },
  ])('$name', ({ open, due, overdue, daysDue, days }) => {
    expect(isOverdue(due, open, today)).toBe(overdue);
    expect(daysOverdue(daysDue, open, today)).toBe(days);
  });

  it('counts across months and years', () => {
    expect(daysOverdue('2026-10-24', true, today)).toBe(31);
    expect(daysOverdue('2025-11-24', true, today)).toBe(365);
  });
});
