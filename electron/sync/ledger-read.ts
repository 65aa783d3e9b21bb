import * as XLSX from '@e965/xlsx';

export type ReadCell = string | number | null;

/**
 * Reads a ledger back: each sheet as rows keyed by heading (for tests and for checking a received ledger).
 * The heading row is the first row with more than one cell (the title lines above it hold one each; a ledger
 * written before the title lines has its headings in row 1). Days, months and moments are real dates in the
 * file; they come back as the text the sheet shows (`2026-12-01`, `2026-11`, `2026-12-01 09:30`), which is
 * what the ledger's rows hold, so the values read back are the values written.
 */
export function readLedgerWorkbook(data: Uint8Array): Record<string, Record<string, ReadCell>[]> {
  const wb = XLSX.read(data, { type: 'buffer', cellNF: true });
  const out: Record<string, Record<string, ReadCell>[]> = {};
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name]!;
    for (const cell of Object.values(ws) as XLSX.CellObject[]) {
      if (cell && typeof cell === 'object' && cell.t === 'n' && typeof cell.z === 'string' && XLSX.SSF.is_date(cell.z) && cell.w !== undefined) {
        // The reader would otherwise turn a date-formatted cell into a Date object: keep the shown text.
        cell.t = 's';
        cell.v = cell.w;
        delete cell.z;
      }
    }
    const grid = XLSX.utils.sheet_to_json<ReadCell[]>(ws, { header: 1, defval: null, raw: true, blankrows: true });
    const headingIndex = Math.max(
      0,
      grid.findIndex((row) => row.filter((c) => c !== null && c !== '').length > 1),
    );
    const range = XLSX.utils.decode_range(ws['!ref'] ?? 'A1');
    out[name] = XLSX.utils.sheet_to_json<Record<string, ReadCell>>(ws, {
      defval: null,
      raw: true,
      range: { s: { r: range.s.r + headingIndex, c: range.s.c }, e: range.e },
    });
  }
  return out;
}
