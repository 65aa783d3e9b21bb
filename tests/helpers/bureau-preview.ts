import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { lazyBureau } from '../../electron/bureau/context.js';
import { createBureauRegistry } from '../../electron/bureau/operations/index.js';
import { initBureau } from '../../electron/bureau/init.js';
import { seedDemoDistrict } from '../../electron/demo/bureau-district.js';
import { startPreviewServer } from '../../electron/preview/server.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, REPO_ROOT } from './preview-browser.js';

/**
 * The bureau preview with the demo district seeded at `now` (or an empty desk), in Chromium at 1440×900; with `fixClock` the page's
 * Date says the same moment (so its "today" is the desk's; ECharts animates by Date, so not for the overview).
 * Records the page's errors and every operation it calls.
 */
export async function openBureauPreview(now: Date, { fixClock = false, empty = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sponsor-desk-e2e-bureau-'));
  const dbPath = join(dir, 'sponsor-desk-bureau.sqlite');
  // `empty`: a desk just set up (no demo district), as after leaving the demo.
  if (empty) initBureau(dbPath, { now: () => now });
  else await seedDemoDistrict(dbPath, () => now);
  const ctx = lazyBureau(dbPath, () => now);
  const preview = await startPreviewServer({ desk: 'bureau', registry: createBureauRegistry(), ctx, staticDir: join(REPO_ROOT, 'dist', 'renderer') });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const page: Page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  if (fixClock) await page.clock.setFixedTime(now);
  const pageErrors: string[] = [];
  const operationsCalled: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().includes('favicon')) pageErrors.push(m.text());
  });
  page.on('request', (r) => {
    if (r.url().endsWith('/api/invoke')) operationsCalled.push((JSON.parse(r.postData() ?? '{}') as { name: string }).name);
  });
  await page.goto(preview.openUrl);
  try {
    await page.waitForSelector('[data-testid=bureau-desk]', { timeout: 15_000 });
  } catch {
    // Another build replacing dist/renderer while the page fetched its script leaves a blank page: reload once.
    pageErrors.length = 0;
    await page.reload();
    await page.waitForSelector('[data-testid=bureau-desk]', { timeout: 30_000 });
  }
  return {
    ctx,
    page,
    pageErrors,
    operationsCalled,
    async close() {
      await browser.close();
      await preview.close();
      ctx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type BureauPreview = Awaited<ReturnType<typeof openBureauPreview>>;
