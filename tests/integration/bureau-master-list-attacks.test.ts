import * as XLSX from '@e965/xlsx';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBureauCommand } from '../../electron/cli/bureau/commands.js';
import { openBureau } from '../../electron/bureau/context.js';
import { dumpBureauDatabase } from '../../electron/bureau/database.js';
import { projectIdForCode } from '../../electron/bureau/ids.js';
import { getBureauProject } from '../../electron/bureau/repository.js';
import { sampleRows, type MasterCells } from '../../electron/demo/bureau-samples.js';
import { DOCS_SAMPLES_CLOCK } from '../../electron/demo/sample-calendar.js';
import { MASTER_COLUMNS, type MasterColumnKey } from '@shared/bureau/master-list.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';
import { emptyBlocks, overlappingEntriesBomb } from '../reliability/zip-overlap.js';
import { readZipEntries, writeZip } from '../reliability/zip.js';

/**
 * Issue 9, point 5, "master lists show what they import": each hostile list is built for real (SheetJS
 * writes the hidden sheets and the cell formats; the zip bombs are bytes made by hand) and run through the
 * CLI, `sponsor-desk bureau import-master`, in Chinese and in English. Each is refused with a message that
 * names the place (the sheet, the row and column, the zip part), exit code 1, and the bureau's database
 * exactly as before. Lists whose formats show their values honestly still import.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const SAMPLE = join(root, 'docs/samples/master-list.xlsx');
const NOW = new Date('2026-01-05T09:00:00');
const ZH = { LANG: 'zh_CN.UTF-8' };
const EN = { LANG: 'en_US.UTF-8' };

let dir: TempDir;
let db: string;

async function cli(args: string[], env: Record<string, string> = EN) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await createBureauCommand({ now: () => NOW, env, cwd: () => dir.path }).run(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function dump(): string {
  const ctx = openBureau(db, () => NOW);
  try {
    return JSON.stringify(dumpBureauDatabase(ctx.db));
  } finally {
    ctx.db.close();
  }
}

beforeEach(async () => {
  dir = makeTempDir('sponsor-desk-master-attacks-');
  db = dir.file('bureau.sqlite');
  expect((await cli(['init', '--db', db])).code).toBe(0);
  // A desk with data: an attack that got through would change it.
  expect((await cli(['import-master', SAMPLE, '--db', db, '--year', '2026'])).code).toBe(0);
});
afterEach(() => dir.remove());

/** Runs the import in both languages; each must refuse, say every `zh`/`en` fragment, and leave the database as it was. */
async function expectRefused(file: string, zh: readonly string[], en: readonly string[]): Promise<{ ms: number }> {
  const before = dump();
  let ms = 0;
  for (const [env, fragments] of [
    [ZH, zh],
    [EN, en],
  ] as const) {
    const started = performance.now();
    const r = await cli(['import-master', file, '--db', db, '--year', '2026'], env);
    ms = Math.max(ms, performance.now() - started);
    expect(r.code, r.out).toBe(1);
    for (const fragment of fragments) expect(r.err).toContain(fragment);
    if (env === ZH) expect(r.err).not.toMatch(/ is damaged| the cell | hidden/); // whole in Chinese
  }
  const json = await cli(['import-master', file, '--db', db, '--year', '2026', '--json']);
  expect(JSON.parse(json.out)).toMatchObject({ ok: false, error: { code: 'master_list_invalid' } });
  expect(dump()).toBe(before);
  return { ms };
}

const column = (key: MasterColumnKey) => MASTER_COLUMNS.findIndex((c) => c.key === key);
const header = (key: MasterColumnKey) => MASTER_COLUMNS[column(key)]!.header;
/** The cell of a column in spreadsheet row `row` (the heading is row 1). */
const at = (key: MasterColumnKey, row: number) => XLSX.utils.encode_cell({ r: row - 1, c: column(key) });

