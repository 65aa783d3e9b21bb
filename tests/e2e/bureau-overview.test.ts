/**
 * Issue 12, first stage: the bureau desk in the browser. The bureau preview with the demo district opens on the
 * district overview (全区总览), whose figures are those `bureau.summary` computes on the same database; the other
 * screens say they are coming; the page calls only `bureau.*` operations. Screenshots in both languages.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtSummary } from '../../electron/bureau/summary.js';
import { openBureauPreview, type BureauPreview } from '../helpers/bureau-preview.js';
import { screenshot } from '../helpers/preview-browser.js';

// The first days of December: January–November is the month reported, the source's own figures.
const NOW = new Date('2026-12-02T10:00:00');
const SCREENS = ['master', 'reports'] as const;

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

  it('shows an earlier month from the as-of picker, as bureau.summary computes it', async () => {
    await page.locator('[data-testid=as-of-month]').click();
    await page.locator('.ant-select-item-option', { hasText: '2026年6月' }).click();
    const june = districtSummary(ctx, { asOfMonth: '2026-06' });
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid=bureau-group-all] [data-testid=group-completion]')?.textContent === want,
      `${june.investment.all.completionPct!.toFixed(1)}%`,
    );
    expect(await text('[data-testid=bureau-as-of-line]')).toContain('2026年1-6月');
    await page.locator('[data-testid=as-of-month]').click();
    await page.locator('.ant-select-item-option', { hasText: '2026年11月' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=bureau-group-all] [data-testid=group-completion]')?.textContent === '115.3%');
  });

  it('says which screens are coming, in both languages, and calls only bureau operations', async () => {
    for (const screen of SCREENS) {
      await page.locator(`[data-testid=bureau-nav-${screen}]`).click();
      await page.waitForSelector(`[data-testid=bureau-coming-${screen}]`);
      expect(await text(`[data-testid=bureau-coming-${screen}]`)).toContain('即将推出');
    }
    await page.locator('[data-testid=bureau-nav-overview]').click();
    await page.locator('[data-testid=language-switch]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=bureau-nav-overview]')?.textContent === 'District overview');
    expect(await text('[data-testid=bureau-sentence]')).toContain(
      '96 key projects completed 115.3% of the annual plan in months 1–11, 23.6 points ahead of schedule',
    );
    await page.locator('[data-testid=bureau-nav-master]').click();
    expect(await text('[data-testid=bureau-coming-master]')).toContain('is coming');
    await page.locator('[data-testid=bureau-nav-overview]').click();
    await page.waitForSelector('[data-testid=bureau-chart] canvas');
    await page.mouse.move(0, 0);
    await screenshot(page, 'bureau-overview-en');
    // The language is kept in this browser: a reload keeps English.
    await page.reload();
    await page.waitForFunction(() => document.querySelector('[data-testid=bureau-nav-overview]')?.textContent === 'District overview');
    expect(operationsCalled.length).toBeGreaterThan(0);
    expect(operationsCalled.filter((name) => !name.startsWith('bureau.'))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
