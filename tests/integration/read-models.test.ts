import { describe, expect, it } from 'vitest';
import type { ProblemAction, ProblemEvent } from '@shared/domain/index.js';
import { deriveProblemState, isProblemOpen } from '@shared/rules/index.js';
import { checklistViews, listProjectSummaries, problemViews, reportingDay, summarize } from '../../electron/handlers/project-views.js';
import { storeTimeZone } from '../../electron/store/time-zone.js';
import { refreshProblemStatus } from '../../electron/store/read-models/problem-status.js';
import { listInvestmentEntries, insertInvestmentEntry } from '../../electron/store/repositories/investment.js';
import { listProjects, upsertProject } from '../../electron/store/repositories/projects.js';
import { insertProblem, insertProblemEvent, listProblemEvents, listProblems } from '../../electron/store/repositories/problems.js';
import { listVisits } from '../../electron/store/repositories/visits.js';
import { seedLargePortfolio } from '../bench/large-portfolio.js';
import { makeInvestmentEntry, makeProblem, makeProblemEvent, makeProject } from '../helpers/fixtures.js';
import { FIXED_NOW, type TempStore } from '../helpers/temp-store.js';
import { useTempStore } from '../helpers/per-test.js';
import { seededRandom } from '../../electron/demo/seeded-random.js';

/**
 * The read models of issue 11 answer exactly what the per-row rules answer: `problem_status` (kept by
 * triggers, repaired by refreshProblemStatus) against deriveProblemState, and the home list against the
 * rules run project by project over every row, as the app did before.
 */
const store = useTempStore();

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

describe('problem_status', () => {
  it('equals the derived state for random histories written in and out of order', () => {
    const random = seededRandom(11);
    const actions: ProblemAction[] = ['dispatch', 'coordinate', 'resolve', 'verify_close', 'reopen', 'note'];
    const project = makeProject();
    upsertProject(store.db, project);
    let next = 0x5000;
    const written: ProblemEvent[] = [];
    for (let p = 0; p < 120; p++) {
      const problem = makeProblem(project.id, { id: uuid(next++), recordedAt: '2026-11-01T02:00:00.000Z' });
      insertProblem(store.db, problem);
      const events = Array.from({ length: Math.floor(random() * 7) }, (_, k) =>
        makeProblemEvent(problem.id, {
          id: uuid(next++),
          action: actions[Math.floor(random() * actions.length)]!,
          // Same-minute steps now and then, so the (at, id) tie-break is exercised too.
          at: `2026-11-${String(2 + Math.floor(random() * 3) + k).padStart(2, '0')}T0${Math.floor(random() * 2)}:00:00.000Z`,
          department: random() < 0.5 ? '区自然资源局' : '区财政局',
          resolution: '已落实',
        }),
      );
      // Half the problems receive their steps shuffled, as a merged packet can deliver them.
      if (p % 2 === 1) events.sort(() => random() - 0.5);
      for (const e of events) insertProblemEvent(store.db, e);
      written.push(...events);
    }
    const derived = (id: string) => {
      const own = written.filter((e) => e.problemId === id).sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1));
      const state = deriveProblemState('国网枣庄高新供电中心', own);
      return { status: state.status, department: state.responsibleDepartment, moved_at: own.at(-1)?.at ?? '2026-11-01T02:00:00.000Z' };
    };
    const rows = () =>
      store.db.prepare('SELECT problem_id AS id, status, department, moved_at FROM problem_status').all() as { id: string; status: string | null }[];
    // The triggers' in-order transitions agree with the rule wherever they answered.
    const before = rows();
    expect(before.filter((r) => r.status !== null).length).toBeGreaterThan(40);
    for (const { id, ...r } of before) if (r.status !== null) expect(r, id).toEqual(derived(id));
    expect(before.some((r) => r.status === null)).toBe(true);
    refreshProblemStatus(store.db);
    for (const { id, ...r } of rows()) expect(r, id).toEqual(derived(id));
    expect(refreshProblemStatus(store.db)).toBe(0);
  });

  it('follows a problem the bureau moves to another project', () => {
    const a = makeProject({ code: 'A-1' });
    const b = makeProject({ code: 'B-1' });
    upsertProject(store.db, a);
    upsertProject(store.db, b);
    const problem = makeProblem(a.id, { origin: 'bureau' });
    insertProblem(store.db, problem);
    store.db.prepare('UPDATE problems SET project_id = ? WHERE id = ?').run(b.id, problem.id);
    const counts = Object.fromEntries(listProjectSummaries(store.db, FIXED_NOW, false).map((s) => [s.code, s.openProblems]));
    expect(counts).toEqual({ 'A-1': 0, 'B-1': 1 });
  });
});

