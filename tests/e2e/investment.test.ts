import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPreview, screenshot, scrollToTop, toastsGone, type PreviewSession } from '../helpers/preview-browser.js';

const PROJECT = '石榴园新能源配套项目（演示）';
const PROJECT_ID = '00000000-0000-4000-8000-00000000000d';
const PLAN = 18000;

function movingClock(startIso: string): () => Date {
  const base = new Date(startIso).getTime();
  const started = Date.now();
  return () => new Date(base + (Date.now() - started));
}

async function openTab(page: Page, tab: RegExp): Promise<void> {
  await page.click('[data-testid=nav-home]');
  await page.locator('[data-testid=project-link]', { hasText: PROJECT }).click();
  await page.locator('[data-testid=project-title]', { hasText: PROJECT }).waitFor();
  await page.getByRole('tab', { name: tab }).click();
}

describe('monthly investment, typed into the table', () => {
  let s: PreviewSession;
  let page: Page;
  const entries = (month: string) =>
    s.ctx.db
      .prepare('SELECT amount, recorded_by AS by FROM investment_entries WHERE project_id = ? AND month = ? ORDER BY recorded_at, id')
      .all(PROJECT_ID, month) as { amount: number; by: string }[];
  /** Completion of the plan through October (the last reported month on 24 November), from the database. */
  const completionThroughOctober = () => {
    const rows = s.ctx.db
      .prepare(
        `SELECT month, amount FROM investment_entries e WHERE project_id = ? AND month <= '2026-10'
         AND NOT EXISTS (SELECT 1 FROM investment_entries l WHERE l.project_id = e.project_id AND l.month = e.month
           AND (l.recorded_at > e.recorded_at OR (l.recorded_at = e.recorded_at AND l.id > e.id)))`,
      )
      .all(PROJECT_ID) as { amount: number }[];
    const sum = rows.reduce((a, r) => a + r.amount, 0);
    return `${((sum / PLAN) * 100).toFixed(1)}%`;
  };

  beforeAll(async () => {
    s = await openPreview({ now: movingClock('2026-11-24T10:00:00') });
    page = s.page;
    await page.waitForSelector('[data-testid=project-link]');
    await openTab(page, /投资完成/);
    await page.locator('[data-testid=investment-table]').waitFor();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows January to the current month with the saved figures, the completion, the chart and the ahead figure', async () => {
    const inputs = page.locator('input[data-testid^=amount-]');
    expect(await inputs.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual(
      Array.from({ length: 11 }, (_, i) => `amount-2026-${String(i + 1).padStart(2, '0')}`),
    );
    expect(Number(await page.locator('[data-testid=amount-2026-10]').inputValue())).toBe(entries('2026-10').at(-1)!.amount);
    expect(await page.locator('[data-testid=amount-2026-11]').inputValue()).toBe('');
    expect(await page.locator('[data-testid=investment-completion]').innerText()).toBe(completionThroughOctober());
    expect(await page.locator('[data-testid=investment-ahead]').innerText()).toMatch(/超 \d+\.\d 个百分点/);
    // The chart (ECharts) comes in a chunk of its own, loaded when it is first drawn (issue 11).
    await page.locator('[data-testid=investment-chart] canvas').first().waitFor();
    expect(await page.locator('[data-testid=investment-chart] canvas').count()).toBeGreaterThan(0);
  });

  it('saves a corrected figure on Enter: a new entry, the old one kept, completion updated', async () => {
    const before = entries('2026-10');
    const completionBefore = await page.locator('[data-testid=investment-completion]').innerText();
    const input = page.locator('[data-testid=amount-2026-10]');
    await input.fill('3000.5');
    await input.press('Enter');
    await expect.poll(() => entries('2026-10').length).toBe(before.length + 1);
    expect(entries('2026-10').at(-1)).toEqual({ amount: 3000.5, by: '演示用户' });
    expect(entries('2026-10').slice(0, -1)).toEqual(before);
    await expect.poll(() => page.locator('[data-testid=investment-completion]').innerText()).toBe(completionThroughOctober());
    expect(completionThroughOctober()).not.toBe(completionBefore);
    expect(await page.locator('[data-testid=completion-2026-10]').innerText()).toBe(completionThroughOctober());
    expect(
      (
        s.ctx.db.prepare("SELECT count(*) AS n FROM change_log WHERE entity = 'investment_entry' AND json_extract(payload, '$.amount') = 3000.5").get() as {
          n: number;
        }
      ).n,
    ).toBe(1);
    // Enter again, then leaving the field: nothing new is written.
    await input.press('Enter');
    await input.press('Tab');
    await page.waitForTimeout(300);
    expect(entries('2026-10').length).toBe(before.length + 1);
  });

  it('shows the correction history of the month', async () => {
    const row = page.locator('[data-testid=investment-table] tr', { has: page.locator('[data-testid=amount-2026-10]') });
    await row.locator('[data-testid=investment-history-button]').click();
    const history = page.locator('[data-testid=investment-history]');
    await history.waitFor();
    const text = await history.innerText();
    expect(text).toContain('3,000.5 万元');
    for (const e of entries('2026-10').slice(0, -1)) expect(text).toContain(`${e.amount.toLocaleString('zh-CN')} 万元`);
    await page.keyboard.press('Escape');
    await page.mouse.click(10, 880);
  });

  it('refuses a negative figure and one with more than four decimals, keeping what was typed and writing nothing', async () => {
    const input = page.locator('[data-testid=amount-2026-09]');
    const before = entries('2026-09');
    await input.fill('-5');
    await input.press('Enter');
    await page.locator('[data-testid=amount-error-2026-09]', { hasText: '完成投资不能为负数' }).waitFor();
    expect(await input.inputValue()).toBe('-5');
    await input.fill('12.34567');
    await input.press('Enter');
    await page.locator('[data-testid=amount-error-2026-09]', { hasText: '最多保留四位小数' }).waitFor();
    expect(await input.inputValue()).toBe('12.34567');
    await page.waitForTimeout(200);
    expect(entries('2026-09')).toEqual(before);
    await input.fill('1200.1234');
    await input.press('Enter');
    await expect.poll(() => entries('2026-09').at(-1)?.amount).toBe(1200.1234);
    await expect.poll(() => page.locator('[data-testid=investment-completion]').innerText()).toBe(completionThroughOctober());
    expect(await page.locator('[data-testid=amount-error-2026-09]').count()).toBe(0);
  });

  it('saves the current month when leaving the field (Tab), without changing the figures through October', async () => {
    const completion = completionThroughOctober();
    const input = page.locator('[data-testid=amount-2026-11]');
    await input.fill('800');
    await input.press('Tab');
    await expect.poll(() => entries('2026-11')).toEqual([{ amount: 800, by: '演示用户' }]);
    expect(await page.locator('[data-testid=investment-completion]').innerText()).toBe(completion);
    expect(s.pageErrors).toEqual([]);
  });

  it('screenshots the investment tab in both languages', async () => {
    await toastsGone(page);
    await scrollToTop(page, 'investment-tab');
    await screenshot(page, 'investment-zh');
    await page.click('[data-testid=language-switch]');
    await page
      .getByText('Correction history')
      .first()
      .waitFor({ state: 'attached' })
      .catch(() => undefined);
    await page.getByText('Completion of plan').first().waitFor();
    await scrollToTop(page, 'investment-tab');
    await screenshot(page, 'investment-en');
    await page.click('[data-testid=language-switch]');
    await page.getByText('投资完成').first().waitFor();
  });
});

describe('the wall chart: milestones against today, reported reached', () => {
  let s: PreviewSession;
  let page: Page;
  beforeAll(async () => {
    s = await openPreview({ now: movingClock('2026-11-24T10:00:00') });
    page = s.page;
    await page.waitForSelector('[data-testid=project-link]');
    await openTab(page, /概况/);
    await page.locator('[data-testid=wall-chart]').waitFor();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('places today between the milestones planned before and after it, with planned against actual', async () => {
    const order = await page
      .locator('[data-testid=wall-chart] [data-testid=milestone], [data-testid=wall-chart] [data-testid=today-marker]')
      .evaluateAll((els) => els.map((e) => (e.getAttribute('data-testid') === 'today-marker' ? 'today' : e.getAttribute('data-kind'))));
    const planned = s.ctx.db.prepare('SELECT kind, planned_on AS p FROM milestones WHERE project_id = ? ORDER BY planned_on').all(PROJECT_ID) as {
      kind: string;
      p: string;
    }[];
    const expected = [
      ...planned.filter((m) => m.p <= '2026-11-24').map((m) => m.kind),
      'today',
      ...planned.filter((m) => m.p > '2026-11-24').map((m) => m.kind),
    ];
    expect(order).toEqual(expected);
    expect(await page.locator('[data-testid=today-marker]').innerText()).toContain('今天 2026年11月24日');
    // Construction start was reached 8 days after plan in the demo.
    const start = page.locator('[data-testid=milestone][data-kind=construction_start]');
    expect(await start.locator('[data-testid=milestone-late]').innerText()).toBe('滞后 8 天完成');
    expect(await start.locator('[data-testid=milestone-actual]').innerText()).toMatch(/^实际 /);
    expect(await page.locator('[data-testid=key-status-statistics_enrolment]').getAttribute('data-reached')).toBe('false');
    await screenshot(page, 'project-overview-zh');
  });

  it('reports statistics enrolment reached with a date and a note, by keyboard', async () => {
    const enrolment = page.locator('[data-testid=milestone][data-kind=statistics_enrolment]');
    const id = await enrolment.getAttribute('data-milestone-id');
    await enrolment.locator('[data-testid=milestone-report]').click();
    const date = page.locator('#milestone_reachedOn');
    await date.waitFor();
    // Today is offered; tomorrow cannot be picked.
    expect(await date.inputValue()).toBe('2026-11-24');
    await date.click();
    expect(await page.locator('td[title="2026-11-25"]').getAttribute('class')).toContain('ant-picker-cell-disabled');
    await date.fill('2026-11-20');
    await page.keyboard.press('Tab');
    await page.locator('#milestone_note').focus();
    await page.keyboard.type('统计局已确认入库');
    await page.keyboard.press('Control+Enter');
    await page.locator('#milestone_note').waitFor({ state: 'detached' });
    const rows = s.ctx.db.prepare('SELECT reached_on AS d, note, recorded_by AS by FROM milestone_reports WHERE milestone_id = ?').all(id);
    expect(rows).toEqual([{ d: '2026-11-20', note: '统计局已确认入库', by: '演示用户' }]);
    expect(
      (
        s.ctx.db.prepare("SELECT count(*) AS n FROM change_log WHERE entity = 'milestone_report' AND json_extract(payload, '$.milestoneId') = ?").get(id) as {
          n: number;
        }
      ).n,
    ).toBe(1);
    await expect.poll(() => enrolment.locator('[data-testid=milestone-actual]').count()).toBe(1);
    expect(await enrolment.locator('[data-testid=milestone-actual]').innerText()).toBe('实际 2026年11月20日');
    // Planned 14 December, reached 20 November: early.
    expect(await enrolment.innerText()).toContain('提前 24 天');
    expect(await page.locator('[data-testid=key-status-statistics_enrolment]').getAttribute('data-reached')).toBe('true');
    expect(await page.locator('[data-testid=key-status-statistics_enrolment]').innerText()).toContain('已完成（2026年11月20日）');
    expect(await enrolment.locator('[data-testid=milestone-reports]').innerText()).toContain('演示用户');
    expect(s.pageErrors).toEqual([]);
  });

  it('screenshots the overview in English', async () => {
    await toastsGone(page);
    await page.click('[data-testid=language-switch]');
    await page.getByText('Key milestones').waitFor();
    expect(await page.locator('[data-testid=today-marker]').innerText()).toContain('Today Nov 24, 2026');
    await screenshot(page, 'project-overview-en');
    await page.click('[data-testid=language-switch]');
    await page.getByText('关键节点').waitFor();
  });
});
