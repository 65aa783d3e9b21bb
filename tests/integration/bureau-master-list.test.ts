import * as XLSX from '@e965/xlsx';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBureauCommand } from '../../electron/cli/bureau/commands.js';
import { openBureau, type BureauContext } from '../../electron/bureau/context.js';
import { dumpBureauDatabase } from '../../electron/bureau/database.js';
import { projectIdForCode } from '../../electron/bureau/ids.js';
import { importMasterList, MasterListInvalidError } from '../../electron/bureau/import-master.js';
import { readMasterListFile } from '../../electron/bureau/master-file.js';
import {
  getBureauProject,
  listBureauChecklistItems,
  listBureauMilestones,
  listBureauProjects,
  listOfficers,
  listProjectRevisions,
} from '../../electron/bureau/repository.js';
import { masterListCsv, masterListWorkbook, sampleRows, type MasterCells } from '../../electron/demo/bureau-samples.js';
import { DOCS_SAMPLES_CLOCK } from '../../electron/demo/sample-calendar.js';
import { SAMPLE_FIRST_OFFICER, SAMPLE_FIRST_PROJECTS } from '../../electron/demo/sample-first-officer.js';
import { MASTER_COLUMNS, validateMasterList, type MasterListIssue } from '@shared/bureau/master-list.js';
import { CHECKLIST_TEMPLATES } from '@shared/bureau/templates.js';
import { AppError } from '@shared/errors.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';
import { newBureau } from '../helpers/bureau.js';
import { thrownAppError } from '../helpers/app-error.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SAMPLES = join(root, 'docs/samples');
const NOW = new Date('2026-01-05T09:00:00');

let dir: TempDir;
let ctx: BureauContext;

beforeEach(() => {
  dir = makeTempDir('sponsor-desk-bureau-master-');
  ctx = newBureau(dir.file('bureau.sqlite'), () => NOW);
});

afterEach(() => {
  ctx.db.close();
  dir.remove();
});

const writeList = (name: string, rows: readonly MasterCells[]): string => {
  const file = dir.file(name);
  writeFileSync(file, name.endsWith('.csv') ? masterListCsv(rows) : masterListWorkbook(rows));
  return file;
};
const header = (key: (typeof MASTER_COLUMNS)[number]['key']) => MASTER_COLUMNS.find((c) => c.key === key)!.header;

function importError(file: string): MasterListIssue[] {
  return thrownAppError(() => importMasterList(ctx, file, { defaultYear: 2026 }), MasterListInvalidError).masterIssues;
}

