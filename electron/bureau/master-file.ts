import * as XLSX from '@e965/xlsx';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { columnForHeader, type RawCell, type RawSheet } from '../../shared/bureau/master-list.js';
import { AppError } from '../../shared/errors.js';

/**
 * Reads a master list file into headings and rows with SheetJS (the CSV parsing is SheetJS's too).
 * .xlsx/.xls/.ods: the sheet named 重点项目清单, or the first sheet. .csv/.txt: text decoded first —
 * UTF-8 with or without BOM, UTF-16 with BOM, otherwise GB18030 (which covers GBK/GB2312, what Excel on
 * Chinese Windows writes for "CSV") — then comma, semicolon or tab separated as SheetJS detects.
 */
export const MASTER_SHEET_NAME = '重点项目清单';
const MAX_MASTER_FILE_BYTES = 50 * 1024 * 1024;

export interface MasterFile {
  fileName: string;
  sha256: string;
  encoding: string | null;
  sheet: RawSheet;
}

export function decodeCsvText(bytes: Buffer): { text: string; encoding: string } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

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
  let workbook: XLSX.WorkBook;
  let encoding: string | null = null;
  try {
    if (ext === '.csv' || ext === '.txt') {
      const decoded = decodeCsvText(bytes);
      encoding = decoded.encoding;
      workbook = XLSX.read(decoded.text, { type: 'string', raw: true, dense: false });
    } else if (ext === '.xlsx' || ext === '.xls' || ext === '.ods' || ext === '.xlsm') {
      workbook = XLSX.read(bytes, { type: 'buffer', cellDates: true, cellFormula: false, cellHTML: false });
    } else {
      throw invalidFile(`${basename(path)}: a master list is an .xlsx or .csv file`, { path, problem: 'extension' });
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalidFile(`${basename(path)} cannot be read as a spreadsheet: ${(error as Error).message}`, { path });
  }
  const sheetName = workbook.SheetNames.includes(MASTER_SHEET_NAME) ? MASTER_SHEET_NAME : workbook.SheetNames[0];
  const ws = sheetName ? workbook.Sheets[sheetName] : undefined;
  if (!ws || !ws['!ref']) return { fileName: basename(path), sha256: sha256(bytes), encoding, sheet: { headers: [], rows: [] } };
  const firstRow = XLSX.utils.decode_range(ws['!ref']).s.r + 1;
  const grid = XLSX.utils.sheet_to_json<RawCell[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
  // The heading row is the first of the top ten rows that names the 项目编码 column (a title row may sit above it).
  let headerIndex = grid.slice(0, 10).findIndex((row) => row.some((cell) => typeof cell === 'string' && columnForHeader(cell) === 'code'));
  if (headerIndex < 0) headerIndex = 0;
  const headers = grid[headerIndex] ?? [];
  const rows = grid.slice(headerIndex + 1).map((cells, i) => ({ rowNumber: firstRow + headerIndex + 1 + i, cells }));
  return { fileName: basename(path), sha256: sha256(bytes), encoding, sheet: { headerRowNumber: firstRow + headerIndex, headers, rows } };
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
