/**
 * Issue 13.1 in the browser: demo mode is visibly the demo on every screen, cannot export, and is left from
 * the banner after a confirmation saying that demo work is not reported and where its backup is kept.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKeyPair, keyFingerprint } from '../../electron/packets/index.js';
import { pinBureauKey } from '../../electron/sync/keys.js';
import { appReady, openPreview, screenshot, type PreviewSession } from '../helpers/preview-browser.js';

const NOW = new Date('2026-11-24T10:00:00');
const SCREENS = ['home', 'problems', 'week', 'sync', 'settings'] as const;

describe('demo mode, in the browser', () => {
  let s: PreviewSession;
  const bureau = generateSigningKeyPair();

  beforeAll(async () => {
    s = await openPreview({ now: () => NOW });
    await appReady(s);
  });
  afterAll(async () => {
    await s?.close();
  });

  const banner = () => s.page.locator('[data-testid=demo-banner]');
  const count = (table: string) => (s.ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  it('shows the demo banner with "leave the demo" on every screen, with the demo officer and projects marked as demo', async () => {
    const { page } = s;
    expect(await page.locator('[data-testid=officer-name]').innerText()).toContain('演示用户');
    const names = await page.locator('[data-testid=project-link]').allInnerTexts();
    expect(names).toHaveLength(6);
    for (const name of names) expect(name).toMatch(/（演示）$/);
    for (const screen of SCREENS) {
      await page.click(`[data-testid=nav-${screen}]`);
      await banner().waitFor();
      expect(await banner().innerText()).toContain('演示模式');
      expect(await banner().locator('[data-testid=leave-demo]').isVisible()).toBe(true);
    }
    await page.click('[data-testid=language-switch]');
    await expect.poll(() => banner().innerText()).toContain('Demo mode');
    expect(await banner().locator('[data-testid=leave-demo]').innerText()).toBe('Leave the demo');
    await page.click('[data-testid=language-switch]');
    await expect.poll(() => banner().innerText()).toContain('演示模式');
    expect(s.pageErrors).toEqual([]);
  });

  it('on 文件交换 the import and export buttons are disabled and say why', async () => {
    const { page } = s;
    await page.click('[data-testid=nav-sync]');
    const blocked = page.locator('[data-testid=export-demo-blocked]');
    await blocked.waitFor();
    expect(await blocked.innerText()).toContain('演示模式下不能导出工作包');
    expect(await blocked.innerText()).toContain('退出演示');
    expect(await page.locator('[data-testid=export-packet]').isDisabled()).toBe(true);
    const importBlocked = page.locator('[data-testid=import-demo-blocked]');
    expect(await importBlocked.innerText()).toContain('演示模式下不能导入任务文件');
    expect(await page.locator('[data-testid=choose-assignment]').isDisabled()).toBe(true);
    await blocked.scrollIntoViewIfNeeded();
    await screenshot(page, 'sync-demo-zh');
    expect(count('packet_exports')).toBe(0);
  });

  it('leaves the demo from the banner: the confirmation says demo work is not reported and where the backup goes; then the banner is gone', async () => {
    const { page, ctx } = s;
    // The officer pinned the bureau's key while trying the demo: leaving keeps it.
    pinBureauKey(ctx.db, bureau.publicKeyPem, NOW);
    const demoDb = ctx.db;
    await page.click('[data-testid=nav-home]');
    await banner().locator('[data-testid=leave-demo]').click();
    const confirm = page.locator('[data-testid=leave-demo-confirm]');
    await confirm.waitFor();
    const text = await confirm.innerText();
    expect(text).toContain('您在演示中录入的内容不会报送经发局');
    expect(text).toContain(join(s.dir, 'backups'));
    expect(text).toContain('已信任的局里公钥');
    await screenshot(page, 'demo-leave-zh');
    await page.click('[data-testid=leave-demo-ok]');

    const left = page.locator('[data-testid=left-demo]');
    await left.waitFor();
    expect(await left.innerText()).toMatch(new RegExp(`${join(s.dir, 'backups').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/sponsor-desk-\\d{8}-\\d{6}\\.sqlite`));
    await banner().waitFor({ state: 'detached' });
    expect(ctx.db).not.toBe(demoDb); // a fresh store took the demo's place
    expect(count('projects')).toBe(0);
    // On 文件交换, ready for the first assignment: the pinned key is still there, nothing of the demo shows.
    await page.locator('[data-testid=sync-screen]').waitFor();
    await expect.poll(() => page.locator('[data-testid=sync-status]').innerText()).toContain(keyFingerprint(bureau.publicKeyPem));
    expect(await page.locator('[data-testid=export-demo-blocked]').count()).toBe(0);
    expect(await page.locator('[data-testid=import-demo-blocked]').count()).toBe(0);
    expect(await page.locator('[data-testid=choose-assignment]').isDisabled()).toBe(false);
    expect(await page.locator('[data-testid=export-packet]').isDisabled()).toBe(false);
    expect(await page.locator('[data-testid=officer-name]').innerText()).not.toContain('演示用户');
    for (const screen of SCREENS) {
      await page.click(`[data-testid=nav-${screen}]`);
      await page.waitForTimeout(100);
      expect(await banner().count()).toBe(0);
    }
    expect(s.pageErrors).toEqual([]);
  });
});
