/**
 * Issue 14: the traffic lights (红黄绿灯) on the bureau desk, in Chromium on the demo district. The overview counts
 * the projects of each light as bureau.overview.lights does and its counts open 项目库 on those projects; the
 * table's light column, its filter and its totals row show the lights bureau.projects.list answers, red first
 * when sorted; a project's page lists each dimension with the shared rule's sentence. Screenshots in both
 * languages at 1440×900 and 1366×768.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationName } from '@shared/operations/index.js';
import type { BureauProjectRow } from '@shared/operations/bureau.js';
import { LIGHT_DIMENSIONS, lightText, type TrafficLight } from '@shared/rules/index.js';
import { createBureauRegistry } from '../../electron/bureau/operations/index.js';
import { dimensionLight, setBy } from '../../renderer/src/bureau/lights.js';
import { openBureauPreview, type BureauPreview } from '../helpers/bureau-preview.js';
import { screenshotBothSizes } from '../helpers/preview-browser.js';
import { chooseOption } from '../helpers/select-option.js';

const NOW = new Date('2026-12-02T10:00:00');
const WORD = { red: '红灯', yellow: '黄灯', green: '绿灯' } as const;

describe('the bureau desk: traffic lights, in the browser', () => {
  let b: BureauPreview;
  let rows: BureauProjectRow[];
  let counts: Record<TrafficLight, number>;
  const text = (selector: string) => b.page.locator(selector).first().innerText();
  const countIs = (want: string) => b.page.waitForFunction((w) => document.querySelector('[data-testid=project-count]')?.textContent === w, want);
  const sentence = (row: BureauProjectRow, d: (typeof LIGHT_DIMENSIONS)[number], lang: 'zh' | 'en') => lightText(dimensionLight(row.lights, d), lang);
  const fitsWidth = () => b.page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth);

  beforeAll(async () => {
    b = await openBureauPreview(NOW);
    const registry = createBureauRegistry();
    const call = async <T>(name: OperationName, input: unknown) => {
      const r = await registry.dispatch(name, input, b.ctx);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as T;
    };
    rows = (await call<{ rows: BureauProjectRow[] }>('bureau.projects.list', {})).rows;
    counts = await call<Record<TrafficLight, number>>('bureau.overview.lights', {});
  });
  afterAll(async () => {
    await b?.close();
  });

  it('counts each light on the overview as the store does, and a count opens those projects', async () => {
    for (const light of ['red', 'yellow', 'green'] as const) {
      expect(counts[light]).toBe(rows.filter((r) => r.lights.overall === light).length);
      await b.page.waitForFunction(([l, n]) => document.querySelector(`[data-testid=lights-${l}]`)?.textContent === String(n), [light, counts[light]] as const);
    }
    // The light most projects of the district show other than green (the demo lights some red or yellow).
    const light = counts.red > 0 ? 'red' : 'yellow';
    expect(counts[light]).toBeGreaterThan(0);
    await b.page.locator(`[data-testid=lights-${light}]`).click();
    await b.page.waitForSelector('[data-testid=project-scope]');
    expect(await text('[data-testid=project-scope]')).toContain(`${WORD[light]}项目`);
    const lit = rows.filter((r) => r.lights.overall === light);
    await countIs(`共 ${lit.length} 个项目`);
    const shown = await b.page
      .locator('[data-testid=bureau-project-row] [data-testid=row-light]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-light')));
    expect(shown.length).toBeGreaterThan(0);
    expect(new Set(shown)).toEqual(new Set([light]));
    await b.page.locator('[data-testid=project-scope] .ant-tag-close-icon').click();
    await countIs(`共 ${rows.length} 个项目`);
  });

  it('filters the table by light, counts red and yellow in the totals row, and says why on hover', async () => {
    for (const word of ['黄灯', '红灯']) {
      await chooseOption(b.page, 'filter-lights', word);
      await b.page.keyboard.press('Escape');
    }
    const lit = rows.filter((r) => r.lights.overall !== 'green');
    await countIs(`显示 ${lit.length} / ${rows.length} 个项目`);
    const totals = b.page.locator('[data-testid=total-lights]');
    expect(await totals.getAttribute('data-red')).toBe(String(counts.red));
    expect(await totals.getAttribute('data-yellow')).toBe(String(counts.yellow));
    expect(await totals.innerText()).toBe(`红灯 ${counts.red} · 黄灯 ${counts.yellow}`);
    // The first row's hover names the dimension that set its light, in the shared rule's words.
    const first = b.page.locator('[data-testid=bureau-project-row]').first();
    const code = await first.getAttribute('data-code');
    const row = rows.find((r) => r.code === code)!;
    const title = await first.locator('[data-testid=row-light]').getAttribute('title');
    expect(title!.split('\n')[0]).toContain(sentence(row, setBy(row.lights)[0]!, 'zh'));
    // Sorted by light: red first.
    await b.page.locator('.ant-table-thead th', { hasText: '灯色' }).click();
    await b.page.waitForFunction(
      (want) => document.querySelector('[data-testid=bureau-project-row] [data-testid=row-light]')?.getAttribute('data-light') === want,
      counts.red > 0 ? 'red' : 'yellow',
    );
    await b.page.mouse.move(0, 0);
    await screenshotBothSizes(b.page, 'bureau-lights-projects-zh', fitsWidth);
  });

  it("opens a project and reads each dimension's light and sentence", async () => {
    const first = b.page.locator('[data-testid=bureau-project-row]').first();
    const code = await first.getAttribute('data-code');
    const row = rows.find((r) => r.code === code)!;
    await first.click();
    await b.page.waitForSelector('[data-testid=bureau-project-lights] [data-testid=bureau-project-light]');
    expect(await b.page.locator('[data-testid=bureau-project-light-overall]').getAttribute('data-light')).toBe(row.lights.overall);
    const lines = b.page.locator('[data-testid=bureau-project-light]');
    expect(await lines.count()).toBe(LIGHT_DIMENSIONS.length);
    for (const [i, d] of LIGHT_DIMENSIONS.entries()) {
      expect(await lines.nth(i).getAttribute('data-light')).toBe(row.lights.dimensions[d].light);
      expect(await lines.nth(i).locator('[data-testid=bureau-project-light-text]').innerText()).toBe(sentence(row, d, 'zh'));
    }
    await screenshotBothSizes(b.page, 'bureau-lights-project-zh', fitsWidth);

    await b.page.locator('[data-testid=language-switch]').click();
    await b.page.waitForFunction(() => document.querySelector('[data-testid=bureau-project-lights] .ant-card-head-title')?.textContent === 'Traffic lights');
    expect(await lines.nth(0).locator('[data-testid=bureau-project-light-text]').innerText()).toBe(sentence(row, 'investment', 'en'));
    await screenshotBothSizes(b.page, 'bureau-lights-project-en', fitsWidth);
    await b.page.locator('[data-testid=bureau-project-back]').click();
    await b.page.waitForSelector('[data-testid=bureau-project-row]');
    await b.page.mouse.move(0, 0);
    await screenshotBothSizes(b.page, 'bureau-lights-projects-en', fitsWidth);
    await b.page.locator('[data-testid=language-switch]').click();
    expect(b.operationsCalled).toContain('bureau.overview.lights');
    expect(b.operationsCalled.filter((name) => !name.startsWith('bureau.'))).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  });
});
