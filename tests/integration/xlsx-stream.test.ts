import * as XLSX from '@e965/xlsx';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ledgerDateTime, ledgerDay } from '../../electron/sync/ledger-time.js';
import { readLedgerWorkbook } from '../../electron/sync/ledger-read.js';
import { localDateTime, localDay } from '@shared/rules/local-time.js';
import { writeXlsxBook, writeXlsxBookFile, type XlsxBook } from '../../electron/sync/xlsx-stream.js';
import { useTempDir } from '../helpers/per-test.js';
import { readSheetXml } from '../helpers/xlsx-xml.js';
import { unzip } from '../helpers/zip.js';

/** The streaming .xlsx writer (electron/sync/xlsx-stream.ts): what it writes reads back exactly, and a failure leaves nothing. */

const dir = useTempDir('sponsor-desk-xlsx-');

const book = (rows: Iterable<(string | number | null)[]>): XlsxBook => ({
  title: '测试',
  author: 'test',
  createdAt: new Date('2026-12-01T02:00:00Z'),
  sheets: [
    {
      name: "张三's 表",
      titles: ['标题', '副标题'],
      columns: [
        { header: '文本', width: 20, kind: 'text' },
        { header: '金额（万元）', width: 12, kind: 'wan' },
        { header: '日期', width: 11, kind: 'day' },
        { header: '时间', width: 16, kind: 'datetime' },
        { header: '月份', width: 8, kind: 'month' },
        { header: 'ID', width: 38, kind: 'text', print: false },
      ],
      rows,
    },
  ],
});

async function entries(bytes: Buffer): Promise<Map<string, string>> {
  return new Map([...(await unzip(bytes))].map(([name, data]) => [name, data.toString('utf8')]));
}

describe('the streaming xlsx writer', () => {
  it('writes text that reads back exactly: XML specials, control characters, _xHHHH_ look-alikes, line breaks; formulas quoted', async () => {
    const tricky = ['<b>&"x"</b>', 'a\u0001b\u001fc', 'keep _x0041_ as typed', 'line 1\nline 2\r\nline 3', '=HYPERLINK("http://x")', '-5', '@SUM(A1)'];
    const bytes = await writeXlsxBook(book(tricky.map((t, i) => [t, 1234.5 + i, '2026-12-01', '2026-12-01 07:30', '2026-11', `id-${i}`])));
    const rows = readLedgerWorkbook(bytes)["张三's 表"]!;
    expect(JSON.stringify(rows.map((r) => r['文本']))).toEqual(
      JSON.stringify(['<b>&"x"</b>', 'a\u0001b\u001fc', 'keep _x0041_ as typed', 'line 1\nline 2\nline 3', `'=HYPERLINK("http://x")`, '-5', `'@SUM(A1)`]),
    );
    // In the file the text is exactly as given (SheetJS's reader above turns \r\n into \n).
    const cells = [...(await readSheetXml(bytes)).values()][0]!.cells;
    expect(cells.find((c) => c.ref === 'A7')!.text).toBe('line 1\nline 2\r\nline 3');
    expect(cells.find((c) => c.ref === 'A5')!.text).toBe('a\u0001b\u001fc');
    expect(rows[0]).toMatchObject({ '金额（万元）': 1234.5, 日期: '2026-12-01', 时间: '2026-12-01 07:30', 月份: '2026-11', ID: 'id-0' });
  });

  it('writes real dates and number formats, the page setup, frozen headings, print titles and a print area without the ID column', async () => {
    const bytes = await writeXlsxBook(book([['x', 1, '2026-12-01', '2026-12-01 07:30', '2026-11', 'id']]));
    const wb = XLSX.read(bytes, { type: 'buffer', cellNF: true });
    const ws = wb.Sheets["张三's 表"]!;
    expect(ws['C4']).toMatchObject({ t: 'n', v: 46357, z: 'yyyy-mm-dd' });
    expect(ws['D4']).toMatchObject({ t: 'n', z: 'yyyy-mm-dd hh:mm', w: '2026-12-01 07:30' });
    expect(ws['B4']).toMatchObject({ t: 'n', v: 1, z: '#,##0.00' });
    const files = await entries(bytes);
    const sheet = files.get('xl/worksheets/sheet1.xml')!;
    expect(sheet).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    expect(sheet).toContain('<pageSetUpPr fitToPage="1"/>');
    expect(sheet).toContain('<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>');
    const workbook = files.get('xl/workbook.xml')!;
    expect(workbook).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'张三''s 表'!$3:$3</definedName>`);
    expect(workbook).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="0">'张三''s 表'!$A$1:$E$4</definedName>`);
  });

  it('leaves no file and no temporary file when a row cannot be produced', async () => {
    const target = dir.file('out.xlsx');
    writeFileSync(target, 'the previous ledger');
    function* failing() {
      yield ['ok', 1, null, null, null, 'id'];
      throw new Error('the store went away');
    }
    await expect(writeXlsxBookFile(book(failing()), target)).rejects.toThrow('the store went away');
    expect(readFileSync(target, 'utf8')).toBe('the previous ledger');
    expect(readdirSync(dir.path).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(target)).toBe(true);
  });

  it('ledger times are the local times localDateTime gives, across clock changes and odd offsets', () => {
    const zones = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'UTC'];
    // Every 7 minutes 13 seconds through 2026 and around the 2026 clock changes, plus far years.
    const moments: string[] = [];
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 433_000 * 11) moments.push(new Date(t).toISOString());
    for (const day of ['2026-03-08', '2026-03-29', '2026-04-05', '2026-10-04', '2026-10-25', '2026-11-01']) {
      for (let m = -36 * 60; m <= 36 * 60; m += 5) moments.push(new Date(Date.parse(`${day}T00:00:00Z`) + m * 60_000).toISOString());
    }
    moments.push('1900-01-01T00:00:00.000Z', '0999-06-01T12:00:00.000Z', '9999-12-31T23:59:59.999Z');
    for (const zone of zones) {
      const wrong = moments.filter((m) => ledgerDateTime(m, zone) !== localDateTime(m, zone) || ledgerDay(m, zone) !== localDay(m, zone));
      expect(wrong.slice(0, 3).map((m) => `${zone} ${m}: ${ledgerDateTime(m, zone)} vs ${localDateTime(m, zone)}`)).toEqual([]);
    }
  });
});
