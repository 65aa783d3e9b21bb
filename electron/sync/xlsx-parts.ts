/**
 * The fixed parts of the workbooks `xlsx-stream.ts` writes, and how one value becomes one SpreadsheetML cell.
 * Kept apart from the streaming so each file has one job: this one knows the file format's small print
 * (escaping, date serials, the style table), the other the order and the streaming.
 */

import { formulaSafeText } from './sheet-text.js';

/** What a column holds, which decides its cell type and number format. */
export type CellKind = 'text' | 'integer' | 'wan' | 'pct' | 'points' | 'day' | 'month' | 'datetime';

/**
 * Style ids (indexes into cellXfs below). Percentages and points stay in the units their headings name
 * (完成率（%） holds 45.3, not 0.453): the values are a published format the bureau's formulas use.
 */
export const STYLE = { title: 1, subtitle: 2, heading: 3, text: 4, integer: 5, wan: 6, pct: 7, points: 8, day: 9, month: 10, datetime: 11, note: 12 } as const;

const FONT = '<name val="宋体"/><family val="3"/><charset val="134"/>';
const BORDER = ['left', 'right', 'top', 'bottom'].map((s) => `<${s} style="thin"><color rgb="FFA6A6A6"/></${s}>`).join('');
const TOP = '<alignment vertical="top"/>';
const xf = (numFmt: number, font: number, fill: number, border: number, alignment = '') =>
  `<xf numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1"${alignment ? ' applyAlignment="1"' : ''}>${alignment}</xf>`;

export const STYLES_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="5"><numFmt numFmtId="164" formatCode="0.0"/><numFmt numFmtId="165" formatCode="+0.0;-0.0;0.0"/><numFmt numFmtId="166" formatCode="yyyy-mm-dd"/><numFmt numFmtId="167" formatCode="yyyy-mm"/><numFmt numFmtId="168" formatCode="yyyy-mm-dd hh:mm"/></numFmts>
<fonts count="4"><font><sz val="10"/>${FONT}</font><font><b/><sz val="14"/>${FONT}</font><font><sz val="10"/><color rgb="FF595959"/>${FONT}</font><font><b/><sz val="10"/>${FONT}</font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border>${BORDER}<diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="13">${[
  xf(0, 0, 0, 0),
  xf(0, 1, 0, 0, '<alignment vertical="center"/>'),
  xf(0, 2, 0, 0, '<alignment vertical="center"/>'),
  xf(0, 3, 2, 1, '<alignment horizontal="center" vertical="center" wrapText="1"/>'),
  xf(49, 0, 0, 1, '<alignment vertical="top" wrapText="1"/>'),
  xf(1, 0, 0, 1, TOP),
  xf(4, 0, 0, 1, TOP),
  xf(164, 0, 0, 1, TOP),
  xf(165, 0, 0, 1, TOP),
  xf(166, 0, 0, 1, TOP),
  xf(167, 0, 0, 1, TOP),
  xf(168, 0, 0, 1, TOP),
  xf(0, 0, 0, 0, TOP),
].join('')}</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

export function contentTypesXml(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheets}<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`;
}

export const ROOT_RELS_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`;

export function workbookRelsXml(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets}<Relationship Id="rId${sheetCount + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
}

