import { mkdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OperationOutput } from '@shared/operations/index.js';
import { reportingWeek } from '@shared/rules/index.js';
import { readWeeklyFile } from '../../electron/packets/index.js';
import { exportWeeklyPacket } from '../../electron/sync/weekly-export.js';
import { openTempStore, type TempStore } from '../helpers/temp-store.js';
import { perform } from '../helpers/operations.js';
import { makeAssignment, makeOfficer, type AssignmentShape } from './sync-fixtures.js';
import { applyFirstAssignment } from '../helpers/first-assignment.js';

/**
 * Issue 13, point 5: the 本周工作 screen showed 11月30日–12月6日 with 1 visit while the exported report said
 * 11月25日–12月1日 and 本周帮包工作（3次）. One reporting week (shared/rules/reporting-week.ts) now feeds
 * the screen (week.overview), the packet's `period` and report.html; these tests export real packets and
 * compare what each says for the same store and clock.
 */

type Overview = OperationOutput<'week.overview'>;

const call = <T>(store: TempStore, name: string, input: unknown) => perform<T>(store.ctx, name, input);

/** What report.html says: its period (from the title) and the counts in its section headings and tables. */
function readReport(html: string) {
  const title = /帮包工作周报（(\d+)月(\d+)日—(\d+)月(\d+)日）/.exec(html);
  const visits = /本周帮包工作（(\d+)次）/.exec(html);
  const closeOffs = /本周清单销号（(\d+)项）/.exec(html);
  const section = (heading: string) => {
    const start = html.indexOf(heading);
    const next = html.indexOf('<h2>', start + 1);
    const body = html.slice(start, next < 0 ? undefined : next);
    return (body.match(/<tr><td/g) ?? []).length;
  };
  if (!title || !visits || !closeOffs) throw new Error('report.html lacks its title or section counts');
  return {
    from: [Number(title[1]), Number(title[2])],
    to: [Number(title[3]), Number(title[4])],
    visits: Number(visits[1]),
    visitRows: section('<h2>二、本周帮包工作'),
    closeOffs: Number(closeOffs[1]),
    problemRows: section('<h2>四、问题收集与化解'),
  };
}

const monthDay = (day: string) => [Number(day.slice(5, 7)), Number(day.slice(8, 10))];

