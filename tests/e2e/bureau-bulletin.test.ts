/**
 * Issue 14 point 4 in Chromium on the bureau preview with the demo district: the reports screen's 月度通报 card shows
 * the month's draft (as `bulletinDraft` drafts it on the same database) and the ranking; the clerk edits a
 * paragraph, exports the bulletin as a page and as a workbook and downloads both: Chromium prints the page on A4
 * with the edited text and the ranking, LibreOffice opens the workbook with the edited text. The edit survives the
 * English switch and a month switch, the print view prints it, a draft that changed underneath is said, and
 * "恢复草稿" restores the draft. Screenshots in both languages and sizes.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulletinDraft, bulletinSources } from '../../electron/bureau/bulletin.js';
import { createBureauRegistry } from '../../electron/bureau/operations/index.js';
import { openBureauPreview, type BureauPreview } from '../helpers/bureau-preview.js';
import { screenshotBothSizes, scrollToTop } from '../helpers/preview-browser.js';
import { downloadExported, exportFrom, firstSheetCsv, printToPdf, squash } from '../helpers/report-files.js';
import { chooseOption } from '../helpers/select-option.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';

const NOW = new Date('2026-12-02T10:00:00');
const DATES = { asOfMonth: '2026-11', referenceDay: '2026-12-02' };
const EDIT = '（经发局修改）本月全区重点项目建设总体平稳，<b>请各帮包单位</b>对照排名查找差距。';

describe('the bureau desk: the monthly bulletin (月度通报) and the ranking, in the browser', () => {
  let b: BureauPreview;
  let page: Page;
  let dir: TempDir;

  beforeAll(async () => {
    dir = makeTempDir('sponsor-desk-e2e-bulletin-');
    b = await openBureauPreview(NOW);
    page = b.page;
    await page.locator('[data-testid=bureau-nav-reports]').click();
    await page.waitForSelector('[data-testid=bulletin-paragraph-headline]', { timeout: 30_000 });
  });
  afterAll(async () => {
    await b?.close();
    dir?.remove();
  });

  const headline = () => page.locator('[data-testid=bulletin-paragraph-headline]');
  /** Every paragraph's text as the card shows it. */
  const shownTexts = () => page.locator('[data-testid^=bulletin-paragraph-]').evaluateAll((areas) => areas.map((a) => (a as HTMLTextAreaElement).value));
  let edited: string[] = [];

  const exportBulletin = (format: 'html' | 'xlsx') => exportFrom(page, `export-bulletin-${format}`, 'report-outcome-bulletin');
  const download = () => downloadExported(page, dir, 'bulletin');

  it('shows the month’s draft as the desk drafts it, and the units and leaders ranked with their change of rank', async () => {
    const draft = bulletinDraft(b.ctx, DATES);
    expect(await page.locator('[data-testid=bulletin-title]').innerText()).toBe('2026年1-11月全区重点项目建设情况通报');
    for (const p of draft.paragraphs) expect(await page.locator(`[data-testid=bulletin-paragraph-${p.section}]`).inputValue()).toBe(p.text);
    const { ranking } = bulletinSources(b.ctx, DATES);
    const units = page.locator('[data-testid=ranking-units] tbody tr.ant-table-row');
    expect(await units.count()).toBe(ranking.units.length);
    const first = await units.first().locator('td').allInnerTexts();
    expect(first.slice(0, 2)).toEqual(['1', ranking.units[0]!.name]);
    const marks = (await page.locator('[data-testid=ranking-units] [data-testid=rank-change]').allInnerTexts()).map((m) => m.trim());
    const expected = ranking.units.map((r) =>
      r.isNew ? '新' : r.change === null ? '—' : r.change === 0 ? '持平' : r.change > 0 ? `↑${r.change}` : `↓${-r.change}`,
    );
    expect(marks).toEqual(expected);
    expect(marks.some((m) => m.startsWith('↑')) && marks.some((m) => m.startsWith('↓'))).toBe(true);
    expect(await page.locator('[data-testid=ranking-leaders] tbody tr.ant-table-row').count()).toBe(ranking.leaders.length);
    expect(await page.locator('[data-testid=report-ranking]').innerText()).toContain('名次变化与2026年10月相比');
    expect(await page.locator('[data-testid=restore-bulletin]').isDisabled()).toBe(true);
  });

  it('keeps an edit, says so, and exports it as a page that Chromium prints on A4 with the text and the ranking', async () => {
    await headline().fill(EDIT);
    await page.waitForSelector('[data-testid=bulletin-edited]');
    edited = await shownTexts();
    expect(edited).toEqual([
      EDIT,
      ...bulletinDraft(b.ctx, DATES)
        .paragraphs.slice(1)
        .map((p) => p.text),
    ]);
    expect(await page.locator('[data-testid=restore-bulletin]').isDisabled()).toBe(false);
    await scrollToTop(page, 'report-bulletin');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await screenshotBothSizes(page, 'bureau-bulletin-zh');
    expect(await exportBulletin('html')).toBe('written');
    expect(await page.locator('[data-testid=report-outcome-bulletin]').innerText()).toContain('已导出 重点项目月度通报-2026-11.html');
    const path = await download();
    expect(path.endsWith('重点项目月度通报-2026-11.html')).toBe(true);
    const html = readFileSync(path, 'utf8');
    expect(html).toContain('（经发局修改）本月全区重点项目建设总体平稳，&lt;b&gt;请各帮包单位&lt;/b&gt;对照排名查找差距。');
    const { pages, width, height, text: printed } = await printToPdf(page, html, dir.file('bulletin.pdf'));
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(3);
    expect(Math.abs(width - 595.3)).toBeLessThan(2); // A4 portrait: 210 × 297 mm
    expect(Math.abs(height - 841.9)).toBeLessThan(2);
    expect(printed).toContain(squash(EDIT));
    expect(printed).toContain(squash('2026年1-11月全区重点项目建设情况通报'));
    const draft = bulletinDraft(b.ctx, DATES);
    expect(printed).toContain(squash(draft.paragraphs[1]!.text));
    const { ranking } = bulletinSources(b.ctx, DATES);
    for (const r of [...ranking.units, ...ranking.leaders]) expect(printed, r.name).toContain(squash(`${r.rank} ${r.name} ${r.projects}`));
  });

  it('exports the edited bulletin as a workbook that LibreOffice opens with the text first', async () => {
    expect(await exportBulletin('xlsx')).toBe('written');
    const path = await download();
    expect(path.endsWith('重点项目月度通报-2026-11.xlsx')).toBe(true);
    const csv = firstSheetCsv(dir, path);
    expect(csv.split('\n')[0]).toContain('2026年1-11月全区重点项目建设情况通报');
    expect(csv).toContain(`"总体情况","${EDIT}"`);
    const files = await page.locator('[data-testid=reports-exported] [data-testid=exported-link]').allInnerTexts();
    expect(files.map((f) => f.trim())).toEqual(['重点项目月度通报-2026-11.xlsx', '重点项目月度通报-2026-11.html']);
  });

  it('keeps the edit across the English switch and another month, and prints it from the window', async () => {
    await page.locator('[data-testid=language-switch]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=bureau-nav-reports]')?.textContent === 'Reports & ledger');
    expect(await shownTexts()).toEqual(edited);
    expect(await page.locator('[data-testid=bulletin-edited]').innerText()).toContain('You edited the Chinese draft');
    expect(await page.locator('[data-testid=ranking-units] thead').innerText()).toContain('Sponsoring units');
    await chooseOption(page, 'reports-as-of-month', 'June 2026');
    await page.waitForFunction(() => document.querySelector('[data-testid=bulletin-title]')?.textContent?.includes('January–June'));
    expect(await headline().inputValue()).toBe(bulletinDraft(b.ctx, { asOfMonth: '2026-06', referenceDay: '2026-12-02', language: 'en' }).paragraphs[0]!.text);
    await chooseOption(page, 'reports-as-of-month', 'November 2026');
    await page.waitForFunction(() => document.querySelector('[data-testid=bulletin-title]')?.textContent?.includes('1-11月'));
    expect(await shownTexts()).toEqual(edited);
    await scrollToTop(page, 'report-bulletin');
    await page.mouse.move(0, 0);
    await screenshotBothSizes(page, 'bureau-bulletin-en');

    await page.locator('[data-testid=print-bulletin]').click();
    const frame = page.frameLocator('[data-testid=bulletin-print-frame]');
    await frame.locator('h1').waitFor();
    expect(squash(await frame.locator('body').innerText())).toContain(squash(EDIT));
    await page.evaluate(() => {
      const win = document.querySelector<HTMLIFrameElement>('[data-testid=bulletin-print-frame]')!.contentWindow!;
      win.print = () => void document.body.setAttribute('data-printed', 'yes');
    });
    await page.locator('[data-testid=bulletin-print-go]').click();
    expect(await page.locator('body').getAttribute('data-printed')).toBe('yes');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=bulletin-print-frame]', { state: 'detached' });
    await page.locator('[data-testid=language-switch]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=bureau-nav-reports]')?.textContent === '汇总与台账');
  });

  it('says when the draft changed under the edit, and restores the draft', async () => {
    // A problem raised meanwhile changes the month's counts, as a folded packet would.
    const { code } = b.ctx.db.prepare('SELECT code FROM projects ORDER BY code LIMIT 1').get() as { code: string };
    const raised = await createBureauRegistry().dispatch(
      'bureau.problems.raise',
      { project: code, category: 'land', description: '用地指标缺口 30 亩' },
      b.ctx,
    );
    expect(raised.ok).toBe(true);
    await chooseOption(page, 'reports-as-of-month', '2026年10月');
    await page.waitForFunction(() => document.querySelector('[data-testid=bulletin-title]')?.textContent?.includes('1-10月'));
    await chooseOption(page, 'reports-as-of-month', '2026年11月');
    await page.waitForSelector('[data-testid=bulletin-stale]');
    expect(await page.locator('[data-testid=bulletin-stale]').innerText()).toContain('草稿的数字已变化');
    expect(await headline().inputValue()).toBe(EDIT);
    await page.locator('[data-testid=restore-bulletin]').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.waitForSelector('[data-testid=bulletin-edited]', { state: 'detached' });
    const draft = bulletinDraft(b.ctx, DATES);
    expect(await headline().inputValue()).toBe(draft.paragraphs[0]!.text);
    expect(await page.locator('[data-testid=bulletin-paragraph-sponsorship]').inputValue()).toBe(draft.paragraphs[1]!.text);
    expect(await page.locator('[data-testid=bulletin-stale]').count()).toBe(0);
    expect(b.operationsCalled.filter((name) => !name.startsWith('bureau.'))).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  });
});
