import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  APP_PROPS_XML,
  cellXml,
  columnName,
  contentTypesXml,
  corePropsXml,
  ROOT_RELS_XML,
  rowHeight,
  STYLE,
  STYLES_XML,
  workbookRelsXml,
  wrappedLines,
  xmlText,
  type CellKind,
} from './xlsx-parts.js';
import { zipChunks, type ZipEntrySource } from './xlsx-zip.js';

/**
 * A small SpreadsheetML (.xlsx) writer for print-ready tables, streaming rows into the zip (xlsx-zip.ts)
 * (docs/packets.md §5, "Why our own writer"). Each sheet is: title lines, one heading row (frozen, repeated
 * on every printed page), the rows; printed on A4 landscape, fitted to the page width, with the columns
 * marked `print: false` (identifiers) left outside the print area but kept in the sheet.
 *
 * Rows are pulled from an iterable while the zip is written, and the XML goes out in UTF-8 chunks of about 256 KB,
 * so memory stays bounded by the chunk, not by the sheet.
 */

export type XlsxCell = string | number | null;

export interface XlsxColumn {
  header: string;
  /** Width in characters of the default font (a Chinese character takes about 2). */
  width: number;
  kind: CellKind;
  /** false: kept in the sheet, left out of the print area (must be the last columns). */
  print?: boolean;
}

export interface XlsxSheet {
  name: string;
  /** Lines above the heading row: the first in large bold type (what), the others small (whose, which period). */
  titles: readonly string[];
  columns: readonly XlsxColumn[];
  rows: Iterable<readonly XlsxCell[]>;
  /** Rows from this index on are free notes: not wrapped, no borders (the text runs across empty cells). */
  notesFrom?: number;
}

export interface XlsxBook {
  title: string;
  author: string;
  createdAt: Date;
  sheets: readonly XlsxSheet[];
}

const CHUNK = 256 * 1024;

interface SheetExtent {
  lastRow: number;
}

function sheetHead(sheet: XlsxSheet, index: number): string {
  const headingRow = sheet.titles.length + 1;
  const cols = sheet.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<sheetViews><sheetView workbookViewId="0"${index === 0 ? ' tabSelected="1"' : ''}>` +
    `<pane ySplit="${headingRow}" topLeftCell="A${headingRow + 1}" activePane="bottomLeft" state="frozen"/>` +
    `<selection pane="bottomLeft" activeCell="A${headingRow + 1}" sqref="A${headingRow + 1}"/></sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="13.5"/>' +
    `<cols>${cols}</cols><sheetData>`
  );
}

function sheetTail(sheet: XlsxSheet, lastRow: number): string {
  const headingRow = sheet.titles.length + 1;
  const lastCol = columnName(sheet.columns.length - 1);
  return (
    '</sheetData>' +
    `<autoFilter ref="A${headingRow}:${lastCol}${lastRow}"/>` +
    '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.6" header="0.3" footer="0.3"/>' +
    '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
    `<headerFooter><oddFooter>${xmlText(`&L${sheet.name}&R第 &P 页，共 &N 页`)}</oddFooter></headerFooter>` +
    '</worksheet>'
  );
}

function rowXml(r: number, cells: string, height?: number): string {
  return height === undefined ? `<row r="${r}">${cells}</row>` : `<row r="${r}" ht="${height}" customHeight="1">${cells}</row>`;
}

/**
 * XML written as UTF-8 straight into chunks of about CHUNK bytes: no 256 KB string is joined and then encoded
 * (issue 11: that joining and encoding was a sixth of the district ledger's allocations).
 */
class Utf8Chunks {
  private buffer = Buffer.allocUnsafe(CHUNK);
  private used = 0;

