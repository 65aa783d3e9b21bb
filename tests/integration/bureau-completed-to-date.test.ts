import * as XLSX from '@e965/xlsx';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBureauCommand } from '../../electron/cli/bureau/commands.js';
import { openBureau } from '../../electron/bureau/context.js';
import { dumpBureauDatabase } from '../../electron/bureau/database.js';
import { projectIdForCode } from '../../electron/bureau/ids.js';
import { buildDistrictLedgerData } from '../../electron/bureau/ledger.js';
import { getBureauProject, listProjectRevisions } from '../../electron/bureau/repository.js';
import { masterListCsv, masterListWorkbook, sampleRows, type MasterCells } from '../../electron/demo/bureau-samples.js';
import { grantFile } from '../../electron/files/file-handles.js';
import { readSetting } from '../../electron/store/repositories/settings.js';
import { readAssignmentFile } from '../../electron/packets/assignment-file.js';
import { readOfficerKey } from '../../electron/sync/keys.js';
import { exportWeeklyPacket } from '../../electron/sync/weekly-export.js';
import { ledgerDataFromStore } from '../../electron/sync/ledger-rows.js';
import { MASTER_COLUMNS } from '@shared/bureau/master-list.js';
import { Officer } from '@shared/domain/index.js';
import { makeTempDir, openTempStore, type TempDir, type TempStore } from '../helpers/temp-store.js';
import { perform } from '../helpers/operations.js';

/**
 * Issue 13 point 2: the master list carries 累计完成投资 with 截至月份; the assignment hands it to the officer
 * as the bureau's figure; progress counts it until the officer's own monthly figures take over; the bureau's
 * summary and ledger count it by the same rule, never twice.
 */
let clock = new Date('2026-12-02T10:00:00');
const now = () => new Date(clock.getTime());
let dir: TempDir;
let db: string;

beforeEach(() => {
  clock = new Date('2026-12-02T10:00:00');
  dir = makeTempDir('sponsor-desk-bureau-completed-');
  db = dir.file('bureau/bureau.sqlite');
});
afterEach(() => dir.remove());

async function bureau(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await createBureauCommand({ now, env }).run([...args, '--db', db], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err };
}
async function bureauJson(args: string[]): Promise<any> {
  const r = await bureau([...args, '--json']);
  if (r.code !== 0) throw new Error(`bureau ${args[0]} failed: ${r.err.join('\n')}${r.out.join('\n')}`);
  return JSON.parse(r.out.join('\n')).result;
}
const call = <T = any>(store: TempStore, name: string, input: unknown) => perform<T>(store.ctx, name, input);
function writeList(name: string, rows: readonly MasterCells[]): string {
  const file = dir.file(name);
  writeFileSync(file, name.endsWith('.csv') ? masterListCsv(rows) : masterListWorkbook(rows));
  return file;
}

/** The first officer's first three projects: two with the bureau's figure, one without. */
function listWithFigures(): MasterCells[] {
  const rows = sampleRows();
  Object.assign(rows[0]!, { annualPlannedInvestment: 120000, completedToDate: 100000, completedThroughMonth: '2026-10' });
  Object.assign(rows[1]!, { annualPlannedInvestment: 45000, completedToDate: '30,000.5', completedThroughMonth: '2026年11月' });
  Object.assign(rows[2]!, { annualPlannedInvestment: 30000 });
  return rows;
}

