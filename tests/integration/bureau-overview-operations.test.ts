import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OverviewFigure, OverviewScope } from '@shared/operations/bureau-overview.js';
import type { BureauContext } from '../../electron/bureau/context.js';
import { createBureauRegistry } from '../../electron/bureau/operations/index.js';
import { listBureauProblems } from '../../electron/bureau/problems.js';
import { districtSummary } from '../../electron/bureau/summary.js';
import { seedBureauDistrict } from '../bench/bureau-district-seed.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';

/**
 * Issue 12: the overview's reads beside bureau.summary. The monthly series ends each month on the summary's
 * own figure for that month; the rows behind every figure, for every group, unit and leader, are as many as the
 * summary counts; bad inputs are refused and change nothing. On a seeded district with investment, visits and
 * problems in every state (the render bench's generator, small).
 */
const NOW = new Date('2026-12-02T10:00:00+08:00');
const registry = createBureauRegistry();
let dir: TempDir;
let ctx: BureauContext;

async function call(name: string, input: unknown) {
  const r = await registry.dispatch(name as never, input as never, ctx);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as never;
}

beforeAll(() => {
  dir = makeTempDir('sponsor-desk-overview-ops-');
  ctx = seedBureauDistrict(dir.path, NOW, { officers: 3, perOfficer: 10, problems: 300, months: 11 }).ctx;
});
afterAll(() => {
  ctx.db.close();
  dir.remove();
});

describe('bureau.overview.months', () => {
  it('gives January to the month, each the summary’s cumulative figure for that month, beside plan × m ÷ 12', async () => {
    const series: {
      planned: number;
      months: { month: string; completed: number; schedule: number; completionPct: number | null; timeProportionalPct: number }[];
    } = await call('bureau.overview.months', {});
    expect(series.months).toHaveLength(11);
    for (const [i, m] of series.months.entries()) {
      const s = districtSummary(ctx, { asOfMonth: m.month });
      expect(m).toEqual({
        month: `2026-${String(i + 1).padStart(2, '0')}`,
        completed: s.investment.all.completed,
        schedule: expect.closeTo((s.investment.all.planned * (i + 1)) / 12, 4),
        completionPct: s.investment.all.completionPct,
        timeProportionalPct: s.timeProportionalPct,
      });
    }
    expect(series.months[10]!.completed).toBeGreaterThan(series.months[0]!.completed);
    const june: { months: unknown[] } = await call('bureau.overview.months', { asOfMonth: '2026-06' });
    expect(june.months).toHaveLength(6);
  });
});

describe('bureau.overview.rowsBehind', () => {
  const behind = async (scope: OverviewScope, figure: OverviewFigure): Promise<string[]> =>
    ((await call('bureau.overview.rowsBehind', { scope, figure })) as { ids: string[] }).ids;

  it('names as many rows as the summary counts, for every figure of every group, unit and leader', async () => {
    const s = districtSummary(ctx);
    expect(s.problems.collected).toBe(300);
    expect(s.problems.overdue).toBeGreaterThan(0);
    const rows = [
      ...(['all', 'provincialAndMunicipal', 'district', 'provincial', 'municipal'] as const).map((kind) => ({
        scope: { kind } as OverviewScope,
        row: s.groups[kind],
      })),
      ...s.byUnit.map((row) => ({ scope: { kind: 'unit', name: row.name } as OverviewScope, row })),
      ...s.byLeader.map((row) => ({ scope: { kind: 'leader', name: row.name } as OverviewScope, row })),
    ];
    for (const { scope, row } of rows) {
      const want: Record<OverviewFigure, number> = {
        projects: row.investment.projects,
        ahead: row.investment.projectsAhead,
        behind: row.investment.projectsBehind,
        withProblems: row.problems.projects,
        withActions: -1, // per project below
        enrolled: row.statisticsEnrolled,
        started: row.productionStarted,
        collected: row.problems.collected,
        resolved: row.problems.resolved,
        open: row.problems.open,
        overdue: row.problems.overdue,
        ...{ red: -1, yellow: -1, green: -1 }, // per project: tests/integration/bureau-lights.test.ts
      };
      for (const [figure, count] of Object.entries(want) as [OverviewFigure, number][]) {
        if (count >= 0) expect(await behind(scope, figure), `${JSON.stringify(scope)} ${figure}`).toHaveLength(count);
      }
    }
    expect(await behind({ kind: 'all' }, 'withActions')).toHaveLength(s.sponsorActions.projects);
  });

  it('splits the collected problems into resolved and open, overdue among the open, as the ledger states them', async () => {
    const [collected, resolved, open, overdue] = await Promise.all(
      (['collected', 'resolved', 'open', 'overdue'] as const).map((figure) => behind({ kind: 'all' }, figure)),
    );
    expect(new Set([...resolved!, ...open!])).toEqual(new Set(collected));
    expect(resolved!.filter((id) => open!.includes(id))).toEqual([]);
    expect(overdue!.every((id) => open!.includes(id))).toBe(true);
    const ledger = new Map(listBureauProblems(ctx).map((p) => [p.id, p]));
    expect(overdue!.every((id) => ledger.get(id)!.overdue)).toBe(true);
    expect(resolved!.every((id) => ['resolved', 'closed'].includes(ledger.get(id)!.status))).toBe(true);
  });

  it('refuses bad input with invalid_input and changes nothing', async () => {
    const before = districtSummary(ctx);
    for (const input of [
      { scope: { kind: 'all' }, figure: 'projects', asOfMonth: '2026-13' },
      { scope: { kind: 'unit' }, figure: 'projects' },
      { scope: { kind: 'all' }, figure: 'everything' },
    ]) {
      const r = await registry.dispatch('bureau.overview.rowsBehind', input as never, ctx);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('invalid_input');
    }
    const r = await registry.dispatch('bureau.overview.months', { asOfMonth: 'June' }, ctx);
    expect(r.ok).toBe(false);
    expect(districtSummary(ctx)).toEqual(before);
  });
});
