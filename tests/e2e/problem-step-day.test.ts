import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '@shared/rules/index.js';
import { insertProblem } from '../../electron/store/repositories/problems.js';
import { makeProblem } from '../helpers/fixtures.js';
import { openPreview, screenshot, type PreviewSession } from '../helpers/preview-browser.js';

/**
 * Issue 13, point 7, in Chromium: a problem step is recorded with the day it happened (the record keeps
 * that day and when it was typed), and Enter in a date field never submits a form whose required fields
 * are empty: the form stays open, says what is missing, and nothing is written.
 */

/** Thursday 26 November 2026, 10:00 in Beijing, moving on with real time. */
function movingClock(startIso: string): () => Date {
  const base = new Date(startIso).getTime();
  const started = Date.now();
  return () => new Date(base + (Date.now() - started));
}

const DESCRIPTION = '园区污水管网接入未落实';

describe('the day a problem step happened, and Enter in a date field', () => {
  let s: PreviewSession;
  let page: Page;
  let projectName: string;
  let problemId: string;
  const count = (sql: string) => (s.ctx.db.prepare(sql).get() as { n: number }).n;
  const steps = () =>
    s.ctx.db.prepare('SELECT action, at, recorded_at AS recordedAt, department FROM problem_events WHERE problem_id = ? ORDER BY at, id').all(problemId) as {
      action: string;
      at: string;
      recordedAt: string | null;
      department: string | null;
    }[];

  beforeAll(async () => {
    s = await openPreview({ now: movingClock('2026-11-26T10:00:00+08:00') });
    page = s.page;
    const project = s.ctx.db.prepare('SELECT id, name FROM projects WHERE archived_at IS NULL ORDER BY code LIMIT 1').get() as { id: string; name: string };
    projectName = project.name;
    // Raised on Friday 20 November (as if on the phone, typed in then).
    const problem = makeProblem(project.id, {
      description: DESCRIPTION,
      raisedOn: '2026-11-20',
      recordedAt: '2026-11-20T02:00:00.000Z',
      responsibleDepartment: '区住房和城乡建设局',
    });
    insertProblem(s.ctx.db, problem);
    problemId = problem.id;
    await page.waitForSelector('[data-testid=project-link]');
    await page.locator('[data-testid=project-link]', { hasText: projectName }).click();
    await page.locator('[data-testid=project-title]', { hasText: projectName }).waitFor();
    await page.getByRole('tab', { name: /问题|Problems/ }).click();
    await page.locator('[data-testid=problems-tab]').waitFor();
  });
  afterAll(async () => {
    await s?.close();
  });

  const card = (): Locator => page.locator('[data-testid=problem-card]', { hasText: DESCRIPTION });

  it('Enter in the due date of an empty "raise a problem" form keeps it open with the required messages; nothing is recorded', async () => {
    const before = count('SELECT count(*) AS n FROM problems');
    const changes = count('SELECT count(*) AS n FROM change_log');
    await page.click('[data-testid=raise-problem]');
    await page.locator('#raise_dueOn').click();
    await page.locator('#raise_dueOn').press('Enter');
    await page.getByText('请选择问题类别').waitFor();
    await page.getByText('请填写问题描述').waitFor();
    expect(await page.locator('#raise_description').isVisible()).toBe(true);
    // A typed date confirmed with Enter is kept, and still nothing is submitted.
    await page.locator('#raise_dueOn').fill('2026-12-10');
    await page.locator('#raise_dueOn').press('Enter');
    await page.waitForTimeout(300);
    expect(await page.locator('#raise_description').isVisible()).toBe(true);
    expect(count('SELECT count(*) AS n FROM problems')).toBe(before);
    expect(count('SELECT count(*) AS n FROM change_log')).toBe(changes);
    await page.locator('.ant-modal-close').click();
    await page.locator('#raise_description').waitFor({ state: 'detached' });
  });

  it('Enter in the date field of a step whose required field is empty keeps it open; nothing is recorded', async () => {
    await card().locator('[data-testid=act-dispatch]').click();
    await page.locator('#act_department').fill('');
    await page.locator('#act_happenedOn').click();
    await page.locator('#act_happenedOn').press('Enter');
    await page.getByText('交办需填写责任部门').waitFor();
    // With the date cleared too, both required messages show.
    const picker = page.locator('.ant-picker', { has: page.locator('#act_happenedOn') });
    await picker.hover();
    await picker.locator('.ant-picker-clear').click();
    await page.locator('#act_happenedOn').press('Enter');
    await page.getByText('请选择发生日期').waitFor();
    await page.getByText('交办需填写责任部门').waitFor();
    expect(await page.locator('#act_department').isVisible()).toBe(true);
    expect(steps()).toEqual([]);
    await page.keyboard.press('Escape'); // the date panel, not the form
    await screenshot(page, 'problem-step-date-zh');
  });

  it('records the dispatch on the day it happened, keeping when it was typed, and shows both on the timeline', async () => {
    await page.locator('#act_department').fill('区住房和城乡建设局');
    await page.locator('#act_happenedOn').fill('2026-11-23');
    // Every required field filled: Enter in the date field records the step.
    await page.locator('#act_happenedOn').press('Enter');
    await expect.poll(() => steps().length).toBe(1);
    const [step] = steps();
    expect(step!.action).toBe('dispatch');
    expect(localDay(step!.at, 'Asia/Shanghai')).toBe('2026-11-23');
    expect(localDay(step!.recordedAt!, 'Asia/Shanghai')).toBe('2026-11-26');
    const when = card().locator('[data-testid=timeline-event][data-action=dispatch] [data-testid=timeline-when]');
    await expect.poll(() => when.innerText()).toMatch(/11月23日（2026年11月26日 \d{2}:\d{2}录入）/);
  });

  it('refuses a day before the previous step with its reason, writing nothing', async () => {
    await page.locator('#act_note').waitFor({ state: 'detached' });
    await card().locator('[data-testid=act-coordinate]').click();
    await page.locator('#act_note').fill('协调会');
    await page.locator('#act_happenedOn').fill('2026-11-21');
    await page.locator('#act_happenedOn').press('Enter');
    await page.getByText('发生日期不能早于该问题上一步的日期（2026-11-23）').waitFor();
    // A day after today is refused too.
    await page.locator('#act_happenedOn').fill('2026-11-27');
    await page.locator('#act_happenedOn').press('Enter');
    await page.getByText('发生日期不能晚于今天').waitFor();
    expect(steps()).toHaveLength(1);
    await page.locator('.ant-modal-close').click();
    await page.locator('#act_note').waitFor({ state: 'detached' });
    expect(steps()).toHaveLength(1);
    expect(s.pageErrors).toEqual([]);
  });

  it('Enter in the date of an empty close-off form keeps it open with the evidence message; nothing is recorded', async () => {
    const events = count('SELECT count(*) AS n FROM checklist_events');
    const changes = count('SELECT count(*) AS n FROM change_log');
    await page.getByRole('tab', { name: /清单|Checklist/ }).click();
    await page.locator('[data-testid=close-off]').first().click();
    const date = page.locator('[data-testid=close-off-form] #effectiveOn');
    await date.click();
    await date.press('Enter');
    await page.getByText('请填写佐证说明').waitFor();
    expect(await page.locator('[data-testid=close-off-note]').isVisible()).toBe(true);
    expect(count('SELECT count(*) AS n FROM checklist_events')).toBe(events);
    expect(count('SELECT count(*) AS n FROM change_log')).toBe(changes);
    await page.locator('.ant-modal-close').click();
    await page.locator('[data-testid=close-off-note]').waitFor({ state: 'detached' });
    expect(s.pageErrors).toEqual([]);
  });
});
