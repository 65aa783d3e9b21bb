import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordIntegrity, startIntegrityCheck } from '../../electron/jobs/integrity-schedule.js';
import { appReady, openPreview, screenshot, type PreviewSession } from '../helpers/preview-browser.js';

/**
 * The store's background integrity check in the page (issue 11): Settings says when the store was last checked
 * and the result; a failed check warns on every screen, in the user's language. The passing check is the real
 * worker on the preview's store; the failure is recorded as the worker records one (a real damaged store is
 * tests/integration/store-integrity-check.test.ts).
 */
describe('integrity check in the page', () => {
  let s: PreviewSession;
  const NOW = new Date('2026-11-24T10:00:00+08:00');

  beforeAll(async () => {
    s = await openPreview({ now: () => NOW });
    await appReady(s);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('Settings says "not checked yet", then the time of the passing check the worker ran', async () => {
    const { page } = s;
    await page.locator('[data-testid=nav-settings]').click();
    const status = page.locator('[data-testid=integrity-status]');
    await expect.poll(() => status.textContent()).toContain('尚未检查');
    const record = await startIntegrityCheck(s.ctx).done;
    expect(record?.ok).toBe(true);
    await page.reload();
    await page.locator('[data-testid=nav-settings]').click();
    await expect.poll(() => status.textContent()).toBe('2026-11-24 10:00 检查通过');
    expect(await page.locator('[data-testid=integrity-warning]').count()).toBe(0);
    expect(s.pageErrors).toEqual([]);
  });

  it('a failed check is a warning on every screen, in Chinese and in English', async () => {
    const { page } = s;
    recordIntegrity(s.ctx, {
      checkedAt: NOW.toISOString(),
      ok: false,
      findings: ['*** in database main ***\nPage 42: btreeInitPage() returns error code 11'],
      ms: 5,
    });
    await page.reload();
    const warning = page.locator('[data-testid=integrity-warning]');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('数据文件检查未通过');
    expect(await warning.textContent()).toContain('Page 42');
    await screenshot(page, 'integrity-warning-zh');
    await page.locator('[data-testid=nav-week]').click();
    expect(await warning.isVisible()).toBe(true);
    await page.locator('[data-testid=language-switch]').click();
    await expect.poll(() => warning.textContent()).toContain('The data file failed its check');
    await page.locator('[data-testid=nav-settings]').click();
    await expect.poll(() => page.locator('[data-testid=integrity-status]').textContent()).toContain('found the data file damaged');
    expect(s.pageErrors).toEqual([]);
  });
});
