import type { Page } from 'playwright-core';
import type { BureauProjectRow } from '@shared/operations/bureau.js';
import type { ProjectSummary } from '@shared/operations/index.js';
import { clearSearch, staticPage, timeKey } from './home-render-page.js';

/**
 * Helpers of bureau-render.bench.ts, measured inside the page with performance.now():
 *   - a moment (page start, or a click on a menu item, caught by a capture listener before React sees it) until
 *     the first element of a selector is in the document (a MutationObserver installed before any script);
 *   - the baseline page: home-render-page.ts's static page of the same rows (a plain <table>, DOM filtering).
 */

declare global {
  interface Window {
    __clickAt?: number;
    __seen?: Record<string, number>;
    __watch?(selector: string): void;
  }
}

/** Installed before the page's scripts: records when each watched selector first appears, and every click's moment. */
export const WATCH_BUREAU = `
  window.__seen = {};
  const watched = new Set(['[data-testid=bureau-project-row]', '[data-testid=rank-unit-row]', '[data-testid=bureau-group-all] [data-testid=group-completion]', '[data-testid=bureau-chart] canvas', '[data-testid=project-row]']);
  window.__watch = (selector) => { delete window.__seen[selector]; watched.add(selector); };
  new MutationObserver(() => {
    for (const s of watched) if (window.__seen[s] === undefined && document.querySelector(s)) window.__seen[s] = performance.now();
  }).observe(document, { childList: true, subtree: true });
  window.addEventListener('click', () => { window.__clickAt = performance.now(); }, true);
`;

/** ms from the page's start until `selector` is in the document (after a goto or reload). */
export async function sinceStart(page: Page, selector: string): Promise<number> {
  await page.waitForFunction((s) => window.__seen?.[s] !== undefined, selector, { timeout: 60_000 });
  return page.evaluate((s) => window.__seen![s]!, selector);
}

/** Clicks `target` and returns ms from the click until `selector` is in the document (forgotten first, so a new one counts). */
export async function clickUntil(page: Page, target: string, selector: string): Promise<number> {
  await page.evaluate((s) => window.__watch!(s), selector);
  await page.locator(target).click();
  await page.waitForFunction((s) => window.__seen?.[s] !== undefined, selector, { timeout: 60_000 });
  return page.evaluate((s) => window.__seen![s]! - window.__clickAt!, selector);
}

/** Types `keys` one by one into the search box, `runs` times (clearing it after each), timing each key (keydown → painted hits). */
export async function timeSearches(page: Page, keys: readonly string[], hits: readonly number[], runs: number): Promise<number[][]> {
  const times = keys.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) {
    await page.locator('[data-testid=project-search]').focus();
    for (const [i, key] of keys.entries()) times[i]!.push(await timeKey(page, key, hits[i]!));
    await clearSearch(page);
    // The table hands the search to the store 300 ms after the last key (ProjectsScreen): let that render pass
    // before the next search starts, as it has when a person starts a new search.
    await page.waitForTimeout(500);
  }
  return times;
}

/** The home bench's static page of the same rows (its columns' text), from the bureau's rows. */
export function staticBureauPage(rows: readonly BureauProjectRow[]): string {
  const asSummaries = rows.map((r) => ({
    ...r,
    progress: { completionPct: r.completionPct, aheadPoints: r.aheadPoints },
    overdueItems: r.overdueProblems,
    daysSinceLastVisit: null,
  }));
  return staticPage(asSummaries as unknown as ProjectSummary[]);
}
