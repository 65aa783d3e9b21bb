import * as XLSX from '@e965/xlsx';
import { cellText } from '@shared/bureau/master-cells.js';
import type { SheetVisibility, ShownCell } from '@shared/bureau/master-visibility.js';

/**
 * "A list shows what it imports": the import reads a cell's value (SheetJS `v`), a person reads what its
 * format (`z`) shows (`w`), and a format can make the two differ (`"100"` shows 100 over 1,000,000, `;;;`
 * shows nothing, `#,##0,` shows thousands, `"GX-"@` adds text the import never sees). So a text cell must
 * show its text, a number cell exactly one number that reads back as its value within the digits shown, and
 * a date cell the whole day with no digits of its own. The validator refuses the others by row and column.
 */
/** Does the shown text read back as `value`? */
function numberShows(value: number, shown: string): boolean {
  const text = shown
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim()
    .replace(/(\d) (?=\d{3}(?!\d))/g, '$1'); // "1 234 567": groups separated by spaces
  const tokens = [...text.matchAll(/(\d[\d,]*|(?=\.\d))(?:\.(\d*))?(?:[Ee]([+-]?\d+))?/g)].filter((m) => m[0] !== '');
  if (tokens.length !== 1) return false;
  const token = tokens[0]!;
  const before = text.slice(0, token.index);
  const after = text.slice(token.index! + token[0].length);
  const negative = /[-\u2212]/.test(before) || (before.includes('(') && after.includes(')'));
  const percent = after.includes('%');
  const decimals = (token[2] ?? '').length;
  const exponent = Number(token[3] ?? 0);
  const magnitude = Number(`${(token[1] ?? '').replace(/,/g, '') || '0'}.${token[2] || '0'}e${exponent}`);
  const scale = percent ? 100 : 1;
  const read = ((negative ? -1 : 1) * magnitude) / scale;
  const tolerance = (0.5 * 10 ** (exponent - decimals)) / scale + 1e-12 * Math.max(1, Math.abs(value));
  return Math.abs(read - value) <= tolerance;
}

/** Format text with its quoted strings, escaped characters and [bracketed] codes taken out, and those literals. */
function splitFormat(format: string): { codes: string; literals: string } {
  let codes = '';
  let literals = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === '"') {
      const end = format.indexOf('"', i + 1);
      const stop = end < 0 ? format.length : end;
      literals += format.slice(i + 1, stop);
      i = stop;
    } else if (c === '\\' || c === '_' || c === '*') {
      literals += c === '\\' ? (format[i + 1] ?? '') : '';
      i += 1;
    } else if (c === '[') {
      const end = format.indexOf(']', i + 1);
      i = end < 0 ? format.length : end;
    } else codes += c;
  }
  return { codes, literals };
}

/** A date format shows the whole day (year, month, day) and no digits of its own. */
function dateFormatShowsDay(format: string): boolean {
  if (format === 'General') return true;
  const { codes, literals } = splitFormat(format);
  return !/\d/.test(literals) && /y/i.test(codes) && /m/i.test(codes) && /d/i.test(codes);
}

/** The cell's shown text when it differs from what the import reads, else null. */
function shownDiffers(cell: XLSX.CellObject | undefined): ShownCell | null {
  if (!cell) return null;
  const format = String(cell.z ?? 'General');
  if (cell.w === undefined) {
    // SheetJS leaves the shown text out when it cannot render the format (`0;0;0;0;0`, an unterminated quote).
    const unrendered = (cell.t === 'n' || cell.t === 's' || cell.t === 'd') && format !== 'General';
    return unrendered ? { shown: '', value: cell.v instanceof Date ? cellText(cell.v) : String(cell.v ?? ''), format, unreadable: true } : null;
  }
  const shown = String(cell.w);
  if (cell.t === 's') {
    const value = String(cell.v ?? '');
    return cellText(shown) === cellText(value) ? null : { shown, value, format };
  }
  if (cell.t === 'n' && typeof cell.v === 'number') {
    return numberShows(cell.v, shown) ? null : { shown, value: String(cell.v), format };
  }
  if (cell.t === 'd' && cell.v instanceof Date) {
    return dateFormatShowsDay(format) ? null : { shown, value: cellText(cell.v), format };
  }
  return null;
}

/**
 * What a sheet read with `cellStyles` hides or disguises: the cells that show something other than their
 * value, by spreadsheet row (1-based) and column index within the sheet's range (as sheet_to_json gives it),
 * and the rows and columns hidden or of zero height or width.
 */
export function sheetVisibility(ws: XLSX.WorkSheet, firstColumn: number): SheetVisibility {
  const shown = new Map<number, Map<number, ShownCell>>();
  for (const address of Object.keys(ws)) {
    if (address.startsWith('!')) continue;
    const differs = shownDiffers(ws[address] as XLSX.CellObject);
    if (!differs) continue;
    const { r, c } = XLSX.utils.decode_cell(address);
    let row = shown.get(r + 1);
    if (!row) shown.set(r + 1, (row = new Map()));
    row.set(c - firstColumn, differs);
  }
  const hiddenRows = new Set<number>();
  const hiddenColumns = new Set<number>();
  (ws['!rows'] ?? []).forEach((row, i) => {
    if (row && (row.hidden || row.hpt === 0 || row.hpx === 0)) hiddenRows.add(i + 1);
  });
  (ws['!cols'] ?? []).forEach((col, i) => {
    if (col && (col.hidden || col.width === 0 || col.wch === 0 || col.wpx === 0)) hiddenColumns.add(i - firstColumn);
  });
  return { shown, hiddenRows, hiddenColumns };
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, e: string) =>
    e.startsWith('#x') || e.startsWith('#X')
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith('#')
        ? String.fromCodePoint(Number(e.slice(1)))
        : (XML_ENTITIES[e] ?? all),
  );
const attribute = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1]!) : undefined;
};

/** The hidden sheets of an OpenDocument spreadsheet, which SheetJS does not report: tables styled `table:display="false"`. */
export function odsHiddenSheets(contentXml: string): Set<string> {
  const hiddenStyles = new Set<string>();
  for (const m of contentXml.matchAll(/<style:style\b([^>]*?)(?:\/>|>([\s\S]*?)<\/style:style>)/g)) {
    const open = m[1]!;
    if (attribute(open, 'style:family') !== 'table') continue;
    if (/<style:table-properties\b[^>]*\stable:display="false"/.test(m[2] ?? '')) hiddenStyles.add(attribute(open, 'style:name') ?? '');
  }
  const hidden = new Set<string>();
  for (const m of contentXml.matchAll(/<table:table\b[^>]*>/g)) {
    const style = attribute(m[0], 'table:style-name');
    const name = attribute(m[0], 'table:name');
    if (style !== undefined && name !== undefined && hiddenStyles.has(style)) hidden.add(name);
  }
  return hidden;
}
