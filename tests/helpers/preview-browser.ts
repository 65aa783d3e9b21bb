import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openOfficerStore } from '../../electron/app/open-store.js';
import { startPreviewServer, type PreviewServer } from '../../electron/preview/server.js';
import { createRegistry } from '../../electron/handlers/index.js';
import type { ServiceContext } from '../../electron/handlers/context.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'docs', 'screenshots');

/** Debian's Chromium, as this machine and CI have it; the flags keep it off the (closed) network. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface PreviewSession {
  ctx: ServiceContext;
  preview: PreviewServer;
  browser: Browser;
  page: Page;
  dir: string;
  /** Errors the page threw or logged: a test asserts there are none. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * A real preview: a fresh store in a temp folder (demo dataset unless told otherwise), the bridge on a random
 * loopback port serving the built renderer (npm test builds it first), and Chromium on it, signed in through the
 * one-time address. Packets exported from the page go to `outboxDir` (default: the store folder's outbox).
 */
export async function openPreview(
  options: { demo?: boolean; now?: () => Date; language?: 'zh-CN' | 'en'; outboxDir?: string; browser?: Browser } = {},
): Promise<PreviewSession> {
  const dir = mkdtempSync(join(tmpdir(), 'sponsor-desk-e2e-'));
  const ctx = openOfficerStore({ databasePath: join(dir, 'sponsor-desk.sqlite'), seedDemoWhenEmpty: options.demo ?? true, now: options.now });
  if (options.language) ctx.db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('language', ?)").run(JSON.stringify(options.language));
  const preview = await startPreviewServer({ registry: createRegistry(), ctx, staticDir: join(REPO_ROOT, 'dist', 'renderer'), outboxDir: options.outboxDir });
  // A browser passed in (several desks in one Chromium) is the caller's to close; each page has a context of its own.
  const browser = options.browser ?? (await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }));
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().includes('favicon')) pageErrors.push(m.text());
  });
  // The printed address with its one-time secret, as a person opens it: the bridge answers with the session cookie.
  await page.goto(preview.openUrl);
  return {
    ctx,
    preview,
    browser,
    page,
    dir,
    pageErrors,
    async close() {
      await (options.browser ? page.context().close() : browser.close());
      await preview.close();
      ctx.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot under docs/screenshots/ (committed, for people to look at). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300); // let antd's transitions settle
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/**
 * Saves `name` at the desktop's usual 1440×900, then `name-1366` at the small laptop's 1366×768 (after `at1366`,
 * e.g. a wait for the layout to settle), and goes back to 1440×900.
 */
export async function screenshotBothSizes(page: Page, name: string, at1366?: () => Promise<unknown>): Promise<void> {
  await screenshot(page, name);
  await page.setViewportSize({ width: 1366, height: 768 });
  await at1366?.();
  await screenshot(page, `${name}-1366`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

/**
 * Waits for the home table; reloads once if the first load failed (another build replacing dist/renderer
 * while the page fetched its script leaves a blank page that a reload fixes).
 */
export async function appReady(s: PreviewSession): Promise<void> {
  const { page } = s;
  try {
    await page.waitForSelector('[data-testid=project-row]', { timeout: 15_000 });
  } catch {
    s.pageErrors.length = 0; // the failed load's errors; any from here on count
    await page.reload();
    await page.waitForSelector('[data-testid=project-row]', { timeout: 30_000 });
  }
}

/** Waits (up to ten seconds) for the "saved" toasts to go, so they are not in a screenshot. */
export async function toastsGone(page: Page): Promise<void> {
  await page
    .locator('.ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
}

/** Toasts gone, nothing focused and the page at the top, so a screenshot shows the screen itself. */
export async function settle(page: Page): Promise<void> {
  await toastsGone(page);
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
}

/** Saves a screenshot of the whole page (not only the window) under docs/screenshots/, toasts gone. */
export async function fullScreenshot(page: Page, name: string): Promise<void> {
  await toastsGone(page);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Scrolls the element to the top of the window, just below the app's header. */
export async function scrollToTop(page: Page, testId: string): Promise<void> {
  await page.locator(`[data-testid=${testId}]`).evaluate((e) => {
    e.scrollIntoView({ block: 'start' });
    window.scrollBy(0, -64);
  });
}

/** Once the app is ready, opens a screen from the side navigation and waits for `shown` on it. */
export async function openScreen(s: PreviewSession, nav: string, shown: string): Promise<void> {
  await appReady(s);
  await s.page.locator(`[data-testid=${nav}]`).click();
  await s.page.waitForSelector(`[data-testid=${shown}]`);
}

/** Opens the project named `project` from the home table, then its tab `tab`, and waits for `shown`. */
export async function openProjectTab(page: Page, project: string, tab: string, shown: string): Promise<void> {
  await page.locator('[data-testid=project-link]', { hasText: project }).click();
  await page.getByRole('tab', { name: tab }).click();
  await page.waitForSelector(`[data-testid=${shown}]`);
}
