import { chooseOption } from '../helpers/select-option.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerPage, ProblemView } from '@shared/operations/index.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { wholeLedger } from '../helpers/ledger-pages.js';
import { openPreview, screenshot, type PreviewSession } from '../helpers/preview-browser.js';

const NOW = () => new Date('2026-11-24T10:00:00');

async function pageOf(s: PreviewSession, input: Record<string, unknown>): Promise<LedgerPage> {
  const r = await createRegistry().dispatch('problems.ledger', input, s.ctx);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as LedgerPage;
}

const ledgerOf = (s: PreviewSession): Promise<ProblemView[]> => wholeLedger((input) => pageOf(s, input));

/** The problems.ledger answers the page sent over the preview bridge, with their sizes. */
function watchLedgerCalls(page: Page): { rows: number; bytes: number }[] {
  const seen: { rows: number; bytes: number }[] = [];
  page.on('response', (response) => {
    if (!response.url().endsWith('/api/invoke') || !(response.request().postData() ?? '').includes('"problems.ledger"')) return;
    void response.text().then((text) => {
      const body = JSON.parse(text) as { ok: boolean; value?: LedgerPage };
      if (body.ok) seen.push({ rows: body.value!.rows.length, bytes: text.length });
    });
  });
  return seen;
}

const shownDescriptions = (page: Page) => page.locator('[data-testid=ledger-link]').allInnerTexts();

async function pick(page: Page, filter: string, option: string): Promise<void> {
  await chooseOption(page, `ledger-filter-${filter}`, option);
  await page.keyboard.press('Escape');
}