/** The sample list as a workbook whose cells can be formatted; `edit` changes it before it is written. */
function workbook(name: string, edit: (wb: XLSX.WorkBook, ws: XLSX.WorkSheet) => void, rows: readonly MasterCells[] = sampleRows(DOCS_SAMPLES_CLOCK)): string {
  const aoa = [MASTER_COLUMNS.map((c) => c.header), ...rows.map((r) => MASTER_COLUMNS.map((c) => r[c.key] ?? null))];
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '重点项目清单');
  edit(wb, ws);
  const file = dir.file(name);
  writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
  return file;
}

describe('a hidden project sheet is refused, naming the sheet', () => {
  it('重点项目清单 hidden behind a visible sheet with other figures', async () => {
    const file = workbook('hidden.xlsx', (wb) => {
      XLSX.utils.book_append_sheet(
        wb,
        XLSX.utils.aoa_to_sheet([
          ['项目编码', '项目名称'],
          ['GX-2026-001', '看起来无害的清单'],
        ]),
        '封面',
      );
      wb.Workbook = {
        Sheets: [
          { name: '重点项目清单', Hidden: 1 },
          { name: '封面', Hidden: 0 },
        ],
      };
    });
    await expectRefused(file, ['项目工作表「重点项目清单」是隐藏的'], ['the project sheet "重点项目清单" is hidden']);
  });

  it('very hidden (state veryHidden: no menu can unhide it)', async () => {
    const file = workbook('very-hidden.xlsx', (wb) => {
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['说明']]), '说明');
      wb.Workbook = {
        Sheets: [
          { name: '重点项目清单', Hidden: 2 },
          { name: '说明', Hidden: 0 },
        ],
      };
    });
    await expectRefused(file, ['项目工作表「重点项目清单」被设为“深度隐藏”'], ['the project sheet "重点项目清单" is very hidden']);
  });

  it('a list without 重点项目清单 whose first sheet (the one read) is hidden', async () => {
    const file = workbook('first-hidden.xlsx', (wb) => {
      wb.SheetNames[0] = '项目';
      wb.Sheets['项目'] = wb.Sheets['重点项目清单']!;
      delete wb.Sheets['重点项目清单'];
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['x']]), 'Sheet2');
      wb.Workbook = {
        Sheets: [
          { name: '项目', Hidden: 1 },
          { name: 'Sheet2', Hidden: 0 },
        ],
      };
    });
    await expectRefused(file, ['项目工作表「项目」是隐藏的'], ['the project sheet "项目" is hidden']);
  });
  it('an OpenDocument list whose project sheet is hidden (table:display="false"; SheetJS does not report it)', async () => {
    const wb = XLSX.utils.book_new();
    const aoa = [MASTER_COLUMNS.map((c) => c.header), ...sampleRows(DOCS_SAMPLES_CLOCK).map((r) => MASTER_COLUMNS.map((c) => r[c.key] ?? null))];
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '重点项目清单');
    const entries = await readZipEntries(XLSX.write(wb, { type: 'buffer', bookType: 'ods' }) as Buffer);
    const visible = dir.file('visible.ods');
    const hidden = dir.file('hidden.ods');
    const write = (file: string, display: string) =>
      writeFileSync(
        file,
        writeZip(
          entries.map((e) => ({
            name: e.name,
            method: e.compressed ? 8 : 0,
            data: e.name === 'content.xml' ? Buffer.from(e.data.toString('utf8').replace('table:display="true"', `table:display="${display}"`)) : e.data,
          })),
        ),
      );
    write(visible, 'true');
    write(hidden, 'false');
    const control = await cli(['import-master', visible, '--db', db, '--year', '2026', '--dry-run', '--json']);
    expect(control.code, control.err).toBe(0);
    await expectRefused(hidden, ['项目工作表「重点项目清单」是隐藏的'], ['the project sheet "重点项目清单" is hidden']);
  });
});

