import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPreview, screenshot, scrollToTop, toastsGone, type PreviewSession } from '../helpers/preview-browser.js';

/** A clock that starts late in November 2026 and moves on with real time, so each step gets its own moment. */
function movingClock(startIso: string): () => Date {
  const base = new Date(startIso).getTime();
  const started = Date.now();
  return () => new Date(base + (Date.now() - started));
}

const PROJECT = '云岭超充电池项目（演示）';
const DESCRIPTION = '配套道路未贯通，大型设备无法进场';

async function openProblemsTab(page: Page, projectName: string): Promise<void> {
  await page.click('[data-testid=nav-home]');
  await page.locator('[data-testid=project-link]', { hasText: projectName }).click();
  await page.locator('[data-testid=project-title]', { hasText: projectName }).waitFor();
  await page.getByRole('tab', { name: /问题|Problems/ }).click();
  await page.locator('[data-testid=problems-tab]').waitFor();
}

function card(page: Page, description: string): Locator {
  return page.locator('[data-testid=problem-card]', { hasText: description });
}

async function statusOf(c: Locator): Promise<string | null> {
  return c.locator('[data-testid=problem-status]').getAttribute('data-status');
}

describe('the closed loop of a problem, through the UI', () => {
  let s: PreviewSession;
  let page: Page;
  const problemRow = () =>
    s.ctx.db.prepare('SELECT * FROM problems WHERE description = ?').get(DESCRIPTION) as
      | { id: string; category: string; responsible_department: string; coordinating_leader: string; due_on: string | null; origin: string; raised_by: string }
      | undefined;
  const events = (problemId: string) =>
    s.ctx.db.prepare('SELECT action, by, note, department, resolution, origin FROM problem_events WHERE problem_id = ? ORDER BY at, id').all(problemId) as {
      action: string;
      by: string;
      note: string;
      department: string | null;
      resolution: string | null;
      origin: string;
    }[];

  beforeAll(async () => {
    s = await openPreview({ now: movingClock('2026-11-24T10:00:00') });
    page = s.page;
    await page.waitForSelector('[data-testid=project-link]');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('refuses a problem without category or description, keeping what was typed', async () => {
    await openProblemsTab(page, PROJECT);
    await page.click('[data-testid=raise-problem]');
    await page.locator('#raise_responsibleDepartment').fill('区交通运输局');
    await page.click('[data-testid=raise-submit]');
    await page.getByText('请选择问题类别').waitFor();
    await page.getByText('请填写问题描述').waitFor();
    expect(await page.locator('#raise_responsibleDepartment').inputValue()).toBe('区交通运输局');
    expect(problemRow()).toBeUndefined();
  });

  it('raises a problem with the keyboard: category, description, department, due date; leader defaults to the sponsoring leader', async () => {
    const before = (s.ctx.db.prepare("SELECT count(*) AS n FROM change_log WHERE entity = 'problem'").get() as { n: number }).n;
    await page.locator('#raise_category').focus();
    await page.keyboard.type('土地');
    await page.keyboard.press('Enter');
    await page.locator('#raise_description').fill(DESCRIPTION);
    expect(await page.locator('#raise_coordinatingLeader').inputValue()).toBe('王立新');
    await page.locator('#raise_dueOn').fill('2026-11-20');
    await page.locator('#raise_dueOn').press('Enter');
    await page.locator('#raise_responsibleDepartment').focus();
    await page.keyboard.press('Enter');
    await card(page, DESCRIPTION).waitFor();
    const row = problemRow()!;
    expect(row).toMatchObject({
      category: 'land',
      responsible_department: '区交通运输局',
      coordinating_leader: '王立新',
      due_on: '2026-11-20',
      origin: 'officer',
      raised_by: '演示用户',
    });
    expect((s.ctx.db.prepare("SELECT count(*) AS n FROM change_log WHERE entity = 'problem'").get() as { n: number }).n).toBe(before + 1);
    const c = card(page, DESCRIPTION);
    expect(await statusOf(c)).toBe('raised');
    expect(await c.locator('[data-testid=problem-department]').innerText()).toBe('区交通运输局');
    // Due four days ago and still open: highlighted.
    expect(await c.locator('[data-testid=problem-overdue]').innerText()).toContain('4');
    // Only the legal steps are offered.
    const buttons = await c.locator('button[data-testid^=act-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(buttons).toEqual(['act-dispatch', 'act-note']);
  });

  it('dispatches to a department', async () => {
    const c = card(page, DESCRIPTION);
    await c.locator('[data-testid=act-dispatch]').click();
    const dept = page.locator('#act_department');
    expect(await dept.inputValue()).toBe('区交通运输局');
    await dept.fill('');
    await page.click('[data-testid=act-submit]');
    await page.getByText('交办需填写责任部门').waitFor();
    await dept.fill('区住房和城乡建设局');
    await page.locator('#act_note').fill('请于本周内提出道路贯通方案');
    await page.click('[data-testid=act-submit]');
    await expect.poll(() => statusOf(c)).toBe('dispatched');
    expect(await c.locator('[data-testid=problem-department]').innerText()).toBe('区住房和城乡建设局');
  });

  it('records the sponsoring leader’s coordination with an edited "by"', async () => {
    const c = card(page, DESCRIPTION);
    await c.locator('[data-testid=act-coordinate]').click();
    expect(await page.locator('#act_by').inputValue()).toBe('演示用户');
    await page.locator('#act_note').fill('区领导顶格协调，明确月底前贯通');
    await page.locator('#act_by').fill('王立新');
    await page.locator('#act_by').press('Enter');
    await expect.poll(() => statusOf(c)).toBe('in_progress');
  });

  it('resolves only with a resolution, then verifies and closes', async () => {
    const c = card(page, DESCRIPTION);
    await c.locator('[data-testid=act-resolve]').click();
    await page.click('[data-testid=act-submit]');
    await page.getByText('化解需填写化解情况').waitFor();
    await page.locator('#act_resolution').fill('临时便道已修通，设备已进场');
    await page.locator('#act_resolution').press('Control+Enter');
    await expect.poll(() => statusOf(c)).toBe('resolved');
    expect(await c.locator('[data-testid=problem-resolution]').innerText()).toBe('临时便道已修通，设备已进场');
    // Resolved is no longer overdue.
    expect(await c.locator('[data-testid=problem-overdue]').count()).toBe(0);

    await c.locator('[data-testid=act-verify_close]').click();
    await page.getByText('确认该问题已核实化解、可以办结？').waitFor();
    await page.click('[data-testid=act-submit]');
    await expect.poll(() => statusOf(c)).toBe('closed');
    const buttons = await c.locator('button[data-testid^=act-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(buttons).toEqual(['act-reopen', 'act-note']);
  });

  it('shows the whole loop on the timeline, matching the events in the database', async () => {
    const c = card(page, DESCRIPTION);
    const items = c.locator('[data-testid=timeline-event]');
    expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))).toEqual([
      'raised',
      'dispatch',
      'coordinate',
      'resolve',
      'verify_close',
    ]);
    const text = await c.locator('[data-testid=problem-timeline]').innerText();
    expect(text).toContain('交办至 区住房和城乡建设局');
    expect(text).toContain('请于本周内提出道路贯通方案');
    expect(text).toContain('王立新 · ');
    expect(text).toContain('化解情况：临时便道已修通，设备已进场');
    expect(text).toContain('核实办结');
    const row = problemRow()!;
    expect(events(row.id)).toEqual([
      { action: 'dispatch', by: '演示用户', note: '请于本周内提出道路贯通方案', department: '区住房和城乡建设局', resolution: null, origin: 'officer' },
      { action: 'coordinate', by: '王立新', note: '区领导顶格协调，明确月底前贯通', department: null, resolution: null, origin: 'officer' },
      { action: 'resolve', by: '演示用户', note: '', department: null, resolution: '临时便道已修通，设备已进场', origin: 'officer' },
      { action: 'verify_close', by: '演示用户', note: '', department: null, resolution: null, origin: 'officer' },
    ]);
    const logged = s.ctx.db
      .prepare("SELECT count(*) AS n FROM change_log WHERE entity = 'problem_event' AND json_extract(payload, '$.problemId') = ?")
      .get(row.id) as { n: number };
    expect(logged.n).toBe(4);
  });

  it('reopens with a reason (keyboard only), keeping the history', async () => {
    const c = card(page, DESCRIPTION);
    await c.locator('[data-testid=act-reopen]').click();
    await page.click('[data-testid=act-submit]');
    await page.getByText('重新打开需填写原因').waitFor();
    await page.locator('#act_note').fill('便道雨后损毁，设备再次无法进场');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => statusOf(c)).toBe('in_progress');
    const actions = await c.locator('[data-testid=timeline-event]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(actions).toEqual(['raised', 'dispatch', 'coordinate', 'resolve', 'verify_close', 'reopen']);
    expect(await c.locator('[data-testid=problem-timeline]').innerText()).toContain('原因：便道雨后损毁，设备再次无法进场');
    expect(events(problemRow()!.id).at(-1)).toMatchObject({ action: 'reopen', note: '便道雨后损毁，设备再次无法进场' });
    // Esc closes a dialog without writing.
    const count = events(problemRow()!.id).length;
    await c.locator('[data-testid=act-note]').click();
    await page.locator('#act_note').fill('不会保存');
    await page.keyboard.press('Escape');
    await page.locator('#act_note').waitFor({ state: 'detached' });
    expect(events(problemRow()!.id).length).toBe(count);
  });

  it('shows an event the merge could not apply greyed, with why, and still offers the legal steps', async () => {
    const other = s.ctx.db.prepare("SELECT id FROM problems WHERE description LIKE '项目能耗指标%'").get() as { id: string };
    // A bureau "verify and close" arrived in an assignment for a problem that was only dispatched: kept, not applied.
    s.ctx.db
      .prepare(
        `INSERT INTO problem_events (id, problem_id, action, at, by, origin, note, department, resolution)
         VALUES ('00000000-0000-4000-8000-0000000b0b0b', ?, 'verify_close', '2026-11-01T08:00:00.000Z', '区经济发展局', 'bureau', '', NULL, NULL)`,
      )
      .run(other.id);
    await openProblemsTab(page, PROJECT);
    const c = page.locator(`[data-testid=problem-card][data-problem-id="${other.id}"]`);
    expect(await statusOf(c)).toBe('dispatched');
    const skipped = c.locator('[data-testid=timeline-event][data-skipped=true]');
    expect(await skipped.getAttribute('data-action')).toBe('verify_close');
    expect(await skipped.innerText()).toContain('未生效');
    expect(await skipped.innerText()).toContain('局里');
    expect(await c.locator('button[data-testid^=act-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual([
      'act-dispatch',
      'act-coordinate',
      'act-resolve',
      'act-note',
    ]);
  });

  it('screenshots the problems tab in both languages', async () => {
    // Let the "recorded" toasts go, and bring the tab with this problem's whole loop into view.
    await toastsGone(page);
    await scrollToTop(page, 'problems-count');
    await screenshot(page, 'problems-zh');
    await page.click('[data-testid=language-switch]');
    await page.getByText('Raise a problem').waitFor();
    const c = card(page, DESCRIPTION);
    expect(await c.locator('[data-testid=problem-timeline]').innerText()).toContain('Dispatched to 区住房和城乡建设局');
    await scrollToTop(page, 'problems-count');
    await screenshot(page, 'problems-en');
    await page.click('[data-testid=language-switch]');
    await page.getByText('收集问题').first().waitFor();
    expect(s.pageErrors).toEqual([]);
  });
});