describe('the problem ledger across all projects', () => {
  let s: PreviewSession;
  let page: Page;
  let all: ProblemView[];

  beforeAll(async () => {
    s = await openPreview({ now: NOW });
    page = s.page;
    all = await ledgerOf(s);
    await page.waitForSelector('[data-testid=project-link]');
    await page.click('[data-testid=nav-problems]');
    await page.locator('[data-testid=ledger-link]').first().waitFor();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('lists every problem with counts of collected, resolved or closed, unresolved and overdue', async () => {
    await expect.poll(async () => (await shownDescriptions(page)).sort()).toEqual(all.map((p) => p.description).sort());
    const count = async (key: string) =>
      Number((await page.locator(`[data-testid=ledger-stat-${key}] .ant-statistic-content-value`).innerText()).replace(/\D/g, ''));
    expect(await count('collected')).toBe(all.length);
    expect(await count('resolved')).toBe(all.filter((p) => p.status === 'resolved' || p.status === 'closed').length);
    expect(await count('open')).toBe(all.filter((p) => ['raised', 'dispatched', 'in_progress'].includes(p.status)).length);
    expect(await count('overdue')).toBe(all.filter((p) => p.overdue).length);
    expect(await count('overdue')).toBeGreaterThan(0);
    await screenshot(page, 'ledger-zh');
  });

  it('filters by status, category, department, project and overdue, and clears', async () => {
    await pick(page, 'status', '已收集');
    await expect
      .poll(async () => (await shownDescriptions(page)).sort())
      .toEqual(
        all
          .filter((p) => p.status === 'raised')
          .map((p) => p.description)
          .sort(),
      );
    await pick(page, 'status', '已交办');
    await expect
      .poll(async () => (await shownDescriptions(page)).sort())
      .toEqual(
        all
          .filter((p) => p.status === 'raised' || p.status === 'dispatched')
          .map((p) => p.description)
          .sort(),
      );
    await page.click('[data-testid=ledger-clear]');

    await pick(page, 'category', '资金');
    await expect
      .poll(async () => (await shownDescriptions(page)).sort())
      .toEqual(
        all
          .filter((p) => p.category === 'capital')
          .map((p) => p.description)
          .sort(),
      );
    await page.click('[data-testid=ledger-clear]');

    const dept = all.find((p) => p.currentDepartment !== '')!.currentDepartment;
    await pick(page, 'department', dept);
    await expect
      .poll(async () => (await shownDescriptions(page)).sort())
      .toEqual(
        all
          .filter((p) => p.currentDepartment === dept)
          .map((p) => p.description)
          .sort(),
      );
    await page.click('[data-testid=ledger-clear]');

    await pick(page, 'project', '云岭超充电池项目（演示）');
    await expect
      .poll(async () => (await shownDescriptions(page)).sort())
      .toEqual(
        all
          .filter((p) => p.projectName === '云岭超充电池项目（演示）')
          .map((p) => p.description)
          .sort(),
      );
    await page.click('[data-testid=ledger-clear]');

    await page.click('[data-testid=ledger-filter-overdue]');
    await expect
      .poll(async () => (await shownDescriptions(page)).sort())
      .toEqual(
        all
          .filter((p) => p.overdue)
          .map((p) => p.description)
          .sort(),
      );
    expect(await page.locator('[data-testid=ledger-overdue]').count()).toBe(all.filter((p) => p.overdue).length);
    await page.click('[data-testid=ledger-clear]');

    // The summary cards filter too.
    await page.click('[data-testid=ledger-stat-resolved]');
    await expect
      .poll(async () => (await shownDescriptions(page)).sort())
      .toEqual(
        all
          .filter((p) => p.status === 'resolved' || p.status === 'closed')
          .map((p) => p.description)
          .sort(),
      );
    await expect.poll(() => page.locator('[data-testid=ledger-shown]').innerText()).toBe(`显示 2 / ${all.length} 条`);
    await page.click('[data-testid=ledger-clear]');
    await expect.poll(async () => (await shownDescriptions(page)).length).toBe(all.length);
  });

  it('sorts by due date (the store sorts)', async () => {
    await page.locator('.ant-table-thead th', { hasText: '办理时限' }).click();
    const up = (await pageOf(s, { sort: 'dueOn', order: 'asc', limit: 1000 })).rows;
    expect(up.map((p) => p.dueOn ?? '9999')).toEqual(all.map((p) => p.dueOn ?? '9999').sort());
    await expect.poll(() => shownDescriptions(page)).toEqual(up.map((p) => p.description));
    await page.locator('.ant-table-thead th', { hasText: '办理时限' }).click();
    await expect.poll(() => shownDescriptions(page)).toEqual([...up].reverse().map((p) => p.description));
    // A third click goes back to the default order (latest moved first).
    await page.locator('.ant-table-thead th', { hasText: '办理时限' }).click();
    await expect.poll(() => shownDescriptions(page)).toEqual(all.map((p) => p.description));
  });

  it('opens the project’s problems tab from a row, and keeps the filters on the way back', async () => {
    await page.click('[data-testid=ledger-filter-overdue]');
    const target = all.find((p) => p.overdue)!;
    await page.locator('[data-testid=ledger-link]', { hasText: target.description }).click();
    await page.locator('[data-testid=project-title]', { hasText: target.projectName }).waitFor();
    await page.locator(`[data-testid=problem-card][data-problem-id="${target.id}"]`).waitFor();
    expect(await page.locator('.ant-tabs-tab-active').innerText()).toBe('问题');
    await page.click('[data-testid=nav-problems]');
    await page.locator('[data-testid=ledger-link]').first().waitFor();
    await expect.poll(() => shownDescriptions(page)).toEqual([target.description]);
    await page.click('[data-testid=ledger-clear]');
  });

  it('shows in English', async () => {
    await page.click('[data-testid=language-switch]');
    await page.getByText('Problem ledger').first().waitFor();
    expect(await page.locator('[data-testid=ledger-table]').innerText()).toContain('Dispatched');
    await screenshot(page, 'ledger-en');
    await page.click('[data-testid=language-switch]');
    await page.getByText('问题台账').first().waitFor();
    expect(s.pageErrors).toEqual([]);
  });
});

describe('the ledger with 20,000 problems', () => {
  let s: PreviewSession;
  beforeAll(async () => {
    s = await openPreview({ now: NOW });
    const projects = (s.ctx.db.prepare('SELECT id FROM projects').all() as { id: string }[]).map((r) => r.id);
    const categories = ['policy', 'approval', 'land', 'capital', 'energy_quota', 'power_water', 'labour', 'other'];
    const insertProblem = s.ctx.db.prepare(
      `INSERT INTO problems (id, project_id, category, description, responsible_department, coordinating_leader, due_on, origin, raised_on, raised_by, recorded_at)
       VALUES (?, ?, ?, ?, ?, '王立新', ?, 'bureau', '2026-06-01', '区经济发展局', '2026-06-01T08:00:00.000Z')`,
    );
    const insertEvent = s.ctx.db.prepare(
      `INSERT INTO problem_events (id, problem_id, action, at, by, origin, note, department, resolution) VALUES (?, ?, 'dispatch', '2026-06-02T08:00:00.000Z', '区经济发展局', 'bureau', '', ?, NULL)`,
    );
    s.ctx.db.transaction(() => {
      for (let i = 0; i < 20_000; i++) {
        const id = `10000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
        const dept = `部门${i % 40}`;
        insertProblem.run(id, projects[i % projects.length], categories[i % 8], `批量问题 ${i}`, dept, i % 3 === 0 ? '2026-10-01' : '2026-12-31');
        if (i % 2 === 0) insertEvent.run(`20000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`, id, dept);
      }
    })();
    await s.page.reload();
    await s.page.waitForSelector('[data-testid=project-link]');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows and filters smoothly: only the visible rows are in the page, and only a page crosses the bridge', async () => {
    const { page } = s;
    const calls = watchLedgerCalls(page);
    const start = Date.now();
    await page.click('[data-testid=nav-problems]');
    await page.locator('[data-testid=ledger-link]').first().waitFor();
    const shown = Date.now() - start;
    expect(await page.locator('[data-testid=ledger-shown]').innerText()).toBe('显示 20,005 / 20,005 条'.replace(/,/g, ''));
    expect(await page.locator('[data-testid=ledger-link]').count()).toBeLessThan(60);
    await expect.poll(() => calls.length).toBeGreaterThan(0);
    expect(calls[0]!.rows).toBe(100);
    expect(calls[0]!.bytes).toBeLessThan(200_000);

    // Scrolling to the end fetches the pages there: the last problem in the store's order is shown.
    const last = (await pageOf(s, { offset: 20_004, limit: 1 })).rows[0]!;
    await page.locator('[data-testid=ledger-table] .ant-table-tbody-virtual-holder').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page
      .locator('[data-testid=ledger-link]')
      .filter({ hasText: new RegExp(`^${last.description}$`) })
      .waitFor();
    expect(calls.every((c) => c.rows <= 100)).toBe(true);
    expect(calls.length).toBeLessThan(10);
    await page.locator('[data-testid=ledger-table] .ant-table-tbody-virtual-holder').evaluate((el) => el.scrollTo(0, 0));

    const filterStart = Date.now();
    await pick(page, 'category', '资金');
    await expect.poll(() => page.locator('[data-testid=ledger-shown]').innerText()).toMatch(/^显示 250\d \/ 20005 条$/);
    const filtered = Date.now() - filterStart;
    const overdueStart = Date.now();
    await page.click('[data-testid=ledger-filter-overdue]');
    await expect.poll(() => page.locator('[data-testid=ledger-shown]').innerText()).not.toMatch(/^显示 250\d/);
    const overdue = Date.now() - overdueStart;
    console.log(`ledger with 20,005 problems: shown in ${shown} ms, category filter ${filtered} ms, overdue filter ${overdue} ms`);
    expect(shown).toBeLessThan(15_000);
    expect(filtered).toBeLessThan(5_000);
    expect(s.pageErrors).toEqual([]);
  });
});