describe('one reporting week: the screen, the packet and the report agree', () => {
  let store: TempStore;
  let shape: AssignmentShape;
  let clock: Date;
  let exports = 0;

  beforeEach(async () => {
    clock = new Date('2026-11-20T02:00:00Z');
    store = openTempStore({ now: () => new Date(clock.getTime()) });
    shape = makeAssignment(makeOfficer('王芳'), { projects: 2, items: 3 });
    await applyFirstAssignment(store, shape);
  });
  afterEach(() => store.close());

  /** Exports at the current clock; returns the screen's overview and what the packet and its report say. */
  async function exportAndCompare() {
    const overview = await call<Overview>(store, 'week.overview', {});
    const out = store.dir.file(`outbox-${++exports}`);
    mkdirSync(out);
    const key = await call<{ publicKeyPem: string }>(store, 'sync.officerKey', {});
    const result = await exportWeeklyPacket(store.ctx, { outDir: out });
    const opened = await readWeeklyFile(result.filePath, { resolveOfficerKey: () => key.publicKeyPem });
    const report = readReport(opened.report!.toString('utf8'));
    return { overview, period: opened.payload.period, report };
  }

  function expectAgreement({ overview, period, report }: Awaited<ReturnType<typeof exportAndCompare>>) {
    expect(period).toEqual({ from: overview.weekStart, to: overview.weekEnd });
    expect(report.from).toEqual(monthDay(overview.weekStart));
    expect(report.to).toEqual(monthDay(overview.weekEnd));
    expect(report.visits).toBe(overview.counts.visits);
    expect(report.visitRows).toBe(overview.counts.visits);
    expect(report.closeOffs).toBe(overview.counts.closeOffs);
    const problemIds = new Set([...overview.done.problemsRaised.map((p) => p.id), ...overview.done.problemSteps.map((s) => s.problemId)]);
    expect(report.problemRows).toBe(problemIds.size);
  }

  it('the issue’s week: on Tuesday 1 December the screen, the period and the report all say 11月30日–12月6日 and 1 visit', async () => {
    const [p0, p1] = shape.projects;
    // Last week's work, entered last week (25 and 27 November, Beijing).
    clock = new Date('2026-11-25T03:00:00Z');
    await call(store, 'visits.log', { projectId: p0!.id, visitedOn: '2026-11-25', kind: 'site_visit', summary: '上周三走访' });
    clock = new Date('2026-11-27T03:00:00Z');
    await call(store, 'visits.log', { projectId: p1!.id, visitedOn: '2026-11-27', kind: 'coordination', summary: '上周五协调会' });
    const item = shape.checklistItems.find((i) => i.projectId === p0!.id)!;
    await call(store, 'checklist.closeOff', { itemId: item.id, effectiveOn: '2026-11-27', note: '上周销号' });
    // This week's: one visit on Monday 30 November and a problem raised on Tuesday.
    clock = new Date('2026-11-30T03:00:00Z');
    await call(store, 'visits.log', { projectId: p0!.id, visitedOn: '2026-11-30', kind: 'site_visit', summary: '本周一走访' });
    clock = new Date('2026-12-01T02:00:00Z');
    await call(store, 'problems.raise', {
      projectId: p1!.id,
      category: 'land',
      description: '用地指标未落实',
      responsibleDepartment: '自然资源局',
      dueOn: '2026-12-20',
    });

    const seen = await exportAndCompare();
    expect(seen.overview).toMatchObject({ weekStart: '2026-11-30', weekEnd: '2026-12-06', today: '2026-12-01' });
    expect(seen.overview.counts).toMatchObject({ visits: 1, closeOffs: 0, problemsRaised: 1 });
    expect(seen.period).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(seen.report).toMatchObject({ from: [11, 30], to: [12, 6], visits: 1, closeOffs: 0, problemRows: 1 });
    expectAgreement(seen);
  });

  it('near midnight in Beijing the week follows the district’s day, not UTC’s', async () => {
    const [p0] = shape.projects;
    const item = shape.checklistItems.find((i) => i.projectId === p0!.id)!;
    // Sunday 6 December, 23:40 Beijing (15:40 UTC): a visit and a close-off of this week.
    clock = new Date('2026-12-06T15:40:00Z');
    await call(store, 'visits.log', { projectId: p0!.id, visitedOn: '2026-12-06', kind: 'site_visit', summary: '周日晚走访' });
    await call(store, 'checklist.closeOff', { itemId: item.id, effectiveOn: '2026-12-06', note: '周日销号' });
    const sunday = await exportAndCompare();
    expect(sunday.overview).toMatchObject({ weekStart: '2026-11-30', weekEnd: '2026-12-06', today: '2026-12-06' });
    expect(sunday.report).toMatchObject({ visits: 1, closeOffs: 1 });
    expectAgreement(sunday);

    // Monday 7 December, 00:30 Beijing, still Sunday 16:30 in UTC: a new week has begun in the district.
    clock = new Date('2026-12-06T16:30:00Z');
    expect(reportingWeek(clock, 'UTC')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(reportingWeek(clock, 'Asia/Shanghai')).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    await call(store, 'visits.log', { projectId: p0!.id, visitedOn: '2026-12-07', kind: 'call', summary: '周一凌晨电话' });
    const monday = await exportAndCompare();
    expect(monday.overview).toMatchObject({ weekStart: '2026-12-07', weekEnd: '2026-12-13', today: '2026-12-07' });
    expect(monday.period).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect(monday.report).toMatchObject({ from: [12, 7], to: [12, 13], visits: 1, closeOffs: 0 });
    expectAgreement(monday);
  });

  it('a visit of last week entered this week counts in this week on the screen and in the report alike', async () => {
    const [p0] = shape.projects;
    clock = new Date('2026-12-01T02:00:00Z');
    await call(store, 'visits.log', { projectId: p0!.id, visitedOn: '2026-11-27', kind: 'site_visit', summary: '上周五走访，本周补录' });
    const seen = await exportAndCompare();
    expect(seen.overview.counts.visits).toBe(1);
    expect(seen.report.visits).toBe(1);
    expectAgreement(seen);
  });
});
