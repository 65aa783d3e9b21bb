import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvestmentEntry, MilestoneReport, ProblemEvent } from '@shared/domain/index.js';
import type { OperationName } from '@shared/operations/index.js';
import type { BureauProjectRow } from '@shared/operations/bureau.js';
import type { BureauProjectPage } from '@shared/operations/bureau-project.js';
import {
  DEFAULT_TRAFFIC_LIGHT_THRESHOLDS,
  LIGHT_DIMENSIONS,
  lightText,
  latestEntry,
  localDayEnd,
  problemView,
  projectLights,
  projectProgress,
  type ProjectLights,
} from '@shared/rules/index.js';
import type { BureauContext } from '../../electron/bureau/context.js';
import { createBureauRegistry } from '../../electron/bureau/operations/index.js';
import { getBureauProject, listBureauMilestones, listFolded } from '../../electron/bureau/repository.js';
import { listBureauProblems } from '../../electron/bureau/problems.js';
import { bureauTimeZone } from '../../electron/bureau/time-zone.js';
import { AS_OF, REFERENCE_DAY } from '../fixtures/bureau/district-2025.js';
import { dimensionLight, setBy } from '../../renderer/src/bureau/lights.js';
import { sourceYearBureau } from '../helpers/source-year-bureau.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';

/**
 * The traffic lights of the bureau's project table (issue 14): the source year's 96 projects folded through
 * signed packets into a real bureau database, then every row's lights compared with the shared rule applied to
 * that one project, from its own records read one project at a time (its milestones and their reports, its
 * problems through the bureau's problem views, its investment). The overview's counts, the rows behind them and
 * the project page say the same lights.
 */
const NOW = new Date('2026-01-10T09:00:00');
const DATES = { asOfMonth: AS_OF, referenceDay: REFERENCE_DAY };
const registry = createBureauRegistry();

let dir: TempDir;
let ctx: BureauContext;
let rows: BureauProjectRow[];

async function call<T>(name: OperationName, input: unknown): Promise<T> {
  const r = await registry.dispatch(name, input, ctx);
  if (!r.ok) throw Object.assign(new Error(`${name}: ${r.error.message}`), { error: r.error });
  return r.value as T;
}

async function refusal(name: OperationName, input: unknown) {
  const r = await registry.dispatch(name, input, ctx);
  if (r.ok) throw new Error(`${name} answered ${JSON.stringify(input)}`);
  return r.error;
}

/** One project's lights by the shared rule, from its own records (the test's own reading, one project at a time). */
function expectedLights(projectId: string): ProjectLights {
  const project = getBureauProject(ctx.db, projectId)!;
  const dayEnd = Date.parse(localDayEnd(REFERENCE_DAY, bureauTimeZone(ctx.db)));
  const known = (moment: string) => Date.parse(moment) < dayEnd;
  const reports = listFolded<MilestoneReport>(ctx.db, 'milestone_report').filter((r) => known(r.recordedAt));
  const milestones = listBureauMilestones(ctx.db, projectId)
    .filter((m) => m.withdrawnAt === null)
    .map((m) => ({ ...m, reachedOn: latestEntry(reports.filter((r) => r.milestoneId === m.id))?.reachedOn ?? null }));
  const events = listFolded<ProblemEvent>(ctx.db, 'problem_event').filter((e) => known(e.at));
  const problems = listBureauProblems(ctx, { project: project.code })
    .filter((p) => p.raisedOn <= REFERENCE_DAY)
    .map((p) =>
      problemView(
        p,
        events.filter((e) => e.problemId === p.id),
        REFERENCE_DAY,
      ),
    );
  const entries = listFolded<InvestmentEntry>(ctx.db, 'investment_entry', 'WHERE project_id = ?', projectId);
  const { completed } = projectProgress(project, entries, AS_OF);
  return projectLights(
    { today: REFERENCE_DAY, stage: project.stage, completed, planned: project.annualPlannedInvestment, elapsedMonths: 11, milestones, problems },
    DEFAULT_TRAFFIC_LIGHT_THRESHOLDS,
  );
}

/** The row's lights equal the rule's: each dimension given back in the rule's shape, the late item by its title (its id is not carried). */
function expectSameLights(row: BureauProjectRow, lights: ProjectLights) {
  expect(row.lights.overall, row.code).toBe(lights.overall);
  expect(setBy(row.lights), row.code).toEqual(lights.setBy);
  for (const d of LIGHT_DIMENSIONS) {
    const { subject, ...rest } = lights.dimensions[d];
    const want = subject?.title === undefined ? rest : { ...rest, subject: { id: '', title: subject.title } };
    expect(dimensionLight(row.lights, d), `${row.code} ${d}`).toEqual(want);
  }
}