  /** Adds `text`; answers the chunk it filled, if it filled one. */
  add(text: string): Buffer | undefined {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8 (a pair of them 4), so this much room always suffices.
    const room = text.length * 3;
    let full: Buffer | undefined;
    if (this.used + room > this.buffer.length) {
      full = this.take();
      if (room > this.buffer.length) this.buffer = Buffer.allocUnsafe(room);
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
    return full;
  }

  /** The bytes added since the last chunk (undefined when none), a new buffer started for the next ones. */
  take(): Buffer | undefined {
    if (this.used === 0) return undefined;
    const chunk = this.buffer.subarray(0, this.used);
    this.buffer = Buffer.allocUnsafe(CHUNK);
    this.used = 0;
    return chunk;
  }
}

/** The sheet's XML in chunks; `extent.lastRow` is set once the last row has been written. */
function* sheetChunks(sheet: XlsxSheet, index: number, extent: SheetExtent): Generator<Buffer> {
  const out = new Utf8Chunks();
  let head = sheetHead(sheet, index);
  let r = 0;
  for (const [i, line] of sheet.titles.entries()) {
    r += 1;
    head += rowXml(r, cellXml(`A${r}`, 'text', line, i === 0 ? STYLE.title : STYLE.subtitle), i === 0 ? 24 : 16);
  }
  r += 1;
  const headingLines = Math.max(...sheet.columns.map((c) => wrappedLines(c.header, c.width)));
  head += rowXml(r, sheet.columns.map((c, i) => cellXml(`${columnName(i)}${r}`, 'text', c.header, STYLE.heading)).join(''), rowHeight(headingLines));
  out.add(head);
  const names = sheet.columns.map((_, i) => columnName(i));
  let n = 0;
  for (const row of sheet.rows) {
    r += 1;
    const note = sheet.notesFrom !== undefined && n >= sheet.notesFrom;
    n += 1;
    let cells = '';
    let lines = 1;
    for (let i = 0; i < sheet.columns.length; i++) {
      const value = row[i] ?? null;
      if (note && value === null) continue;
      const column = sheet.columns[i]!;
      cells += cellXml(`${names[i]}${r}`, note ? 'text' : column.kind, value, note ? STYLE.note : STYLE[column.kind]);
      // Only text wraps (identifier columns are not printed and need not show whole).
      if (!note && column.kind === 'text' && typeof value === 'string' && column.print !== false) lines = Math.max(lines, wrappedLines(value, column.width));
    }
    const full = out.add(rowXml(r, cells, rowHeight(lines)));
    if (full) yield full;
  }
  extent.lastRow = r;
  const full = out.add(sheetTail(sheet, r));
  if (full) yield full;
  yield out.take()!;
}

/** `'Sheet name'` as a formula reference writes it. */
const quoted = (name: string) => `'${name.replace(/'/g, "''")}'`;

function workbookXml(book: XlsxBook, extents: readonly SheetExtent[]): string {
  const sheets = book.sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const names = book.sheets
    .map((s, i) => {
      const heading = s.titles.length + 1;
      const last = extents[i]!.lastRow;
      const printed = s.columns.filter((c) => c.print !== false).length;
      const ref = (from: string, to: string) => xmlText(`${quoted(s.name)}!$${from}:$${to}`);
      return (
        `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${ref(`A$${heading}`, `${columnName(s.columns.length - 1)}$${last}`)}</definedName>` +
        `<definedName name="_xlnm.Print_Area" localSheetId="${i}">${ref('A$1', `${columnName(Math.max(printed, 1) - 1)}$${last}`)}</definedName>` +
        `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${ref(`${heading}`, `${heading}`)}</definedName>`
      );
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheets}</sheets><definedNames>${names}</definedNames></workbook>`
  );
}

/** The zip's bytes, its entries produced lazily in order: workbook.xml last, when every sheet's extent is known. */
function zipOf(book: XlsxBook): AsyncGenerator<Buffer> {
  for (const s of book.sheets) {
    if (s.columns.some((c, i) => c.print === false && s.columns.slice(i).some((d) => d.print !== false))) {
      throw new Error(`sheet ${s.name}: columns left out of print must be the last ones`);
    }
  }
  const count = book.sheets.length;
  const fixed = (name: string, xml: string): ZipEntrySource => ({ name, chunks: () => [Buffer.from(xml)] });
  const extents: SheetExtent[] = book.sheets.map(() => ({ lastRow: 0 }));
  return zipChunks(
    [
      fixed('[Content_Types].xml', contentTypesXml(count)),
      fixed('_rels/.rels', ROOT_RELS_XML),
      fixed('docProps/core.xml', corePropsXml(book.title, book.author, book.createdAt)),
      fixed('docProps/app.xml', APP_PROPS_XML),
      fixed('xl/_rels/workbook.xml.rels', workbookRelsXml(count)),
      fixed('xl/styles.xml', STYLES_XML),
      ...book.sheets.map((sheet, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, chunks: () => sheetChunks(sheet, i, extents[i]!) })),
      { name: 'xl/workbook.xml', chunks: () => [Buffer.from(workbookXml(book, extents))] },
    ],
    book.createdAt,
  );
}

/** The workbook as bytes (small workbooks: the officer's packet ledger). */
export async function writeXlsxBook(book: XlsxBook): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of zipOf(book)) parts.push(chunk);
  return Buffer.concat(parts);
}

/**
 * The workbook streamed into `file` atomically: a temporary file beside it, fsync, rename; on any error the
 * temporary file is removed and `file` is untouched. Returns the size in bytes.
 */
export async function writeXlsxBookFile(book: XlsxBook, file: string, mode = 0o644): Promise<number> {
  const temp = join(dirname(file), `.sponsor-desk-${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', mode);
  let bytes = 0;
  try {
    try {
      for await (const chunk of zipOf(book)) {
        await handle.write(chunk);
        bytes += chunk.length;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return bytes;
}
