import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ProjectListItem } from '@shared/operations/projects.js';
import { LIGHT_DIMENSIONS } from '@shared/rules/index.js';
import { lightSentence, lightsHover } from '../../renderer/src/components/TrafficLights.js';
import { translator } from '../../renderer/src/i18n/index.js';
import { EMPTY_FILTERS, filterProjects, sortProjects } from '../../renderer/src/screens/home/project-table.js';
import { perform } from '../helpers/operations.js';
import { appReady, screenshot, screenshotBothSizes } from '../helpers/preview-browser.js';
import { chooseOption } from '../helpers/select-option.js';
import { usePreview } from '../helpers/use-preview.js';

/**
 * The traffic lights (红黄绿灯, issue 14) on the officer's desk: the home table's light column (dot and word, every
 * dimension's rule on hover, sorting red first), the light filter, and the project page's 红黄绿灯 card, in both
 * languages. What the screen shows is compared with projects.list's lights and the shared sentences.
 */
describe('home: traffic lights', () => {
  let all: ProjectListItem[];
  const s = usePreview({ now: () => new Date('2026-11-24T10:00:00') }, async (session) => {
    all = await perform<ProjectListItem[]>(session.ctx, 'projects.list');
    await appReady(session);
  });

  const shownIds = (page: Page) => page.locator('[data-testid=project-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-project-id')));
  const idsOf = (rows: readonly ProjectListItem[]) => rows.map((p) => p.id);
  const rowLight = (page: Page, id: string) => page.locator(`[data-testid=project-row][data-project-id="${id}"] [data-testid=row-light]`);

  it('shows each project’s light with its word, and every rule on hover', async () => {
    const { page } = s;
    // The demo lights its projects differently, so the column, the sort and the filter are not of one light.
    expect(new Set(all.map((p) => p.lights.overall)).size).toBeGreaterThan(1);
    const zh = translator('zh-CN');
    for (const p of all) {
      const mark = rowLight(page, p.id);
      await expect.poll(() => mark.getAttribute('data-light')).toBe(p.lights.overall);
      expect(await mark.innerText()).toBe(zh(`light.${p.lights.overall}`));
      const hover = await mark.getAttribute('title');
      expect(hover).toBe(lightsHover(p.lights, zh, 'zh-CN'));
      // The hover says the rule of every rated dimension, the ones that set the light first.
      const rated = LIGHT_DIMENSIONS.filter((d) => p.lights.dimensions[d].light !== 'none');
      expect(hover!.split('\n')).toHaveLength(rated.length);
      expect(hover!.split('\n')[0]).toContain(zh(`light.${p.lights.overall}`));
    }
    const headers = (await page.locator('[data-testid=project-table] thead th').allInnerTexts()).map((h) => h.trim());
    expect(headers[1]).toBe('灯色');
    await screenshotBothSizes(page, 'home-lights-zh', () => page.waitForTimeout(300));
  });

  it('sorts red first, and filters by light', async () => {
    const { page } = s;
    await page.locator('[data-testid=project-table] thead th', { hasText: '灯色' }).click();
    const redFirst = sortProjects(all, { key: 'light', order: 'ascend' });
    await expect.poll(() => shownIds(page)).toEqual(idsOf(redFirst));
    expect(redFirst[0]!.lights.overall).toBe(all.some((p) => p.lights.overall === 'red') ? 'red' : 'yellow');
    await page.locator('[data-testid=project-table] thead th', { hasText: '灯色' }).click();
    await expect.poll(() => shownIds(page)).toEqual(idsOf(sortProjects(all, { key: 'light', order: 'descend' })));
    await page.locator('[data-testid=project-table] thead th', { hasText: '灯色' }).click();
    await expect.poll(() => shownIds(page)).toEqual(idsOf(all));

    const light = all[0]!.lights.overall;
    const word = translator('zh-CN')(`light.${light}`);
    await chooseOption(page, 'filter-light', word);
    await page.keyboard.press('Escape');
    const kept = filterProjects(all, { ...EMPTY_FILTERS, lights: [light] });
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(all.length);
    await expect.poll(() => shownIds(page)).toEqual(idsOf(kept));
    await expect.poll(() => page.locator('[data-testid=project-count]').innerText()).toContain(`${kept.length}`);
    await page.locator('[data-testid=clear-filters]').click();
    await expect.poll(() => shownIds(page)).toEqual(idsOf(all));
  });

  it('shows the project page’s 红黄绿灯 card with each dimension’s rule, in both languages', async () => {
    const { page } = s;
    const project = [...all].sort((a, b) => (a.lights.overall === 'red' ? -1 : b.lights.overall === 'red' ? 1 : 0))[0]!;
    await page.locator(`[data-testid=project-row][data-project-id="${project.id}"] [data-testid=project-link]`).click();
    const card = page.locator('[data-testid=project-lights]');
    await card.waitFor();
    expect(await card.locator('[data-testid=project-lights-overall]').getAttribute('data-light')).toBe(project.lights.overall);
    const zh = translator('zh-CN');
    expect(await card.locator('[data-testid=project-lights-overall]').innerText()).toContain(zh(`light.${project.lights.overall}`));
    const rows = card.locator('[data-testid=project-lights-dimension]');
    await expect.poll(() => rows.count()).toBe(LIGHT_DIMENSIONS.length);
    for (const [i, d] of LIGHT_DIMENSIONS.entries()) {
      expect(await rows.nth(i).getAttribute('data-dimension')).toBe(d);
      expect(await rows.nth(i).getAttribute('data-light')).toBe(project.lights.dimensions[d].light);
      expect(await rows.nth(i).locator('[data-testid=project-lights-text]').innerText()).toBe(lightSentence(project.lights, d, 'zh-CN'));
    }
    await screenshotBothSizes(page, 'project-lights-zh', () => page.waitForTimeout(300));

    // English: the same lights in the vocabulary's English words and the rule's English sentences.
    await page.locator('[data-testid=language-switch]').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    const en = translator('en');
    await expect.poll(() => card.locator('.ant-card-head-title').innerText()).toBe('Traffic lights');
    for (const [i, d] of LIGHT_DIMENSIONS.entries()) {
      expect(await rows.nth(i).locator('[data-testid=project-lights-text]').innerText()).toBe(lightSentence(project.lights, d, 'en'));
    }
    await screenshot(page, 'project-lights-en');
    await page.locator('[data-testid=back-home]').click();
    const mark = rowLight(page, project.id);
    await expect.poll(() => mark.innerText()).toBe(en(`light.${project.lights.overall}`));
    expect(await mark.getAttribute('title')).toBe(lightsHover(project.lights, en, 'en'));
    await screenshotBothSizes(page, 'home-lights-en', () => page.waitForTimeout(300));
    await page.locator('[data-testid=language-switch]').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  });
});
