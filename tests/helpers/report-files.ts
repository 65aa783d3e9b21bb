import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Page } from 'playwright-core';
import type { TempDir } from './temp-store.js';

/**
 * What the reports screen's e2e tests do with an exported file, as a person would: download it from the session's
 * list, print a page to PDF with Chromium and read it back (pdfinfo, pdftotext), open a workbook in LibreOffice.
 */

/** Clicks `button` and waits for the outcome `outcome` shows; answers what it says (written, cancelled, failed). */
export async function exportFrom(page: Page, button: string, outcome: string): Promise<string> {
  await page.locator(`[data-testid=${button}]`).click();
  await page.waitForSelector(`[data-testid=${outcome}]`, { timeout: 60_000 });
  return (await page.locator(`[data-testid=${outcome}]`).getAttribute('data-outcome'))!;
}

/** Downloads the newest exported file of `kind` from the session's list into `dir`; answers its path. */
export async function downloadExported(page: Page, dir: TempDir, kind: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid=exported-${kind}] [data-testid=exported-link]`).first().click()]);
  const path = dir.file(file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

export interface PrintedPdf {
  pages: number;
  /** Page size in points (A4 portrait: 595.3 × 841.9). */
  width: number;
  height: number;
  /** The text pdftotext reads, every blank removed (it breaks lines where the page does). */
  text: string;
}

/** Text with every blank removed, to compare with what a printed page says. */
export const squash = (s: string) => s.replace(/\s+/g, '');

/** Prints `html` to `pdf` with the browser of `page` (A4) and reads the file back. */
export async function printToPdf(page: Page, html: string, pdf: string): Promise<PrintedPdf> {
  const printer = await page.context().browser()!.newPage();
  await printer.setContent(html);
  writeFileSync(pdf, await printer.pdf({ format: 'A4' }));
  await printer.close();
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const [width, height] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!.slice(1).map(Number) as [number, number];
  const text = squash(execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }));
  return { pages: Number(/^Pages:\s+(\d+)/m.exec(info)![1]), width, height, text };
}

/** The first sheet of a workbook as LibreOffice saves it as CSV (UTF-8, every text quoted): proof it opens the file. */
export function firstSheetCsv(dir: TempDir, workbook: string): string {
  mkdirSync(dir.file('csv'), { recursive: true });
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${dir.file('lo-profile')}`,
      '--headless',
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1',
      '--outdir',
      dir.file('csv'),
      workbook,
    ],
    { stdio: 'pipe', timeout: 180_000 },
  );
  return readFileSync(join(dir.file('csv'), `${basename(workbook, extname(workbook))}.csv`), 'utf8');
}
