import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { ProjectSummary } from '@shared/operations/index.js';
import { openOfficerStore } from '../../electron/app/open-store.js';
import { startPreviewServer } from '../../electron/preview/server.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { EMPTY_FILTERS, filterProjects } from '../../renderer/src/screens/home/project-table.js';
import { bridgeCookie } from '../helpers/bridge-session.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, REPO_ROOT } from '../helpers/preview-browser.js';
import { makeTempDir } from '../helpers/temp-store.js';
import { clearSearch, loadPage, settle, staticPage, timeKey, WATCH_PAGE, withMainThreadTime } from './home-render-page.js';
import { seedLargePortfolio } from './large-portfolio.js';
import { measure, once, result, timingOf } from './measure.js';
import type { BenchResult } from './types.js';

/**
 * The home screen in a real browser (issues 3 and 11): a store of 1,000 projects with 20,000 problems and
 * 20,000 visits behind the preview bridge, Debian's Chromium on it. Measured inside the page (see
 * home-render-page.ts):
 *   - navigation → the table shows rows (first load, then reloads), beside a static page of the same rows
 *     and the service/bridge time of projects.list (what the page waits for);
 *   - typing "xwd" key by key → each key's filtered rows painted (keydown → paint), beside the same keys on
 *     the static page (plain DOM filtering); pasting a Chinese name; clearing the search.
 * Needs the built renderer (npm run build:renderer; BENCH_RENDERER_DIR names another build).
 */
const SIZE = { projects: 1000, problems: 20_000, visits: 20_000 };
const NOW = new Date('2026-11-24T10:00:00');
const RELOADS = 5;
const FIRST_LOADS = 3;
const SEARCHES = 5;
const KEYS = ['x', 'w', 'd'] as const;
const BASELINE_URL = 'http://baseline.invalid/';

/** Time from just before a paste until the table shows `expected` rows in total (rAF resolution). */
async function timePaste(page: Page, text: string, expectedTotal: number): Promise<number> {
  await page.evaluate(() => {
    (window as unknown as { __t0: number }).__t0 = performance.now();
  });
  await page.locator('[data-testid=project-search]').fill(text);
  const handle = await page.waitForFunction(
    (expected) => {
      const count = document.querySelector('[data-testid=project-count]')?.textContent ?? '';
      const shown = /(\d[\d,]*)\s*\/\s*([\d,]+)/.exec(count);
      const matches = expected === -1 ? !/\//.test(count) : shown !== null && Number(shown[1]!.replace(/,/g, '')) === expected;
      return matches ? performance.now() - (window as unknown as { __t0: number }).__t0 : false;
    },
    expectedTotal,
    { polling: 'raf', timeout: 30_000 },
  );
  return (await handle.jsonValue()) as number;
}

/** Types KEYS one by one into the focused search box; each key's time goes to its own list. */
async function typeKeys(page: Page, hits: readonly number[], into: number[][]): Promise<void> {
  for (const [i, key] of KEYS.entries()) into[i]!.push(await timeKey(page, key, hits[i]!));
}

