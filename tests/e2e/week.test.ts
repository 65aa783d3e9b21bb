import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WeekOverview } from '@shared/operations/week.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { insertChecklistEvent } from '../../electron/store/repositories/checklist.js';
import { insertInvestmentEntry } from '../../electron/store/repositories/investment.js';
import { insertVisit } from '../../electron/store/repositories/visits.js';
import { fullScreenshot, openPreview, openScreen, type PreviewSession } from '../helpers/preview-browser.js';

const NOW = new Date('2026-11-24T10:00:00');
const PROJECT_ID = '00000000-0000-4000-8000-00000000000a'; // 明湖动力电池二期项目（演示）

/** This week (本周工作): the week's work with a visit logged today, and what falls due, overdue first. */
describe('this week', () => {
  let s: PreviewSession;
  let overview: WeekOverview;

  beforeAll(async () => {
    s = await openPreview({ now: () => NOW });
    const { db } = s.ctx;
    const recordedAt = NOW.toISOString();
    insertVisit(db, {
      id: randomUUID(),
      projectId: PROJECT_ID,
      visitedOn: '2026-11-24',
      kind: 'site_visit',
      participants: '演示用户、王立新',
      summary: '今天现场查看二期厂房封顶准备',
      findings: '塔吊作业正常',
      followUps: '下周跟进设备进场',
      recordedAt,
      recordedBy: '演示用户',
    });
    // Close off one of the project's open items today, and enter October's figure again (a correction).
    const item = db
      .prepare(
        `SELECT i.id FROM checklist_items i WHERE i.project_id = ? AND NOT EXISTS (SELECT 1 FROM checklist_events e WHERE e.item_id = i.id) ORDER BY i.due_on LIMIT 1`,
      )
      .get(PROJECT_ID) as { id: string };
    insertChecklistEvent(db, {
      id: randomUUID(),
      itemId: item.id,
      action: 'close_off',
      effectiveOn: '2026-11-24',
      note: '已现场核实',
      attachmentId: null,
      recordedAt,
      recordedBy: '演示用户',
    });
    insertInvestmentEntry(db, { id: randomUUID(), projectId: PROJECT_ID, month: '2026-10', amount: 12345.5, recordedAt, recordedBy: '演示用户' });
    const result = await createRegistry().dispatch('week.overview', {}, s.ctx);
    if (!result.ok) throw new Error(result.error.message);
    overview = result.value as WeekOverview;
    await openScreen(s, 'nav-week', 'week-screen');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows the visit logged today, the close-off and the corrected figure, with counts', async () => {
    const { page } = s;
    expect(await page.locator('[data-testid=week-range]').innerText()).toBe('2026年11月23日 至 2026年11月29日');
    const visit = page.locator('[data-testid=week-visit]', { hasText: '今天现场查看二期厂房封顶准备' });
    expect(await visit.innerText()).toContain('走访');
    expect(await visit.innerText()).toContain('明湖动力电池二期项目（演示）');
    expect(await visit.innerText()).toContain('2026年11月24日');
    expect(await page.locator('[data-testid=week-visit]').count()).toBe(overview.done.visits.length);
    expect(await page.locator('[data-testid=week-count-visits]').innerText()).toContain(String(overview.counts.visits));

    const closeOff = page.locator('[data-testid=week-checklist-event]').first();
    expect(await closeOff.innerText()).toContain('销号');
    expect(await closeOff.innerText()).toContain('已现场核实');
    const figure = page.locator('[data-testid=week-investment-entry]').first();
    expect(await figure.innerText()).toContain('12,345.5 万元');
    expect(await figure.innerText()).toMatch(/更正，原为 [\d,.]+ 万元/);
  });

  it('lists what falls due by the end of next week, overdue ones first', async () => {
    const { page } = s;
    const due = page.locator('[data-testid=week-due-item]');
    expect(await due.count()).toBe(overview.due.checklist.length);
    expect(overview.due.checklist.some((d) => d.overdue)).toBe(true);
    const texts = await due.allInnerTexts();
    const overdueFlags = texts.map((text) => /逾期 \d+ 天/.test(text));
    expect(overdueFlags).toEqual(overview.due.checklist.map((d) => d.overdue));
    // Every overdue one comes before every other.
    expect(overdueFlags.indexOf(false) === -1 || overdueFlags.lastIndexOf(true) < overdueFlags.indexOf(false)).toBe(true);
    texts.forEach((text, i) => expect(text).toContain(overview.due.checklist[i]!.title));
    expect(await page.locator('[data-testid=week-due-problem]').count()).toBe(overview.due.problems.length);
    await page.locator('h3').click();
    await fullScreenshot(page, 'week-zh');
  });

  it('moves between weeks and opens a project from a line with the keyboard', async () => {
    const { page } = s;
    await page.locator('[data-testid=week-prev]').click();
    await expect.poll(() => page.locator('[data-testid=week-range]').innerText()).toBe('2026年11月16日 至 2026年11月22日');
    expect(await page.locator('[data-testid=week-visit]', { hasText: '今天现场查看二期厂房封顶准备' }).count()).toBe(0);
    await page.locator('[data-testid=week-this]').click();
    await expect.poll(() => page.locator('[data-testid=week-range]').innerText()).toBe('2026年11月23日 至 2026年11月29日');

    await page.locator('[data-testid=week-visit]', { hasText: '今天现场查看二期厂房封顶准备' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=project-title]').innerText()).toBe('明湖动力电池二期项目（演示）');
    expect(await page.locator('.ant-tabs-tab-active').innerText()).toBe('走访记录');
  });

  it('shows the same in English', async () => {
    const { page } = s;
    await page.locator('[data-testid=nav-week]').click();
    await page.locator('[data-testid=language-switch]').click();
    await page.getByText('Done this week', { exact: true }).waitFor();
    expect(await page.locator('[data-testid=week-range]').innerText()).toBe('Nov 23, 2026 to Nov 29, 2026');
    expect(await page.locator('[data-testid=week-visit]', { hasText: '今天现场查看二期厂房封顶准备' }).innerText()).toContain('Site visit');
    expect(await page.locator('[data-testid=week-due-checklist]').innerText()).toMatch(/\d+ days overdue/);
    await page.locator('h3').click();
    await fullScreenshot(page, 'week-en');
    await page.locator('[data-testid=language-switch]').click();
    await page.getByText('本周完成', { exact: true }).waitFor();
    expect(s.pageErrors).toEqual([]);
  });
});
