import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPreview, screenshot, type PreviewSession } from '../helpers/preview-browser.js';

describe('the preview shows the officer their projects', () => {
  let s: PreviewSession;
  beforeAll(async () => {
    s = await openPreview({ now: () => new Date('2026-11-24T10:00:00') });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('lists the demo projects in Chinese with level, stage, leader, unit and schedule figures', async () => {
    const { page } = s;
    await page.waitForSelector('[data-testid=project-link]');
    const names = await page.locator('[data-testid=project-link]').allTextContents();
    const expected = (s.ctx.db.prepare('SELECT name FROM projects ORDER BY code').all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(expected);
    expect(names.length).toBe(6);
    const body = await page.locator('[data-testid=project-table]').innerText();
    expect(body).toContain('省级');
    expect(body).toContain('建设实施');
    expect(body).toContain('王立新');
    expect(body).toContain('区经济发展局');
    expect(body).toMatch(/超 \d+\.\d 个百分点/);
    expect(body).toMatch(/落后 \d+\.\d 个百分点/);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await screenshot(page, 'home-zh');
  });

  it('switches to English and remembers it in the store', async () => {
    const { page } = s;
    await page.click('[data-testid=language-switch]');
    await page.getByText('My projects').first().waitFor();
    const body = await page.locator('[data-testid=project-table]').innerText();
    expect(body).toContain('Provincial');
    expect(body).toMatch(/ahead by \d+\.\d points/);
    await expect.poll(() => (s.ctx.db.prepare("SELECT value FROM settings WHERE key = 'language'").get() as { value: string } | undefined)?.value).toBe('"en"');
    await screenshot(page, 'home-en');
  });

  it('opens a project page from the list', async () => {
    const { page } = s;
    await page.locator('[data-testid=project-link]').first().click();
    const title = await page.locator('[data-testid=project-title]').innerText();
    const first = s.ctx.db.prepare('SELECT name FROM projects ORDER BY code LIMIT 1').get() as { name: string };
    expect(title).toBe(first.name);
    expect(await page.locator('[data-testid=milestone]').count()).toBeGreaterThan(0);
    await screenshot(page, 'project-en');
    await page.click('[data-testid=language-switch]');
    await page.getByText('项目信息').waitFor();
    await screenshot(page, 'project-zh');
    expect(s.pageErrors).toEqual([]);
  });
});
