import type { RankedSponsor } from '@shared/bureau/ranking.js';
import { writeXlsxBook, type XlsxBook, type XlsxCell, type XlsxSheet } from '../sync/xlsx-stream.js';
import { bulletinPeriod, type BulletinPage } from './bulletin-document.js';
import { bulletinWords, type BulletinWords } from './bulletin-words.js';

/**
 * The monthly bulletin as a workbook, for the office that pastes it into its own reports: the text (one row per
 * paragraph, as edited) and the two rankings with their figures as numbers. Written by the ledgers' writer
 * (electron/sync/xlsx-stream.ts), which makes every text cell formula-safe (sheet-text.ts) and prints on A4.
 */

function rankingSheet(name: string, nameHeading: string, rows: readonly RankedSponsor[], w: BulletinWords, titles: string[]): XlsxSheet {
  const c = w.columns;
  return {
    name,
    titles,
    columns: [
      { header: c.rank, width: 6, kind: 'integer' },
      { header: nameHeading, width: 22, kind: 'text' },
      { header: c.projects, width: 7, kind: 'integer' },
      { header: c.completion, width: 10, kind: 'pct' },
      { header: c.ahead, width: 10, kind: 'points' },
      { header: c.behind, width: 8, kind: 'integer' },
      { header: c.change, width: 8, kind: 'text' },
    ],
    rows: rows.map((r): XlsxCell[] => [r.rank, r.name, r.projects, r.completionPct, r.aheadPoints, r.projectsBehind, w.change(r)]),
  };
}

export function bulletinBook(page: BulletinPage): XlsxBook {
  const w = bulletinWords(page.language);
  const titles = (sheet: string) => [`${page.title} · ${sheet}`, bulletinPeriod(page)];
  const since = w.since(page.ranking.previousAsOfMonth);
  const text: XlsxSheet = {
    name: w.sheet.text,
    titles: [page.title, bulletinPeriod(page)],
    columns: [
      { header: w.textColumns.section, width: 12, kind: 'text' },
      { header: w.textColumns.text, width: 90, kind: 'text' },
    ],
    rows: page.paragraphs.map((p): XlsxCell[] => [w.sections[p.section], p.text]),
  };
  const withNote = (sheet: XlsxSheet): XlsxSheet => ({ ...sheet, rows: [...sheet.rows, [since]], notesFrom: (sheet.rows as unknown[]).length });
  return {
    title: page.title,
    author: page.bureauName,
    createdAt: page.madeAt,
    sheets: [
      text,
      withNote(rankingSheet(w.sheet.units, w.columns.unit, page.ranking.units, w, titles(w.sheet.units))),
      withNote(rankingSheet(w.sheet.leaders, w.columns.leader, page.ranking.leaders, w, titles(w.sheet.leaders))),
    ],
  };
}

export const writeBulletinWorkbook = (page: BulletinPage): Promise<Buffer> => writeXlsxBook(bulletinBook(page));
