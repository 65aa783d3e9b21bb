import { describe, expect, it } from 'vitest';
import type { ChecklistItem, ProblemAction, ProblemEvent } from '@shared/domain/index.js';
import { operations } from '@shared/operations/index.js';
import { deriveProblemState, isProblemOpen } from '@shared/rules/index.js';
import { checklistViews, listProjectSummaries, problemViews, reportingDay, summarize } from '../../electron/handlers/project-views.js';
import { storeTimeZone } from '../../electron/store/time-zone.js';
import { refreshProblemStatus } from '../../electron/store/read-models/problem-status.js';
import { listInvestmentEntries, insertInvestmentEntry } from '../../electron/store/repositories/investment.js';
import { listProjects, upsertProject } from '../../electron/store/repositories/projects.js';
import { insertProblem, insertProblemEvent, listProblemEvents, listProblems } from '../../electron/store/repositories/problems.js';
import { insertChecklistEvent, upsertChecklistItem } from '../../electron/store/repositories/checklist.js';
import { insertVisit, listVisits } from '../../electron/store/repositories/visits.js';
import { seedLargePortfolio } from '../bench/large-portfolio.js';
import { makeChecklistEvent, makeChecklistItem, makeInvestmentEntry, makeProblem, makeProblemEvent, makeProject, makeVisit } from '../helpers/fixtures.js';
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

/**
 * The totals kept by triggers (migration 9) after every kind of write, in a random order: appends, problem
 * steps and checklist events arriving out of order (a merged packet), same-second corrections, the
 * assignment import re-dating, moving, withdrawing and removing the bureau's tasks and problems. The
 * list is compared with the per-project rules over all rows after every batch of writes.
 */
/** How the assignment import withdraws a bureau task (electron/sync/assignment-write.ts). */
const WITHDRAW_ITEM = "UPDATE checklist_items SET withdrawn_at = ? WHERE id = ? AND origin = 'bureau' AND withdrawn_at IS NULL";

describe('the home list after every kind of write', () => {
  it('keeps every figure equal to the per-project rules', () => {
    const random = seededRandom(9);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    let next = 1;
    // Ids in no particular order, so that a later write may carry a smaller id (the (moment, id) tie-break).
    const id = () => uuid(Math.floor(random() * 0xffffff) * 0x10000 + next++);
    const moment = () => `2026-${pick(['09', '10', '11'])}-${pick(['03', '17', '21'])}T0${pick(['1', '2'])}:00:00.000Z`;
    const day = () => `2026-${pick(['10', '11', '12'])}-${pick(['05', '23', '24', '25'])}`;
    const projects = Array.from({ length: 8 }, (_, n) => makeProject({ id: id(), code: `T-${n}`, planYear: 2026 }));
    for (const p of projects) upsertProject(store.db, p);
    const problems: { id: string; origin: 'officer' | 'bureau'; steps: number }[] = [];
    const items: { item: ChecklistItem; events: number }[] = [];
    const writes: (() => void)[] = [
      () => insertVisit(store.db, makeVisit(pick(projects).id, { id: id(), visitedOn: day(), recordedAt: moment() })),
      () => {
        const origin = pick(['officer', 'bureau'] as const);
        const problem = makeProblem(pick(projects).id, { id: id(), origin, recordedAt: moment() });
        insertProblem(store.db, problem);
        problems.push({ id: problem.id, origin, steps: 0 });
      },
      () => {
        const problem = pick(problems);
        const action = pick(['dispatch', 'coordinate', 'resolve', 'verify_close', 'reopen', 'note'] as const);
        if (problem) insertProblemEvent(store.db, makeProblemEvent(problem.id, { id: id(), action, at: moment(), department: '区财政局' }));
        if (problem) problem.steps += 1;
      },
      () => {
        const bureau = problems.filter((p) => p.origin === 'bureau');
        if (bureau.length > 0) store.db.prepare('UPDATE problems SET project_id = ? WHERE id = ?').run(pick(projects).id, pick(bureau).id);
      },
      () => {
        const gone = problems.findIndex((p) => p.origin === 'bureau' && p.steps === 0);
        if (gone >= 0) store.db.prepare('DELETE FROM problems WHERE id = ?').run(problems.splice(gone, 1)[0]!.id);
      },
      () => {
        const item = makeChecklistItem(pick(projects).id, { id: id(), dueOn: day(), origin: pick(['officer', 'bureau'] as const) });
        upsertChecklistItem(store.db, item, moment());
        items.push({ item, events: 0 });
      },
      () => {
        const entry = pick(items);
        if (entry)
          insertChecklistEvent(store.db, makeChecklistEvent(entry.item.id, { id: id(), action: pick(['close_off', 'reopen'] as const), recordedAt: moment() }));
        if (entry) entry.events += 1;
      },
      // The assignment import: a bureau task re-dated (written again whole) or withdrawn, or moved by hand.
      () => {
        const entry = pick(items.filter((e) => e.item.origin === 'bureau'));
        if (entry) upsertChecklistItem(store.db, (entry.item = { ...entry.item, dueOn: day() }));
      },
      () => {
        const entry = pick(items.filter((e) => e.item.origin === 'bureau'));
        if (entry) store.db.prepare(WITHDRAW_ITEM).run(moment(), entry.item.id);
      },
      () => {
        const entry = pick(items.filter((e) => e.item.origin === 'bureau'));
        if (entry) store.db.prepare('UPDATE checklist_items SET project_id = ? WHERE id = ?').run(pick(projects).id, entry.item.id);
      },
      () => {
        const gone = items.findIndex((e) => e.item.origin === 'bureau' && e.events === 0);
        if (gone >= 0) store.db.prepare('DELETE FROM checklist_items WHERE id = ?').run(items.splice(gone, 1)[0]!.item.id);
      },
      () => {
        // Two moments only: many corrections of a month share their second.
        const month = `2026-${pick(['01', '10', '11'])}`;
        const recordedAt = `2026-11-0${pick(['1', '2'])}T02:00:00.000Z`;
        insertInvestmentEntry(store.db, makeInvestmentEntry(pick(projects).id, { id: id(), month, amount: Math.round(random() * 1e8) / 1e4, recordedAt }));
      },
    ];
    for (let batch = 0; batch < 12; batch++) {
      for (let n = 0; n < 40; n++) pick(writes)();
      expect(listProjectSummaries(store.db, FIXED_NOW, false), `after batch ${batch}`).toEqual(perProjectSummaries(store));
    }
    const summaries = listProjectSummaries(store.db, FIXED_NOW, false);
    // Every kind of figure really occurs, and every row passes the list's schema unchanged (its output check samples them).
    expect(summaries.some((s) => s.openProblems > 0) && summaries.some((s) => s.overdueItems > 0)).toBe(true);
    expect(summaries.some((s) => s.progress.completed > 0) && summaries.some((s) => s.lastVisitOn !== null)).toBe(true);
    expect(operations['projects.list'].output.parse(summaries)).toStrictEqual(summaries);
  });
});
