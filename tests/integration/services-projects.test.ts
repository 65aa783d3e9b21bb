import { describe, expect, it } from 'vitest';
import type { OperationOutput } from '@shared/operations/index.js';
import { DEMO_PROJECTS, demoId } from '../../electron/demo/demo-dataset.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { upsertProject, getProject } from '../../electron/store/repositories/projects.js';
import { insertInvestmentEntry } from '../../electron/store/repositories/investment.js';
import { makeInvestmentEntry } from '../helpers/fixtures.js';
import { FIXED_NOW, openTempStore, type TempStore } from '../helpers/temp-store.js';
import { perform } from '../helpers/operations.js';
import { useTempStore } from '../helpers/per-test.js';
import type { SqliteDatabase } from '../../electron/store/database.js';

type Summary = OperationOutput<'projects.list'>[number];
type Detail = OperationOutput<'projects.get'>;

const registry = createRegistry();

const call = <T>(store: TempStore, name: string, input: unknown) => perform<T>(store.ctx, name, input);

/** The home-screen figures of every project, worked out from the rows with plain SQL (no app code). */
function expectedFromSql(db: SqliteDatabase, today: string, asOfMonth: string) {
  return db
    .prepare(
      `SELECT p.id, p.code, p.annual_planned_investment AS planned,
         (SELECT coalesce(sum(e.amount), 0) FROM investment_entries e
           WHERE e.project_id = p.id AND e.month >= p.plan_year || '-01' AND e.month <= @asOfMonth
             AND e.month < (p.plan_year + 1) || '-01'
             AND NOT EXISTS (SELECT 1 FROM investment_entries later
               WHERE later.project_id = e.project_id AND later.month = e.month
                 AND (later.recorded_at > e.recorded_at OR (later.recorded_at = e.recorded_at AND later.id > e.id)))) AS completed,
         (SELECT count(*) FROM problems pr WHERE pr.project_id = p.id
             AND coalesce((SELECT ev.action FROM problem_events ev WHERE ev.problem_id = pr.id AND ev.action <> 'note'
                           ORDER BY ev.at DESC, ev.id DESC LIMIT 1), '') <> 'verify_close') AS openProblems,
         (SELECT count(*) FROM checklist_items i WHERE i.project_id = p.id AND i.withdrawn_at IS NULL AND i.due_on < @today
             AND coalesce((SELECT ce.action FROM checklist_events ce WHERE ce.item_id = i.id
                           ORDER BY ce.recorded_at DESC, ce.id DESC LIMIT 1), 'reopen') <> 'close_off') AS overdueItems,
         (SELECT max(v.visited_on) FROM visits v WHERE v.project_id = p.id) AS lastVisitOn,
         CAST(julianday(@today) - julianday((SELECT max(v.visited_on) FROM visits v WHERE v.project_id = p.id)) AS INTEGER) AS daysSinceLastVisit
       FROM projects p WHERE p.archived_at IS NULL ORDER BY p.code`,
    )
    .all({ today, asOfMonth }) as {
    id: string;
    code: string;
    planned: number;
    completed: number;
    openProblems: number;
    overdueItems: number;
    lastVisitOn: string | null;
    daysSinceLastVisit: number | null;
  }[];
}

/** Within half a unit of the last shown decimal (the figures are rounded to 0.1). */
const within = (actual: number | null, exact: number, tolerance = 0.05 + 1e-9) => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - exact)).toBeLessThanOrEqual(tolerance);
};