describe('master list: 累计完成投资（万元） with 截至月份', () => {
  it('imports the figure from a workbook and from CSV alike, and a changed figure is recorded in the history', async () => {
    await bureauJson(['init']);
    const rows = listWithFigures();
    for (const name of ['list.xlsx', 'list.csv']) {
      await bureauJson(['import-master', writeList(name, rows)]);
      const ctx = openBureau(db, now);
      try {
        expect(getBureauProject(ctx.db, projectIdForCode(String(rows[0]!.code)))!.bureauCompleted).toEqual({ throughMonth: '2026-10', amount: 100000 });
        expect(getBureauProject(ctx.db, projectIdForCode(String(rows[1]!.code)))!.bureauCompleted).toEqual({ throughMonth: '2026-11', amount: 30000.5 });
        expect(getBureauProject(ctx.db, projectIdForCode(String(rows[2]!.code)))!.bureauCompleted).toBeNull();
      } finally {
        ctx.db.close();
      }
    }
    rows[0]!.completedToDate = 104000;
    rows[0]!.completedThroughMonth = '2026-11';
    const r = await bureauJson(['import-master', writeList('changed.xlsx', rows)]);
    expect(r.projects.find((p: { code: string }) => p.code === rows[0]!.code)).toMatchObject({ change: 'updated', fields: ['bureauCompleted'] });
    const ctx = openBureau(db, now);
    try {
      const revision = listProjectRevisions(ctx.db)
        .filter((v) => v.projectId === projectIdForCode(String(rows[0]!.code)))
        .at(-1)!;
      expect(revision.oldValues).toEqual({ bureauCompleted: '2026-10:100000' });
      expect(revision.newValues).toEqual({ bureauCompleted: '2026-11:104000' });
    } finally {
      ctx.db.close();
    }
  });

  const AMOUNT = '累计完成投资（万元）';
  const MONTH = '截至月份';
  const bad: { kind: string; cells: MasterCells; column: string; code: string; zh: string }[] = [
    { kind: 'a negative amount', cells: { completedToDate: -5, completedThroughMonth: '2026-10' }, column: AMOUNT, code: 'negative', zh: '「-5」为负数' },
    {
      kind: 'more than four decimals',
      cells: { completedToDate: '100.12345', completedThroughMonth: '2026-10' },
      column: AMOUNT,
      code: 'too_many_decimals',
      zh: '超过四位小数',
    },
    {
      kind: 'an amount in words',
      cells: { completedToDate: '十万', completedThroughMonth: '2026-10' },
      column: AMOUNT,
      code: 'not_a_number',
      zh: '「十万」不是数字',
    },
    {
      kind: 'a month that is none',
      cells: { completedToDate: 100, completedThroughMonth: '2026-13' },
      column: MONTH,
      code: 'bad_month',
      zh: '「2026-13」不是月份',
    },
    {
      kind: 'a month of another year',
      cells: { completedToDate: 100, completedThroughMonth: '2025-12' },
      column: MONTH,
      code: 'month_outside_plan_year',
      zh: '不在计划年度 2026 年内',
    },
    {
      kind: 'a month still to come',
      cells: { completedToDate: 100, completedThroughMonth: '2026-12' },
      column: MONTH,
      code: 'month_in_future',
      zh: '「2026-12」还未到（本月为 2026-11）',
    },
    { kind: 'an amount without its month', cells: { completedToDate: 100 }, column: MONTH, code: 'month_required', zh: '必须同时填写截至月份' },
    {
      kind: 'a month without its amount',
      cells: { completedThroughMonth: '2026-10' },
      column: AMOUNT,
      code: 'amount_required',
      zh: '必须同时填写累计完成投资',
    },
  ];
  for (const c of bad) {
    for (const format of ['xlsx', 'csv'] as const) {
      it(`refuses ${c.kind} (${format}) by row and column through the CLI, the database unchanged`, async () => {
        clock = new Date('2026-11-05T10:00:00');
        await bureauJson(['init']);
        await bureauJson([
          'import-master',
          writeList(
            'good.xlsx',
            listWithFigures().map((r) => ({ ...r, completedThroughMonth: r.completedThroughMonth ? '2026-10' : undefined })),
          ),
        ]);
        const dump = () => {
          const ctx = openBureau(db, now);
          try {
            return dumpBureauDatabase(ctx.db);
          } finally {
            ctx.db.close();
          }
        };
        const before = dump();
        const rows = sampleRows();
        Object.assign(rows[4]!, c.cells);
        const file = writeList(`bad.${format}`, rows);
        const zh = await bureau(['import-master', file], { LANG: 'zh_CN.UTF-8' });
        expect(zh.code).toBe(1);
        expect(zh.err.join('\n')).toContain(`第 6 行「${c.column}」：`);
        expect(zh.err.join('\n')).toContain(c.zh);
        const json = await bureau(['import-master', file, '--json']);
        expect(json.code).toBe(1);
        const issues = JSON.parse(json.out.join('')).error.masterIssues as { row: number; column: string; code: string }[];
        expect(issues).toEqual([expect.objectContaining({ row: 6, column: c.column, code: c.code })]);
        expect(dump()).toEqual(before);
      });
    }
  }

  it('refuses a heading that carries the month (1-10月累计完成投资) instead of ignoring it, in both languages', async () => {
    await bureauJson(['init']);
    const rows = listWithFigures();
    const columns = MASTER_COLUMNS.filter((c) => c.key !== 'completedThroughMonth');
    const headers = columns.map((c) => (c.key === 'completedToDate' ? '1-10月累计完成投资（万元）' : c.header));
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([headers, ...rows.map((r) => columns.map((c) => r[c.key] ?? null))]), '重点项目清单');
    const file = dir.file('heading.xlsx');
    writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const zh = await bureau(['import-master', file], { LANG: 'zh_CN.UTF-8' });
    expect(zh.code).toBe(1);
    expect(zh.err).toContain(
      '  表头（第 1 行）：表头「1-10月累计完成投资（万元）」把月份写在了表头里：请把表头改为「累计完成投资（万元）」，并在「截至月份」列填写月份（如 2026-11）',
    );
    const en = await bureau(['import-master', file], { LANG: 'en_US.UTF-8' });
    expect(en.err.join('\n')).toContain('heading row 1: the heading "1-10月累计完成投资（万元）" carries the month');
    const ctx = openBureau(db, now);
    try {
      expect(dumpBureauDatabase(ctx.db).projects).toEqual([]);
    } finally {
      ctx.db.close();
    }
  });
});

