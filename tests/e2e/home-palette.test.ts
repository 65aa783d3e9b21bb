import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appReady, openPreview, screenshot, type PreviewSession } from '../helpers/preview-browser.js';

/** Ctrl/Cmd+K: jump to a project by name, code or pinyin, or to a screen, without the mouse. */
describe('command palette (Ctrl+K)', () => {
  let s: PreviewSession;
  const items = () => s.page.locator('[data-testid=palette-item]');
  const open = async () => {
    await s.page.keyboard.press('Control+k');
    await s.page.locator('[data-testid=palette-input]').waitFor();
    await expect.poll(() => s.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('palette-input');
  };
  const selectedMenu = () => s.page.locator('.ant-menu-item-selected').innerText();

  beforeAll(async () => {
    s = await openPreview({ now: () => new Date('2026-11-24T10:00:00') });
    await appReady(s);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('opens with Ctrl+K, lists screens and projects, and jumps to a project found by pinyin initials with Enter', async () => {
    const { page } = s;
    await open();
    const all = await items().count();
    expect(all).toBe(5 + 6); // five screens, six projects
    await screenshot(page, 'palette-zh');
    await page.keyboard.type('mhdl');
    await expect.poll(() => items().count()).toBe(1);
    expect(await items().first().getAttribute('data-kind')).toBe('project');
    expect(await items().first().getAttribute('aria-selected')).toBe('true');
    expect(await items().first().innerText()).toContain('明湖动力电池二期项目（演示）');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=project-title]').innerText()).toBe('明湖动力电池二期项目（演示）');
    await expect.poll(() => page.locator('[data-testid=palette-input]').count()).toBe(0); // gone once the close animation ends
  });

  it('jumps to a screen by its Chinese initials or English name', async () => {
    const { page } = s;
    await open();
    await page.keyboard.type('wtta');
    await expect.poll(() => items().first().innerText()).toContain('问题台账');
    await page.keyboard.press('Enter');
    await expect.poll(selectedMenu).toBe('问题台账');

    await open();
    await page.keyboard.type('settings');
    await expect.poll(() => items().first().innerText()).toContain('设置');
    await page.keyboard.press('Enter');
    await expect.poll(selectedMenu).toBe('设置');
  });

  it('moves with ↑/↓ through a code search, and Esc closes without going anywhere', async () => {
    const { page } = s;
    await page.locator('[data-testid=nav-home]').click();
    await page.waitForSelector('[data-testid=project-row]');
    // Ctrl+K works from inside a text field too.
    await page.locator('[data-testid=project-search]').focus();
    await open();
    await page.keyboard.type('demo-00');
    await expect.poll(() => items().count()).toBe(6);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    expect(await page.locator('[data-testid=palette-item][aria-selected=true]').innerText()).toContain('DEMO-002');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid=palette-input]').count()).toBe(0);
    expect(await selectedMenu()).toBe('我的项目');
    expect(await page.locator('[data-testid=project-row]').count()).toBe(6);

    await open();
    await page.keyboard.type('demo-00');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=project-title]').innerText()).toBe('青檀精密结构件生产基地（演示）');
  });

  it('says so when nothing matches', async () => {
    const { page } = s;
    await open();
    await page.keyboard.type('zzzzqq');
    await expect.poll(() => page.locator('[data-testid=palette-list]').innerText()).toContain('没有匹配的项目或功能');
    await page.keyboard.press('Enter'); // nothing to open: stays open
    expect(await page.locator('[data-testid=palette-input]').count()).toBe(1);
    await page.keyboard.press('Escape');
    expect(s.pageErrors).toEqual([]);
  });
});