describe.each([
  { clock: FIXED_NOW, today: '2026-11-24', asOfMonth: '2026-10', months: 10 },
  { clock: new Date('2026-12-01T09:00:00'), today: '2026-12-01', asOfMonth: '2026-11', months: 11 },
])('the demo store at $today', ({ clock, today, asOfMonth, months }) => {
  const store = useTempStore({ demo: true, now: clock });

  it('projects.list returns the six demo projects in code order', async () => {
    const list = await call<Summary[]>(store, 'projects.list', {});
    expect(list.map((p) => p.code)).toEqual(DEMO_PROJECTS.map((p) => p.code));
    expect(list.map((p) => p.level)).toEqual(DEMO_PROJECTS.map((p) => p.level));
    expect(new Set(list.map((p) => p.level))).toEqual(new Set(['provincial', 'municipal', 'district']));
  });

  it('every figure matches what plain SQL over the rows gives', async () => {
    const list = await call<Summary[]>(store, 'projects.list', {});
    const expected = expectedFromSql(store.db, today, asOfMonth);
    expect(list).toHaveLength(expected.length);
    for (const [i, row] of expected.entries()) {
      const p = list[i]!;
      expect(p.id).toBe(row.id);
      expect(p.progress.asOfMonth).toBe(asOfMonth);
      expect(p.progress.planned).toBe(row.planned);
      expect(p.progress.completed).toBeCloseTo(row.completed, 6);
      within(p.progress.timeProportionalPct, (months / 12) * 100);
      within(p.progress.completionPct, (row.completed / row.planned) * 100);
      // Ahead = the unrounded completion − schedule, rounded to 0.1 point (DOMAIN.md "Arithmetic").
      within(p.progress.aheadPoints, (row.completed / row.planned) * 100 - (months / 12) * 100);
      expect(p.openProblems).toBe(row.openProblems);
      expect(p.overdueItems).toBe(row.overdueItems);
      expect(p.lastVisitOn).toBe(row.lastVisitOn);
      expect(p.daysSinceLastVisit).toBe(row.daysSinceLastVisit);
    }
  });

  it('the figures are the demo’s intended pace (completion = pace × schedule)', async () => {
    const list = await call<Summary[]>(store, 'projects.list', {});
    DEMO_PROJECTS.forEach((spec, i) => {
      within(list[i]!.progress.completionPct, spec.pace * (months / 12) * 100);
    });
    // Some ahead, some behind, as the demo means to show.
    expect(list.some((p) => (p.progress.aheadPoints ?? 0) > 0)).toBe(true);
    expect(list.some((p) => (p.progress.aheadPoints ?? 0) < 0)).toBe(true);
  });

  it('the home screen shows open problems, overdue items and recent visits', async () => {
    const list = await call<Summary[]>(store, 'projects.list', {});
    expect(list.reduce((n, p) => n + p.openProblems, 0)).toBe(4); // five problems, one verified and closed
    expect(list.some((p) => p.overdueItems > 0)).toBe(true);
    expect(list.every((p) => p.lastVisitOn !== null && (p.daysSinceLastVisit as number) >= 2)).toBe(true);
  });

  it('projects.get returns the project page: checklist, milestones, visits, problems, investment', async () => {
    const id = demoId(10);
    const detail = await call<Detail>(store, 'projects.get', { projectId: id });
    const summary = (await call<Summary[]>(store, 'projects.list', {}))[0]!;
    expect(detail.project).toEqual(summary);

    const count = (sql: string) => (store.db.prepare(sql).get(id) as { n: number }).n;
    expect(detail.checklist).toHaveLength(count('SELECT count(*) AS n FROM checklist_items WHERE project_id = ?'));
    expect(detail.checklist).toHaveLength(16);
    expect(detail.checklist.map((c) => c.sortOrder)).toEqual([...detail.checklist.map((c) => c.sortOrder)].sort((a, b) => a - b));
    expect(detail.checklist.filter((c) => c.overdue)).toHaveLength(summary.overdueItems);
    for (const c of detail.checklist.filter((x) => x.closedOff)) {
      expect(c.closedOffOn).not.toBeNull();
      expect(c.closedOffBy).toBe('演示用户');
      expect(c.evidence).toBeTruthy();
      expect(c.overdue).toBe(false);
    }
    expect(detail.checklist.filter((c) => c.closedOff).length).toBe(
      count(`SELECT count(*) AS n FROM checklist_events e JOIN checklist_items i ON i.id = e.item_id WHERE i.project_id = ? AND e.action = 'close_off'`),
    );

    expect(detail.milestones).toHaveLength(4);
    expect(detail.milestones.filter((m) => m.reachedOn !== null)).toHaveLength(1); // construction stage: start reached

    expect(detail.visits).toHaveLength(count('SELECT count(*) AS n FROM visits WHERE project_id = ?'));
    expect(detail.visits[0]!.visitedOn).toBe(summary.lastVisitOn);
    expect(detail.visits.every((v) => Array.isArray(v.photos))).toBe(true);

    expect(detail.problems).toHaveLength(1);
    expect(detail.problems[0]).toMatchObject({ status: 'in_progress', projectName: summary.name, currentDepartment: '国网枣庄高新供电中心' });
    expect(detail.problems[0]!.events.map((e) => e.action)).toEqual(['dispatch', 'coordinate']);
    expect(detail.problems.filter((p) => p.status !== 'closed')).toHaveLength(summary.openProblems);

    expect(detail.investment).toHaveLength(count('SELECT count(*) AS n FROM investment_entries WHERE project_id = ?'));
  });

  it('problems at every step of the loop derive their status', async () => {
    const statuses: string[] = [];
    for (const spec of DEMO_PROJECTS.keys()) {
      const detail = await call<Detail>(store, 'projects.get', { projectId: demoId(10 + spec) });
      statuses.push(...detail.problems.map((p) => p.status));
    }
    expect(statuses.sort()).toEqual(['closed', 'dispatched', 'in_progress', 'raised', 'resolved']);
  });
});

