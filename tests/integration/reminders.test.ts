import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reminders } from '@shared/operations/reminders.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { insertChecklistEvent, upsertChecklistItem } from '../../electron/store/repositories/checklist.js';
import { insertProblem, insertProblemEvent } from '../../electron/store/repositories/problems.js';
import { insertMilestoneReport, upsertMilestone, upsertProject } from '../../electron/store/repositories/projects.js';
import { makeChecklistEvent, makeChecklistItem, makeMilestone, makeMilestoneReport, makeProblem, makeProblemEvent, makeProject } from '../helpers/fixtures.js';
import { dumpDatabase, openTempStore, type TempStore } from '../helpers/temp-store.js';

/**
 * Issue 13, point 10: `reminders.due` lists open work that is overdue or falls due within three days, on the
 * district's calendar; done, withdrawn and archived work is left out. Real SQLite store, through the registry.
 */
const registry = createRegistry();

let store: TempStore;
let clock: Date;
beforeEach(() => {
  // Tuesday 24 November 2026, 10:00 in Beijing: the window runs to Friday 27 November.
  clock = new Date('2026-11-24T02:00:00Z');
  store = openTempStore({ now: () => new Date(clock.getTime()) });
});
afterEach(() => store.close());

async function due(): Promise<Reminders> {
  const result = await registry.dispatch('reminders.due', {}, store.ctx);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as Reminders;
}
const titles = (items: Reminders['overdue']) => items.map((i) => `${i.kind}:${i.title}:${i.days}`);

