import type { MasterListIssue } from './master-issues.js';

/**
 * "A list shows what it imports" in the validator: what the reader of a workbook found out of sight
 * (electron/bureau/master-file.ts, master-display.ts) becomes issues by row and column, for the cells the
 * import uses. A cell whose format shows something else (`shown_differs`), a hidden row that holds a project
 * (`hidden_row`), a hidden column the import reads (`hidden_column`). A CSV has none of these.
 */

/** A cell whose format makes it show something other than the value it holds. */
export interface ShownCell {
  shown: string;
  value: string;
  format: string;
  /** The format could not be rendered at all (so what the cell shows cannot be checked). */
  unreadable?: boolean;
}

const cellIssue = (row: number, column: string, { unreadable, ...params }: ShownCell): MasterListIssue => ({
  row,
  column,
  code: unreadable ? 'format_unreadable' : 'shown_differs',
  params,
});

/** What a workbook hides or disguises, beside its cells (absent for CSV). */
export interface SheetVisibility {
  /** Heading cells that show something other than their value, by column index. */
  headersShown?: ReadonlyMap<number, ShownCell>;
  /** The heading row itself is hidden. */
  headerHidden?: boolean;
  /** Hidden columns, by index. */
  hiddenColumns?: ReadonlySet<number>;
}

export interface RowVisibility {
  /** Cells of the row that show something other than their value, by column index. */
  shown?: ReadonlyMap<number, ShownCell>;
  hidden?: boolean;
}

/** The heading row's issues: a heading shown as another, the row hidden, a used column hidden. */
export function headingVisibilityIssues(
  sheet: SheetVisibility,
  headerRow: number,
  headings: readonly string[],
  used: ReadonlyMap<number, string>,
): MasterListIssue[] {
  const issues: MasterListIssue[] = [];
  // A heading that shows another heading would put a column's values where the reader does not see them.
  for (const [index, shown] of sheet.headersShown ?? []) issues.push(cellIssue(headerRow, headings[index] ?? '', shown));
  if (sheet.headerHidden) issues.push({ row: headerRow, column: '', code: 'hidden_row', params: {} });
  for (const [index, heading] of used) if (sheet.hiddenColumns?.has(index)) issues.push({ row: headerRow, column: heading, code: 'hidden_column', params: {} });
  return issues;
}

/** A project row's issues: hidden, or a used cell shown as something else. `used` maps column index to heading. */
export function rowVisibilityIssues(row: RowVisibility & { rowNumber: number }, used: ReadonlyMap<number, string>): MasterListIssue[] {
  const issues: MasterListIssue[] = [];
  if (row.hidden) issues.push({ row: row.rowNumber, column: '', code: 'hidden_row', params: {} });
  for (const [index, heading] of used) {
    const shown = row.shown?.get(index);
    if (shown) issues.push(cellIssue(row.rowNumber, heading, shown));
  }
  return issues;
}
