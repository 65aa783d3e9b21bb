/**
 * Issue 12: the bureau desk's project table (项目库). Its rows and totals are what `bureau.projects.list` answers
 * on the same database, and its totals are the overview's (the district summary) for all projects and for a
 * level; a filter and a pinyin search narrow the rows. Screenshots in both languages at 1440×900.
 */
import { chooseOption } from '../helpers/select-option.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BureauProjectRow } from '@shared/operations/bureau.js';
import { createBureauRegistry } from '../../electron/bureau/operations/index.js';
import { districtSummary } from '../../electron/bureau/summary.js';
import { openBureauPreview, type BureauPreview } from '../helpers/bureau-preview.js';
import { screenshotBothSizes } from '../helpers/preview-browser.js';

const NOW = new Date('2026-12-02T10:00:00');

describe('the bureau desk: all projects, in the browser', () => {
  let b: BureauPreview;
  let rows: BureauProjectRow[];
  const text = (selector: string) => b.page.locator(selector).first().innerText();
  const shownCodes = () => b.page.locator('[data-testid=bureau-project-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));

  beforeAll(async () => {
    b = await openBureauPreview(NOW);
    const answer = await createBureauRegistry().dispatch('bureau.projects.list', {}, b.ctx);
    if (!answer.ok) throw new Error(answer.error.message);
    rows = (answer.value as { rows: BureauProjectRow[] }).rows;
    await b.page.locator('[data-testid=bureau-nav-projects]').click();
    await b.page.waitForSelector('[data-testid=bureau-project-row]');
  });
  afterAll(async () => {
    await b?.close();
  });

  it('shows every project as bureau.projects.list answers it, with the overview’s totals', async () => {
    const s = districtSummary(b.ctx);
    expect(rows).toHaveLength(s.projectsByLevel.total);
    expect(await text('[data-testid=project-count]')).toBe(`共 ${rows.length} 个项目`);
    // The rows drawn (the table is virtual) are the first ones by code, each with its own completion.
    const codes = await shownCodes();
    expect(codes.length).toBeGreaterThan(5);
    expect(codes).toEqual(rows.slice(0, codes.length).map((r) => r.code));
    const completion = await b.page.locator('[data-testid=bureau-project-row] [data-testid=completion]').allInnerTexts();
    expect(completion).toEqual(rows.slice(0, codes.length).map((r) => (r.completionPct === null ? '—' : `${r.completionPct.toFixed(1)}%`)));
    // The totals row is the district as the overview measures it.
    const all = s.investment.all;
    expect(await text('[data-testid=total-count]')).toBe(`合计（${rows.length} 个项目）`);
    expect(await text('[data-testid=total-completion]')).toBe(`${all.completionPct!.toFixed(1)}%`);
    expect(await text('[data-testid=total-ahead]')).toBe(`+${all.aheadPoints!.toFixed(1)}`);
    expect(all.completionPct).toBe(115.3);
    expect(await text('[data-testid=total-open-problems]')).toBe(String(s.problems.open));
    expect(await text('[data-testid=total-overdue-problems]')).toBe(String(s.problems.overdue));
    expect(rows.reduce((n, r) => n + r.openProblems, 0)).toBe(s.problems.open);
    await b.page.mouse.move(0, 0);
    // At 1366×768 too: the table fills the window and the page itself does not scroll sideways.
    await screenshotBothSizes(b.page, 'bureau-projects-zh', () => b.page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth));
  });

  it('sorts by completion, highest first', async () => {
    await b.page.locator('.ant-table-thead th', { hasText: '完成年度计划' }).click(); // ascending
    await b.page.locator('.ant-table-thead th', { hasText: '完成年度计划' }).click(); // descending
    const best = [...rows].sort((x, y) => (y.completionPct ?? -1) - (x.completionPct ?? -1))[0]!;
    await b.page.waitForFunction((code) => document.querySelector('[data-testid=bureau-project-row]')?.getAttribute('data-code') === code, best.code);
    await b.page.locator('.ant-table-thead th', { hasText: '完成年度计划' }).click(); // back to the code order
  });

  it('filters by level, with the level’s totals', async () => {
    const s = districtSummary(b.ctx);
    await chooseOption(b.page, 'filter-levels', '省级');
    await b.page.keyboard.press('Escape');
    const provincial = rows.filter((r) => r.level === 'provincial');
    await b.page.waitForFunction(
      (want) => document.querySelector('[data-testid=project-count]')?.textContent === want,
      `显示 ${provincial.length} / ${rows.length} 个项目`,
    );
    expect(await shownCodes()).toEqual(provincial.slice(0, (await shownCodes()).length).map((r) => r.code));
    expect(await text('[data-testid=total-completion]')).toBe(`${s.groups.provincial.investment.completionPct!.toFixed(1)}%`);
    await b.page.locator('[data-testid=clear-filters]').click();
    await b.page.waitForFunction((want) => document.querySelector('[data-testid=project-count]')?.textContent === want, `共 ${rows.length} 个项目`);
  });

  it('finds a project by the pinyin initials of its name', async () => {
    const target = rows[40]!;
    const initials = target.searchKey.split(' ')[2]!; // text, full pinyin, initials of the name
    const hits = rows.filter((r) => r.searchKey.includes(initials));
    await b.page.locator('[data-testid=project-search]').fill(initials);
    await b.page.waitForFunction((n) => document.querySelectorAll('[data-testid=bureau-project-row]').length === n, hits.length);
    expect(await shownCodes()).toEqual(hits.map((r) => r.code));
    expect(await text('[data-testid=bureau-project-row] [data-testid=bureau-project-name]')).toContain(target.name);
    await b.page.locator('[data-testid=clear-filters]').click();
  });

  it('in English, and calls only bureau operations', async () => {
    await b.page.locator('[data-testid=language-switch]').click();
    await b.page.waitForFunction(() => document.querySelector('[data-testid=bureau-nav-projects]')?.textContent === 'All projects');
    await b.page.waitForSelector('[data-testid=bureau-project-row]');
    expect(await text('[data-testid=project-count]')).toBe(`${rows.length} projects`);
    await b.page.mouse.move(0, 0);
    // At 1366×768 too: the table fills the window and the page itself does not scroll sideways.
    await screenshotBothSizes(b.page, 'bureau-projects-en', () => b.page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth));
    await b.page.locator('[data-testid=language-switch]').click();
    expect(b.operationsCalled).toContain('bureau.projects.list');
    expect(b.operationsCalled.filter((name) => !name.startsWith('bureau.'))).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  });
});