describe('reminders.due: overdue and due within three days', () => {
  beforeEach(() => {
    const db = store.db;
    const project = makeProject({ code: 'GX-2026-001', name: '储能电站' });
    upsertProject(db, project);
    const item = (title: string, dueOn: string, extra = {}) => {
      const i = makeChecklistItem(project.id, { title, dueOn, ...extra });
      upsertChecklistItem(db, i);
      return i;
    };
    item('环评批复', '2026-11-20'); // overdue 4 days
    item('施工许可', '2026-11-26'); // due in 2 days
    item('用地规划', '2026-11-27'); // due in 3 days: the last day looked at
    item('竣工验收', '2026-11-28'); // in 4 days: not yet
    item('今日事项', '2026-11-24'); // due today
    const closed = item('能评批复', '2026-11-21');
    insertChecklistEvent(db, makeChecklistEvent(closed.id, { action: 'close_off', effectiveOn: '2026-11-21', recordedAt: '2026-11-21T02:00:00.000Z' }));
    const reopened = item('水保方案', '2026-11-23');
    insertChecklistEvent(db, makeChecklistEvent(reopened.id, { action: 'close_off', effectiveOn: '2026-11-22', recordedAt: '2026-11-22T02:00:00.000Z' }));
    insertChecklistEvent(db, makeChecklistEvent(reopened.id, { action: 'reopen', effectiveOn: '2026-11-23', recordedAt: '2026-11-23T02:00:00.000Z' }));
    item('撤回事项', '2026-11-22', { withdrawnAt: '2026-11-22T02:00:00.000Z' });

    const milestone = (title: string, plannedOn: string) => {
      const m = makeMilestone(project.id, { title, plannedOn });
      upsertMilestone(db, m);
      return m;
    };
    milestone('主体封顶', '2026-11-18'); // overdue 6 days
    milestone('设备进场', '2026-11-25'); // due tomorrow
    const reached = milestone('开工建设', '2026-11-10');
    insertMilestoneReport(db, makeMilestoneReport(reached.id, { reachedOn: '2026-11-09' }));
    const withdrawn = milestone('撤回节点', '2026-11-15');
    db.prepare('UPDATE milestones SET withdrawn_at = ? WHERE id = ?').run('2026-11-16T02:00:00.000Z', withdrawn.id);

    const problem = (description: string, dueOn: string | null, actions: ('dispatch' | 'coordinate' | 'resolve' | 'verify_close')[]) => {
      const p = makeProblem(project.id, { description, dueOn, raisedOn: '2026-11-01' });
      insertProblem(db, p);
      actions.forEach((action, n) =>
        insertProblemEvent(
          db,
          makeProblemEvent(p.id, {
            action,
            at: `2026-11-0${n + 2}T02:00:00.000Z`,
            department: action === 'dispatch' ? '区住建局' : null,
            resolution: action === 'resolve' ? '已解决' : null,
          }),
        ),
      );
    };
    problem('道路未贯通', '2026-11-23', ['dispatch']); // overdue 1 day
    problem('用电不足', '2026-11-24', []); // due today
    problem('已化解问题', '2026-11-22', ['dispatch', 'coordinate', 'resolve']); // waits for verification only: not reminded
    problem('已办结问题', '2026-11-22', ['dispatch', 'coordinate', 'resolve', 'verify_close']);
    problem('无时限问题', null, []);

    // A withdrawn (archived) project's work is not reminded of.
    const archived = makeProject({ code: 'GX-2026-009', name: '已撤项目', archivedAt: '2026-11-01T02:00:00.000Z' });
    upsertProject(db, archived);
    upsertChecklistItem(db, makeChecklistItem(archived.id, { title: '撤项目事项', dueOn: '2026-11-20' }));
  });

  it('lists overdue work first by due day, then what falls due by today + 3; done, withdrawn and archived left out', async () => {
    const r = await due();
    expect(r).toMatchObject({ today: '2026-11-24', until: '2026-11-27' });
    expect(titles(r.overdue)).toEqual(['milestone:主体封顶:6', 'checklist:环评批复:4', 'checklist:水保方案:1', 'problem:道路未贯通:1']);
    expect(titles(r.dueSoon)).toEqual(['checklist:今日事项:0', 'problem:用电不足:0', 'milestone:设备进场:1', 'checklist:施工许可:2', 'checklist:用地规划:3']);
    expect(r.overdue.every((i) => i.urgency === 'overdue' && i.projectName === '储能电站')).toBe(true);
    expect(r.dueSoon.every((i) => i.urgency === 'due_soon')).toBe(true);
  });

  it('counts days in Beijing: at 00:30 on the 25th (still the 24th in UTC) yesterday’s work is overdue and the 28th is in reach', async () => {
    clock = new Date('2026-11-24T16:30:00Z');
    const r = await due();
    expect(r).toMatchObject({ today: '2026-11-25', until: '2026-11-28' });
    expect(titles(r.overdue)).toContain('checklist:今日事项:1');
    expect(titles(r.overdue)).toContain('problem:用电不足:1');
    expect(titles(r.dueSoon)).toContain('checklist:竣工验收:3');
    expect(titles(r.dueSoon)).toContain('milestone:设备进场:0');
  });

  it('reads only: the store is the same after asking', async () => {
    const before = dumpDatabase(store.db);
    await due();
    expect(dumpDatabase(store.db)).toBe(before);
  });

  it('judges many problems the same way (past SQLite’s bound-variable limit, grouped events)', async () => {
    const db = store.db;
    const project = makeProject({ code: 'GX-2026-002', name: '物流园' });
    upsertProject(db, project);
    // 1,200 problems due yesterday: every third resolved (not reminded), the rest dispatched (overdue).
    db.transaction(() => {
      for (let n = 0; n < 1200; n++) {
        const p = makeProblem(project.id, { description: `批量问题${n}`, dueOn: '2026-11-23', raisedOn: '2026-11-01' });
        insertProblem(db, p);
        insertProblemEvent(db, makeProblemEvent(p.id, { action: 'dispatch', at: '2026-11-02T02:00:00.000Z', department: '区住建局', resolution: null }));
        if (n % 3 === 0)
          insertProblemEvent(db, makeProblemEvent(p.id, { action: 'resolve', at: '2026-11-03T02:00:00.000Z', department: null, resolution: '已解决' }));
      }
    })();
    const batch = (await due()).overdue.filter((i) => i.title.startsWith('批量问题'));
    expect(batch).toHaveLength(800);
    expect(batch.some((i) => i.title === '批量问题0')).toBe(false);
    expect(batch.some((i) => i.title === '批量问题1')).toBe(true);
  });
});
