import { operations, type LedgerPage, type ProjectSummary } from '@shared/operations/index.js';
import { openOfficerStore } from '../../electron/app/open-store.js';
import type { ServiceContext } from '../../electron/handlers/context.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { makeTempDir } from '../helpers/temp-store.js';
import { seedLargePortfolio, type PortfolioCounts } from './large-portfolio.js';
import { measure, once, result, timingOf, type Timing } from './measure.js';
import type { BenchResult } from './types.js';

/**
 * The read models of issue 11, each beside a raw select run in the same process a moment before:
 * - projects.list at district scale (1,000 projects, 20,000 problems and visits) and at city scale (10,000,
 *   200,000, 200,000): the ratio to `SELECT * FROM projects`, and the city figure over the district one;
 * - problems.ledger pages at 50,000 problems (first page, a deep page, a filtered one, another sort), beside
 *   selecting the same number of raw rows and the whole raw table, with the bytes a page sends;
 * - week.overview and the busiest project's page at city scale.
 * `READ_MODELS_SIZES=district` runs the district store only (a quick look; the docs quote full runs).
 */
const NOW = new Date('2026-11-24T10:00:00');
const registry = createRegistry();

async function call<T>(ctx: ServiceContext, name: string, input: unknown): Promise<T> {
  const r = await registry.dispatch(name, input, ctx);
  if (!r.ok) throw new Error(`${name} failed: ${r.error.message}`);
  return r.value as T;
}

function describe(c: PortfolioCounts): string {
  return `${c.projects} projects, ${c.problems} problems (${c.problemEvents} steps), ${c.visits} visits, ${c.checklistItems} tasks`;
}

async function withStore<T>(
  size: { projects: number; problems: number; visits: number },
  fn: (ctx: ServiceContext, counts: PortfolioCounts) => Promise<T>,
): Promise<T> {
  const dir = makeTempDir('sponsor-desk-bench-');
  try {
    let ctx = openOfficerStore({ databasePath: dir.file('store.db'), now: () => NOW });
    const seeded = await once(() => seedLargePortfolio(ctx.db, { ...size, now: NOW }));
    process.stderr.write(`  seeded ${describe(seeded.value)} in ${(seeded.ms / 1000).toFixed(1)} s\n`);
    // Reopened as the app opens it; the first read derives nothing (the triggers kept problem_status).
    ctx.db.close();
    ctx = openOfficerStore({ databasePath: dir.file('store.db'), now: () => NOW });
    try {
      return await fn(ctx, seeded.value);
    } finally {
      ctx.db.close();
    }
  } finally {
    dir.remove();
  }
}

async function projectList(ctx: ServiceContext, label: string, counts: PortfolioCounts) {
  const rawSelect = ctx.db.prepare('SELECT * FROM projects');
  const raw = await measure(() => rawSelect.all(), { runs: 50, warmup: 5 });
  const cold = await once(() => call<ProjectSummary[]>(ctx, 'projects.list', {}));
  const warm = await measure(() => call(ctx, 'projects.list', {}), { runs: 15, warmup: 2 });
  // What the entry's sampled output check leaves out: zod over every summary (the read model's test does it).
  const whole = await measure(() => operations['projects.list'].output.parse(cold.value), { runs: 15, warmup: 2 });
  return {
    warm,
    results: [
      result(`${label}: raw SELECT * FROM projects (baseline)`, raw, { note: describe(counts) }),
      result(`${label}: projects.list, first call`, cold.ms, { baseline: raw.median, note: `${cold.value.length} rows` }),
      result(`${label}: projects.list`, warm, { baseline: raw.median }),
      result(`${label}: zod over the whole list (not done per call)`, whole, { baseline: raw.median }),
    ],
  };
}

/**
 * The two lists called one after the other, round by round: on this shared machine the load moves between
 * the district's measurement and the city's minutes later, so their ratio is taken from calls made side by side.
 */
async function alternately(a: () => Promise<unknown>, b: () => Promise<unknown>, rounds: number): Promise<{ a: Timing; b: Timing }> {
  const times = { a: [] as number[], b: [] as number[] };
  const timed = async (fn: () => Promise<unknown>, into: number[]) => {
    const start = performance.now();
    await fn();
    into.push(performance.now() - start);
  };
  for (let i = 0; i < rounds; i++) {
    await timed(a, times.a);
    await timed(b, times.b);
  }
  return { a: timingOf(times.a), b: timingOf(times.b) };
}

