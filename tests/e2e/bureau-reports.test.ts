/**
 * Issue 12, screen 6 (汇总与台账) in Chromium on the bureau preview with the demo district: the screen says what
 * each export holds for the chosen month; the ledger is exported as a job and the summary as a page, both
 * downloaded from the session's list. The downloaded summary, printed to PDF by Chromium (A4), is 1–3 pages with
 * the source's sentence and the tables' figures (pdftotext); the downloaded ledger opens in LibreOffice with its
 * 汇总 sheet first. The print view shows the same page and prints it from its frame. Both languages, screenshots.
 */
import { chooseOption } from '../helpers/select-option.js';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryDocument } from '../../electron/bureau/summary-document.js';
import { districtSummary } from '../../electron/bureau/summary.js';
import { openBureauPreview, type BureauPreview } from '../helpers/bureau-preview.js';
import { screenshot, SCREENSHOT_DIR } from '../helpers/preview-browser.js';
import { downloadExported, exportFrom, firstSheetCsv, printToPdf, squash } from '../helpers/report-files.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';

const NOW = new Date('2026-12-02T10:00:00');
describe('the bureau desk: reports (汇总与台账), in the browser', () => {
  let b: BureauPreview;
  let page: Page;
  let dir: TempDir;

  beforeAll(async () => {
    dir = makeTempDir('sponsor-desk-e2e-reports-');
    b = await openBureauPreview(NOW);
    page = b.page;
    await page.locator('[data-testid=bureau-nav-reports]').click();
    await page.waitForSelector('[data-testid=report-ledger]', { timeout: 30_000 });
  });
  afterAll(async () => {
    await b?.close();
    dir?.remove();
  });

  const text = (selector: string) => page.locator(selector).first().innerText();

  const exportReport = (kind: 'ledger' | 'summary') => exportFrom(page, `export-${kind}`, `report-outcome-${kind}`);
  const download = (kind: 'ledger' | 'summary') => downloadExported(page, dir, kind);

  it('says what each export holds for the month, in Chinese', async () => {
    const s = districtSummary(b.ctx);
    expect(await text('[data-testid=reports-period]')).toContain('投资统计 2026年1-11月 · 序时进度 91.7%');
    const ledger = await text('[data-testid=report-ledger-contents]');
    for (const sheet of ['汇总', '项目进度', '走访记录', '销号记录', '问题台账', '月度投资']) expect(ledger).toContain(sheet);
    expect(await text('[data-testid=report-ledger]')).toContain(`${s.projectsByLevel.total} 个项目`);
    const summary = await text('[data-testid=report-summary-contents]');
    expect(summary).toContain('共有重点项目 96 个，1-11月完成年度计划投资的 115.3%');
    expect(summary).toContain(`按帮包单位（${s.byUnit.length} 个）和帮包领导（${s.byLeader.length} 名）排名`);
    expect(await text('[data-testid=reports-exported]')).toContain('本次还没有导出文件');
    await screenshot(page, 'bureau-reports-zh');
  });

  it('exports the ledger as a job, downloads it, and LibreOffice opens it with the 汇总 sheet first', async () => {
    expect(await exportReport('ledger')).toBe('written');
    expect(await text('[data-testid=report-outcome-ledger]')).toContain('已导出 重点项目台账-2026-11.xlsx');
    expect(b.operationsCalled).toContain('bureau.jobs.start');
    const path = await download('ledger');
    expect(path.endsWith('重点项目台账-2026-11.xlsx')).toBe(true);
    // LibreOffice writes the first sheet as CSV (UTF-8): the 汇总 sheet, with the district's own row.
    const rows = firstSheetCsv(dir, path)
      .split('\n')
      .map((line) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((cell) => cell.replace(/^"|"$/g, '')));
    const s = districtSummary(b.ctx);
    expect(rows.find((r) => r[0] === '类别')?.slice(0, 3)).toEqual(['类别', '名称', '项目数']);
    const all = rows.find((r) => r[0] === '全区' && r[1] === '全部重点项目')!;
    expect([all[2], all[5], all[7]]).toEqual([String(s.projectsByLevel.total), '115.3', '+23.6']);
    for (const unit of s.byUnit) {
      const row = rows.find((r) => r[0] === '帮包单位' && r[1] === unit.name);
      expect(row?.[2], unit.name).toBe(String(unit.investment.projects));
    }
  });

  it('exports the summary, downloads it, and Chromium prints it on 1–3 A4 pages with the sentence and the tables’ figures', async () => {
    expect(await exportReport('summary')).toBe('written');
    const path = await download('summary');
    expect(path.endsWith('重点项目汇总-2026-11.html')).toBe(true);
    const html = readFileSync(path, 'utf8');
    expect(html).toBe(summaryDocument(b.ctx, { asOfMonth: '2026-11', referenceDay: '2026-12-02' }).html);
    const pdf = dir.file('summary.pdf');
    const { pages, width, height, text: printed } = await printToPdf(page, html, pdf);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(3);
    expect(Math.abs(width - 595.3)).toBeLessThan(2); // A4 portrait: 210 × 297 mm
    expect(Math.abs(height - 841.9)).toBeLessThan(2);
    expect(printed).toContain(squash('共有重点项目 96 个，1-11月完成年度计划投资的 115.3%，超序时进度 23.6 个百分点。'));
    expect(printed).toContain(squash('其中，省市重点项目 30 个，完成年度计划投资的 112.6%，超序时进度 20.9 个百分点'));
    const s = districtSummary(b.ctx);
    for (const row of [...s.byUnit, ...s.byLeader]) {
      const pct = row.investment.completionPct === null ? '—' : `${row.investment.completionPct.toFixed(1)}%`;
      expect(printed, row.name).toContain(squash(`${row.name} ${row.investment.projects}`));
      expect(printed, row.name).toContain(pct);
    }
    expect(printed).toContain(
      squash(`${s.problems.collected} ${s.problems.projects} ${s.problems.resolved} ${s.problems.closed} ${s.problems.open} ${s.problems.overdue}`),
    );
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, dir.file('summary-page')]);
    copyFileSync(dir.file('summary-page.png'), join(SCREENSHOT_DIR, 'bureau-summary-a4.png'));
  });

  it('prints from the window: the print view shows the same page and prints its frame', async () => {
    await page.locator('[data-testid=print-summary]').click();
    const frame = page.frameLocator('[data-testid=summary-print-frame]');
    await frame.locator('h1').waitFor();
    expect(squash(await frame.locator('body').innerText())).toContain(squash('共有重点项目 96 个，1-11月完成年度计划投资的 115.3%'));
    await page.evaluate(() => {
      const win = document.querySelector<HTMLIFrameElement>('[data-testid=summary-print-frame]')!.contentWindow!;
      win.print = () => void document.body.setAttribute('data-printed', 'yes');
    });
    await page.locator('[data-testid=summary-print-go]').click();
    expect(await page.locator('body').getAttribute('data-printed')).toBe('yes');
    await screenshot(page, 'bureau-reports-print-zh');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=summary-print-frame]', { state: 'detached' });
  });

  it('says in Chinese when an export fails, and writes nothing', async () => {
    const outbox = join(b.ctx.dir, 'outbox');
    renameSync(outbox, `${outbox}-kept`);
    writeFileSync(outbox, 'not a folder');
    try {
      expect(await exportReport('summary')).toBe('failed');
      expect(await text('[data-testid=report-outcome-summary]')).toBe(
        '导出失败，未写入任何文件。无法写入保存的文件夹（EEXIST）：请换一个文件夹，或检查磁盘空间和写入权限后再导出。',
      );
      expect(await page.locator('[data-testid=exported-summary]').count()).toBe(1);
    } finally {
      rmSync(outbox);
      renameSync(`${outbox}-kept`, outbox);
    }
  });

  it('exports for an earlier month, in English, and lists every file exported in this session', async () => {
    await chooseOption(page, 'reports-as-of-month', '2026年6月');
    await page.waitForFunction(() => document.querySelector('[data-testid=reports-period]')?.textContent?.includes('2026年1-6月'));
    await page.locator('[data-testid=language-switch]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=bureau-nav-reports]')?.textContent === 'Reports & ledger');
    expect(await text('[data-testid=reports-period]')).toContain('Investment 2026, months 1–6');
    const june = districtSummary(b.ctx, { asOfMonth: '2026-06' });
    expect(await text('[data-testid=report-summary-contents]')).toContain(`96 key projects completed ${june.investment.all.completionPct!.toFixed(1)}%`);
    expect(await exportReport('summary')).toBe('written');
    const path = await download('summary');
    expect(path.endsWith('district-summary-2026-06.html')).toBe(true);
    expect(readFileSync(path, 'utf8')).toContain('96 key projects completed');
    const files = await page.locator('[data-testid=reports-exported] [data-testid=exported-link]').allInnerTexts();
    expect(files.map((f) => f.trim())).toEqual(['district-summary-2026-06.html', '重点项目汇总-2026-11.html', '重点项目台账-2026-11.xlsx']);
    // The screenshots show the month the source reports (the demo's figures are those of January–November).
    await chooseOption(page, 'reports-as-of-month', 'November 2026');
    await page.waitForFunction(() => document.querySelector('[data-testid=reports-period]')?.textContent?.includes('months 1–11'));
    await page.mouse.move(0, 0);
    await screenshot(page, 'bureau-reports-en');
    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'bureau-reports-en-1366');
    await page.locator('[data-testid=language-switch]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=bureau-nav-reports]')?.textContent === '汇总与台账');
    await screenshot(page, 'bureau-reports-zh-1366');
    expect(b.operationsCalled.filter((name) => !name.startsWith('bureau.'))).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  });
});