export async function run(): Promise<BenchResult[]> {
  const staticDir = process.env.BENCH_RENDERER_DIR ?? join(REPO_ROOT, 'dist', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) throw new Error('the renderer is not built: run npm run build:renderer first');
  const dir = makeTempDir('sponsor-desk-bench-render-');
  const ctx = openOfficerStore({ databasePath: dir.file('store.db'), now: () => NOW });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const seeded = await once(() => seedLargePortfolio(ctx.db, { ...SIZE, now: NOW }));
    const counts = seeded.value;
    process.stderr.write(`  seeded ${counts.projects} projects, ${counts.problems} problems, ${counts.visits} visits in ${(seeded.ms / 1000).toFixed(1)} s\n`);

    const registry = createRegistry();
    const list = async () => {
      const r = await registry.dispatch('projects.list', {}, ctx);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as ProjectSummary[];
    };
    const projects = await list();
    const service = await measure(list, { runs: 10, warmup: 1 });
    const hits = KEYS.map((_, i) => filterProjects(projects, { ...EMPTY_FILTERS, search: KEYS.slice(0, i + 1).join('') }).length);

    // The baseline: the same rows as a static page, the same keys filtering them with plain DOM code.
    const plain = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const html = staticPage(projects);
    await plain.route(`${BASELINE_URL}**`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
    await plain.addInitScript(WATCH_PAGE);
    const plainFirst = await loadPage(plain, BASELINE_URL, false);
    const plainReloads: number[] = [];
    for (let i = 0; i < RELOADS; i++) plainReloads.push(await loadPage(plain, BASELINE_URL, true));
    const plainKeys: number[][] = KEYS.map(() => []);
    for (let i = 0; i < SEARCHES; i++) {
      await plain.locator('[data-testid=project-search]').focus();
      await typeKeys(plain, hits, plainKeys);
      await clearSearch(plain);
    }
    await plain.close();

    const preview = await startPreviewServer({ registry, ctx, staticDir });
    try {
      const cookie = await bridgeCookie(preview);
      const bridge = await measure(
        async () => {
          const page = await fetch(`${preview.url}api/invoke`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie },
            body: JSON.stringify({ name: 'projects.list', input: {} }),
          });
          await page.json();
        },
        { runs: 10, warmup: 1 },
      );

      const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.addInitScript(WATCH_PAGE);

      const first = await loadPage(page, preview.openUrl, false);
      const stylesMade = await page.evaluate(() => window.__stylesMade!);
      // More first loads, each in a browser context of its own (nothing cached, a new renderer): one is too noisy here.
      const firsts = [first];
      for (let i = 1; i < FIRST_LOADS; i++) {
        const fresh = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
        fresh.on('pageerror', (e) => errors.push(e.message));
        await fresh.addInitScript(WATCH_PAGE);
        await settle(page);
        firsts.push(await loadPage(fresh, preview.issueOpenUrl(), false));
        await settle(fresh);
        await fresh.close();
      }
      const reloads: number[] = [];
      for (let i = 0; i < RELOADS; i++) reloads.push(await loadPage(page, preview.url, true));
      // The same after the page has settled: the reload above starts as soon as the rows show, while the page's
      // deferred requests (the due reminders) still hold the store, which then answers the new page late.
      const settledReloads: number[] = [];
      const settledCpu: number[] = [];
      for (let i = 0; i < RELOADS; i++) {
        await settle(page);
        const { value, cpuMs } = await withMainThreadTime(page, () => loadPage(page, preview.url, true));
        settledReloads.push(value);
        settledCpu.push(cpuMs);
      }
      const domRows = await page.locator('[data-testid=project-row]').count();

      const chinese = '动力电池';
      const chineseHits = filterProjects(projects, { ...EMPTY_FILTERS, search: chinese }).length;
      const keys: number[][] = KEYS.map(() => []);
      const typed: number[] = [];
      const pasted: number[] = [];
      const cleared: number[] = [];
      for (let i = 0; i < SEARCHES; i++) {
        await page.locator('[data-testid=project-search]').focus();
        const before = keys.map((k) => k.length);
        await typeKeys(page, hits, keys);
        typed.push(keys.reduce((sum, k, j) => sum + k.slice(before[j]).reduce((a, b) => a + b, 0), 0));
        cleared.push(await clearSearch(page));
        pasted.push(await timePaste(page, chinese, chineseHits));
        await clearSearch(page);
      }
      if (errors.length > 0) throw new Error(`the page reported errors: ${errors.join('; ')}`);
      await page.close();

      const sizes = `${counts.projects} projects, ${counts.problems} problems, ${counts.visits} visits`;
      const firstLoad = timingOf(firsts);
      return [
        result('service: projects.list via registry', service, { note: sizes }),
        result('bridge: projects.list over loopback HTTP (incl. JSON)', bridge),
        result('baseline: static page of the same rows, first load', plainFirst, { note: `${projects.length} <tr>, no framework` }),
        result('browser: navigation → table shows rows, first load', firstLoad, {
          baseline: plainFirst + bridge.median,
          note: `baseline = static page + bridge; ${domRows} rows in the DOM (virtualised) of ${projects.length}; antd styles made at runtime before the rows: ${stylesMade[0]} (${Math.round(stylesMade[1] / 1000)} KB)`,
        }),
        result('baseline: static page of the same rows, reload', timingOf(plainReloads)),
        result('browser: navigation → table shows rows, reload', timingOf(reloads), {
          baseline: timingOf(plainReloads).median + bridge.median,
          note: 'baseline = static page reload + bridge; reloaded as soon as the rows show',
        }),
        result('browser: navigation → table shows rows, reload after the page settled', timingOf(settledReloads), {
          baseline: timingOf(plainReloads).median + bridge.median,
          note: 'baseline = static page reload + bridge; reloaded once no request was in flight for 300 ms',
        }),
        result("browser: the same reload, CPU time of the page's main thread", timingOf(settledCpu), { note: 'thread time, not wall-clock' }),
        ...KEYS.flatMap((key, i) => [
          result(`baseline: static page, key "${key}" (→ "${KEYS.slice(0, i + 1).join('')}") → rows painted`, timingOf(plainKeys[i]!), {
            note: `${hits[i]} hits; plain DOM filter`,
          }),
          result(`browser: key "${key}" (→ "${KEYS.slice(0, i + 1).join('')}") → filtered rows painted`, timingOf(keys[i]!), {
            baseline: timingOf(plainKeys[i]!).median,
            note: `${hits[i]} hits; keydown → paint`,
          }),
        ]),
        result('browser: type "xwd" (3 keys, sum of the three) → filtered rows', timingOf(typed), { note: `${hits[2]} hits` }),
        result(`browser: paste "${chinese}" → filtered rows`, timingOf(pasted), { note: `${chineseHits} hits` }),
        result('browser: clear the search (Ctrl+A, Backspace) → all rows', timingOf(cleared)),
      ];
    } finally {
      await preview.close();
    }
  } finally {
    await browser.close();
    ctx.db.close();
    dir.remove();
  }
}
