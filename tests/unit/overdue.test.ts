import { describe, expect, it } from 'vitest';
import { daysOverdue, isOverdue } from '@shared/rules/overdue.js';

describe('overdue', () => {
  const today = '2026-11-24';

  it('an open task due yesterday is overdue by one day', () => {
    expect(isOverdue('2026-11-23', true, today)).toBe(true);
    expect(daysOverdue('2026-11-23', true, today)).toBe(1);
  });

  it('due today is not overdue', () => {
    expect(isOverdue(today, true, today)).toBe(false);
    expect(daysOverdue(today, true, today)).toBe(0);
  });

  it('due in the future is not overdue', () => {
    expect(isOverdue('2026-11-25', true, today)).toBe(false);
    expect(daysOverdue('2026-12-31', true, today)).toBe(0);
  });

  it('a closed task is never overdue, however late', () => {
    expect(isOverdue('2025-01-01', false, today)).toBe(false);
    expect(daysOverdue('2025-01-01', false, today)).toBe(0);
  });

  it('no due date is never overdue', () => {
    expect(isOverdue(null, true, today)).toBe(false);
    expect(daysOverdue(null, true, today)).toBe(0);
  });

  it('counts across months and years', () => {
    expect(daysOverdue('2026-10-24', true, today)).toBe(31);
    expect(daysOverdue('2025-11-24', true, today)).toBe(365);
  });
});
