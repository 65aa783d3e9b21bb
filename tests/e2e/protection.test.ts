import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { openOfficerStore } from '../../electron/app/open-store.js';
import { startPreviewServer, type PreviewServer } from '../../electron/preview/server.js';
import { createRegistry } from '../../electron/handlers/index.js';
import type { ServiceContext } from '../../electron/handlers/context.js';
import { isEncryptedFile } from '../../electron/store/driver.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, REPO_ROOT, SCREENSHOT_DIR } from '../helpers/preview-browser.js';

/**
 * Data at rest in the browser: a protected store opens on the unlock screen, a wrong passphrase is
 * refused there with nothing changed, the right one opens the app; Settings protects an open store.
 */

const PASS = '帮包工作台 2026 passphrase';
const NOW = () => new Date('2026-11-24T10:00:00');

interface Session {
  dir: string;
  ctx: ServiceContext;
  preview: PreviewServer;
  browser: Browser;
  page: Page;
  pageErrors: string[];
}

async function serve(dir: string): Promise<Session> {
  const registry = createRegistry();
  const ctx = openOfficerStore({ databasePath: join(dir, 'sponsor-desk.sqlite'), seedDemoWhenEmpty: true, now: NOW });
  const preview = await startPreviewServer({ registry, ctx, staticDir: join(REPO_ROOT, 'dist', 'renderer') });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(preview.openUrl);
  return { dir, ctx, preview, browser, page, pageErrors };
}

async function stop(s: Session | null): Promise<void> {
  if (!s) return;
  await s.browser.close();
  await s.preview.close();
  if (s.ctx.db.open) s.ctx.db.close();
}

describe('passphrase protection in the browser', () => {
  let dir: string;
  let s: Session | null = null;
  afterEach(async () => {
    await stop(s);
    s = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('a protected store opens on the unlock screen: wrong passphrase refused, right one opens the home screen', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sponsor-desk-e2e-'));
    const first = openOfficerStore({ databasePath: join(dir, 'sponsor-desk.sqlite'), seedDemoWhenEmpty: true, now: NOW });
    const set = await createRegistry().dispatch('store.setPassphrase', { passphrase: PASS }, first);
    expect(set.ok).toBe(true);
    first.db.close();
    const bytes = readFileSync(join(dir, 'sponsor-desk.sqlite'));

    s = await serve(dir);
    const { page } = s;
    expect(s.ctx.locked).toBe(true);
    await page.waitForSelector('[data-testid=unlock-screen]');
    await page.getByText('数据已加密保护').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'unlock-zh.png') });

    await page.locator('[data-testid=unlock-passphrase]').fill('不是这个密码');
    await page.locator('[data-testid=unlock-submit]').click();
    await page.locator('[data-testid=unlock-error]').getByText('密码不正确，未做任何改动').waitFor();
    expect(s.ctx.locked).toBe(true);
    expect(readFileSync(join(dir, 'sponsor-desk.sqlite')).equals(bytes)).toBe(true);
    expect(await page.locator('[data-testid=project-row]').count()).toBe(0);

    // English on the unlock screen, then the right passphrase by keyboard.
    await page.locator('[data-testid=unlock-language]').click();
    await page.getByText('Your data is protected').waitFor();
    await page.locator('[data-testid=unlock-passphrase]').fill(PASS);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=project-row]', { timeout: 15_000 });
    expect(s.ctx.locked).toBe(false);
    // The stored language (Chinese, the demo's) applies once the store is open.
    await page.getByText('我的项目').first().waitFor();
    expect(s.pageErrors).toEqual([]);
  });

  it('Settings protects an open store: the database file is encrypted and the card says so', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sponsor-desk-e2e-'));
    s = await serve(dir);
    const { page } = s;
    await page.waitForSelector('[data-testid=project-row]', { timeout: 15_000 });
    await page.locator('[data-testid=nav-settings]').click();
    await page.waitForSelector('[data-testid=protection-card]');
    expect(await page.locator('[data-testid=protection-state]').innerText()).toContain('未加密');

    await page.locator('[data-testid=protection-new]').fill('short');
    await page.locator('[data-testid=protection-confirm]').fill('short');
    await page.locator('[data-testid=protection-submit]').click();
    await page.getByText('密码至少 8 个字符').waitFor();
    expect(isEncryptedFile(join(dir, 'sponsor-desk.sqlite'))).toBe(false);

    await page.locator('[data-testid=protection-new]').fill(PASS);
    await page.locator('[data-testid=protection-confirm]').fill(PASS);
    await page.locator('[data-testid=protection-submit]').click();
    await expect.poll(() => page.locator('[data-testid=protection-state]').innerText()).toContain('已加密');
    expect(isEncryptedFile(join(dir, 'sponsor-desk.sqlite'))).toBe(true);
    expect(existsSync(join(dir, 'sponsor-desk.sqlite'))).toBe(true);
    await page.locator('[data-testid=protection-card]').screenshot({ path: join(SCREENSHOT_DIR, 'settings-protection-zh.png') });

    // Change needs the current passphrase: a wrong one is refused with a message.
    await page.locator('[data-testid=protection-current]').fill('wrong passphrase');
    await page.locator('[data-testid=protection-new]').fill('a new passphrase 3');
    await page.locator('[data-testid=protection-confirm]').fill('a new passphrase 3');
    await page.locator('[data-testid=protection-submit]').click();
    await page.getByText('密码不正确，未做任何改动').waitFor();
    expect(s.pageErrors).toEqual([]);
  });
});
