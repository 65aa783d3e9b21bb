import type { Page } from 'playwright-core';
import type { BureauProjectRow } from '@shared/operations/bureau.js';

/**
 * Helpers of bureau-render.bench.ts, measured inside the page with performance.now():
 *   - a moment (page start, or a click on a menu item, caught by a capture listener before React sees it) until
 *     the first element of a selector is in the document (a MutationObserver installed before any script);
 *   - the baseline page: the same project rows in a plain static <table>, filtered by the same searchKey test
 *     in a few lines of DOM code (as home-render-page.ts does for the officer's list).
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

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A static page with every bureau project row (the table's columns as text) and a search box filtering them. */
export function staticBureauPage(rows: readonly BureauProjectRow[]): string {
  const body = rows
    .map(
      (p) =>
        `<tr data-testid="project-row" data-key="${escapeHtml(p.searchKey)}"><td>${escapeHtml(p.name)}<br><small>${escapeHtml(p.code)} · ${escapeHtml(p.company)}</small></td>` +
        `<td>${p.level}</td><td>${p.stage}</td><td>${escapeHtml(p.sponsoringLeader)}</td><td>${escapeHtml(p.sponsoringUnit)}</td><td>${escapeHtml(p.officerName)}</td>` +
        `<td>${p.planned}</td><td>${p.completed}</td><td>${p.completionPct ?? ''}</td><td>${p.aheadPoints ?? ''}</td><td>${p.openProblems}</td><td>${p.overdueProblems}</td><td>${p.lastPacketAt ?? ''}</td></tr>`,
    )
    .join('');
  const script = `
    const rows = [...document.querySelectorAll('tr[data-testid=project-row]')].map((tr) => [tr, tr.dataset.key]);
    const count = document.querySelector('[data-testid=project-count]');
    document.querySelector('[data-testid=project-search]').addEventListener('input', (e) => {
      const terms = e.target.value.trim().toLowerCase().split(/\\s+/).filter(Boolean);
      let shown = 0;
      for (const [tr, key] of rows) {
        const hit = terms.every((t) => key.includes(t));
        tr.style.display = hit ? '' : 'none';
        if (hit) shown++;
      }
      count.textContent = terms.length ? shown + ' / ' + rows.length : String(rows.length);
    });`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>baseline</title></head><body>
    <input data-testid="project-search"> <span data-testid="project-count">${rows.length}</span>
    <div style="height:600px;overflow:auto"><table>${body}</table></div><script>${script}</script></body></html>`;
}