describe('a cell whose format shows something other than its value is refused with its row and column', () => {
  const plan = header('annualPlannedInvestment');

  it('a format "100" over 1,000,000 (the reader sees 100 万元, the import takes a million)', async () => {
    const file = workbook('format-100.xlsx', (_wb, ws) => {
      ws[at('annualPlannedInvestment', 3)] = { t: 'n', v: 1_000_000, z: '"100"' };
    });
    await expectRefused(
      file,
      [`第 3 行「${plan}」：单元格显示为「100」，实际值却是「1000000」（单元格格式「"100"」）`],
      [`row 3, column ${plan}: the cell shows "100" but holds "1000000" (cell format ""100"")`],
    );
  });

  it(';;; hides a number and a project name; literal digits (0"0") and thousands scaling (#,##0,) change the number shown', async () => {
    const file = workbook('formats.xlsx', (_wb, ws) => {
      ws[at('totalInvestment', 4)]!.z = ';;;';
      ws[at('name', 5)]!.z = ';;;';
      ws[at('annualPlannedInvestment', 6)] = { t: 'n', v: 5, z: '0"0"' };
      ws[at('annualPlannedInvestment', 7)] = { t: 'n', v: 1_234_567, z: '#,##0,' };
      ws[at('totalInvestment', 8)] = { t: 'n', v: 120, z: '[>100]"99";0' };
    });
    const name = sampleRows(DOCS_SAMPLES_CLOCK)[3]!.name!;
    await expectRefused(
      file,
      [
        `第 4 行「${header('totalInvestment')}」：单元格显示为「」`,
        `第 5 行「项目名称」：单元格显示为「」，实际值却是「${name}」`,
        `第 6 行「${plan}」：单元格显示为「50」，实际值却是「5」`,
        `第 7 行「${plan}」：单元格显示为「1,235」，实际值却是「1234567」`,
        `第 8 行「${header('totalInvestment')}」：单元格显示为「99」，实际值却是「120」`,
        '项目清单有 5 处错误',
      ],
      [`row 5, column 项目名称: the cell shows "" but holds "${name}"`, `row 7, column ${plan}: the cell shows "1,235" but holds "1234567"`],
    );
  });

  it('a format that cannot be rendered at all (so what it shows cannot be checked) is refused', async () => {
    const file = workbook('format-unreadable.xlsx', (_wb, ws) => {
      ws[at('annualPlannedInvestment', 9)] = { t: 'n', v: 4200, z: '0;0;0;0;0' };
    });
    await expectRefused(file, [`第 9 行「${plan}」：单元格格式「0;0;0;0;0」无法解读`], [`row 9, column ${plan}: the cell format "0;0;0;0;0" cannot be read`]);
  });

  it('a heading that shows another heading (a text format over the text) is refused at the heading row', async () => {
    const file = workbook('heading.xlsx', (_wb, ws) => {
      ws[at('totalInvestment', 1)]!.z = '@;@;@;"备注"';
    });
    await expectRefused(
      file,
      [`第 1 行「${header('totalInvestment')}」：单元格显示为「备注」`],
      [`row 1, column ${header('totalInvestment')}: the cell shows "备注"`],
    );
  });

  it('a hidden project row and a hidden column the import reads are refused; a hidden column it ignores is not', async () => {
    const file = workbook('hidden-lines.xlsx', (_wb, ws) => {
      ws['!rows'] = [];
      ws['!rows'][5] = { hidden: true }; // spreadsheet row 6
      ws['!cols'] = [];
      ws['!cols'][column('totalInvestment')] = { hidden: true };
    });
    await expectRefused(
      file,
      [`第 1 行「${header('totalInvestment')}」：该列被隐藏`, '项目清单有 1 处错误'],
      [`row 1, column ${header('totalInvestment')}: the column is hidden`],
    );
    const rowOnly = workbook('hidden-row.xlsx', (_wb, ws) => {
      ws['!rows'] = [];
      ws['!rows'][5] = { hidden: true };
    });
    await expectRefused(rowOnly, ['第 6 行：此行被隐藏'], ['row 6: the row is hidden']);

    const helper = workbook('hidden-helper.xlsx', (_wb, ws) => {
      const extra = MASTER_COLUMNS.length;
      ws[XLSX.utils.encode_cell({ r: 0, c: extra })] = { t: 's', v: '内部备注' };
      ws[XLSX.utils.encode_cell({ r: 1, c: extra })] = { t: 's', v: '不导入' };
      ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: 30, c: extra } });
      ws['!cols'] = [];
      ws['!cols'][extra] = { hidden: true };
    });
    const r = await cli(['import-master', helper, '--db', db, '--year', '2026', '--dry-run', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).result.ignoredColumns).toEqual(['内部备注']);
  });

  it('formats that show the value honestly still import: #,##0.00, 0.0%, General, currency and units, dates', async () => {
    const rows = sampleRows(DOCS_SAMPLES_CLOCK);
    const file = workbook(
      'honest.xlsx',
      (_wb, ws) => {
        ws[at('annualPlannedInvestment', 2)] = { t: 'n', v: 1_234_567.5, z: '#,##0.00' };
        ws[at('annualPlannedInvestment', 3)] = { t: 'n', v: 0.125, z: '0.0%' };
        ws[at('annualPlannedInvestment', 4)] = { t: 'n', v: 3500, z: 'General' };
        ws[at('annualPlannedInvestment', 5)] = { t: 'n', v: 2800.25, z: '"¥"#,##0.00' };
        ws[at('annualPlannedInvestment', 6)] = { t: 'n', v: 1234.5678, z: '#,##0"万元"' }; // shows 1,235: rounding only
        ws[at('totalInvestment', 7)] = { t: 'n', v: 98765.4321, z: '0.0000' };
        ws[at('location', 8)] = { t: 'd', v: new Date(Date.UTC(2026, 2, 1)), z: 'yyyy"年"m"月"d"日"' };
        ws[at('location', 9)] = { t: 'd', v: new Date(Date.UTC(2026, 2, 1)), z: 'yyyy-mm-dd' };
        ws[at('officerPhone', 10)] = { t: 'n', v: 13800138000, z: '0' };
      },
      rows,
    );
    const r = await cli(['import-master', file, '--db', db, '--year', '2026', '--json']);
    expect(r.code, r.err).toBe(0);
    const ctx = openBureau(db, () => NOW);
    try {
      const plan = (row: number) => getBureauProject(ctx.db, projectIdForCode(String(rows[row - 2]!.code)))!;
      expect([2, 3, 4, 5, 6].map((row) => plan(row).annualPlannedInvestment)).toEqual([1_234_567.5, 0.125, 3500, 2800.25, 1234.5678]);
      expect(plan(7).totalInvestment).toBe(98765.4321);
      expect([plan(8).location, plan(9).location]).toEqual(['2026-03-01', '2026-03-01']); // the day the cell holds
      expect(plan(10).officerId).toBeTruthy();
    } finally {
      ctx.db.close();
    }
  });
});