beforeAll(async () => {
  dir = makeTempDir('sponsor-desk-bureau-lights-');
  const built = await sourceYearBureau(dir, NOW);
  ctx = built.ctx;
  expect(built.statuses).toEqual(built.statuses.map(() => 'accepted'));
  rows = (await call<{ rows: BureauProjectRow[] }>('bureau.projects.list', DATES)).rows;
});

afterAll(() => {
  ctx?.db.close();
  dir?.remove();
});

describe("the bureau project table's traffic lights", () => {
  it("gives every row the shared rule's lights for its own records", () => {
    expect(rows).toHaveLength(96);
    for (const row of rows) expectSameLights(row, expectedLights(row.id));
    // The district's dimensions are not all one light: the comparison means something.
    const seen = new Set(rows.flatMap((r) => LIGHT_DIMENSIONS.map((d) => `${d}:${r.lights.dimensions[d].light}:${r.lights.dimensions[d].rule}`)));
    expect(seen.size).toBeGreaterThan(LIGHT_DIMENSIONS.length + 3);
  });

  it('lights the problems dimension exactly on the rows that count overdue problems, and investment on their points', () => {
    for (const row of rows) {
      const problems = row.lights.dimensions.problems;
      expect(problems.rule === 'overdue', row.code).toBe(row.overdueProblems > 0);
      if (row.overdueProblems > 0) expect(problems.count).toBe(row.overdueProblems);
      const investment = row.lights.dimensions.investment;
      if (row.aheadPoints === null) expect(investment.rule).toBe('no_plan');
      else expect(investment.figure).toBeCloseTo(Math.abs(row.aheadPoints), 1);
    }
  });

  it('says every light in both languages by the shared text', () => {
    for (const row of rows) {
      for (const d of LIGHT_DIMENSIONS) {
        const light = dimensionLight(row.lights, d);
        expect(lightText(light, 'zh')).not.toMatch(/[{}]|null|undefined/);
        expect(lightText(light, 'en')).not.toMatch(/[{}]|null|undefined/);
      }
    }
  });

  it("counts the overview's lights as the rows show them, and names those rows behind each count", async () => {
    const counts = await call<Record<'red' | 'yellow' | 'green', number>>('bureau.overview.lights', DATES);
    for (const light of ['red', 'yellow', 'green'] as const) {
      const ids = rows.filter((r) => r.lights.overall === light).map((r) => r.id);
      expect(counts[light], light).toBe(ids.length);
      const behind = await call<{ rows: string; ids: string[] }>('bureau.overview.rowsBehind', { ...DATES, scope: { kind: 'all' }, figure: light });
      expect(behind.rows).toBe('projects');
      expect(new Set(behind.ids)).toEqual(new Set(ids));
    }
    expect(counts.red + counts.yellow + counts.green).toBe(96);
    const district = await call<Record<'red' | 'yellow' | 'green', number>>('bureau.overview.lights', { ...DATES, scope: { kind: 'district' } });
    expect(district.red).toBe(rows.filter((r) => r.level === 'district' && r.lights.overall === 'red').length);
  });

  it("shows the row's lights on the project page", async () => {
    for (const row of rows.filter((_, i) => i % 12 === 0)) {
      const page = await call<BureauProjectPage>('bureau.projects.get', { project: row.code, ...DATES });
      expect(page.lights, row.code).toEqual(row.lights);
    }
  });

  it('reads the lights with a fixed set of statements, none per project', async () => {
    const statements: string[] = [];
    const prepare = ctx.db.prepare.bind(ctx.db);
    const spy = Object.create(ctx.db) as typeof ctx.db;
    spy.prepare = ((sql: string) => (statements.push(sql), prepare(sql))) as typeof ctx.db.prepare;
    const r = await registry.dispatch('bureau.overview.lights', DATES, { ...ctx, db: spy });
    expect(r.ok).toBe(true);
    expect(statements.length).toBeLessThan(15);
  });

  it('refuses a bad month, scope or light figure, and changes nothing', async () => {
    const before = JSON.stringify(rows);
    const month = await refusal('bureau.overview.lights', { asOfMonth: '2025-13x' });
    expect(month.code).toBe('invalid_input');
    const scope = await refusal('bureau.overview.lights', { ...DATES, scope: { kind: 'street' } });
    expect(scope.code).toBe('invalid_input');
    const figure = await refusal('bureau.overview.rowsBehind', { ...DATES, scope: { kind: 'all' }, figure: 'blue' });
    expect(figure.code).toBe('invalid_input');
    expect(JSON.stringify((await call<{ rows: BureauProjectRow[] }>('bureau.projects.list', DATES)).rows)).toBe(before);
  });
});
