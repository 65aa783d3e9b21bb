import * as XLSX from '@e965/xlsx';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import * as zlib from 'node:zlib';
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
/** What a workbook may unpack to, all parts together: a district's list is a few MB of XML; a zip bomb is far more. */
export const MAX_MASTER_UNPACKED_BYTES = 128 * 1024 * 1024;

/**
 * SheetJS unpacks an .xlsx with its own JavaScript inflater, trusting each part's local header: it allocates
 * the size the header declares (a lie of 4 GB is a 4 GB allocation), inflates whatever follows however large
 * (a zip bomb), and on damaged data can spin for seconds. So the zip is proved first with Node's zlib, each
 * part bounded by what is left of MAX_MASTER_UNPACKED_BYTES: every part the central directory lists has its
 * local header, a supported method, data that inflates, the size it declares and its CRC-32. Anything else
 * is refused as damaged before SheetJS sees it.
 */
function checkWorkbookZip(bytes: Buffer, path: string): void {
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) return; // not a zip (.xls): SheetJS reads it as is
  const damaged = (why: string) => invalidFile(`${basename(path)} is damaged (${why}); save the list again from the spreadsheet program`, { path, problem: 'damaged' });
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged('no zip directory: the file is cut short');
  let p = bytes.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = bytes.readUInt16LE(eocd + 10); n > 0; n--) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== 0x02014b50) throw damaged('a broken zip directory');
    const crc = bytes.readUInt32LE(p + 16);
    const local = bytes.readUInt32LE(p + 42);
    p += 46 + bytes.readUInt16LE(p + 28) + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) throw damaged('a part the directory lists is missing');
    const method = bytes.readUInt16LE(local + 8);
    const declared = bytes.readUInt32LE(local + 22);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    let size: number;
    let data: Buffer | null = null;
    if (method === 0) {
      size = declared;
      if (start + size > bytes.length) throw damaged('a part runs past the end of the file');
      data = bytes.subarray(start, start + size);
    } else if (method === 8) {
      try {
        data = zlib.inflateRawSync(bytes.subarray(start), { maxOutputLength: MAX_MASTER_UNPACKED_BYTES - total + 1 });
        size = data.length;
      } catch (error) {
        if ((error as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE') throw damaged('a part does not unpack');
        size = MAX_MASTER_UNPACKED_BYTES + 1;
      }
      // 0 with a data descriptor (bit 3): the size follows the data, and SheetJS then sizes as it goes.
      if (size <= MAX_MASTER_UNPACKED_BYTES - total && size !== declared && !(declared === 0 && bytes.readUInt16LE(local + 6) & 8)) {
        throw damaged(`a part declares ${declared} bytes but holds ${size}`);
      }
    } else {
      throw damaged(`a part uses compression method ${method}`);
    }
    // SheetJS never checks the CRC-32: a flipped bit that still inflates would be read as a changed value.
    if (data && typeof zlib.crc32 === 'function' && zlib.crc32(data) !== crc) throw damaged('a part fails its checksum');
    total += size;
    if (total > MAX_MASTER_UNPACKED_BYTES) {
      throw invalidFile(`${basename(path)} unpacks to more than ${MAX_MASTER_UNPACKED_BYTES / 1024 / 1024} MB; it is not a master list (or it is damaged)`, {
        path,
        problem: 'too_large',
      });
    }
  }
}

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
      checkWorkbookZip(bytes, path);
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