export async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  // The district store stays open until the city's list has been measured beside it.
  await withStore({ projects: 1000, problems: 20_000, visits: 20_000 }, async (districtCtx, districtCounts) => {
    const list = await projectList(districtCtx, 'district', districtCounts);
    out.push(...list.results);
    if (process.env.READ_MODELS_SIZES !== 'district') await largerStores(out, districtCtx, list.warm.median);
  });
  return out;
}

async function largerStores(out: BenchResult[], districtCtx: ServiceContext, district: number): Promise<void> {
  await withStore({ projects: 1000, problems: 50_000, visits: 5_000 }, async (ctx, counts) => {
    const rawPage = ctx.db.prepare('SELECT * FROM problems LIMIT 100 OFFSET 25000');
    const rawAll = ctx.db.prepare('SELECT * FROM problems');
    const page = (input: object) => () => call<LedgerPage>(ctx, 'problems.ledger', input);
    const rawPageT = await measure(() => rawPage.all(), { runs: 30, warmup: 3 });
    const rawAllT = await measure(() => rawAll.all(), { runs: 5, warmup: 1 });
    const first = await page({})();
    const bytes = JSON.stringify(first).length;
    const cases: [string, object][] = [
      ['first page (latest moved)', {}],
      ['page at offset 25,000', { offset: 25_000 }],
      ['overdue only, first page', { overdueOnly: true }],
      ['sorted by due day, page at 10,000', { sort: 'dueOn', order: 'asc', offset: 10_000 }],
      ['status in_progress + search "用电"', { statuses: ['in_progress'], search: '用电' }],
    ];
    out.push(result('ledger: raw SELECT 100 problems at offset 25,000 (baseline)', rawPageT, { note: describe(counts) }));
    out.push(result('ledger: raw SELECT * FROM problems (the whole table, for scale)', rawAllT));
    for (const [name, input] of cases)
      out.push(result(`ledger: problems.ledger ${name}`, await measure(page(input), { runs: 15, warmup: 2 }), { baseline: rawPageT.median }));
    out.push({ name: 'ledger: one page as JSON', value: Math.round(bytes / 1024), unit: 'KiB', note: `100 of ${first.total} rows` });
  });

  await withStore({ projects: 10_000, problems: 200_000, visits: 200_000 }, async (ctx, counts) => {
    const list = await projectList(ctx, 'city', counts);
    out.push(...list.results);
    out.push(result('city: projects.list over the district figure', list.warm, { baseline: district, note: 'target ≤ 10× (linear)' }));
    const side = await alternately(
      () => call(districtCtx, 'projects.list', {}),
      () => call(ctx, 'projects.list', {}),
      15,
    );
    out.push(result('city: projects.list over the district one, called alternately', side.b, { baseline: side.a.median, note: 'target ≤ 10× (linear)' }));
    const rawWeek = ctx.db.prepare('SELECT * FROM visits WHERE visited_on >= ?');
    const rawWeekT = await measure(() => rawWeek.all('2026-11-17'), { runs: 20, warmup: 2 });
    out.push(result('city: raw SELECT visits of the last week (baseline)', rawWeekT));
    out.push(result('city: week.overview', await measure(() => call(ctx, 'week.overview', {}), { runs: 10, warmup: 1 }), { baseline: rawWeekT.median }));
    const busiest = ctx.db.prepare('SELECT project_id AS id, count(*) AS n FROM problems GROUP BY project_id ORDER BY n DESC LIMIT 1').get() as {
      id: string;
      n: number;
    };
    const rawProblems = ctx.db.prepare('SELECT * FROM problems WHERE project_id = ?');
    const rawProblemsT = await measure(() => rawProblems.all(busiest.id), { runs: 30, warmup: 3 });
    out.push(result("city: raw SELECT the busiest project's problems (baseline)", rawProblemsT, { note: `${busiest.n} problems` }));
    out.push(
      result('city: projects.get, busiest project', await measure(() => call(ctx, 'projects.get', { projectId: busiest.id }), { runs: 15, warmup: 2 }), {
        baseline: rawProblemsT.median,
      }),
    );
  });
}
