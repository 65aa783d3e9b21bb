import { describe, expect, it } from 'vitest';
import type { InvestmentEntry } from '@shared/domain/investment.js';
import { cumulativeCompleted, currentMonthlyFigures } from '@shared/rules/investment.js';

let seq = 0;
function entry(month: string, amount: number, recordedAt: string, id?: string): InvestmentEntry {
  seq++;
  return {
    id: id ?? `00000000-0000-4000-8000-${seq.toString(16).padStart(12, '0')}`,
    projectId: '00000000-0000-4000-8000-0000000000aa',
    month,
    amount,
    recordedAt: `${recordedAt}.000Z`,
    recordedBy: '李明',
  };
}

describe('investment: the latest entry per month is the figure', () => {
  it('a correction recorded later replaces the month’s figure, whatever the array order', () => {
    const first = entry('2026-10', 1200, '2026-10-28T17:00:00');
    const correction = entry('2026-10', 1150.5, '2026-11-03T09:00:00');
    expect(currentMonthlyFigures([first, correction]).get('2026-10')).toBe(1150.5);
    expect(currentMonthlyFigures([correction, first]).get('2026-10')).toBe(1150.5);
  });

  it('equal recording times are broken by id (the larger id wins)', () => {
    const t = '2026-10-28T17:00:00';
    const a = entry('2026-10', 100, t, '00000000-0000-4000-8000-00000000000a');
    const b = entry('2026-10', 200, t, '00000000-0000-4000-8000-00000000000b');
    expect(currentMonthlyFigures([a, b]).get('2026-10')).toBe(200);
    expect(currentMonthlyFigures([b, a]).get('2026-10')).toBe(200);
  });

  it('a correction to zero counts as zero, not as missing', () => {
    const figures = currentMonthlyFigures([entry('2026-03', 500, '2026-03-28T17:00:00'), entry('2026-03', 0, '2026-04-01T08:00:00')]);
    expect(figures.get('2026-03')).toBe(0);
  });

  it('cumulative completed sums the plan year through the month, ignoring other years and later months', () => {
    const entries = [
      entry('2025-12', 9999, '2025-12-28T17:00:00'),
      entry('2026-01', 100.1, '2026-01-28T17:00:00'),
      entry('2026-02', 200.2, '2026-02-28T17:00:00'),
      entry('2026-02', 250.25, '2026-03-02T17:00:00'),
      entry('2026-11', 300, '2026-11-28T17:00:00'),
      entry('2027-01', 7777, '2027-01-28T17:00:00'),
    ];
    expect(cumulativeCompleted(entries, 2026, '2026-10')).toBe(350.35);
    expect(cumulativeCompleted(entries, 2026, '2026-11')).toBe(650.35);
    expect(cumulativeCompleted(entries, 2026, '2025-12')).toBe(0);
    expect(cumulativeCompleted([], 2026, '2026-11')).toBe(0);
  });

  it('sums without binary noise (0.1 + 0.2 is 0.3)', () => {
    expect(cumulativeCompleted([entry('2026-01', 0.1, '2026-01-28T17:00:00'), entry('2026-02', 0.2, '2026-02-28T17:00:00')], 2026, '2026-12')).toBe(0.3);
  });
});