export function corePropsXml(title: string, author: string, created: Date): string {
  const at = created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${xmlText(title)}</dc:title><dc:creator>${xmlText(author)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created></cp:coreProperties>`;
}

export const APP_PROPS_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Sponsor Desk</Application></Properties>`;

// Characters XML 1.0 cannot carry, and text that reads like the format's own `_xHHHH_` escape.
const XML_UNSAFE = /[&<>"\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f\ufffe\uffff]|_(?=x[0-9a-fA-F]{4}_)/g;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', _: '_x005F_' };

/** Text as XML character data that reads back exactly (SpreadsheetML's `_xHHHH_` for control characters). */
export function xmlText(text: string): string {
  return text.replace(XML_UNSAFE, (c) => XML_ESCAPES[c] ?? `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/** Column letters of a 0-based index (0 → A, 26 → AA). */
export function columnName(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** The number written at `text[from..from+n)` in ASCII digits, or -1. */
function digitsAt(text: string, from: number, n: number): number {
  let value = 0;
  for (let i = from; i < from + n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Where each kind's text has its separators: `YYYY-MM-DD`, `YYYY-MM`, `YYYY-MM-DD HH:mm`. */
const LAYOUT = {
  day: {
    length: 10,
    marks: [
      [4, '-'],
      [7, '-'],
    ],
  },
  month: { length: 7, marks: [[4, '-']] },
  datetime: {
    length: 16,
    marks: [
      [4, '-'],
      [7, '-'],
      [10, ' '],
      [13, ':'],
    ],
  },
} as const;

/**
 * A date as the spreadsheet's serial number (days since 1899-12-30, the 1900 date system): the local
 * wall-clock value is written as is, since a spreadsheet cell has no time zone. Read digit by digit rather
 * than by a regular expression (issue 11: the district ledger has 200,000 such cells).
 */
export function dateSerial(kind: 'day' | 'month' | 'datetime', text: string): number | null {
  const layout = LAYOUT[kind];
  if (text.length !== layout.length || layout.marks.some(([at, mark]) => text[at] !== mark)) return null;
  const y = digitsAt(text, 0, 4);
  const mo = digitsAt(text, 5, 2);
  const d = kind === 'month' ? 1 : digitsAt(text, 8, 2);
  const h = kind === 'datetime' ? digitsAt(text, 11, 2) : 0;
  const mi = kind === 'datetime' ? digitsAt(text, 14, 2) : 0;
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0) return null;
  // Date.UTC reads years 0–99 as 1900–1999; the month's length is that year's.
  const year = y < 100 ? 1900 + y : y;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (mo < 1 || mo > 12 || d < 1 || d > (mo === 2 ? (leap ? 29 : 28) : MONTH_DAYS[mo - 1]!) || h > 23 || mi > 59) return null;
  return Date.UTC(y, mo - 1, d, h, mi) / 86_400_000 + 25_569;
}

/**
 * One cell. Text always goes through `formulaSafeText` and is written as an inline string (`t="inlineStr"`,
 * read as typed text by Excel, WPS and LibreOffice; no formula result). A date-kind value that is not the
 * expected `YYYY-MM-DD[ HH:mm]` text is kept as text rather than guessed at.
 */
export function cellXml(ref: string, kind: CellKind, value: string | number | null, style: number = STYLE[kind]): string {
  if (value === null || value === '') return `<c r="${ref}" s="${style}"/>`;
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}" s="${style}"><v>${value}</v></c>` : `<c r="${ref}" s="${style}"/>`;
  if (kind === 'day' || kind === 'month' || kind === 'datetime') {
    const serial = dateSerial(kind, value);
    if (serial !== null) return `<c r="${ref}" s="${style}"><v>${serial}</v></c>`;
  }
  const textStyle = kind === 'text' || style === STYLE.note || style === STYLE.title || style === STYLE.subtitle ? style : STYLE.text;
  return `<c r="${ref}" s="${textStyle}" t="inlineStr"><is><t xml:space="preserve">${xmlText(formulaSafeText(value))}</t></is></c>`;
}

/** Points per line of 10-point text (a CJK font as LibreOffice substitutes it sets lines about 1.45 em apart), and the padding of a row. */
const LINE_PT = 15;
const ROW_PAD_PT = 3;
/** Excel's tallest row. */
const MAX_ROW_PT = 409;

/**
 * Width of `text[from, to)` in column units: a Chinese (full-width) character about 1.8 (measured in
 * LibreOffice's rendering; 宋体 in Excel is about 1.9), anything else 1.1. Counted by code point, as `for…of`
 * reads them, without making a string of each (issue 11: a tenth of the district ledger's allocations).
 */
function textUnits(text: string, from: number, to: number): number {
  let units = 0;
  for (let i = from; i < to; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < to) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000; // a surrogate pair: one code point beyond the basic plane
        i++;
      }
    }
    units += code >= 0x2e80 && !(code >= 0xff61 && code <= 0xffdc) ? 1.8 : 1.1;
  }
  return units;
}

/**
 * How many lines wrapped text takes in a column `width` wide. Neither LibreOffice nor Excel fits a row's
 * height to wrapped text when it opens an .xlsx, so the writer sets each row's height from this estimate
 * (erring on the tall side: a clipped history line is worse than a blank one).
 */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width - 0.5);
  let lines = 0;
  for (let from = 0; ;) {
    const end = text.indexOf('\n', from);
    lines += Math.max(1, Math.ceil(textUnits(text, from, end === -1 ? text.length : end) / usable));
    if (end === -1) return lines;
    from = end + 1;
  }
}

/** A row's height in points for its tallest cell. */
export function rowHeight(lines: number): number {
  return Math.min(MAX_ROW_PT, Math.round((Math.max(1, lines) * LINE_PT + ROW_PAD_PT) * 4) / 4);
}