describe('bureau import-master: the samples', () => {
  it("imports the sample workbook: 30 projects, 4 officers, the first officer's six with their codes and names", () => {
    const r = importMasterList(ctx, join(SAMPLES, 'master-list.xlsx'), { defaultYear: 2026 });
    expect(r).toMatchObject({ applied: true, rows: 30, added: 30, updated: 0, withdrawn: 0 });
    expect(
      listOfficers(ctx.db)
        .map((o) => o.name)
        .sort(),
    ).toEqual(['张伟', '李明', '王芳', '赵磊'].sort());
    const firstOfficer = listOfficers(ctx.db).find((o) => o.name === SAMPLE_FIRST_OFFICER.name)!;
    expect(firstOfficer.unit).toBe(SAMPLE_FIRST_OFFICER.unit);
    for (const spec of SAMPLE_FIRST_PROJECTS) {
      const p = getBureauProject(ctx.db, projectIdForCode(spec.code))!;
      expect(p).toMatchObject({
        code: spec.code,
        name: spec.name,
        company: spec.company,
        level: spec.level,
        stage: spec.stage,
        officerId: firstOfficer.id,
        annualPlannedInvestment: spec.plan,
      });
    }
    const projects = listBureauProjects(ctx.db);
    expect(projects).toHaveLength(30);
    expect(new Set(projects.map((p) => p.officerId)).size).toBe(4);
    expect(listBureauMilestones(ctx.db).length).toBeGreaterThanOrEqual(90);
    expect(listBureauChecklistItems(ctx.db).length).toBeGreaterThan(100);
    expect(listProjectRevisions(ctx.db).filter((r) => r.change === 'added')).toHaveLength(30);
  });

  it('the CSV sample holds the same list: importing it after the workbook changes nothing', () => {
    importMasterList(ctx, join(SAMPLES, 'master-list.xlsx'), { defaultYear: 2026 });
    const before = dumpBureauDatabase(ctx.db);
    const r = importMasterList(ctx, join(SAMPLES, 'master-list.csv'), { defaultYear: 2026 });
    expect(r).toMatchObject({ rows: 30, added: 0, updated: 0, unchanged: 30, withdrawn: 0, encoding: 'utf-8-bom' });
    const after = dumpBureauDatabase(ctx.db);
    expect(after.projects).toEqual(before.projects);
    expect(after.milestones).toEqual(before.milestones);
    expect(after.checklist_items).toEqual(before.checklist_items);
    expect(after.project_revisions).toEqual(before.project_revisions);
  });

  it('the committed samples are what the generator writes at their fixed clock (the 2026 list)', () => {
    const rows = sampleRows(DOCS_SAMPLES_CLOCK);
    expect(rows).toHaveLength(30);
    expect(readFileSync(join(SAMPLES, 'master-list.csv'))).toEqual(masterListCsv(rows));
    const wb = XLSX.read(readFileSync(join(SAMPLES, 'master-list-template.xlsx')));
    const grid = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['重点项目清单']!, { header: 1 });
    expect(grid).toEqual([MASTER_COLUMNS.map((c) => c.header)]);
    expect(wb.SheetNames).toContain('填写说明');
  });

  it('docs/bureau.md documents every column and every checklist template', () => {
    const doc = readFileSync(join(root, 'docs/bureau.md'), 'utf8');
    for (const c of MASTER_COLUMNS) expect(doc).toContain(`| ${c.header} | ${c.key} |`);
    for (const t of CHECKLIST_TEMPLATES) {
      expect(doc).toContain(`**${t.name}**`);
      for (const task of t.tasks) expect(doc).toContain(task.title);
    }
  });

  it('reads CSV as UTF-8 with or without BOM and as GBK, with the same result', () => {
    const withBom = readFileSync(join(SAMPLES, 'master-list.csv'));
    const text = withBom.subarray(3).toString('utf8');
    const cptable = createRequire(import.meta.url)(join(root, 'node_modules/@e965/xlsx/dist/cpexcel.js')) as {
      utils: { encode(cp: number, s: string): number[] };
    };
    writeFileSync(dir.file('plain.csv'), text, 'utf8');
    writeFileSync(dir.file('gbk.csv'), Buffer.from(cptable.utils.encode(936, text)));
    const rowsOf = (file: string) => validateMasterList(readMasterListFile(file).sheet, { defaultYear: 2026 });
    const reference = rowsOf(join(SAMPLES, 'master-list.csv'));
    expect(reference.issues).toEqual([]);
    expect(readMasterListFile(dir.file('plain.csv')).encoding).toBe('utf-8');
    expect(readMasterListFile(dir.file('gbk.csv')).encoding).toBe('gb18030');
    expect(rowsOf(dir.file('plain.csv')).rows).toEqual(reference.rows);
    expect(rowsOf(dir.file('gbk.csv')).rows).toEqual(reference.rows);
  });

  it('finds the heading row below a title row and ignores columns it does not know', () => {
    const rows = sampleRows(DOCS_SAMPLES_CLOCK).slice(0, 3);
    const aoa = [
      ['2026年枣庄高新区重点项目清单'],
      [...MASTER_COLUMNS.map((c) => c.header), '备注'],
      ...rows.map((r) => [...MASTER_COLUMNS.map((c) => r[c.key] ?? null), '内部备注']),
    ];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), 'Sheet1');
    writeFileSync(dir.file('titled.xlsx'), XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const r = importMasterList(ctx, dir.file('titled.xlsx'), { defaultYear: 2026 });
    expect(r).toMatchObject({ rows: 3, added: 3, ignoredColumns: ['备注'] });
    expect(getBureauProject(ctx.db, projectIdForCode(rows[0]!.code as string))!.masterRow).toBe(3);
  });
});