/** The home list the way it was computed before the read model: every row loaded, the rules per project. */
function perProjectSummaries(store: TempStore) {
  const { db } = store;
  const { today, asOfMonth } = reportingDay(FIXED_NOW, storeTimeZone(db));
  const names = new Map(listProjects(db, true).map((p) => [p.id, p.name]));
  const problems = problemViews(listProblems(db), listProblemEvents(db), names, today);
  return listProjects(db, false).map((project) => {
    const visits = listVisits(db, project.id);
    return summarize(project, {
      entries: listInvestmentEntries(db, project.id),
      openProblems: problems.filter((p) => p.projectId === project.id && isProblemOpen(p.status)).length,
      overdueItems: checklistViews(db, project.id, today).filter((c) => c.overdue).length,
      lastVisitOn: visits[0]?.visitedOn ?? null,
      today,
      asOfMonth,
    });
  });
}

describe('the home list read model', () => {
  it('gives every figure of every project exactly as the per-project rules do, the bureau figure included', () => {
    seedLargePortfolio(store.db, { projects: 40, problems: 600, visits: 300, now: FIXED_NOW, seed: 7 });
    // The bureau's figure in each of its cases (shared/rules/bureau-figure.ts): standing in, taken over,
    // not yet reached, another year; with awkward four-decimal amounts.
    const cases = [
      { code: 'BF-1', bureau: { throughMonth: '2026-06', amount: 1234.5678 }, months: ['2026-07', '2026-08', '2026-10'] },
      { code: 'BF-2', bureau: { throughMonth: '2026-06', amount: 999.9999 }, months: ['2026-03', '2026-09'] },
      { code: 'BF-3', bureau: { throughMonth: '2026-11', amount: 500.0001 }, months: ['2026-02'] },
      { code: 'BF-4', bureau: { throughMonth: '2025-12', amount: 77.7 }, months: ['2026-05'] },
      { code: 'BF-5', bureau: { throughMonth: '2026-10', amount: 0.0003 }, months: [] },
    ];
    let n = 0x9000;
    for (const c of cases) {
      const project = makeProject({ id: uuid(n++), code: c.code, planYear: 2026, annualPlannedInvestment: 3333.3333, bureauCompleted: c.bureau });
      upsertProject(store.db, project);
      for (const month of c.months) {
        insertInvestmentEntry(
          store.db,
          makeInvestmentEntry(project.id, { id: uuid(n++), month, amount: Math.round((0.1 + n / 7e3) * 1e4) / 1e4, recordedAt: `${month}-28T09:00:00.000Z` }),
        );
        // A correction recorded the same second: the larger id is the figure.
        insertInvestmentEntry(
          store.db,
          makeInvestmentEntry(project.id, { id: uuid(n++), month, amount: Math.round((0.2 + n / 9e3) * 1e4) / 1e4, recordedAt: `${month}-28T09:00:00.000Z` }),
        );
        // Written last but not the figure: the same second with a smaller id, and an earlier moment with a larger one.
        insertInvestmentEntry(
          store.db,
          makeInvestmentEntry(project.id, { id: uuid(0x7000 + n), month, amount: 4444.4444, recordedAt: `${month}-28T09:00:00.000Z` }),
        );
        insertInvestmentEntry(
          store.db,
          makeInvestmentEntry(project.id, { id: uuid(0xf000 + n), month, amount: 5555.5555, recordedAt: `${month}-28T08:59:59.999Z` }),
        );
      }
    }
    const expected = perProjectSummaries(store);
    const actual = listProjectSummaries(store.db, FIXED_NOW, false);
    expect(actual.map((s) => s.code)).toEqual(expected.map((s) => s.code));
    expect(actual).toEqual(expected);
    // The cases really differ: the bureau figure counts for some and not for others.
    const marked = actual.filter((s) => s.code.startsWith('BF-')).map((s) => s.progress.bureauThroughMonth);
    expect(marked).toEqual(['2026-06', null, null, null, '2026-10']);
    expect(actual.some((s) => s.openProblems > 0) && actual.some((s) => s.overdueItems > 0)).toBe(true);
  });
});
