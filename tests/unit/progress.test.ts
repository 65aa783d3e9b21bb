import { describe, expect, it } from 'vitest';
import { aheadOfSchedulePoints, completionPercent, progressFigures, roundTo, timeProportionalPercent } from '@shared/rules/progress.js';

/** DOMAIN.md: January–November figures from the bureau's year-end press conference. */
const DOMAIN_VECTORS = [
  { group: 'all 96 key projects', completionPct: 115.3, aheadPoints: 23.6 },
  { group: '30 provincial and municipal projects', completionPct: 112.6, aheadPoints: 20.9 },
  { group: 'district projects', completionPct: 121, aheadPoints: 29.3 },
] as const;

const END_OF_NOVEMBER = 11;

describe('investment progress: the DOMAIN.md test vectors', () => {
  it('time-proportional progress at the end of November is 11/12 = 91.7%', () => {
    expect(roundTo(timeProportionalPercent(END_OF_NOVEMBER), 1)).toBe(91.7);
    expect(progressFigures(1, 1, END_OF_NOVEMBER).timeProportionalPct).toBe(91.7);
  });

  it.each(DOMAIN_VECTORS)('$group: $completionPct% is ahead by $aheadPoints points', ({ completionPct, aheadPoints }) => {
    expect(aheadOfSchedulePoints(completionPct, END_OF_NOVEMBER)).toBe(aheadPoints);
  });

  it.each(DOMAIN_VECTORS)('$group: the same figures come out of amounts in 万元', ({ completionPct, aheadPoints }) => {
    // e.g. 1153 of a plan of 1000 is 115.3%; and at the scale of a district's portfolio.
    for (const plan of [1000, 10_000, 2_468_000]) {
      const completed = (plan * completionPct) / 100;
      const figures = progressFigures(completed, plan, END_OF_NOVEMBER);
      expect(figures).toEqual({ completed, planned: plan, completionPct, timeProportionalPct: 91.7, aheadPoints });
    }
  });

  it('the gap is taken from the unrounded rate: 629.0 of 647.4 after ten months is 13.8 points ahead, not 13.9', () => {
    const f = progressFigures(629, 647.4, 10);
    expect(f.completionPct).toBe(97.2);
    expect(f.aheadPoints).toBe(13.8);
    expect(aheadOfSchedulePoints(completionPercent(629, 647.4)!, 10)).toBe(13.8);
  });

  it('completed 1153 of plan 1000 is 115.3%, +23.6 points', () => {
    expect(completionPercent(1153, 1000)).toBeCloseTo(115.3, 10);
    const f = progressFigures(1153, 1000, 11);
    expect(f.completionPct).toBe(115.3);
    expect(f.aheadPoints).toBe(23.6);
  });

  it('the group figure is the ratio of sums, not the mean of ratios', () => {
    // Two projects: 1200 of 1000 and 100 of 200 → 1300 of 1200 = 108.3%, not (120 + 50) / 2 = 85%.
    const f = progressFigures(1200 + 100, 1000 + 200, 11);
    expect(f.completionPct).toBe(108.3);
    expect(f.aheadPoints).toBe(16.7); // 108.33 − 91.67 = 16.67
  });
});

describe('progress: behind schedule and other months', () => {
  it('is negative when behind', () => {
    expect(progressFigures(500, 1000, 11)).toMatchObject({ completionPct: 50, aheadPoints: -41.7 });
  });

  it('is exactly on schedule at 0 points', () => {
    expect(progressFigures(500, 1000, 6)).toMatchObject({ completionPct: 50, timeProportionalPct: 50, aheadPoints: 0 });
  });

  it('month 0 measures against 0%, month 12 against 100%, and months outside 0–12 are clamped', () => {
    expect(timeProportionalPercent(0)).toBe(0);
    expect(timeProportionalPercent(12)).toBe(100);
    expect(timeProportionalPercent(13)).toBe(100);
    expect(timeProportionalPercent(-1)).toBe(0);
    expect(progressFigures(1000, 1000, 12).aheadPoints).toBe(0);
    expect(progressFigures(250, 1000, 0).aheadPoints).toBe(25);
  });

  it('each month moves the schedule by 8.3 points', () => {
    const expected = [0, 8.3, 16.7, 25, 33.3, 41.7, 50, 58.3, 66.7, 75, 83.3, 91.7, 100];
    expect(expected.map((_, m) => progressFigures(0, 1, m).timeProportionalPct)).toEqual(expected);
  });
});

describe('progress: no plan', () => {
  it.each([0, -5, Number.NaN])('a plan of %s gives no completion and no ahead/behind', (plan) => {
    expect(completionPercent(100, plan)).toBeNull();
    const f = progressFigures(100, plan, 11);
    expect(f.completionPct).toBeNull();
    expect(f.aheadPoints).toBeNull();
    expect(f.timeProportionalPct).toBe(91.7);
  });

  it('nothing completed against a plan is 0%, not null', () => {
    expect(progressFigures(0, 1000, 11)).toMatchObject({ completionPct: 0, aheadPoints: -91.7 });
  });
});

describe('rounding', () => {
  it('rounds half away from zero despite binary noise', () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(2.675, 2)).toBe(2.68);
    expect(roundTo(0.15, 1)).toBe(0.2);
    expect(roundTo(0.25, 1)).toBe(0.3);
    expect(roundTo(-1.005, 2)).toBe(-1.01);
    expect(roundTo(-0.25, 1)).toBe(-0.3);
    expect(roundTo(1.04999, 1)).toBe(1);
    expect(roundTo(123.45, 1)).toBe(123.5);
  });

  it('never produces a negative zero (it would show as "-0" through Intl.NumberFormat)', () => {
    expect(roundTo(-0.04, 1)).toBe(0);
    expect(roundTo(-0.0001, 2)).toBe(0);
    // 8.3% after January is 8.3 − 8.333… = −0.03 points: on schedule, shown as 0.0.
    expect(aheadOfSchedulePoints(8.3, 1)).toBe(0);
    expect(progressFigures(83, 1000, 1).aheadPoints).toBe(0);
  });

  it('completion is rounded to 0.1% half up: 123.45% → 123.5%', () => {
    expect(progressFigures(1234.5, 1000, 11).completionPct).toBe(123.5);
    expect(progressFigures(1234.49, 1000, 11).completionPct).toBe(123.4);
  });

  it('ahead/behind is measured from the unrounded completion, as DOMAIN.md says (each figure rounded on its own)', () => {
    // 115.349% shows as 115.3%, yet is 23.68 points ahead: +23.7 (rounding the rate first would say +23.6).
    expect(progressFigures(1153.49, 1000, 11)).toMatchObject({ completionPct: 115.3, aheadPoints: 23.7 });
    expect(progressFigures(1153.2, 1000, 11)).toMatchObject({ completionPct: 115.3, aheadPoints: 23.7 });
    expect(progressFigures(1152.9, 1000, 11)).toMatchObject({ completionPct: 115.3, aheadPoints: 23.6 });
  });

  it('thirds and two-thirds', () => {
    expect(progressFigures(1, 3, 11).completionPct).toBe(33.3);
    expect(progressFigures(2, 3, 11).completionPct).toBe(66.7);
  });
});
