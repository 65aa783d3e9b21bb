import { describe, expect, it } from 'vitest';
import { previousMonthInput, rankSponsors, sponsorRanking } from '@shared/bureau/ranking.js';
import { computeDistrictSummary } from '@shared/bureau/summary.js';
import { evenly, sketchInput, type SketchProject } from '../helpers/summary-input.js';

/**
 * Sponsoring units and leaders ranked by completion of the annual plan, ties sharing a place, with the change
 * since last month. As of October 2026 the schedule is 83.3 %; every plan is 1000 万元 unless given.
 */
const oct = (total: number) => evenly(total, 10);
const DISTRICT: SketchProject[] = [
  // 0 through September, all of it in October: last in September, first in October.
  { unit: '区甲局', leader: '陈静', plan: 1000, monthly: [...Array<number>(9).fill(0), 1200] },
  { unit: '区乙局', leader: '周敏', plan: 1000, monthly: oct(1000) },
  // 100 % as a unit, but one of its two projects behind the schedule.
  { unit: '区丙局', leader: '周敏', plan: 1000, monthly: oct(1500) },
  { unit: '区丙局', leader: '周敏', plan: 1000, monthly: oct(500) },
  { unit: '区丁局', leader: '孙海涛', plan: 1000, monthly: oct(800) },
  { unit: '区戊局', leader: '孙海涛', plan: 0, monthly: oct(300) },
  { unit: '区庚局', leader: '孙海涛', plan: 1000, monthly: oct(1000) },
];

const places = (rows: readonly { name: string; rank: number | null }[]) => rows.map((r) => [r.name, r.rank]);

describe('ranking sponsoring units and leaders', () => {
  it('orders by completion; equal figures share a place, fewer projects behind first, then by name; no plan last, unranked', () => {
    const units = rankSponsors(computeDistrictSummary(sketchInput('2026-10', DISTRICT))).units;
    expect(places(units)).toEqual([
      ['区甲局', 1],
      // 100 % each: 区庚局 (gēng) before 区乙局 (yǐ) by name, both before 区丙局 with a project behind.
      ['区庚局', 2],
      ['区乙局', 2],
      ['区丙局', 2],
      ['区丁局', 5],
      ['区戊局', null],
    ]);
    expect(units.map((u) => [u.completionPct, u.aheadPoints, u.projectsBehind])).toEqual([
      [120, 36.7, 0],
      [100, 16.7, 0],
      [100, 16.7, 0],
      [100, 16.7, 1],
      [80, -3.3, 1],
      [null, null, 0],
    ]);
    // Without a previous month nothing has changed and nothing is new.
    expect(units.every((u) => u.change === null && u.previousRank === null && !u.isNew)).toBe(true);
  });

  it('does not depend on the order the rows come in', () => {
    const forward = rankSponsors(computeDistrictSummary(sketchInput('2026-10', DISTRICT)));
    const reversed = rankSponsors(computeDistrictSummary(sketchInput('2026-10', [...DISTRICT].reverse())));
    expect(places(reversed.units)).toEqual(places(forward.units));
    expect(places(reversed.leaders)).toEqual(places(forward.leaders));
  });

  it('ranks leaders by their projects the same way', () => {
    const leaders = rankSponsors(computeDistrictSummary(sketchInput('2026-10', DISTRICT))).leaders;
    // 陈静 120 %; 孙海涛 (800 + 300 + 1000) / 2000 = 105 % (the project without a plan adds its work, not a plan);
    // 周敏 (1000 + 1500 + 500) / 3000 = 100 %.
    expect(leaders.map((l) => [l.name, l.rank, l.completionPct])).toEqual([
      ['陈静', 1, 120],
      ['孙海涛', 2, 105],
      ['周敏', 3, 100],
    ]);
  });

  it('gives the change of rank since last month from the same inputs', () => {
    const ranking = sponsorRanking(sketchInput('2026-10', DISTRICT, '2026-11-30'));
    expect(ranking.asOfMonth).toBe('2026-10');
    expect(ranking.previousAsOfMonth).toBe('2026-09');
    // September (75 %): 区庚局, 区乙局 and 区丙局 at 90 % share 1st, 区丁局 (72 %) 4th, 区甲局 (0 %) 5th.
    expect(ranking.units.map((u) => [u.name, u.previousRank, u.rank, u.change])).toEqual([
      ['区甲局', 5, 1, 4],
      ['区庚局', 1, 2, -1],
      ['区乙局', 1, 2, -1],
      ['区丙局', 1, 2, -1],
      ['区丁局', 4, 5, -1],
      ['区戊局', null, null, null],
    ]);
    expect(ranking.units.some((u) => u.isNew)).toBe(false);
  });

  it('a unit new this month has no change, and is marked new', () => {
    const withNew = [...DISTRICT, { unit: '区辛局', leader: '冯雪', plan: 1000, monthly: oct(900) }];
    const ranking = rankSponsors(computeDistrictSummary(sketchInput('2026-10', withNew)), computeDistrictSummary(sketchInput('2026-09', DISTRICT)));
    const fresh = ranking.units.find((u) => u.name === '区辛局')!;
    expect(fresh).toMatchObject({ rank: 5, previousRank: null, change: null, isNew: true });
    expect(ranking.leaders.find((l) => l.name === '冯雪')).toMatchObject({ isNew: true, change: null });
    expect(ranking.units.find((u) => u.name === '区丁局')).toMatchObject({ rank: 6, previousRank: 4, change: -2, isNew: false });
  });

  it("last month's input: the month before, read at that month's end; none in January", () => {
    const input = sketchInput('2026-10', DISTRICT, '2026-11-20');
    expect(previousMonthInput(input)).toMatchObject({ asOfMonth: '2026-09', referenceDay: '2026-10-31' });
    expect(previousMonthInput(sketchInput('2026-12', DISTRICT, '2027-01-05'))).toMatchObject({ asOfMonth: '2026-11', referenceDay: '2026-12-31' });
    // Never read after this input's own reference day.
    expect(previousMonthInput(sketchInput('2026-10', DISTRICT, '2026-10-15'))).toMatchObject({ asOfMonth: '2026-09', referenceDay: '2026-10-15' });
    expect(previousMonthInput(sketchInput('2026-01', DISTRICT, '2026-02-10'))).toBeNull();
    const january = sponsorRanking(sketchInput('2026-01', DISTRICT, '2026-02-10'));
    expect(january.previousAsOfMonth).toBeNull();
    expect(january.units.every((u) => u.change === null && !u.isNew)).toBe(true);
  });

  it('an empty district ranks no one', () => {
    expect(rankSponsors(computeDistrictSummary(sketchInput('2026-10', [])))).toMatchObject({ units: [], leaders: [] });
  });
});
