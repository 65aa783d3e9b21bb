/**
 * Issue 12: the bureau desk in the browser. The bureau preview with the demo district opens on the district
 * overview (全区总览), whose figures are those `bureau.summary` (and `bureau.overview.months`) compute on the same
 * database; every figure links to exactly the rows behind it in the project table or the problem ledger; the page
 * calls only `bureau.*` operations. Screenshots in both languages, whole page at 1440 and 1366 wide.
 */
import { chooseOption } from '../helpers/select-option.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overviewMonths } from '../../electron/bureau/operations/overview.js';
import { listProjectRows } from '../../electron/bureau/operations/projects.js';
import { listBureauProblems } from '../../electron/bureau/problems.js';
import { districtSummary } from '../../electron/bureau/summary.js';
import { openBureauPreview, type BureauPreview } from '../helpers/bureau-preview.js';
import { screenshot, SCREENSHOT_DIR } from '../helpers/preview-browser.js';

// The first days of December: January–November is the month reported, the source's own figures.
const NOW = new Date('2026-12-02T10:00:00');

describe('the bureau desk: district overview, in the browser', () => {
  let b: BureauPreview;
  let ctx: BureauPreview['ctx'];
  let page: Page;
  let pageErrors: string[];
  let operationsCalled: string[];

  beforeAll(async () => {
    b = await openBureauPreview(NOW);
    ({ ctx, page, pageErrors, operationsCalled } = b);
    await page.waitForSelector('[data-testid=bureau-group-all] [data-testid=group-completion]', { timeout: 30_000 });
  });
  afterAll(async () => {
    await b?.close();
  });

  const text = (selector: string) => page.locator(selector).first().innerText();

  it('opens on the district overview with the figures bureau.summary computes on the same database', async () => {
    const s = districtSummary(ctx);
    expect(s.investment.all.completionPct).toBe(115.3); // the demo district is the source year's
    expect(await page.locator('[data-testid=bureau-nav-overview]').isVisible()).toBe(true);
    expect(await text('[data-testid=bureau-name]')).toContain('（演示）');
    expect(await text('[data-testid=projects-total]')).toBe(String(s.projectsByLevel.total));
    expect(await text('[data-testid=projects-by-level]')).toBe(
      `省级 ${s.projectsByLevel.provincial} 个 · 市级 ${s.projectsByLevel.municipal} 个 · 区级 ${s.projectsByLevel.district} 个`,
    );
    for (const group of ['all', 'provincialAndMunicipal', 'district'] as const) {
      const g = s.investment[group];
      expect(await text(`[data-testid=bureau-group-${group}] [data-testid=group-completion]`)).toBe(`${g.completionPct!.toFixed(1)}%`);
      expect(await text(`[data-testid=bureau-group-${group}] [data-testid=group-ahead]`)).toBe(`+${g.aheadPoints!.toFixed(1)}`);
    }
    expect(await text('[data-testid=bureau-sentence]')).toContain('共有重点项目 96 个，1-11月完成年度计划投资的 115.3%，超序时进度 23.6 个百分点');
    for (const k of ['collected', 'resolved', 'open', 'overdue'] as const) expect(await text(`[data-testid=problems-${k}]`)).toBe(String(s.problems[k]));
    expect(await text('[data-testid=problems-projects]')).toBe(`涉及 ${s.problems.projects} 个项目`);
    expect(await text('[data-testid=actions-total]')).toBe(String(s.sponsorActions.total));
  });

  it('ranks the sponsoring units and leaders by completion, with every one of them', async () => {
    const s = districtSummary(ctx);
    for (const [kind, rows] of [
      ['unit', s.byUnit],
      ['leader', s.byLeader],
    ] as const) {
      const names = await page.locator(`[data-testid=rank-${kind}-row]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
      const expected = [...rows].sort((a, b) => (b.investment.completionPct ?? -1) - (a.investment.completionPct ?? -1)).map((r) => r.name);
      expect(names).toHaveLength(rows.length);
      expect(new Set(names)).toEqual(new Set(expected));
      const completion = await page.locator(`[data-testid=bureau-rank-${kind}] [data-testid=rank-completion]`).allInnerTexts();
      const values = completion.map((c) => Number(c.replace('%', '')));
      expect(values).toEqual([...values].sort((a, b) => b - a));
      const first = rows.find((r) => r.name === names[0])!;
      expect(completion[0]).toBe(`${first.investment.completionPct!.toFixed(1)}%`);
    }
    await page.waitForSelector('[data-testid=bureau-chart] canvas'); // ECharts arrives in its own chunk
    await page.mouse.move(0, 0);
    await screenshot(page, 'bureau-overview-zh');
  });

  it('shows the new figures and charts as bureau.summary and the monthly series count them', async () => {
    const s = districtSummary(ctx);
    expect(await text('[data-testid=projects-enrolled]')).toBe(String(s.statisticsEnrolled));
    expect(await text('[data-testid=projects-started]')).toBe(String(s.productionStarted));
    for (const level of ['provincial', 'municipal', 'district'] as const)
      expect(await text(`[data-testid=projects-${level}]`)).toBe(String(s.projectsByLevel[level]));
    for (const group of ['all', 'provincialAndMunicipal', 'district'] as const) {
      const g = s.investment[group];
      expect(await text(`[data-testid=bureau-group-${group}] [data-testid=group-projects]`)).toBe(String(g.projects));
      expect(await text(`[data-testid=bureau-group-${group}] [data-testid=group-projects-ahead]`)).toBe(String(g.projectsAhead));
      expect(await text(`[data-testid=bureau-group-${group}] [data-testid=group-projects-behind]`)).toBe(String(g.projectsBehind));
    }
    expect(await text('[data-testid=problems-projects-link]')).toBe(String(s.problems.projects));
    expect(await text('[data-testid=actions-projects-link]')).toBe(String(s.sponsorActions.projects));
    const firstUnit = page.locator('[data-testid=rank-unit-row]').first();
    const firstName = await firstUnit.getAttribute('data-name');
    const unit = s.byUnit.find((u) => u.name === firstName)!;
    expect(await firstUnit.locator('[data-testid=rank-projects]').innerText()).toBe(String(unit.investment.projects));
    expect(await firstUnit.locator('[data-testid=rank-open]').innerText()).toBe(String(unit.problems.open));
    // The monthly series: January to the month, ending on the summary's own cumulative figure; the schedule line is plan × m ÷ 12.
    const series = overviewMonths(ctx, {});
    expect(series.months.map((m) => m.month)).toEqual(Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
    expect(series.months.at(-1)).toMatchObject({ completed: s.investment.all.completed, completionPct: 115.3, timeProportionalPct: 91.7 });
    expect(series.months[5]!.schedule).toBeCloseTo(s.investment.all.planned / 2, 4);
    await page.waitForSelector('[data-testid=bureau-monthly-chart] canvas');
    await page.waitForSelector('[data-testid=bureau-funnel] canvas');
  });

  it('opens the project table on exactly the projects behind a figure, and the ledger on exactly the problems', async () => {
    const s = districtSummary(ctx);
    const rows = listProjectRows(ctx, {}).rows; // in code order, as the table shows them unsorted
    const problems = listBureauProblems(ctx); // newest first, as the ledger shows them
    const unitName = (await page.locator('[data-testid=rank-unit-row]').first().getAttribute('data-name'))!;
    const leaderName = (await page.locator('[data-testid=rank-leader-row]').first().getAttribute('data-name'))!;
    const withProblems = new Set(problems.map((p) => p.projectId));
    const pm = (level: string) => level !== 'district';
    const projectCases: [string, typeof rows, number][] = [
      ['[data-testid=projects-total]', rows, s.projectsByLevel.total],
      ['[data-testid=projects-provincial]', rows.filter((r) => r.level === 'provincial'), s.projectsByLevel.provincial],
      [
        '[data-testid=bureau-group-provincialAndMunicipal] [data-testid=group-projects-ahead]',
        rows.filter((r) => pm(r.level) && r.aheadPoints! >= 0),
        s.investment.provincialAndMunicipal.projectsAhead,
      ],
      [
        '[data-testid=bureau-group-district] [data-testid=group-projects-behind]',
        rows.filter((r) => !pm(r.level) && r.aheadPoints! < 0),
        s.investment.district.projectsBehind,
      ],
      ['[data-testid=problems-projects-link]', rows.filter((r) => withProblems.has(r.id)), s.problems.projects],
      [
        `[data-testid=rank-unit-row][data-name="${unitName}"] [data-testid=rank-projects]`,
        rows.filter((r) => r.sponsoringUnit === unitName),
        s.byUnit.find((u) => u.name === unitName)!.investment.projects,
      ],
      [
        `[data-testid=rank-leader-row][data-name="${leaderName}"] [data-testid=rank-projects]`,
        rows.filter((r) => r.sponsoringLeader === leaderName),
        s.byLeader.find((u) => u.name === leaderName)!.investment.projects,
      ],
    ];
    for (const [figure, expected, count] of projectCases) {
      expect(expected, figure).toHaveLength(count);
      await page.locator(figure).first().click();
      await page.waitForSelector('[data-testid=project-scope]');
      await page.waitForFunction((want) => document.querySelector('[data-testid=project-count]')?.textContent === want, `共 ${count} 个项目`);
      const shown = await page.locator('[data-testid=bureau-project-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-project-id')));
      expect(shown.length, figure).toBeGreaterThan(0);
      expect(shown, figure).toEqual(expected.slice(0, shown.length).map((r) => r.id));
      expect(await text('[data-testid=project-scope]')).toContain(`（${count}）`);
      await page.locator('[data-testid=bureau-nav-overview]').click();
    }
    const resolved = (p: (typeof problems)[number]) => p.status === 'resolved' || p.status === 'closed';
    const openUnit = s.byUnit.find((u) => u.problems.open > 0)!;
    const unitProjects = new Set(rows.filter((r) => r.sponsoringUnit === openUnit.name).map((r) => r.id));
    const problemCases: [string, typeof problems, number][] = [
      ['[data-testid=problems-collected]', problems, s.problems.collected],
      ['[data-testid=problems-resolved]', problems.filter(resolved), s.problems.resolved],
      ['[data-testid=problems-open]', problems.filter((p) => !resolved(p)), s.problems.open],
      ['[data-testid=problems-overdue]', problems.filter((p) => p.overdue), s.problems.overdue],
      [
        `[data-testid=rank-unit-row][data-name="${openUnit.name}"] [data-testid=rank-open]`,
        problems.filter((p) => unitProjects.has(p.projectId) && !resolved(p)),
        openUnit.problems.open,
      ],
    ];
    for (const [figure, expected, count] of problemCases) {
      expect(expected, figure).toHaveLength(count);
      await page.locator(figure).first().click();
      await page.waitForSelector('[data-testid=problem-scope]');
      await page.waitForFunction((want) => document.querySelector('[data-testid=problem-count]')?.textContent?.startsWith(want), `共 ${count} 个问题`);
      const shown = await page.locator('[data-testid=bureau-problem-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-problem-id')));
      expect(shown, figure).toEqual(expected.slice(0, shown.length).map((p) => p.id));
      await page.locator('[data-testid=bureau-nav-overview]').click();
    }
    // The funnel's top step (collected) opens the ledger on every problem collected.
    const funnel = page.locator('[data-testid=bureau-funnel] canvas').first();
    const box = (await funnel.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + 25);
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid=problem-count]')?.textContent?.startsWith(want),
      `共 ${s.problems.collected} 个问题`,
    );
    expect(await text('[data-testid=problem-scope]')).toContain('收集的问题');
    // Closing the tag shows the whole ledger again.
    await page.locator('[data-testid=problem-scope] .ant-tag-close-icon').click();
    await page.waitForSelector('[data-testid=problem-scope]', { state: 'detached' });
    await page.locator('[data-testid=bureau-nav-overview]').click();
    await page.waitForSelector('[data-testid=bureau-chart] canvas');
  });

  it('fits 1440×900 and 1366×768 (whole page, charts not clipped)', async () => {
    for (const [width, height] of [
      [1440, 900],
      [1366, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(400); // ECharts resizes on the next frame
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${width}`).toBeLessThanOrEqual(0);
      await page.mouse.move(0, 0);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/bureau-overview-zh-full-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('shows an earlier month from the as-of picker, as bureau.summary computes it', async () => {
    await chooseOption(page, 'as-of-month', '2026年6月');
    const june = districtSummary(ctx, { asOfMonth: '2026-06' });
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid=bureau-group-all] [data-testid=group-completion]')?.textContent === want,
      `${june.investment.all.completionPct!.toFixed(1)}%`,
    );
    expect(await text('[data-testid=bureau-as-of-line]')).toContain('2026年1-6月');
    await chooseOption(page, 'as-of-month', '2026年11月');
    await page.waitForFunction(() => document.querySelector('[data-testid=bureau-group-all] [data-testid=group-completion]')?.textContent === '115.3%');
  });

  it('switches to English and back to the overview, calling only bureau operations', async () => {
    await page.locator('[data-testid=bureau-nav-overview]').click();
    await page.locator('[data-testid=language-switch]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=bureau-nav-overview]')?.textContent === 'District overview');
    expect(await text('[data-testid=bureau-sentence]')).toContain(
      '96 key projects completed 115.3% of the annual plan in months 1–11, 23.6 points ahead of schedule',
    );
    await page.locator('[data-testid=bureau-nav-problems]').click();
    await page.waitForSelector('[data-testid=bureau-problems-screen]');
    await page.locator('[data-testid=bureau-nav-overview]').click();
    await page.waitForSelector('[data-testid=bureau-chart] canvas');
    await page.mouse.move(0, 0);
    await screenshot(page, 'bureau-overview-en');
    for (const [width, height] of [
      [1440, 900],
      [1366, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(400);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/bureau-overview-en-full-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    // The language is kept in this browser: a reload keeps English.
    await page.reload();
    await page.waitForFunction(() => document.querySelector('[data-testid=bureau-nav-overview]')?.textContent === 'District overview');
    expect(operationsCalled.length).toBeGreaterThan(0);
    expect(operationsCalled.filter((name) => !name.startsWith('bureau.'))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