describe('the bureau figure end to end: list → assignment → officer progress → weekly packet → bureau summary', () => {
  it('is no longer 91.7 points behind, adds the officer’s later months, gives way to the officer’s own figures, and is never counted twice', async () => {
    await bureauJson(['init']);
    const rows = listWithFigures();
    await bureauJson(['import-master', writeList('list.xlsx', rows)]);
    const officerName = String(rows[0]!.officerName);
    for (const d of ['out', 'usb', 'usb2']) mkdirSync(dir.file(d));
    const assignments = (await bureauJson(['assign', '--out', dir.file('out')])) as { officerName: string; file: string }[];
    const file = assignments.find((a) => a.officerName === officerName)!.file;

    // The packet carries the figure on the two projects only (an optional field: no figure, no field).
    const opened = await readAssignmentFile(file, { bureauPublicKeyPem: readFileSync(dir.file('bureau/bureau.pub'), 'utf8') });
    const byCode = new Map(opened.payload.projects.map((p) => [p.code, p]));
    expect(byCode.get(String(rows[0]!.code))!.bureauCompleted).toEqual({ throughMonth: '2026-10', amount: 100000 });
    expect(byCode.get(String(rows[1]!.code))!.bureauCompleted).toEqual({ throughMonth: '2026-11', amount: 30000.5 });
    expect(Object.keys(byCode.get(String(rows[2]!.code))!)).not.toContain('bureauCompleted');

    const store = openTempStore({ now });
    try {
      await call(store, 'sync.trustBureauKey', { keyPem: readFileSync(dir.file('bureau/bureau.pub'), 'utf8') });
      expect((await call(store, 'sync.applyAssignment', { file: grantFile(store.ctx, file) })).applied).toBe(true);
      const progress = async () => {
        const list = await call<
          {
            code: string;
            id: string;
            progress: { asOfMonth: string; completed: number; completionPct: number; aheadPoints: number; bureauThroughMonth: string | null };
          }[]
        >(store, 'projects.list', { includeArchived: false });
        return new Map(list.map((p) => [p.code, p]));
      };
      // 2 December: January–November counts, time-proportional 11 ÷ 12 = 91.7%.
      let p = await progress();
      const [a, b, c] = [0, 1, 2].map((i) => String(rows[i]!.code)) as [string, string, string];
      // 100000 ÷ 120000 = 83.33%, 83.33 − 91.67 = −8.3 (the bureau's figure to October; DOMAIN.md: from the unrounded rate).
      expect(p.get(a)!.progress).toMatchObject({
        asOfMonth: '2026-11',
        completed: 100000,
        completionPct: 83.3,
        aheadPoints: -8.3,
        bureauThroughMonth: '2026-10',
      });
      // 30000.5 ÷ 45000 = 66.67% → 66.7, 66.7 − 91.7 = −25.0.
      expect(p.get(b)!.progress).toMatchObject({ completed: 30000.5, completionPct: 66.7, aheadPoints: -25, bureauThroughMonth: '2026-11' });
      // Without a figure: the trap the issue describes, 0% and 91.7 points behind.
      expect(p.get(c)!.progress).toMatchObject({ completed: 0, completionPct: 0, aheadPoints: -91.7, bureauThroughMonth: null });

      // The officer enters November for the first project: it adds on top of the bureau's January–October.
      await call(store, 'investment.record', { projectId: p.get(a)!.id, month: '2026-11', amount: 14000 });
      p = await progress();
      // 114000 ÷ 120000 = 95.0%, 95.0 − 91.7 = +3.3.
      expect(p.get(a)!.progress).toMatchObject({ completed: 114000, completionPct: 95, aheadPoints: 3.3, bureauThroughMonth: '2026-10' });
      const detail = await call<{ project: { progress: { completed: number } } }>(store, 'projects.get', { projectId: p.get(a)!.id });
      expect(detail.project.progress.completed).toBe(114000);
      // The officer's ledger says the same on both sheets: the projects sheet and November's cumulative.
      const officerLedger = ledgerDataFromStore(store.db, now(), null);
      expect(officerLedger.projects.find((r) => r.code === a)!.completedInvestment).toBe(114000);
      expect(officerLedger.investment.filter((r) => r.projectCode === a).map((r) => [r.month, r.amount, r.cumulative])).toEqual([['2026-11', 14000, 114000]]);

      // The weekly packet carries the officer's entry only; the bureau adds its own figure by the same rule.
      const exported = await exportWeeklyPacket(store.ctx, { outDir: dir.file('usb') });
      await bureauJson(['ingest', exported.filePath]);
      const officerId = readSetting(store.db, 'officer', Officer)!.id;
      await bureauJson(['officers', 'accept-key', officerId, '--fingerprint', readOfficerKey(store.db)!.fingerprint]);
      const summary = await bureauJson(['summary', '--as-of', '2026-11']);
      // Σ completed of the district = 100000 + 14000 + 30000.5 (nobody else has figures): each counted once.
      expect(summary.investment.all.completed).toBe(144000.5);
      const ledger = () => {
        const ctx = openBureau(db, now);
        try {
          return new Map(buildDistrictLedgerData(ctx, { asOfMonth: '2026-11', referenceDay: '2026-12-02' }).projects.map((r) => [r.code, r]));
        } finally {
          ctx.db.close();
        }
      };
      expect(ledger().get(a)).toMatchObject({ completedInvestment: 114000, completionPct: 95, aheadPoints: 3.3 });
      expect(ledger().get(b)).toMatchObject({ completedInvestment: 30000.5, aheadPoints: -25 });
      const investmentSheet = () => {
        const ctx = openBureau(db, now);
        try {
          return buildDistrictLedgerData(ctx, { asOfMonth: '2026-11', referenceDay: '2026-12-02' })
            .investment.filter((r) => r.projectCode === a)
            .map((r) => [r.month, r.amount, r.cumulative]);
        } finally {
          ctx.db.close();
        }
      };
      expect(investmentSheet()).toEqual([['2026-11', 14000, 114000]]);

      // The officer types October too: their own figures take over and the bureau's no longer counts, on both sides.
      clock = new Date('2026-12-03T10:00:00');
      await call(store, 'investment.record', { projectId: p.get(a)!.id, month: '2026-10', amount: 9000 });
      p = await progress();
      // 23000 ÷ 120000 = 19.2%, 19.2 − 91.7 = −72.5.
      expect(p.get(a)!.progress).toMatchObject({ completed: 23000, completionPct: 19.2, aheadPoints: -72.5, bureauThroughMonth: null });
      const second = await exportWeeklyPacket(store.ctx, { outDir: dir.file('usb2') });
      await bureauJson(['ingest', second.filePath]);
      expect(ledger().get(a)).toMatchObject({ completedInvestment: 23000, aheadPoints: -72.5 });
      expect(investmentSheet()).toEqual([
        ['2026-10', 9000, 9000],
        ['2026-11', 14000, 23000],
      ]);
      expect((await bureauJson(['summary', '--as-of', '2026-11'])).investment.all.completed).toBe(53000.5);
    } finally {
      store.close();
    }
  });
});
