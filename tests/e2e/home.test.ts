import { chooseOption } from '../helpers/select-option.js';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ProjectSummary } from '@shared/operations/index.js';
import { EMPTY_FILTERS, filterProjects, sortProjects, type SortKey } from '../../renderer/src/screens/home/project-table.js';
import { perform } from '../helpers/operations.js';
import { appReady, screenshot } from '../helpers/preview-browser.js';
import { usePreview } from '../helpers/use-preview.js';

/** The home screen (我的项目): every column, search with pinyin, filters, totals, sorting and the keyboard. */
describe('home: my projects', () => {
  let all: ProjectSummary[];

  const shownIds = (page: Page) => page.locator('[data-testid=project-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-project-id')));
  const shownNames = (page: Page) => page.locator('[data-testid=project-link]').allTextContents();
  const idsOf = (rows: readonly ProjectSummary[]) => rows.map((p) => p.id);
  // Waits for the rows the search must leave (the count label alone may still show the previous search's).
  const search = async (page: Page, text: string) => {
    await page.locator('[data-testid=project-search]').fill(text);
    await expect.poll(() => shownIds(page)).toEqual(idsOf(filterProjects(all, { ...EMPTY_FILTERS, search: text })));
  };

  const s = usePreview({ now: () => new Date('2026-11-24T10:00:00') }, async (session) => {
    all = await perform<ProjectSummary[]>(session.ctx, 'projects.list');
    await appReady(session);
  });

  it('shows every column, all of them inside a 1440 px window, and the portfolio totals', async () => {
    const { page } = s;
    expect(await shownIds(page)).toEqual(idsOf(all));
    const headers = (await page.locator('[data-testid=project-table] thead th').allInnerTexts()).map((h) => h.trim()).filter(Boolean);
    expect(headers).toEqual(['项目名称', '级别', '阶段', '帮包领导', '帮包单位', '完成年度计划', '超序时进度', '未办结问题', '逾期任务', '距上次走访']);

    // The last column ends inside the table, and the table needs no horizontal scrolling.
    const table = (await page.locator('[data-testid=project-table]').boundingBox())!;
    const last = (await page.locator('[data-testid=project-table] thead th', { hasText: '距上次走访' }).boundingBox())!;
    expect(last.x + last.width).toBeLessThanOrEqual(table.x + table.width + 1);
    expect(table.x + table.width).toBeLessThanOrEqual(1440);
    expect(
      await page
        .locator('.ant-table-tbody-virtual-scrollbar-horizontal')
        .isVisible()
        .catch(() => false),
    ).toBe(false);

    const first = all[0]!;
    const row = page.locator(`[data-testid=project-row][data-project-id="${first.id}"]`);
    const text = await row.innerText();
    expect(text).toContain(first.name);
    expect(text).toContain(first.code);
    expect(text).toContain('省级');
    expect(text).toContain('建设实施');
    expect(text).toContain(first.sponsoringLeader);
    expect(text).toContain(first.sponsoringUnit);
    expect(text).toContain(`${first.progress.completionPct!.toFixed(1)}%`);
    expect(text).toContain(`超 ${first.progress.aheadPoints!.toFixed(1)} 个百分点`);
    expect(text).toContain(`${first.daysSinceLastVisit} 天`);
    // Ahead is green, behind red.
    const behind = all.find((p) => (p.progress.aheadPoints ?? 0) < 0)!;
    const behindTag = page.locator(`[data-testid=project-row][data-project-id="${behind.id}"] .ant-tag`, { hasText: '落后' });
    expect(await behindTag.getAttribute('class')).toMatch(/red/);
    expect(await row.locator('.ant-tag', { hasText: '超' }).getAttribute('class')).toMatch(/green/);

    const totals = await page.locator('[data-testid=totals-row]').innerText();
    expect(totals).toContain(`合计（${all.length} 个项目）`);
    const completed = all.reduce((a, p) => a + p.progress.completed, 0);
    const planned = all.reduce((a, p) => a + p.progress.planned, 0);
    expect(await page.locator('[data-testid=total-completion]').innerText()).toBe(`${((completed / planned) * 100).toFixed(1)}%`);
    expect(await page.locator('[data-testid=total-open-problems]').innerText()).toBe(String(all.reduce((a, p) => a + p.openProblems, 0)));
    expect(await page.locator('[data-testid=total-overdue]').innerText()).toBe(String(all.reduce((a, p) => a + p.overdueItems, 0)));
    await screenshot(page, 'home-zh');
  });

  it('finds projects by pinyin initials, full pinyin, code and company', async () => {
    const { page } = s;
    await search(page, 'mhdl');
    expect(await shownNames(page)).toEqual(['明湖动力电池二期项目（演示）']);
    expect(await page.locator('[data-testid=totals-row]').innerText()).toContain('合计（1 个项目）');
    await search(page, 'qingtan');
    expect(await shownNames(page)).toEqual(['青檀精密结构件生产基地（演示）']);
    await search(page, 'demo-003');
    expect(await shownNames(page)).toEqual(['云岭超充电池项目（演示）']);
    await search(page, '精密工业');
    expect(await shownIds(page)).toEqual(idsOf(filterProjects(all, { ...EMPTY_FILTERS, search: '精密工业' })));
    expect((await shownIds(page)).length).toBe(1); // only 青檀精密工业（演示）有限公司, by its company
    await search(page, 'mhdl 二期');
    expect(await shownNames(page)).toEqual(['明湖动力电池二期项目（演示）']);
    await search(page, 'zzzz');
    expect(await shownIds(page)).toEqual([]);
    expect(await page.locator('[data-testid=project-table]').innerText()).toContain('没有符合条件的项目');
    await search(page, '');
    expect(await shownIds(page)).toEqual(idsOf(all));
  });

  it('filters by level, stage, overdue and open problems', async () => {
    const { page } = s;
    const pick = async (testId: string, option: string) => {
      await chooseOption(page, testId, option);
      await page.keyboard.press('Escape');
    };

    await pick('filter-level', '区级');
    expect(await shownIds(page)).toEqual(idsOf(all.filter((p) => p.level === 'district')));
    await pick('filter-stage', '前期审批');
    expect(await shownIds(page)).toEqual(idsOf(all.filter((p) => p.level === 'district' && p.stage === 'preliminary_approval')));
    await page.locator('[data-testid=clear-filters]').click();
    expect(await shownIds(page)).toEqual(idsOf(all));

    await page.locator('[data-testid=filter-overdue]').click();
    const overdue = all.filter((p) => p.overdueItems > 0);
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.length).toBeLessThan(all.length);
    expect(await shownIds(page)).toEqual(idsOf(overdue));
    await page.locator('[data-testid=filter-open-problems]').click();
    expect(await shownIds(page)).toEqual(idsOf(overdue.filter((p) => p.openProblems > 0)));
    await page.locator('[data-testid=filter-overdue]').click();
    expect(await shownIds(page)).toEqual(idsOf(all.filter((p) => p.openProblems > 0)));
    expect(await page.locator('[data-testid=project-count]').innerText()).toBe(`显示 ${all.filter((p) => p.openProblems > 0).length} / ${all.length} 个项目`);
    await page.locator('[data-testid=clear-filters]').click();
    expect(await shownIds(page)).toEqual(idsOf(all));
  });

  it('sorts on every column, ascending, descending and back', async () => {
    const { page } = s;
    const columns: [SortKey, string][] = [
      ['name', '项目名称'],
      ['level', '级别'],
      ['stage', '阶段'],
      ['leader', '帮包领导'],
      ['unit', '帮包单位'],
      ['completion', '完成年度计划'],
      ['ahead', '超序时进度'],
      ['openProblems', '未办结问题'],
      ['overdueItems', '逾期任务'],
      ['lastVisit', '距上次走访'],
    ];
    for (const [key, label] of columns) {
      const header = page.locator('[data-testid=project-table] thead th', { hasText: label });
      await header.click();
      expect(await shownIds(page), `${label} ascending`).toEqual(idsOf(sortProjects(all, { key, order: 'ascend' })));
      await header.click();
      expect(await shownIds(page), `${label} descending`).toEqual(idsOf(sortProjects(all, { key, order: 'descend' })));
      await header.click();
      expect(await shownIds(page), `${label} unsorted`).toEqual(idsOf(all));
    }
    // Spot check one order by eye: completion descending puts the best performer first.
    await page.locator('[data-testid=project-table] thead th', { hasText: '完成年度计划' }).click();
    await page.locator('[data-testid=project-table] thead th', { hasText: '完成年度计划' }).click();
    const best = [...all].sort((a, b) => (b.progress.completionPct ?? 0) - (a.progress.completionPct ?? 0))[0]!;
    expect((await shownNames(page))[0]).toBe(best.name);
    await page.locator('[data-testid=project-table] thead th', { hasText: '完成年度计划' }).click();
  });

  it('works from the keyboard: "/" focuses the search, ↑/↓ highlight a row, Enter opens it', async () => {
    const { page } = s;
    await page.locator('h3', { hasText: '我的项目' }).click();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('project-search');
    await page.keyboard.type('qtjm');
    await expect.poll(() => shownNames(page)).toEqual(['青檀精密结构件生产基地（演示）']);
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('[data-testid=project-row][aria-selected=true]').innerText()).toContain('青檀精密结构件生产基地（演示）');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=project-title]').innerText()).toBe('青檀精密结构件生产基地（演示）');

    // Back home: the search and the highlighted row are as they were left.
    await page.locator('[data-testid=nav-home]').click();
    await page.waitForSelector('[data-testid=project-row]');
    expect(await page.locator('[data-testid=project-search]').inputValue()).toBe('qtjm');
    await page.locator('[data-testid=clear-filters]').click();
    await page.locator('h3', { hasText: '我的项目' }).click();
    expect(await page.locator('[data-testid=project-row][aria-selected=true]').innerText()).toContain('青檀精密结构件生产基地（演示）');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    const index = all.findIndex((p) => p.name === '青檀精密结构件生产基地（演示）') + 1;
    expect(await page.locator('[data-testid=project-row][aria-selected=true]').getAttribute('data-project-id')).toBe(all[index]!.id);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=project-title]').innerText()).toBe(all[index]!.name);
    await page.locator('[data-testid=nav-home]').click();
    await page.waitForSelector('[data-testid=project-row]');
  });

  it('shows the same in English', async () => {
    const { page } = s;
    await page.locator('[data-testid=language-switch]').click();
    await page.getByText('My projects').first().waitFor();
    const headers = (await page.locator('[data-testid=project-table] thead th').allInnerTexts()).map((h) => h.replace(/\s+/g, ' ').trim()).filter(Boolean);
    expect(headers).toEqual([
      'Project',
      'Level',
      'Stage',
      'Sponsoring leader',
      'Sponsoring unit',
      'Completion of plan',
      'Ahead of schedule',
      'Open problems',
      'Overdue tasks',
      'Since last visit',
    ]);
    const body = await page.locator('[data-testid=project-table]').innerText();
    expect(body).toContain('Provincial');
    expect(body).toMatch(/ahead by \d+\.\d points/);
    expect(body).toMatch(/behind by \d+\.\d points/);
    expect(body).toContain(`Total (${all.length} projects)`);
    await page.locator('[data-testid=project-search]').fill('mhdl');
    await expect.poll(() => shownNames(page)).toEqual(['明湖动力电池二期项目（演示）']);
    await page.locator('[data-testid=project-search]').fill('');
    await page.locator('h3', { hasText: 'My projects' }).click();
    await screenshot(page, 'home-en');
    await page.locator('[data-testid=language-switch]').click();
    await page.getByText('我的项目').first().waitFor();
    expect(s.pageErrors).toEqual([]);
  });
});