describe('bureau import-master: re-import keeps history, withdraws and restores', () => {
  it('updates changed fields, records the old values, re-dates and withdraws checklist items', () => {
    importMasterList(ctx, writeList('v1.xlsx', sampleRows(DOCS_SAMPLES_CLOCK)), { defaultYear: 2026 });
    const rows = sampleRows(DOCS_SAMPLES_CLOCK);
    const edited = rows.map((r) => ({ ...r }));
    edited[0]!.annualPlannedInvestment = 130000; // GX-2026-001 plan raised
    edited[0]!.milestones = String(edited[0]!.milestones).replace('开工建设:2026-03-01', '开工建设:2026-03-10');
    edited[1]!.officerName = '张伟'; // GX-2026-002 handed to another officer
    edited[1]!.officerUnit = '区住房和城乡建设局';
    edited[2]!.checklist = '要素保障:土地供应:2026-05-01'; // GX-2026-003: the template replaced by one item
    const withoutLast = edited.slice(0, 29); // GX-2026-030 dropped
    const r = importMasterList(ctx, writeList('v2.xlsx', withoutLast), { defaultYear: 2026 });
    expect(r).toMatchObject({ added: 0, updated: 3, unchanged: 26, withdrawn: 1, restored: 0 });
    const byCode = Object.fromEntries(r.projects.map((p) => [p.code, p]));
    expect(byCode['GX-2026-001']!.fields).toEqual(['annualPlannedInvestment', 'milestones', 'checklist']);
    expect(byCode['GX-2026-002']!.fields).toEqual(['officerId']);
    expect(byCode['GX-2026-030']!.change).toBe('withdrawn');

    const id1 = projectIdForCode('GX-2026-001');
    const history = listProjectRevisions(ctx.db, id1);
    expect(history.map((h) => h.change)).toEqual(['added', 'updated']);
    expect(history[1]!.oldValues.annualPlannedInvestment).toBe(120000);
    expect(history[1]!.newValues.annualPlannedInvestment).toBe(130000);
    expect(String(history[1]!.oldValues.milestones)).toContain('开工建设:2026-03-01');
    // Same ids, new date: the milestone and the items scheduled from it were re-dated, not replaced.
    const start = listBureauMilestones(ctx.db, id1).find((m) => m.kind === 'construction_start')!;
    expect(start.plannedOn).toBe('2026-03-10');
    const id3 = projectIdForCode('GX-2026-003');
    const items3 = listBureauChecklistItems(ctx.db, { projectId: id3 });
    expect(items3.filter((i) => i.withdrawnAt === null).map((i) => i.title)).toEqual(['土地供应']);
    expect(items3.filter((i) => i.withdrawnAt !== null).length).toBeGreaterThan(5);
    expect(getBureauProject(ctx.db, projectIdForCode('GX-2026-030'))!.archivedAt).toBe(NOW.toISOString());

    // The dropped project comes back: restored with its history.
    const again = importMasterList(ctx, writeList('v3.xlsx', edited), { defaultYear: 2026 });
    expect(again).toMatchObject({ restored: 1, withdrawn: 0, unchanged: 29 });
    expect(listProjectRevisions(ctx.db, projectIdForCode('GX-2026-030')).map((h) => h.change)).toEqual(['added', 'withdrawn', 'restored']);
    expect(getBureauProject(ctx.db, projectIdForCode('GX-2026-030'))!.archivedAt).toBeNull();
  });

  it('refuses a list that would withdraw most projects, unless told to', () => {
    importMasterList(ctx, writeList('v1.xlsx', sampleRows(DOCS_SAMPLES_CLOCK)), { defaultYear: 2026 });
    const before = dumpBureauDatabase(ctx.db);
    const small = writeList('small.xlsx', sampleRows(DOCS_SAMPLES_CLOCK).slice(0, 10));
    expect(() => importMasterList(ctx, small, { defaultYear: 2026 })).toThrow(expect.objectContaining({ code: 'import_withdraws_most' }) as unknown as Error);
    expect(dumpBureauDatabase(ctx.db)).toEqual(before);
    const r = importMasterList(ctx, small, { defaultYear: 2026, allowWithdrawMost: true });
    expect(r.withdrawn).toBe(20);
    expect(listBureauProjects(ctx.db)).toHaveLength(10);
  });

  it('a dry run reports the changes and writes nothing', () => {
    const before = dumpBureauDatabase(ctx.db);
    const r = importMasterList(ctx, join(SAMPLES, 'master-list.xlsx'), { defaultYear: 2026, dryRun: true });
    expect(r).toMatchObject({ applied: false, importId: null, added: 30 });
    expect(r.officersCreated).toHaveLength(4);
    expect(dumpBureauDatabase(ctx.db)).toEqual(before);
  });

  it('matches an officer registered beforehand by name and unit (the officer keeps its id)', async () => {
    const registeredId = '3f9a1c52-0d4e-4b7a-9c61-5e2f8a7b0c13';
    const io = { out: () => {}, err: () => {} };
    const cmd = createBureauCommand({ now: () => NOW, env: {} });
    ctx.db.close();
    expect(
      await cmd.run(
        ['officers', 'add', '--db', dir.file('bureau.sqlite'), '--name', SAMPLE_FIRST_OFFICER.name, '--unit', SAMPLE_FIRST_OFFICER.unit, '--id', registeredId],
        io,
      ),
    ).toBe(0);
    ctx = openBureau(dir.file('bureau.sqlite'), () => NOW);
    const r = importMasterList(ctx, join(SAMPLES, 'master-list.xlsx'), { defaultYear: 2026 });
    expect(r.officersCreated.map((o) => o.name)).not.toContain(SAMPLE_FIRST_OFFICER.name);
    expect(getBureauProject(ctx.db, projectIdForCode('GX-2026-001'))!.officerId).toBe(registeredId);
  });
});