describe('projects (demo store at the fixed clock)', () => {
  const store = useTempStore({ demo: true });

  it('the search key holds the text, its full pinyin and its initials', async () => {
    const [mhdl] = await call<Summary[]>(store, 'projects.list', {});
    expect(mhdl!.name).toContain('明湖动力');
    expect(mhdl!.searchKey).toContain('mhdl');
    expect(mhdl!.searchKey).toContain('minghudongli');
    expect(mhdl!.searchKey).toContain('明湖动力');
    expect(mhdl!.searchKey).toContain('demo-001');
    const list = await call<Summary[]>(store, 'projects.list', {});
    expect(list.filter((p) => p.searchKey.includes('mhdl')).map((p) => p.code)).toEqual(['DEMO-001']);
    expect(list.filter((p) => p.searchKey.includes('qtjm')).map((p) => p.code)).toEqual(['DEMO-002']);
  });

  it('archived projects are hidden unless asked for', async () => {
    const project = getProject(store.db, demoId(12))!;
    upsertProject(store.db, { ...project, archivedAt: '2026-11-20T00:00:00.000Z' });
    expect(await call<Summary[]>(store, 'projects.list', {})).toHaveLength(5);
    const all = await call<Summary[]>(store, 'projects.list', { includeArchived: true });
    expect(all).toHaveLength(6);
    expect(all.find((p) => p.id === project.id)!.archivedAt).toBe('2026-11-20T00:00:00.000Z');
  });

  it('a later correction of a month replaces its figure on the home screen', async () => {
    const before = (await call<Summary[]>(store, 'projects.list', {}))[0]!;
    const october = store.db
      .prepare(`SELECT amount FROM investment_entries WHERE project_id = ? AND month = '2026-10' ORDER BY recorded_at DESC, id DESC LIMIT 1`)
      .get(before.id) as { amount: number };
    insertInvestmentEntry(
      store.db,
      makeInvestmentEntry(before.id, { month: '2026-10', amount: october.amount + 1200, recordedAt: '2026-11-23T08:00:00.000Z' }),
    );
    const after = (await call<Summary[]>(store, 'projects.list', {}))[0]!;
    expect(after.progress.completed).toBeCloseTo(before.progress.completed + 1200, 4);
    within(after.progress.completionPct, (after.progress.completed / after.progress.planned) * 100);
  });

  it('projects.get of an unknown project is not_found; of a malformed id invalid_input', async () => {
    const missing = await registry.dispatch('projects.get', { projectId: '00000000-0000-4000-8000-00000000beef' }, store.ctx);
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found', params: { what: 'project' } } });
    const malformed = await registry.dispatch('projects.get', { projectId: 'DEMO-001' }, store.ctx);
    expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('an empty store lists no projects', async () => {
    const empty = openTempStore();
    try {
      expect(await call<Summary[]>(empty, 'projects.list', {})).toEqual([]);
    } finally {
      empty.close();
    }
  });
});
