import type { Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ProjectSummary } from '@shared/operations/index.js';
import { perform } from '../helpers/operations.js';
import { appReady, openPreview, screenshot, type PreviewSession } from '../helpers/preview-browser.js';
import { usePreview } from '../helpers/use-preview.js';

/**
 * Small things of the first week (issue 13, point 12): Enter opens the only search hit; no page scroll from
 * a default body margin; at 1366×768 the home table and the investment entry fit without sideways
 * scrolling; English headings never break inside a word and counts read right ("Total (1 project)");
 * an empty store points to 文件交换. Reads the demo through the registry, never by its names.
 */

/** Elements of `root` (default: the whole page) that scroll sideways: their content is wider than their box. */
const sidewaysScrollers = (page: Page, root = 'body') =>
  page.evaluate((selector) => {
    const found: string[] = [];
    const doc = document.scrollingElement!;
    if (selector === 'body' && doc.scrollWidth > doc.clientWidth) found.push(`page ${doc.scrollWidth} > ${doc.clientWidth}`);
    for (const el of document.querySelectorAll<HTMLElement>(`${selector} *`)) {
      const overflowX = getComputedStyle(el).overflowX;
      if ((overflowX === 'auto' || overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1)
        found.push(`${el.className || el.tagName} ${el.scrollWidth} > ${el.clientWidth}`);
    }
    const bar = document.querySelector<HTMLElement>(`${selector} .ant-table-tbody-virtual-scrollbar-horizontal`);
    if (bar && bar.offsetParent !== null && getComputedStyle(bar).visibility !== 'hidden') found.push('virtual horizontal scrollbar');
    return found;
  }, root);

/** Words of the headings (table headers, titles, tabs) laid out on more than one line, and headers wider than their column. */
const brokenWords = (page: Page) =>
  page.evaluate(() => {
    const broken: string[] = [];
    const headings = document.querySelectorAll('th, h1, h2, h3, h4, h5, .ant-tabs-tab, .ant-statistic-title, .ant-card-head-title');
    for (const heading of headings) {
      const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        // A word, its hyphenated parts counted apart (a line may end after a hyphen).
        for (const m of text.matchAll(/[A-Za-z][A-Za-z'’]+/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (lines.size > 1) broken.push(m[0]);
        }
      }
    }
    // A heading that cannot break stays whole but must not spill out of its column either.
    for (const title of document.querySelectorAll<HTMLElement>('th .ant-table-column-title')) {
      if (title.scrollWidth > title.clientWidth + 1) broken.push(`${title.textContent} (${title.scrollWidth} > ${title.clientWidth})`);
    }
    return broken;
  });

async function setLanguage(page: Page, language: 'zh-CN' | 'en'): Promise<void> {
  const current = await page.evaluate(() => document.documentElement.lang);
  if (current !== language) await page.click('[data-testid=language-switch]');
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
}

describe('home: the small things', () => {
  let all: ProjectSummary[];
  const s = usePreview({ now: () => new Date('2026-11-24T10:00:00') }, async (session) => {
    all = await perform<ProjectSummary[]>(session.ctx, 'projects.list');
    await appReady(session);
  });
  afterEach(async () => {
    await s.page.setViewportSize({ width: 1440, height: 900 });
  });

  it('has no page scroll at 1440×900: body margin 0, the document exactly the window', async () => {
    const { page } = s;
    await page.click('[data-testid=nav-home]');
    await page.waitForSelector('[data-testid=project-row]');
    const m = await page.evaluate(() => ({
      margin: getComputedStyle(document.body).margin,
      scrollWidth: document.documentElement.scrollWidth,
      scrollHeight: document.documentElement.scrollHeight,
      width: window.innerWidth,
      height: window.innerHeight,
    }));
    expect(m.margin).toBe('0px');
    expect([m.scrollWidth, m.scrollHeight]).toEqual([m.width, m.height]);
  });

  it('opens the only search hit with Enter', async () => {
    const { page } = s;
    await page.click('[data-testid=nav-home]');
    const target = all[all.length - 1]!;
    await page.locator('[data-testid=project-search]').fill(target.code);
    await expect.poll(() => page.locator('[data-testid=project-row]').count()).toBe(1);
    await page.locator('[data-testid=project-search]').press('Enter');
    await page.locator('[data-testid=project-title]', { hasText: target.name }).waitFor();
  });

  it('English counts use the right plural: "Total (1 project)", "Total (N projects)"', async () => {
    const { page } = s;
    await page.click('[data-testid=nav-home]');
    await setLanguage(page, 'en');
    const search = page.locator('[data-testid=project-search]');
    await search.fill(all[0]!.code);
    await expect.poll(() => page.locator('[data-testid=totals-row]').innerText()).toContain('Total (1 project)');
    expect(await page.locator('[data-testid=project-count]').innerText()).toBe(`1 of ${all.length} projects`);
    await search.fill('');
    await expect.poll(() => page.locator('[data-testid=totals-row]').innerText()).toContain(`Total (${all.length} projects)`);
    await setLanguage(page, 'zh-CN');
    await expect.poll(() => page.locator('[data-testid=totals-row]').innerText()).toContain(`合计（${all.length} 个项目）`);
  });

  for (const language of ['zh-CN', 'en'] as const) {
    for (const [width, height] of [
      [1440, 900],
      [1366, 768],
    ] as const) {
      it(`${language} at ${width}×${height}: the home table and the investment entry fit without sideways scrolling; no heading breaks inside a word`, async () => {
        const { page } = s;
        await page.setViewportSize({ width, height });
        await page.click('[data-testid=nav-home]');
        await setLanguage(page, language);
        await page.locator('[data-testid=project-search]').fill('');
        // Every project is in the table (the totals row counts them; a short window renders only the visible rows).
        await expect
          .poll(() => page.locator('[data-testid=totals-row]').innerText())
          .toContain(language === 'en' ? `Total (${all.length} projects)` : `合计（${all.length} 个项目）`);
        await expect.poll(() => page.locator('[data-testid=project-row]').count()).toBeGreaterThan(0);
        await page.waitForTimeout(300);
        expect(await sidewaysScrollers(page)).toEqual([]);
        expect(await brokenWords(page)).toEqual([]);
        // Nor up and down: the table scrolls inside the window, the page itself does not.
        expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(height);
        // The 1440×900 home screenshots are home.test.ts's; the 1366×768 ones are taken here.
        if (width === 1366) {
          await page.locator('[data-testid=project-search]').blur();
          await screenshot(page, `home-${language === 'en' ? 'en' : 'zh'}-${width}`);
        }

        // The investment entry: the project's investment tab with its month table.
        await page.locator('[data-testid=project-link]').first().click();
        await page.locator('[data-testid=project-title]').waitFor();
        await page.getByRole('tab', { name: language === 'en' ? 'Investment' : '投资完成' }).click();
        await page.locator('[data-testid=investment-table]').waitFor();
        await page.waitForTimeout(300);
        expect(await sidewaysScrollers(page)).toEqual([]);
        expect(await brokenWords(page)).toEqual([]);
      });
    }
  }
});

describe('home: an empty store', () => {
  let s: PreviewSession;
  afterAll(async () => {
    await s?.close();
  });

  it('points to 文件交换 instead of an empty table', async () => {
    s = await openPreview({ demo: false, now: () => new Date('2026-11-24T10:00:00') });
    const { page } = s;
    await page.locator('[data-testid=home-empty-store]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid=home-empty-store]').innerText()).toContain('文件交换');
    expect(await page.locator('[data-testid=project-table]').count()).toBe(0);
    await page.click('[data-testid=home-empty-go-sync]');
    await page.locator('[data-testid=sync-screen]').waitFor();
    expect(s.pageErrors).toEqual([]);
  });
});
