import type { Page } from 'playwright-core';
import type { ProjectSummary } from '@shared/operations/index.js';

/**
 * Helpers of home-render.bench.ts, measured inside the page with performance.now():
 *   - navigation → the first project row is in the document (a MutationObserver installed before any script);
 *   - one key → the table shows that prefix's hits, painted: from the key's keydown (a capture listener on
 *     window, so before React sees it) to the first frame whose rAF sees the expected count, plus the task after
 *     that frame (so the paint itself is inside the figure).
 * And the baseline page: the same rows in a plain static <table> (no framework), filtered by the same
 * searchKey test in a few lines of DOM code, served at a made-up origin through Playwright's routing.
 */

declare global {
  interface Window {
    __rowsAt?: number;
    __keyAt?: number;
    /** antd styles made at runtime (cssinjs <style data-css-hash>) before the first row: count and characters. */
    __stylesMade?: [number, number];
  }
}

export const WATCH_PAGE = `
  window.__stylesMade = [0, 0];
  new MutationObserver((records, observer) => {
    for (const r of records) for (const n of r.addedNodes)
      if (n.nodeName === 'STYLE' && n.hasAttribute('data-css-hash')) window.__stylesMade = [window.__stylesMade[0] + 1, window.__stylesMade[1] + n.textContent.length];
    if (document.querySelector('[data-testid=project-row]')) {
      window.__rowsAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
  window.addEventListener('keydown', () => { window.__keyAt = performance.now(); }, true);
`;

/**
 * Resolves once the page has had no request in flight for `quietMs` (its deferred requests, such as the due
 * reminders after the first rows, answered): a reload measured after this does not share the store with them.
 */
export async function settle(page: Page, quietMs = 300): Promise<void> {
  let inFlight = 0;
  let last = Date.now();
  const started = () => void (inFlight++, (last = Date.now()));
  const ended = () => void (inFlight--, (last = Date.now()));
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  try {
    // Requests sent before this call are not counted: give them their own quiet period first.
    await page.waitForLoadState('networkidle');
    while (inFlight > 0 || Date.now() - last < quietMs) await page.waitForTimeout(50);
  } finally {
    page.off('request', started);
    page.off('requestfinished', ended);
    page.off('requestfailed', ended);
  }
}

/**
 * Runs `load` and answers its result with the CPU time the page's main thread spent meanwhile (Chromium's
 * Performance metrics in thread time): less sensitive than wall-clock figures to the other work on a shared machine.
 */
export async function withMainThreadTime<T>(page: Page, load: () => Promise<T>): Promise<{ value: T; cpuMs: number }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const threadTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? 0;
    const before = await threadTime();
    const value = await load();
    return { value, cpuMs: ((await threadTime()) - before) * 1000 };
  } finally {
    await cdp.detach();
  }
}

export async function loadPage(page: Page, url: string, reload: boolean): Promise<number> {
  if (reload) await page.reload();
  else await page.goto(url);
  await page.waitForFunction(() => window.__rowsAt !== undefined, undefined, { timeout: 60_000 });
  return page.evaluate(() => window.__rowsAt!);
}

/** Presses one key and returns ms from its keydown until the count shows `expected` hits (-1: unfiltered) and is painted. */
export async function timeKey(page: Page, key: string, expected: number): Promise<number> {
  await page.evaluate(() => {
    window.__keyAt = undefined;
  });
  await page.keyboard.press(key);
  // A string, not a function: tsx would wrap named inner functions in a helper the page does not have.
  return page.evaluate(`new Promise((resolve, reject) => {
    const want = ${expected};
    const until = performance.now() + 30000;
    const check = () => {
      const count = document.querySelector('[data-testid=project-count]')?.textContent ?? '';
      const shown = /(\\d[\\d,]*)\\s*\\/\\s*([\\d,]+)/.exec(count);
      const ok = want === -1 ? !/\\//.test(count) : shown !== null && Number(shown[1].replace(/,/g, '')) === want;
      if (ok && window.__keyAt !== undefined) {
        const keyAt = window.__keyAt;
        // This frame paints what the check saw; the task after it runs once the frame is out.
        setTimeout(() => resolve(performance.now() - keyAt), 0);
      } else if (performance.now() > until) reject(new Error('count stayed "' + count + '", expected ' + want));
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })`) as Promise<number>;
}

/** Empties the search box (select all, Backspace) and waits for every row to be back. */
export async function clearSearch(page: Page): Promise<number> {
  await page.keyboard.press('Control+A');
  return timeKey(page, 'Backspace', -1);
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A static page with every project as a plain table row (the same columns' text) and a search box filtering them. */
export function staticPage(projects: readonly ProjectSummary[]): string {
  const rows = projects
    .map(
      (p) =>
        `<tr data-testid="project-row" data-key="${escapeHtml(p.searchKey)}"><td>${escapeHtml(p.name)}<br><small>${escapeHtml(p.code)} · ${escapeHtml(p.company)}</small></td>` +
        `<td>${p.level}</td><td>${p.stage}</td><td>${escapeHtml(p.sponsoringLeader)}</td><td>${escapeHtml(p.sponsoringUnit)}</td>` +
        `<td>${p.progress.completionPct ?? ''}</td><td>${p.progress.aheadPoints ?? ''}</td><td>${p.openProblems}</td><td>${p.overdueItems}</td><td>${p.daysSinceLastVisit ?? ''}</td></tr>`,
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
    <input data-testid="project-search"> <span data-testid="project-count">${projects.length}</span>
    <div style="height:600px;overflow:auto"><table>${rows}</table></div><script>${script}</script></body></html>`;
}
