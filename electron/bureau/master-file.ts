import * as XLSX from '@e965/xlsx';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { columnForHeader, type RawCell, type RawSheet } from '@shared/bureau/master-list.js';
import { AppError } from '@shared/errors.js';
import { decodeCsvText } from './master-csv.js';
import { odsHiddenSheets, sheetVisibility } from './master-display.js';
import { fileRefusal } from './master-errors.js';
import { checkWorkbookZip } from './master-zip.js';

/**
 * Reads a master list file into headings and rows with SheetJS: from a workbook the sheet 重点项目清单 (or the
 * first), with what it hides or disguises (master-display.ts) and its zip proved first (master-zip.ts); from a
 * .csv/.txt the text decoded by master-csv.ts, separated as SheetJS detects.
 */
export const MASTER_SHEET_NAME = '重点项目清单';
const MAX_MASTER_FILE_BYTES = 50 * 1024 * 1024;

/** The file's name and SHA-256 (kept with the import), the CSV's encoding (null for a workbook) and its sheet. */
export type MasterFile = { fileName: string; sha256: string; encoding: string | null; sheet: RawSheet };

function invalidFile(message: string, params: Record<string, string | number>): AppError {
  return new AppError('master_list_invalid', message, { problem: 'unreadable', ...params });
}

export function readMasterListFile(path: string): MasterFile {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw new AppError('not_found', `master list not found: ${path}`, { what: 'master list', path });
  }
  if (size > MAX_MASTER_FILE_BYTES) throw invalidFile(`${path} is too large for a master list`, { path });
  const bytes = readFileSync(path);
  const ext = extname(path).toLowerCase();
  const file = basename(path);
  let workbook: XLSX.WorkBook;
  let encoding: string | null = null;
  let odsContent: Buffer | undefined;
  try {
    if (ext === '.csv' || ext === '.txt') {
      const decoded = decodeCsvText(bytes, file);
      encoding = decoded.encoding;
      workbook = XLSX.read(decoded.text, { type: 'string', raw: true, dense: false });
    } else if (ext === '.xlsx' || ext === '.xls' || ext === '.ods' || ext === '.xlsm') {
      odsContent = checkWorkbookZip(bytes, file, new Set(['content.xml'])).get('content.xml');
      // cellNF keeps each cell's format and cellText its shown text (`w`), to compare with the value.
      // cellStyles for the rows' and columns' hidden flags.
      workbook = XLSX.read(bytes, { type: 'buffer', cellDates: true, cellNF: true, cellText: true, cellStyles: true, cellFormula: false, cellHTML: false });
    } else {
      throw invalidFile(`${file}: a master list is an .xlsx or .csv file`, { path, problem: 'extension' });
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw fileRefusal('unreadable', 'file_unreadable', { file, detail: (error as Error).message.slice(0, 200) }, { path });
  }
  const index = Math.max(0, workbook.SheetNames.indexOf(MASTER_SHEET_NAME));
  const sheetName = workbook.SheetNames[index];
  const ws = sheetName ? workbook.Sheets[sheetName] : undefined;
  // A hidden project sheet imports what nobody reading the list sees (while a visible sheet may show other figures).
  // Hidden is 1, very hidden 2 (only a macro or an XML editor can unhide it); SheetJS does not report an OpenDocument's.
  let hidden = Number(workbook.Workbook?.Sheets?.[index]?.Hidden ?? 0);
  if (sheetName !== undefined && odsContent && odsHiddenSheets(odsContent.toString('utf8')).has(sheetName)) hidden = 1;
  if (hidden !== 0) {
    throw fileRefusal('hidden_sheet', hidden === 2 ? 'very_hidden_sheet' : 'hidden_sheet', { sheet: sheetName! }, { sheet: sheetName! });
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (!ws || !ws['!ref']) return { fileName: file, sha256, encoding, sheet: { headers: [], rows: [] } };
  const range = XLSX.utils.decode_range(ws['!ref']);
  // UTC: a date cell comes as its day's UTC midnight, the day cellText reads (without it SheetJS shifts it by the process's zone).
  const grid = XLSX.utils.sheet_to_json<RawCell[]>(ws, { header: 1, raw: true, defval: null, blankrows: true, UTC: true });
  // The heading row is the first of the top ten rows that names the 项目编码 column (a title row may sit above it).
  const headerIndex = Math.max(
    0,
    grid.slice(0, 10).findIndex((row) => row.some((cell) => typeof cell === 'string' && columnForHeader(cell) === 'code')),
  );
  const headerRowNumber = range.s.r + 1 + headerIndex;
  const sheet: RawSheet = {
    headerRowNumber,
    headers: grid[headerIndex] ?? [],
    rows: grid.slice(headerIndex + 1).map((cells, i) => ({ rowNumber: headerRowNumber + 1 + i, cells })),
    visibility: encoding === null ? sheetVisibility(ws, range.s.c) : undefined,
  };
  return { fileName: file, sha256, encoding, sheet };
}
