import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BureauContext } from '../../electron/bureau/context.js';
import { exportDistrictLedger } from '../../electron/bureau/ledger.js';
import { actOnBureauProblem, raiseBureauProblem } from '../../electron/bureau/problems.js';
import { ledgerDataFromStore } from '../../electron/sync/ledger-rows.js';
import { LEDGER_SHEET_NAMES, writeLedgerWorkbook, type LedgerData } from '../../electron/sync/ledger-workbook.js';
import { readLedgerWorkbook } from '../../electron/sync/ledger-read.js';
import { makeTempDir, openTempStore, type TempDir } from '../helpers/temp-store.js';
import { sampleBureau } from '../helpers/bureau.js';

/**
 * Issue 13 point 4: both ledgers printed by LibreOffice (as the bureau files them away) come out on A4
 * landscape pages, each sheet fitted to the page width, headings whole, a problem's history with every step,
 * local times, identifiers outside the print area. The PDFs are checked with poppler (pdfinfo, pdftotext),
 * and the first pages are rendered into docs/screenshots/ledger-*.png to be looked at.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const NOW = new Date('2026-12-01T10:00:00+08:00');
let dir: TempDir;

beforeAll(() => {
  dir = makeTempDir('sponsor-desk-ledger-print-');
});
afterAll(() => dir.remove());

interface Printed {
  pages: { width: number; height: number; text: string }[];
  /** The whole text in content order with every blank removed (a wrapped cell reads as one string). */
  flat: string;
}

