import type { MasterListIssue } from './master-issues.js';

/**
 * "A list shows what it imports" in the validator: what the workbook reader (electron/bureau/master-display.ts)
 * found hidden or disguised becomes issues by row and column, for the rows and cells the import uses.
 */

/** A cell whose format makes it show something other than the value it holds. */
export interface ShownCell {
  shown: string;
  value: string;
  format: string;
  /** The format could not be rendered at all (so what the cell shows cannot be checked). */
  unreadable?: boolean;
}

export interface SheetVisibility {
  /** Cells that show something other than their value, by spreadsheet row, then column index. */
  shown: ReadonlyMap<number, ReadonlyMap<number, ShownCell>>;
  hiddenRows: ReadonlySet<number>;
  /** By column index. */
  hiddenColumns: ReadonlySet<number>;
}

function cellIssue(row: number, column: string, { unreadable, ...params }: ShownCell): MasterListIssue {
  return { row, column, code: unreadable ? 'format_unreadable' : 'shown_differs', params };
}
const hiddenRow = (row: number): MasterListIssue => ({ row, column: '', code: 'hidden_row', params: {} });

/** The heading row's issues: a heading shown as another, the row hidden, a used column hidden. `used` maps column index to heading. */
export function headingVisibilityIssues(
  sheet: SheetVisibility | undefined,
  row: number,
  headings: readonly string[],
  used: ReadonlyMap<number, string>,
): MasterListIssue[] {
  if (!sheet) return [];
  // A heading that shows another heading would put a column's values where the reader does not see them.
  const issues = [...(sheet.shown.get(row) ?? [])].map(([index, shown]) => cellIssue(row, headings[index] ?? '', shown));
  if (sheet.hiddenRows.has(row)) issues.push(hiddenRow(row));
  for (const [index, heading] of used) if (sheet.hiddenColumns.has(index)) issues.push({ row, column: heading, code: 'hidden_column', params: {} });
  return issues;
}

/** A project row's issues: hidden, or a used cell shown as something else. */
export function rowVisibilityIssues(sheet: SheetVisibility | undefined, row: number, used: ReadonlyMap<number, string>): MasterListIssue[] {
  if (!sheet) return [];
  const issues = sheet.hiddenRows.has(row) ? [hiddenRow(row)] : [];
  const shown = sheet.shown.get(row);
  for (const [index, heading] of used) {
    const cell = shown?.get(index);
    if (cell) issues.push(cellIssue(row, heading, cell));
  }
  return issues;
}