describe('a CSV whose bytes are not the text its encoding says is refused with the row, not imported with �', () => {
  /** The sample as CSV lines, row 2's milestones cell quoted over two lines: rows are counted as records, not lines. */
  function csvLines(): string[] {
    const rows = sampleRows(DOCS_SAMPLES_CLOCK);
    rows[0]!.milestones = String(rows[0]!.milestones).replace(';', '\n');
    const cell = (v: unknown) => (v === undefined || v === null ? '' : /[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
    return [MASTER_COLUMNS.map((c) => c.header).join(','), ...rows.map((r) => MASTER_COLUMNS.map((c) => cell(r[c.key])).join(','))];
  }

  it('a UTF-8 byte-order mark and a byte that is not UTF-8 in row 4', async () => {
    const lines = csvLines();
    const text = Buffer.from(lines.join('\r\n'), 'utf8');
    const at4 = Buffer.from(lines.slice(0, 3).join('\r\n') + '\r\n' + lines[3]!.slice(0, 12), 'utf8').length;
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text.subarray(0, at4), Buffer.from([0xc3, 0x28]), text.subarray(at4)]);
    const file = dir.file('bom-bad-utf8.csv');
    writeFileSync(file, bytes);
    await expectRefused(
      file,
      ['第 4 行：文件按 UTF-8 编码读取，但此行含有不符合该编码的字节'],
      ['row 4: the file is read as UTF-8, but this row holds bytes that are not valid UTF-8'],
    );
  });

  it('the same list without the damage imports (the multi-line cell counts as one row)', async () => {
    const lines = csvLines();
    expect(lines[1]).toContain('\n');
    const file = dir.file('bom-good.csv');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n'), 'utf8')]));
    const r = await cli(['import-master', file, '--db', db, '--year', '2026', '--dry-run', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).result).toMatchObject({ encoding: 'utf-8-bom', rows: 30 });
  });

  it('no mark, not UTF-8 and not GB18030 either (0xFF) in row 6', async () => {
    // The list in GBK (as Excel on Chinese Windows saves "CSV"), with an 0xFF byte at the end of row 6: not UTF-8,
    // so read as GB18030, where no character has an 0xFF byte either.
    const cptable = createRequire(import.meta.url)(join(root, 'node_modules/@e965/xlsx/dist/cpexcel.js')) as {
      utils: { encode(cp: number, s: string): number[] };
    };
    const lines = csvLines().map((l) => Buffer.from(cptable.utils.encode(936, l)));
    const body = Buffer.concat(lines.flatMap((l, i) => (i === 5 ? [l, Buffer.from([0xff, 0x0d, 0x0a])] : [l, Buffer.from('\r\n')])));
    const file = dir.file('gbk-bad.csv');
    writeFileSync(file, body);
    await expectRefused(file, ['第 6 行：文件按 GB18030 (GBK) 编码读取'], ['row 6: the file is read as GB18030 (GBK), but this row holds bytes']);
  });

  it('a UTF-16 byte-order mark and an unpaired surrogate in row 3', async () => {
    const lines = csvLines();
    const text = lines.slice(0, 2).join('\r\n') + '\r\n' + '\ud800' + lines.slice(2).join('\r\n');
    const file = dir.file('utf16-bad.csv');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    await expectRefused(file, ['第 3 行：文件按 UTF-16LE 编码读取'], ['row 3: the file is read as UTF-16LE']);
  });
});