function printToPdf(xlsx: string): Printed {
  const out = dir.file('pdf');
  mkdirSync(out, { recursive: true });
  // A profile of its own: no clash with a running LibreOffice or another test.
  execFileSync('soffice', [`-env:UserInstallation=file://${dir.file('lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', out, xlsx], {
    stdio: 'pipe',
    timeout: 180_000,
  });
  const pdf = join(
    out,
    xlsx
      .split('/')
      .at(-1)!
      .replace(/\.xlsx$/, '.pdf'),
  );
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '999', pdf], { encoding: 'utf8' });
  const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
  const pages = sizes.map((size, i) => ({
    ...size,
    text: execFileSync('pdftotext', ['-raw', '-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' }),
  }));
  return {
    pages,
    flat: pages
      .map((p) => p.text)
      .join('')
      .replace(/\s+/g, ''),
  };
}

/** Renders the given pages (1-based) of the PDF into docs/screenshots/NAME-SUFFIX.png. */
function screenshots(xlsx: string, name: string, pages: Record<string, number>): void {
  const pdf = join(
    dir.file('pdf'),
    xlsx
      .split('/')
      .at(-1)!
      .replace(/\.xlsx$/, '.pdf'),
  );
  for (const [suffix, page] of Object.entries(pages)) {
    const base = dir.file(`${name}-${suffix}`);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(page), '-l', String(page), '-singlefile', pdf, base]);
    copyFileSync(`${base}.png`, join(root, 'docs/screenshots', `${name}-${suffix}.png`));
  }
}

/** A4 landscape in points (pdfinfo prints 841.89 x 595.28). */
function expectA4Landscape(printed: Printed): void {
  expect(printed.pages.length).toBeGreaterThan(0);
  for (const p of printed.pages) {
    expect(Math.abs(p.width - 841.89)).toBeLessThan(1);
    expect(Math.abs(p.height - 595.28)).toBeLessThan(1);
  }
}

/** Pages whose footer names the sheet (the footer is `sheet name … 第 p 页，共 n 页`). */
const pagesOf = (printed: Printed, sheet: string) =>
  printed.pages.filter((p) => p.text.includes(` · ${sheet}`) || p.text.trim().split('\n').at(-1)!.startsWith(sheet));

const squash = (s: string) => s.replace(/\s+/g, '');

describe('the officer packet’s ledger.xlsx in LibreOffice', () => {
  let data: LedgerData;
  let printed: Printed;
  let small: Printed;
  beforeAll(async () => {
    const store = openTempStore({ demo: true, now: () => NOW });
    try {
      data = ledgerDataFromStore(store.db, NOW, { id: 'x', name: '李明' } as never);
    } finally {
      store.close();
    }
    const options = { createdAt: NOW, author: '李明', title: '李明 帮包台账', whose: '帮包责任人：李明' };
    writeFileSync(dir.file('officer.xlsx'), await writeLedgerWorkbook(data, options));
    printed = printToPdf(dir.file('officer.xlsx'));
    // A small ledger (a few rows a sheet): every sheet fits on one page, across and down.
    const few = {
      ...data,
      projects: data.projects.slice(0, 3),
      visits: data.visits.slice(0, 4),
      closeOffs: data.closeOffs.slice(0, 4),
      problems: data.problems.slice(0, 3),
      investment: data.investment.slice(0, 4),
    };
    writeFileSync(dir.file('officer-small.xlsx'), await writeLedgerWorkbook(few, options));
    small = printToPdf(dir.file('officer-small.xlsx'));
    screenshots(dir.file('officer.xlsx'), 'ledger-officer', { 1: 1, 2: 2, problems: printed.pages.indexOf(pagesOf(printed, '问题台账')[0]!) + 1 });
  }, 240_000);

  it('prints on A4 landscape, one page per sheet for a small ledger (fitted to the width, nothing cut by columns)', () => {
    expectA4Landscape(printed);
    expectA4Landscape(small);
    expect(small.pages.length).toBe(5);
    // The whole ledger: every sheet's last printed heading is on the sheet's first page.
    const last = { 项目进度: '项目地点', 走访记录: '记录时间', 销号记录: '记录时间', 问题台账: '办理经过', 月度投资: '更正次数' };
    for (const [sheet, heading] of Object.entries(last)) {
      const pages = pagesOf(printed, sheet);
      expect(pages.length, sheet).toBeGreaterThan(0);
      expect(pages.length, sheet).toBeLessThanOrEqual(3);
      expect(squash(pages[0]!.text), sheet).toContain(heading);
    }
  });

  it('shows a title (what, whose, which period), whole headings, every line of a history, local times, no identifiers', () => {
    expect(printed.flat).toContain('李明帮包台账·问题台账');
    expect(printed.flat).toContain('帮包责任人：李明');
    expect(printed.flat).toContain('投资统计截至2026-11');
    expect(printed.flat).toContain('超序时进度（百分点）');
    const multi = data.problems.find((p) => p.history.length > 1)!;
    for (const h of multi.history) expect(printed.flat).toContain(squash(h.note || h.department || ''));
    expect(printed.flat).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
    expect(printed.flat).toMatch(/\d{4}-\d\d-\d\d\d\d:\d\d/); // a local `YYYY-MM-DD HH:mm`, blanks squashed
    expect(printed.flat).toContain('120,000.00');
    for (const p of data.problems) expect(printed.flat).not.toContain(p.id);
    for (const v of data.visits) expect(printed.flat).not.toContain(v.id);
  });
});

describe('the district ledger (export-ledger) in LibreOffice', () => {
  let ctx: BureauContext;
  let printed: Printed;
  let steps: string[];
  let problemId: string;
  beforeAll(async () => {
    let clock = new Date('2026-11-28T09:00:00+08:00');
    ctx = sampleBureau(dir.file('desk/bureau.sqlite'), () => clock);
    const problem = raiseBureauProblem(ctx, { project: 'GX-2026-001', category: 'land', description: '用地指标不足，影响二期厂房开工' });
    problemId = problem.id;
    const act = (at: string, input: { action: string; note?: string; department?: string; resolution?: string }) => {
      clock = new Date(at);
      actOnBureauProblem(ctx, { problem: problem.id, ...input });
    };
    act('2026-11-28T10:00:00+08:00', { action: 'dispatch', department: '区自然资源局', note: '请三日内提出调剂方案' });
    act('2026-11-29T15:30:00+08:00', { action: 'coordinate', note: '区领导顶格协调，明确调剂指标来源' });
    act('2026-11-30T16:00:00+08:00', { action: 'resolve', resolution: '从开发区存量指标中调剂12亩' });
    act('2026-12-01T07:30:00+08:00', { action: 'verify_close', note: '现场核实，用地手续已办结' });
    steps = ['请三日内提出调剂方案', '区领导顶格协调，明确调剂指标来源', '从开发区存量指标中调剂12亩', '现场核实，用地手续已办结', '2026-12-01核实办结'];
    clock = NOW;
    await exportDistrictLedger(ctx, dir.file('district.xlsx'), { asOfMonth: '2026-11', referenceDay: '2026-12-01' });
    printed = printToPdf(dir.file('district.xlsx'));
    screenshots(dir.file('district.xlsx'), 'ledger-district', { 1: 1, 2: 2, problems: printed.pages.indexOf(pagesOf(printed, '问题台账')[0]!) + 1 });
  }, 240_000);
  afterAll(() => ctx.db.close());

  it('prints every sheet on A4 landscape fitted to the width; the summary on one page', () => {
    expectA4Landscape(printed);
    expect(pagesOf(printed, '汇总').length).toBe(1);
    expect(squash(pagesOf(printed, '汇总')[0]!.text)).toContain('竣工投产项目数');
    for (const sheet of Object.values(LEDGER_SHEET_NAMES).filter((s) => s !== '汇总')) {
      const pages = pagesOf(printed, sheet);
      expect(pages.length, sheet).toBeGreaterThan(0);
      expect(pages.length, sheet).toBeLessThanOrEqual(3);
    }
  });

  it('prints the title, whole headings, the problem’s four steps, local times, no identifiers', () => {
    expect(printed.flat).toContain('重点项目帮包台账（全区）·汇总');
    expect(printed.flat).toContain('投资统计截至2026-11');
    expect(printed.flat).toContain('超序时进度（百分点）');
    for (const step of steps) expect(printed.flat).toContain(squash(step));
    expect(printed.flat).toContain('2026-12-0107:30'); // 办结时间, Beijing time (23:30 UTC the day before)
    expect(printed.flat).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
    expect(printed.flat).not.toContain(problemId);
    // …while the identifier stays in the sheet, read back as before.
    const book = readLedgerWorkbook(readFileSync(dir.file('district.xlsx')));
    expect(book['问题台账']!.map((r) => r['问题ID'])).toContain(problemId);
    expect(book['问题台账']!.find((r) => r['问题ID'] === problemId)!['办结时间']).toBe('2026-12-01 07:30');
  });
});
