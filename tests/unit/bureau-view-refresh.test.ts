import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useBureauStore } from '../helpers/bureau-store.js';
import type { BureauProjectRow } from '@shared/operations/bureau.js';
import { TOPICS, type OperationSpec } from '@shared/operations/define.js';
import { operations } from '@shared/operations/index.js';

/**
 * The bureau desk refreshes its views as the officer desk does (docs/architecture.md, "How views refresh"): the
 * bureau writes its screens take name what they change, each view of the bureau store names what it reads, and
 * after a step on a problem the bureau client reloads exactly the loaded views that read problems, before the
 * step answers. The store runs against a fake transport that records every call. Also the project table's rules.
 */

let calls: string[] = [];
const answers: Record<string, () => unknown> = {
  'bureau.summary': () => ({ asOfMonth: '2026-11' }),
  'bureau.projects.list': () => ({ asOfMonth: '2026-11', referenceDay: '2026-12-02', elapsedMonths: 11, timeProportionalPct: 91.7, rows: [] }),
  'bureau.problems.list': () => [],
  'bureau.problems.act': () => ({ id: 'problem-1' }),
  'bureau.settings.get': () => ({ bureauName: '局', timeZone: 'Asia/Shanghai', changed: false }),
};

const store = useBureauStore(async (name) => {
  calls.push(name);
  return { ok: true, value: answers[name]?.() ?? null };
});

beforeEach(() => {
  calls = [];
  store().useBureau.setState({ summary: null, projectList: null, problems: null, settings: null });
});

describe('the bureau desk: after a write, the views that read what it changed are refreshed', () => {
  it('the bureau writes its screens take name what they change', () => {
    for (const name of ['bureau.problems.act', 'bureau.problems.raise'] as const) {
      const changes = (operations[name] as OperationSpec).changes;
      expect(changes, name).toEqual(['problem']);
    }
    for (const view of Object.values(store().BUREAU_VIEWS)) for (const topic of view.reads) expect(TOPICS).toContain(topic);
  });

  it('a step on a problem reloads the loaded ledger, project table and overview, not the settings nor an unloaded view', async () => {
    const bureau = store().useBureau.getState();
    await Promise.all([bureau.loadProblems(), bureau.loadProjectList(), bureau.loadSettings()]);
    calls = [];
    await bureau.actOnProblem({ problem: 'problem-1', action: 'note', note: 'called the department' });
    expect(calls.sort()).toEqual(['bureau.problems.act', 'bureau.problems.list', 'bureau.projects.list']);
    await bureau.loadSummary();
    calls = [];
    await bureau.actOnProblem({ problem: 'problem-1', action: 'note', note: 'again' });
    expect(calls.sort()).toEqual(['bureau.problems.act', 'bureau.problems.list', 'bureau.projects.list', 'bureau.summary']);
  });
});

describe('the bureau project table: filters, search, sort and totals', () => {
  let rules: typeof import('../../renderer/src/bureau/project-rows.js');
  beforeAll(async () => {
    rules = await import('../../renderer/src/bureau/project-rows.js');
  });
  const LIT = { light: 'green', rule: 'ahead', figure: 8.3 } as const;
  const row = (code: string, over: Partial<BureauProjectRow>): BureauProjectRow => ({
    id: code,
    code,
    name: code,
    company: '',
    sponsoringLeader: '王立新',
    sponsoringUnit: '区财政局',
    officerId: 'o1',
    officerName: '韩立',
    searchKey: code.toLowerCase(),
    level: 'district',
    stage: 'construction',
    planned: 100,
    completed: 100,
    completionPct: 100,
    aheadPoints: 8.3,
    openProblems: 0,
    overdueProblems: 0,
    lastPacketAt: null,
    lights: { overall: 'green', dimensions: { investment: LIT, start: LIT, enrolment: LIT, problems: LIT, milestones: LIT } },
    ...over,
  });
  const rows = [
    row('A-1', {
      name: '欣旺达',
      searchKey: '欣旺达 xinwangda xwd',
      level: 'provincial',
      planned: 300,
      completed: 150,
      completionPct: 50,
      aheadPoints: -41.7,
      openProblems: 2,
    }),
    row('A-2', { sponsoringUnit: '区商务局', planned: 0, completed: 10, completionPct: null, aheadPoints: null }),
    row('A-3', { officerName: '杜娟', planned: 200, completed: 250, completionPct: 125, aheadPoints: 33.3, overdueProblems: 1, openProblems: 1 }),
  ];

  it('filters by unit and officer, and finds by pinyin initials', () => {
    expect(rules.filterProjectRows(rows, { ...rules.NO_PROJECT_FILTERS, units: ['区商务局'] }).map((r) => r.code)).toEqual(['A-2']);
    expect(rules.filterProjectRows(rows, { ...rules.NO_PROJECT_FILTERS, officers: ['杜娟'] }).map((r) => r.code)).toEqual(['A-3']);
    expect(rules.filterProjectRows(rows, { ...rules.NO_PROJECT_FILTERS, search: 'XWD' }).map((r) => r.code)).toEqual(['A-1']);
    expect(rules.hasProjectFilters(rules.NO_PROJECT_FILTERS)).toBe(false);
  });

  it('sorts with projects without a plan last either way', () => {
    expect(rules.sortProjectRows(rows, { key: 'completion', order: 'descend' }).map((r) => r.code)).toEqual(['A-3', 'A-1', 'A-2']);
    expect(rules.sortProjectRows(rows, { key: 'completion', order: 'ascend' }).map((r) => r.code)).toEqual(['A-1', 'A-3', 'A-2']);
    expect(rules.sortProjectRows(rows, { key: 'unit', order: 'descend' })[0]!.code).toBe('A-2'); // 商 (shang) after 财 (cai)
  });

  it('totals the shown projects as one group by the shared rule', () => {
    const totals = rules.projectTotals(rows, 11);
    expect(totals).toMatchObject({ planned: 500, completed: 410, completionPct: 82, aheadPoints: -9.7, openProblems: 3, overdueProblems: 1 });
  });
});