describe('a workbook zip made to hang the reader is refused in well under a second', () => {
  it('65,535 directory entries pointing at one part made of empty deflate blocks', async () => {
    const bomb = overlappingEntriesBomb({ entries: 65_535, emptyBlockBytes: 1 << 20 });
    expect(bomb.length).toBeLessThan(8 << 20);
    const file = dir.file('overlap-bomb.xlsx');
    writeFileSync(file, bomb);
    const { ms } = await expectRefused(
      file,
      ['已损坏（含有 65535 个部件，工作簿最多 4096 个）'],
      ['is damaged (it lists 65535 parts; a workbook has at most 4096)'],
    );
    expect(ms).toBeLessThan(1000);
  });

  it('4,000 entries (under the part limit) pointing at the same part: refused as overlapping, naming two parts', async () => {
    const file = dir.file('overlap-4000.xlsx');
    writeFileSync(file, overlappingEntriesBomb({ entries: 4000, emptyBlockBytes: 4 << 20 }));
    const { ms } = await expectRefused(
      file,
      ['部件「xl/worksheets/sheet1.xml」与「xl/worksheets/sheet1.xml」占用同一段数据'],
      ['share the same bytes (overlapping entries'],
    );
    expect(ms).toBeLessThan(1000);
  });

  it('a real workbook whose sheet is padded with megabytes of empty blocks: refused before it is inflated', async () => {
    const entries = await readZipEntries(readFileSync(SAMPLE));
    const padded = writeZip(
      entries.map((e) => {
        if (!/worksheets\/sheet1\.xml$/.test(e.name)) return { name: e.name, data: e.data, method: e.compressed ? 8 : 0 };
        const real = deflateRawSync(e.data);
        return { name: e.name, data: e.data, compressed: Buffer.concat([emptyBlocks(8 << 20), real]), uncompressedSize: e.data.length };
      }),
    );
    const file = dir.file('padded.xlsx');
    writeFileSync(file, padded);
    const { ms } = await expectRefused(
      file,
      ['部件「xl/worksheets/sheet1.xml」只有'],
      ['the part "xl/worksheets/sheet1.xml" holds', 'padded with empty blocks'],
    );
    expect(ms).toBeLessThan(1000);
  });
});
