import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reminders } from '@shared/operations/reminders.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { openPreview, screenshot, type PreviewSession } from '../helpers/preview-browser.js';

/**
 * Issue 13, point 10, in Chromium: on start the window shows what is overdue and what falls due in the next
 * three days (the `reminders.due` list), closing it keeps it away for the day, and it comes back when the
 * district's day changes while the desk stays open.
 */
const registry = createRegistry();

describe('due reminders in the window', () => {
  let s: PreviewSession;
  let page: Page;
  // Tuesday 24 November 2026, 10:00 in Beijing; the test moves it on to the next day.
  let clock = new Date('2026-11-24T02:00:00Z');
  const due = async (): Promise<Reminders> => {
    const result = await registry.dispatch('reminders.due', {}, s.ctx);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value as Reminders;
  };
  const notice = () => page.locator('[data-testid=reminders-notice]');
  /** The window regains focus: the notice checks whether the day has changed. */
  const focus = () => page.evaluate(() => window.dispatchEvent(new Event('focus')));

  beforeAll(async () => {
    s = await openPreview({ now: () => new Date(clock.getTime()) });
    page = s.page;
    await page.waitForSelector('[data-testid=project-link]');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows the overdue and soon-due work on start, as reminders.due lists it', async () => {
    const r = await due();
    expect(r.overdue.length + r.dueSoon.length).toBeGreaterThan(0); // the demo has overdue tasks
    await notice().waitFor();
    expect(await notice().getAttribute('data-today')).toBe('2026-11-24');
    const counts = await page.locator('[data-testid=reminders-counts]').innerText();
    if (r.overdue.length > 0) expect(counts).toContain(`逾期 ${r.overdue.length} 项`);
    if (r.dueSoon.length > 0) expect(counts).toContain(`3 天内到期 ${r.dueSoon.length} 项`);
    const first = [...r.overdue, ...r.dueSoon][0]!;
    const items = page.locator('[data-testid=reminder-item]');
    expect(await items.first().innerText()).toContain(`${first.projectName} · ${first.title}`);
    expect(await items.first().getAttribute('data-urgency')).toBe(first.urgency);
    await screenshot(page, 'reminders-zh');
  });

  it('closed, it stays away for the rest of the day', async () => {
    await notice().locator('.ant-alert-close-icon').click();
    await notice().waitFor({ state: 'detached' });
    await focus();
    await page.waitForTimeout(500);
    expect(await notice().count()).toBe(0);
  });

  it('comes back when the day changes in Beijing (00:30 on the 25th, still the 24th in UTC), and leads to 本周工作', async () => {
    clock = new Date('2026-11-24T16:30:00Z');
    await focus();
    await notice().waitFor();
    expect(await notice().getAttribute('data-today')).toBe('2026-11-25');
    const r = await due();
    expect(await page.locator('[data-testid=reminder-item]').count()).toBe(Math.min(3, r.overdue.length + r.dueSoon.length));
    await page.click('[data-testid=reminders-open]');
    await notice().waitFor({ state: 'detached' });
    await page.locator('[data-testid=week-screen]').waitFor();
    expect(s.pageErrors).toEqual([]);
  });
});
