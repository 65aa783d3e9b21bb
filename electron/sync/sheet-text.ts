/**
 * Text that no spreadsheet program takes for a formula (OWASP "CSV injection"). Every workbook and CSV the
 * apps write (the officer's ledger, the district ledger, the master-list samples and template) passes its
 * cells through `formulaSafeRows` (the ledgers' streaming writer, xlsx-parts.ts, through `formulaSafeText`);
 * the other .xlsx files are written by `writeXlsx`.
 *
 * The rule: a text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a single
 * quote in front (`'=1+1`), as OWASP recommends. Numbers stay numbers; other text is untouched, and so is
 * text that is only a signed number (`-5`, a master list's figure typed as text), which a spreadsheet can
 * only read as that number: quoting it would change what the importer reads back.
 *
 * Why the quote and not only a typed text cell: an .xlsx string cell is not evaluated when the file is
 * opened (checked with LibreOffice), but it becomes a live formula as soon as someone edits it in Excel
 * (F2, Enter), saves the sheet as CSV, or pastes it into another program; the district ledger is forwarded,
 * re-saved and uploaded elsewhere. The quote travels with the text through all of that, and a CSV has no
 * cell types at all. The cost is a visible `'` before such text, which also tells the reader why.
 *
 * The ledgers' own writer (xlsx-stream.ts) writes inline strings (`t="inlineStr"`), typed text and never a
 * formula result; `writeXlsx` (xlsx-write.ts) writes the other workbooks.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
/** A signed decimal number written as text ("-5", "+3.5"): it computes to itself, calls nothing, and stays as written. */
const PLAIN_NUMBER = /^[+-](\d+(\.\d*)?|\.\d+)$/;

export function formulaSafeText(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** Rows of cells (an array of arrays, as `aoa_to_sheet` takes): text made formula-safe, anything else as it is. */
export function formulaSafeRows<T>(rows: readonly (readonly T[])[]): T[][] {
  return rows.map((row) => row.map((cell) => (typeof cell === 'string' ? formulaSafeText(cell) : cell) as T));
}
