import { describe, expect, it } from 'vitest';
import type { InvestmentEntry } from '@shared/domain/investment.js';
import { completedWithBureauFigure } from '@shared/rules/bureau-figure.js';

let seq = 0;
function entry(month: string, amount: number, recordedAt = '2026-12-01T09:00:00.000Z'): InvestmentEntry {
  seq++;
  return {
    id: `00000000-0000-4000-8000-${seq.toString(16).padStart(12, '0')}`,
    projectId: '00000000-0000-4000-8000-0000000000aa',
    month,
    amount,
    recordedAt,
    recordedBy: '李明',
  };
}
const BUREAU = { throughMonth: '2026-11', amount: 98000 };

describe('the bureau figure (1–N月累计) until the officer’s own figures take over', () => {
  it('with no own figures the bureau figure is the cumulative from its month on, and marked', () => {
    expect(completedWithBureauFigure([], 2026, '2026-11', BUREAU)).toEqual({ completed: 98000, bureauThroughMonth: '2026-11' });
    expect(completedWithBureauFigure([], 2026, '2026-12', BUREAU)).toEqual({ completed: 98000, bureauThroughMonth: '2026-11' });
  });

  it('asked about a month before N it cannot be split, so it does not count', () => {
    expect(completedWithBureauFigure([], 2026, '2026-10', BUREAU)).toEqual({ completed: 0, bureauThroughMonth: null });
  });

  it('own figures for months after N add on top; only months up to the asked month count', () => {
    const own = [entry('2026-12', 9000.25)];
    expect(completedWithBureauFigure(own, 2026, '2026-12', BUREAU)).toEqual({ completed: 107000.25, bureauThroughMonth: '2026-11' });
    expect(completedWithBureauFigure(own, 2026, '2026-11', BUREAU)).toEqual({ completed: 98000, bureauThroughMonth: '2026-11' });
  });

  it('an own figure for any month up to N (0 too) takes over: the bureau figure no longer counts', () => {
    expect(completedWithBureauFigure([entry('2026-03', 0)], 2026, '2026-11', BUREAU)).toEqual({ completed: 0, bureauThroughMonth: null });
    const own = [entry('2026-10', 8000), entry('2026-11', 9000), entry('2026-12', 500)];
    expect(completedWithBureauFigure(own, 2026, '2026-12', BUREAU)).toEqual({ completed: 17500, bureauThroughMonth: null });
  });

  it('own figures of another year neither take over nor add; a figure for another plan year is ignored', () => {
    expect(completedWithBureauFigure([entry('2025-06', 700)], 2026, '2026-11', BUREAU)).toEqual({ completed: 98000, bureauThroughMonth: '2026-11' });
    expect(completedWithBureauFigure([entry('2027-01', 5)], 2027, '2027-01', BUREAU)).toEqual({ completed: 5, bureauThroughMonth: null });
    expect(completedWithBureauFigure([entry('2026-10', 1)], 2026, '2026-11', null)).toEqual({ completed: 1, bureauThroughMonth: null });
  });

  it('no binary noise in the sum', () => {
    expect(completedWithBureauFigure([entry('2026-12', 0.2)], 2026, '2026-12', { throughMonth: '2026-11', amount: 0.1 }).completed).toBe(0.3);
  });
});