describe('bureau import-master: every bad row is reported by row and column, and nothing is imported', () => {
  const cases: { kind: string; edit(rows: MasterCells[]): void; row: number; column: string; code: MasterListIssue['code'] }[] = [
    { kind: 'missing required field', edit: (r) => (r[2]!.name = ''), row: 4, column: '项目名称', code: 'required' },
    { kind: 'missing officer', edit: (r) => (r[5]!.officerName = '  '), row: 7, column: '帮包责任人', code: 'required' },
    { kind: 'unknown level', edit: (r) => (r[3]!.level = '县级'), row: 5, column: '项目级别', code: 'unknown_level' },
    { kind: 'negative plan', edit: (r) => (r[4]!.annualPlannedInvestment = -100), row: 6, column: '年度计划投资（万元）', code: 'negative' },
    { kind: 'non-numeric plan', edit: (r) => (r[6]!.annualPlannedInvestment = '一万二'), row: 8, column: '年度计划投资（万元）', code: 'not_a_number' },
    { kind: 'missing plan', edit: (r) => delete r[6]!.annualPlannedInvestment, row: 8, column: '年度计划投资（万元）', code: 'required' },
    {
      kind: 'plan with more than four decimals',
      edit: (r) => (r[6]!.annualPlannedInvestment = '100.123456'),
      row: 8,
      column: '年度计划投资（万元）',
      code: 'too_many_decimals',
    },
    { kind: 'negative total investment', edit: (r) => (r[9]!.totalInvestment = '-5'), row: 11, column: '总投资（万元）', code: 'negative' },
    {
      kind: 'impossible date in milestones',
      edit: (r) => (r[7]!.milestones = '开工建设:2026-02-30;竣工投产:2026-12-31'),
      row: 9,
      column: '里程碑',
      code: 'bad_date',
    },
    { kind: 'malformed milestone', edit: (r) => (r[7]!.milestones = '开工建设 2026-03-01'), row: 9, column: '里程碑', code: 'bad_milestone' },
    { kind: 'duplicate code', edit: (r) => (r[12]!.code = r[10]!.code), row: 14, column: '项目编码', code: 'duplicate_code' },
    { kind: 'unknown stage', edit: (r) => (r[8]!.stage = '施工中'), row: 10, column: '当前阶段', code: 'unknown_stage' },
    { kind: 'unknown checklist template', edit: (r) => (r[8]!.checklist = '农业项目'), row: 10, column: '阶段清单', code: 'unknown_template' },
    {
      kind: 'unknown stage in a checklist item',
      edit: (r) => (r[8]!.checklist = '施工:主体封顶:2026-08-01'),
      row: 10,
      column: '阶段清单',
      code: 'unknown_stage',
    },
    { kind: 'bad date in a checklist item', edit: (r) => (r[8]!.checklist = '建设:主体封顶:2026-13-01'), row: 10, column: '阶段清单', code: 'bad_date' },
    {
      kind: 'template without the milestone it schedules from',
      edit: (r) => (r[0]!.milestones = '开工建设:2026-03-01'),
      row: 2,
      column: '阶段清单',
      code: 'template_needs_milestone',
    },
    { kind: 'bad year', edit: (r) => (r[1]!.planYear = '26年'), row: 3, column: '计划年度', code: 'bad_year' },
    { kind: 'too long a code', edit: (r) => (r[1]!.code = 'X'.repeat(41)), row: 3, column: '项目编码', code: 'too_long' },
  ];

  for (const c of cases) {
    for (const format of ['xlsx', 'csv'] as const) {
      it(`${c.kind} (${format})`, () => {
        importMasterList(ctx, join(SAMPLES, 'master-list.xlsx'), { defaultYear: 2026 });
        const before = dumpBureauDatabase(ctx.db);
        const rows = sampleRows(DOCS_SAMPLES_CLOCK);
        c.edit(rows);
        const issues = importError(writeList(`bad.${format}`, rows));
        expect(issues).toContainEqual(expect.objectContaining({ row: c.row, column: c.column, code: c.code }));
        expect(dumpBureauDatabase(ctx.db)).toEqual(before);
      });
    }
  }

  it('a missing required column is reported on the heading row', () => {
    const rows: MasterCells[] = sampleRows(DOCS_SAMPLES_CLOCK).map(({ level: _l, ...rest }) => rest);
    const wb = XLSX.utils.book_new();
    const headers = MASTER_COLUMNS.filter((c) => c.key !== 'level');
    XLSX.utils.book_append_sheet(
      wb,
      XLSX.utils.aoa_to_sheet([headers.map((c) => c.header), ...rows.map((r) => headers.map((c) => r[c.key] ?? null))]),
      '重点项目清单',
    );
    writeFileSync(dir.file('nolevel.xlsx'), XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    expect(importError(dir.file('nolevel.xlsx'))).toEqual([{ row: 1, column: header('level'), code: 'missing_column', params: {} }]);
  });

  it('reports every problem of every row at once', () => {
    const rows = sampleRows(DOCS_SAMPLES_CLOCK);
    rows[0]!.level = '县级';
    rows[0]!.annualPlannedInvestment = -1;
    rows[20]!.stage = '施工中';
    const issues = importError(writeList('many.xlsx', rows));
    expect(issues.map((i) => `${i.row}:${i.column}:${i.code}`)).toEqual([
      '2:项目级别:unknown_level',
      '2:年度计划投资（万元）:negative',
      '22:当前阶段:unknown_stage',
    ]);
    expect(listBureauProjects(ctx.db)).toEqual([]);
    expect(listOfficers(ctx.db)).toEqual([]);
  });

  it('an empty template is refused as a list with no projects', () => {
    expect(importError(join(SAMPLES, 'master-list-template.xlsx')).map((i) => i.code)).toEqual(['no_rows']);
  });

  it('a file that is not a spreadsheet is refused', () => {
    writeFileSync(dir.file('list.pdf'), 'not a list');
    expect(() => importMasterList(ctx, dir.file('list.pdf'), { defaultYear: 2026 })).toThrow(AppError);
    expect(() => importMasterList(ctx, dir.file('missing.xlsx'), { defaultYear: 2026 })).toThrow(
      expect.objectContaining({ code: 'not_found' }) as unknown as Error,
    );
  });

  it('the CLI prints each problem with row and Chinese column name, in Chinese or English, and exits 1', async () => {
    const rows = sampleRows(DOCS_SAMPLES_CLOCK);
    rows[3]!.level = '县级';
    rows[7]!.milestones = '开工建设:2026-02-30';
    const file = writeList('bad.xlsx', rows);
    ctx.db.close();
    for (const [env, expected] of [
      [
        { LANG: 'zh_CN.UTF-8' },
        [
          '项目清单有 2 处错误，未导入任何内容：',
          '  第 5 行「项目级别」：「县级」不是省级、市级或区级',
          '  第 9 行「里程碑」：「开工建设:2026-02-30」中的日期「2026-02-30」不是有效日期（应为 YYYY-MM-DD）',
        ],
      ],
      [
        { LANG: 'en_US.UTF-8' },
        [
          'the master list has 2 problem(s); nothing was imported:',
          '  row 5, column 项目级别: "县级" is not a level (省级, 市级 or 区级)',
          '  row 9, column 里程碑: in "开工建设:2026-02-30" the date "2026-02-30" is not a valid date (YYYY-MM-DD)',
        ],
      ],
    ] as const) {
      const out: string[] = [];
      const err: string[] = [];
      const cmd = createBureauCommand({ now: () => NOW, env });
      expect(await cmd.run(['import-master', file, '--db', dir.file('bureau.sqlite')], { out: (t) => out.push(t), err: (t) => err.push(t) })).toBe(1);
      expect(err).toEqual(expected);
    }
    const out: string[] = [];
    const cmd = createBureauCommand({ now: () => NOW, env: {} });
    expect(await cmd.run(['import-master', file, '--db', dir.file('bureau.sqlite'), '--json'], { out: (t) => out.push(t), err: () => {} })).toBe(1);
    const parsed = JSON.parse(out.join('')) as { ok: boolean; error: { code: string; masterIssues: MasterListIssue[] } };
    expect(parsed.ok).toBe(false);
    expect(parsed.error.code).toBe('master_list_invalid');
    expect(parsed.error.masterIssues.map((i) => [i.row, i.column, i.code])).toEqual([
      [5, '项目级别', 'unknown_level'],
      [9, '里程碑', 'bad_date'],
    ]);
    ctx = openBureau(dir.file('bureau.sqlite'), () => NOW);
  });
});
