import * as XLSX from '@e965/xlsx';

/**
 * A workbook that is not a ledger (the master-list samples and template) as .xlsx bytes, by SheetJS; its cells
 * made formula-safe first (sheet-text.ts). Apart from sheet-text.ts so that the ledgers' writer, which the
 * long-job worker loads, does not load SheetJS (about 30 MB of a worker's heap).
 *
 * Text is stored as shared strings (`t="s"`, what Excel itself writes) rather than SheetJS's default `t="str"`
 * (a formula's cached result in the file format, which LibreOffice shows with a carriage return escaped as
 * `_x000d_`).
 */
export function writeXlsx(workbook: XLSX.WorkBook): Buffer {
  return XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx', compression: true, bookSST: true }) as Buffer;
}
