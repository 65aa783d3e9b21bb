import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Project } from '@shared/domain/index.js';
import type { OperationOutput } from '@shared/operations/index.js';
import { DEFAULT_TIME_ZONE, localDay } from '@shared/rules/index.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { insertChecklistEvent, upsertChecklistItem } from '../../electron/store/repositories/checklist.js';
import { insertInvestmentEntry } from '../../electron/store/repositories/investment.js';
import { insertProblem, insertProblemEvent } from '../../electron/store/repositories/problems.js';
import { insertMilestoneReport, upsertMilestone, upsertProject } from '../../electron/store/repositories/projects.js';
import { insertVisit } from '../../electron/store/repositories/visits.js';
import {
  makeChecklistEvent,
  makeChecklistItem,
  makeInvestmentEntry,
  makeMilestone,
  makeMilestoneReport,
  makeProblem,
  makeProblemEvent,
  makeProject,
  makeVisit,
} from '../helpers/fixtures.js';
import { dumpDatabase, openTempStore, type TempStore } from '../helpers/temp-store.js';
import { useTempStore } from '../helpers/per-test.js';

/** Tuesday 24 November 2026, 10:00 local: the week is Mon 23 – Sun 29, next week Mon 30 Nov – Sun 6 Dec. */
const NOW = new Date('2026-11-24T10:00:00');
/** A moment at `hour` o'clock local time on `day`, as stored timestamps write it. */
const at = (day: string, hour = 10) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00`).toISOString();

const registry = createRegistry();
type Overview = OperationOutput<'week.overview'>;

async function overview(store: TempStore, weekOf?: string): Promise<Overview> {
  const result = await registry.dispatch('week.overview', weekOf ? { weekOf } : {}, store.ctx);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as Overview;
}

describe('week.overview: what the officer did this week', () => {
  let store: TempStore;
  let project: Project;
  beforeEach(() => {
    store = openTempStore({ now: NOW });
    project = makeProject({ code: 'GX-2026-001' });
    upsertProject(store.db, project);
  });
  afterEach(() => store.close());

  it('the week runs Monday to Sunday around today, next week after it', async () => {
    const o = await overview(store);
    expect(o).toMatchObject({
      weekStart: '2026-11-23',
      weekEnd: '2026-11-29',
      today: '2026-11-24',
      asOf: '2026-11-24',
      nextWeekStart: '2026-11-30',
      nextWeekEnd: '2026-12-06',
    });
    expect(o.counts).toEqual({
      visits: 0,
      closeOffs: 0,
      reopenings: 0,
      problemsRaised: 0,
      problemSteps: 0,
      investment: 0,
      milestones: 0,
      dueChecklist: 0,
      dueProblems: 0,
      overdue: 0,
    });
  });

  it('lists visits of the week and visits entered this week for earlier days, not older ones', async () => {
    const today = makeVisit(project.id, { visitedOn: '2026-11-24', recordedAt: at('2026-11-24'), summary: '本周现场走访' });
    const lateEntry = makeVisit(project.id, { visitedOn: '2026-11-21', recordedAt: at('2026-11-23', 9), summary: '上周六走访，周一补录' });
    const lastWeek = makeVisit(project.id, { visitedOn: '2026-11-20', recordedAt: at('2026-11-20'), summary: '上周走访' });
    const sundayLate = makeVisit(project.id, { visitedOn: '2026-11-29', recordedAt: at('2026-11-29', 23), summary: '周日晚走访' });
    for (const v of [today, lateEntry, lastWeek, sundayLate]) insertVisit(store.db, v);

    const o = await overview(store);
    expect(o.done.visits.map((v) => v.summary)).toEqual(['上周六走访，周一补录', '本周现场走访', '周日晚走访']);
    expect(o.done.visits[1]).toMatchObject({
      id: today.id,
      projectId: project.id,
      projectCode: 'GX-2026-001',
      projectName: project.name,
      on: '2026-11-24',
      kind: 'site_visit',
    });
    expect(o.counts.visits).toBe(3);

    const previous = await overview(store, '2026-11-18');
    expect(previous.weekStart).toBe('2026-11-16');
    expect(previous.asOf).toBe('2026-11-22');
    expect(previous.done.visits.map((v) => v.summary)).toEqual(['上周走访', '上周六走访，周一补录']);
  });

  it('lists close-offs and reopenings with the item they concern', async () => {
    const item = makeChecklistItem(project.id, { title: '施工许可证', dueOn: '2026-11-30' });
    const older = makeChecklistItem(project.id, { title: '项目备案', dueOn: '2026-03-01' });
    upsertChecklistItem(store.db, item);
    upsertChecklistItem(store.db, older);
    insertChecklistEvent(store.db, makeChecklistEvent(older.id, { effectiveOn: '2026-02-20', recordedAt: at('2026-02-20') }));
    insertChecklistEvent(store.db, makeChecklistEvent(item.id, { effectiveOn: '2026-11-23', recordedAt: at('2026-11-23'), note: '已核发' }));
    insertChecklistEvent(
      store.db,
      makeChecklistEvent(item.id, { action: 'reopen', effectiveOn: '2026-11-24', recordedAt: at('2026-11-24'), note: '证照信息有误' }),
    );

    const o = await overview(store);
    expect(o.done.checklist.map((c) => [c.action, c.itemTitle, c.on, c.note])).toEqual([
      ['close_off', '施工许可证', '2026-11-23', '已核发'],
      ['reopen', '施工许可证', '2026-11-24', '证照信息有误'],
    ]);
    expect(o.counts.closeOffs).toBe(1);
    expect(o.counts.reopenings).toBe(1);
    // Reopened, due next Monday: it is due next week.
    expect(o.due.checklist.map((d) => d.title)).toEqual(['施工许可证']);
  });

  it('lists problems the officer raised and moved this week with the status after each step; bureau records are not the officer’s work', async () => {
    const mine = makeProblem(project.id, { raisedOn: '2026-11-23', recordedAt: at('2026-11-23'), description: '临时用电不足', dueOn: null });
    const bureau = makeProblem(project.id, {
      origin: 'bureau',
      raisedOn: '2026-11-24',
      recordedAt: at('2026-11-24'),
      raisedBy: '重点项目办',
      description: '局里跟踪的问题',
      dueOn: null,
    });
    const old = makeProblem(project.id, { raisedOn: '2026-10-01', recordedAt: at('2026-10-01'), description: '旧问题', dueOn: null });
    for (const p of [mine, bureau, old]) insertProblem(store.db, p);
    insertProblemEvent(store.db, makeProblemEvent(old.id, { action: 'dispatch', at: at('2026-10-02') }));
    insertProblemEvent(store.db, makeProblemEvent(old.id, { action: 'coordinate', at: at('2026-11-24', 15), note: '区领导顶格协调' }));
    insertProblemEvent(store.db, makeProblemEvent(mine.id, { action: 'dispatch', at: at('2026-11-24', 11) }));
    insertProblemEvent(store.db, makeProblemEvent(mine.id, { action: 'note', at: at('2026-11-25', 11), note: '已电话催办' }));
    insertProblemEvent(store.db, makeProblemEvent(bureau.id, { action: 'dispatch', origin: 'bureau', by: '重点项目办', at: at('2026-11-24', 12) }));

    const o = await overview(store);
    expect(o.done.problemsRaised.map((p) => [p.description, p.status])).toEqual([['临时用电不足', 'dispatched']]);
    expect(o.done.problemSteps.map((s) => [s.description, s.action, s.statusAfter, s.on])).toEqual([
      ['临时用电不足', 'dispatch', 'dispatched', '2026-11-24'],
      ['旧问题', 'coordinate', 'in_progress', '2026-11-24'],
      ['临时用电不足', 'note', 'dispatched', '2026-11-25'],
    ]);
    expect(o.counts.problemSteps).toBe(3);
  });

  it('lists figures entered this week, a correction with the figure it replaced', async () => {
    insertInvestmentEntry(store.db, makeInvestmentEntry(project.id, { month: '2026-10', amount: 9000, recordedAt: at('2026-11-02') }));
    insertInvestmentEntry(store.db, makeInvestmentEntry(project.id, { month: '2026-10', amount: 9500, recordedAt: at('2026-11-24', 9) }));
    insertInvestmentEntry(store.db, makeInvestmentEntry(project.id, { month: '2026-11', amount: 8000, recordedAt: at('2026-11-24', 16) }));
    const o = await overview(store);
    expect(o.done.investment.map((e) => [e.month, e.amount, e.previousAmount, e.on])).toEqual([
      ['2026-10', 9500, 9000, '2026-11-24'],
      ['2026-11', 8000, null, '2026-11-24'],
    ]);
  });

  it('lists milestones reported reached this week', async () => {
    const m = makeMilestone(project.id, { title: '主体结构封顶', kind: 'other', plannedOn: '2026-11-30' });
    const early = makeMilestone(project.id, { title: '开工建设', plannedOn: '2026-03-01' });
    upsertMilestone(store.db, m);
    upsertMilestone(store.db, early);
    insertMilestoneReport(store.db, makeMilestoneReport(early.id, { reachedOn: '2026-03-05', recordedAt: at('2026-03-05') }));
    insertMilestoneReport(store.db, makeMilestoneReport(m.id, { reachedOn: '2026-11-25', recordedAt: at('2026-11-25'), note: '提前封顶' }));
    const o = await overview(store);
    expect(o.done.milestones.map((r) => [r.milestoneTitle, r.on, r.plannedOn, r.note])).toEqual([['主体结构封顶', '2026-11-25', '2026-11-30', '提前封顶']]);
  });

  it('lists what is due by the end of next week, overdue first; closed, withdrawn, resolved and archived are left out', async () => {
    const archived = makeProject({ code: 'GX-2026-009', archivedAt: at('2026-11-01') });
    upsertProject(store.db, archived);
    const items = {
      overdue: makeChecklistItem(project.id, { title: '逾期：环评批复', dueOn: '2026-11-10' }),
      overdueLess: makeChecklistItem(project.id, { title: '逾期：节能审查', dueOn: '2026-11-20' }),
      dueToday: makeChecklistItem(project.id, { title: '今日到期：施工许可', dueOn: '2026-11-24' }),
      nextWeek: makeChecklistItem(project.id, { title: '下周到期：设备进场', dueOn: '2026-12-05' }),
      later: makeChecklistItem(project.id, { title: '以后：竣工验收', dueOn: '2026-12-10' }),
      closed: makeChecklistItem(project.id, { title: '已销号', dueOn: '2026-11-25' }),
      withdrawn: makeChecklistItem(project.id, { title: '已撤回', dueOn: '2026-11-25', withdrawnAt: at('2026-11-02') }),
      archived: makeChecklistItem(archived.id, { title: '已移出项目的任务', dueOn: '2026-11-25' }),
    };
    for (const i of Object.values(items)) upsertChecklistItem(store.db, i);
    insertChecklistEvent(store.db, makeChecklistEvent(items.closed.id, { effectiveOn: '2026-11-20', recordedAt: at('2026-11-20') }));

    const problems = {
      overdue: makeProblem(project.id, { description: '逾期问题', dueOn: '2026-11-20' }),
      nextWeek: makeProblem(project.id, { description: '下周到期问题', dueOn: '2026-12-01' }),
      resolved: makeProblem(project.id, { description: '已化解待核实', dueOn: '2026-11-26' }),
      closed: makeProblem(project.id, { description: '已办结', dueOn: '2026-11-10' }),
      noDue: makeProblem(project.id, { description: '无期限', dueOn: null }),
    };
    for (const p of Object.values(problems)) insertProblem(store.db, p);
    insertProblemEvent(store.db, makeProblemEvent(problems.nextWeek.id, { action: 'dispatch', department: '区自然资源局' }));
    insertProblemEvent(store.db, makeProblemEvent(problems.resolved.id, { action: 'dispatch', at: at('2026-11-02') }));
    insertProblemEvent(store.db, makeProblemEvent(problems.resolved.id, { action: 'resolve', at: at('2026-11-03') }));
    insertProblemEvent(store.db, makeProblemEvent(problems.closed.id, { action: 'dispatch', at: at('2026-11-02') }));
    insertProblemEvent(store.db, makeProblemEvent(problems.closed.id, { action: 'resolve', at: at('2026-11-03') }));
    insertProblemEvent(store.db, makeProblemEvent(problems.closed.id, { action: 'verify_close', at: at('2026-11-04') }));

    const o = await overview(store);
    expect(o.due.checklist.map((d) => [d.title, d.overdue, d.daysOverdue])).toEqual([
      ['逾期：环评批复', true, 14],
      ['逾期：节能审查', true, 4],
      ['今日到期：施工许可', false, 0],
      ['下周到期：设备进场', false, 0],
    ]);
    expect(o.due.problems.map((d) => [d.description, d.status, d.currentDepartment, d.overdue])).toEqual([
      ['逾期问题', 'raised', '国网枣庄高新供电中心', true],
      ['下周到期问题', 'dispatched', '区自然资源局', false],
    ]);
    expect(o.counts).toMatchObject({ dueChecklist: 4, dueProblems: 2, overdue: 3 });
  });

  it('refuses a date that does not exist and writes nothing', async () => {
    const before = dumpDatabase(store.db);
    for (const weekOf of ['2026-02-30', '2026-11', 'next week', 20261124]) {
      const result = await registry.dispatch('week.overview', { weekOf }, store.ctx);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_input');
    }
    expect(dumpDatabase(store.db)).toBe(before);
  });
});

describe('week.overview on the demo dataset', () => {
  const store = useTempStore({ demo: true, now: NOW });

  it('shows the demo officer’s recent work and the overdue tasks first', async () => {
    const o = await overview(store);
    expect(o.counts.visits).toBe(o.done.visits.length);
    const inWeek = (day: string) => day >= '2026-11-23' && day <= '2026-11-29';
    expect(o.done.visits.every((v) => inWeek(v.on) || inWeek(localDay(v.recordedAt, DEFAULT_TIME_ZONE)))).toBe(true);
    expect(o.due.checklist.length).toBeGreaterThan(0);
    const firstNotOverdue = o.due.checklist.findIndex((d) => !d.overdue);
    if (firstNotOverdue >= 0) expect(o.due.checklist.slice(firstNotOverdue).every((d) => !d.overdue)).toBe(true);
    expect(o.due.checklist.every((d) => d.dueOn <= '2026-12-06')).toBe(true);
  });
});
