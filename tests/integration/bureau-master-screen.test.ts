/**
 * Issue 12, screen 5 (项目清单与任务下发) through the preview bridge, as the page calls it: the import's preview answers
 * every wrong row as data (row, column, what to fix), a list that withdraws most projects is previewed with a
 * flag instead of refused, bad files are refused whole, the template is a list the import reads, and the
 * assignments written for chosen officers are real signed assignments an officer store reads. Every refusal
 * leaves the database dump and the desk's folders as they were.
 */
import * as XLSX from '@e965/xlsx';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMasterIssue, type MasterListIssue } from '@shared/bureau/master-issues.js';
import { MASTER_COLUMNS } from '@shared/bureau/master-list.js';
import type { AppErrorShape } from '@shared/errors.js';
import type { OperationOutput } from '@shared/operations/index.js';
import { openOfficerStore } from '../../electron/app/open-store.js';
import { lazyBureau } from '../../electron/bureau/context.js';
import { initBureau } from '../../electron/bureau/init.js';
import { readMasterListFile } from '../../electron/bureau/master-file.js';
import { masterListCsv, masterListWorkbook, sampleRows } from '../../electron/demo/bureau-samples.js';
import { pinBureauKey } from '../../electron/sync/keys.js';
import { previewAssignment } from '../../electron/sync/assignment-import.js';
import { errorMessage, translator } from '../../renderer/src/i18n/index.js';
import { serveBureauPage } from '../helpers/bureau-bridge.js';
import { folderTree } from '../helpers/file-tree.js';
import { dumpDatabase, makeTempDir } from '../helpers/temp-store.js';

const NOW = new Date('2026-12-02T10:00:00+08:00');

type Preview = OperationOutput<'bureau.master.preview'>;

describe('项目清单与任务下发: the master list screen’s operations', () => {
  const dir = makeTempDir('sponsor-desk-bureau-master-screen-');
  const deskDir = join(dir.path, 'desk');
  const outbox = join(dir.path, 'outbox');
  const dbPath = join(deskDir, 'sponsor-desk-bureau.sqlite');
  let ctx: ReturnType<typeof lazyBureau>;
  let page: Awaited<ReturnType<typeof serveBureauPage>>;
  let publicKeyPath: string;
  const call = <T>(name: string, input: unknown) => page.call<T>(name, input);
  const ok = async <T>(name: string, input: unknown): Promise<T> => {
    const answer = await call<T>(name, input);
    if (!answer.ok) throw new Error(`${name}: ${JSON.stringify(answer.error)}`);
    return answer.value;
  };
  const upload = async (fileName: string, bytes: Buffer) =>
    (await ok<{ file: string }>('bureau.files.receive', { fileName, contentBase64: bytes.toString('base64') })).file;
  /** The database and the outbox as they are: what a refusal must leave alone (the inbox keeps the uploads). */
  const state = () => ({ db: dumpDatabase(ctx.db), outbox: folderTree(outbox) });

  beforeAll(async () => {
    publicKeyPath = initBureau(dbPath, { now: () => NOW }).publicKeyPath;
    ctx = lazyBureau(dbPath, () => NOW);
    page = await serveBureauPage(dir.path, ctx, outbox);
  });
  afterAll(async () => {
    await page.close();
    ctx.close();
    dir.remove();
  });

  it('an empty desk has nobody to write assignments for: refused, nothing written', async () => {
    const before = state();
    const answer = await call('bureau.master.assign', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input', params: { what: 'assign_no_projects' } } });
    expect(errorMessage(translator('zh-CN'), (answer as unknown as { error: AppErrorShape }).error)).toContain('请先导入项目清单');
    expect(state()).toEqual(before);
  });

  it('a list with a wrong row: the preview answers every wrong row with its row and column, and nothing is imported', async () => {
    const rows = sampleRows(NOW);
    rows[1]!.level = '县级';
    rows[4]!.annualPlannedInvestment = '三千';
    const before = state();
    const answer = await ok<Preview>('bureau.master.preview', { file: await upload('清单.xlsx', masterListWorkbook(rows)) });
    expect(answer.summary).toBeNull();
    expect(answer.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [3, '项目级别', 'unknown_level'],
      [6, '年度计划投资（万元）', 'not_a_number'],
    ]);
    expect(formatMasterIssue(answer.issues[0] as MasterListIssue, 'zh')).toBe('第 3 行「项目级别」：「县级」不是省级、市级或区级');
    expect(state()).toEqual(before);
  });

  it('bad files are refused whole with what is wrong, and change nothing', async () => {
    const before = state();
    // An empty upload is refused at the door.
    expect(await call('bureau.files.receive', { fileName: '空.xlsx', contentBase64: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    // A workbook cut short; a text that only calls itself a workbook (its one line is no heading row); not a list's file type at all.
    const cut = masterListWorkbook(sampleRows(NOW)).subarray(0, 4000);
    const damaged = await ok<Preview>('bureau.master.preview', { file: await upload('清单.xlsx', cut) });
    expect(damaged.issues.map((i) => [i.row, i.code, i.params.why])).toEqual([[0, 'file_damaged', 'cut_short']]);
    const text = await ok<Preview>('bureau.master.preview', { file: await upload('清单.xlsx', Buffer.from('这不是表格')) });
    expect(new Set(text.issues.map((i) => [i.row, i.code].join()))).toEqual(new Set(['1,missing_column']));
    const pdf = await call('bureau.master.preview', { file: await upload('清单.pdf', Buffer.from('%PDF-1.4')) });
    expect(pdf).toMatchObject({ ok: false, error: { code: 'master_list_invalid', params: { problem: 'extension' } } });
    // A hidden project sheet, a heading row that is not the list's.
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([MASTER_COLUMNS.map((c) => c.header)]), '重点项目清单');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['封面']]), '封面');
    wb.Workbook = {
      Sheets: [
        { name: '重点项目清单', Hidden: 1 },
        { name: '封面', Hidden: 0 },
      ],
    };
    const hidden = await ok<Preview>('bureau.master.preview', {
      file: await upload('隐藏.xlsx', XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer),
    });
    expect(hidden.issues.map((i) => [i.row, i.code])).toEqual([[0, 'hidden_sheet']]);
    const wrongHeader = await ok<Preview>('bureau.master.preview', { file: await upload('表头.csv', Buffer.from('编号,名字\r\nA-1,某项目\r\n')) });
    expect(wrongHeader.issues.some((i) => i.row === 1 && i.code === 'missing_column')).toBe(true);
    // A CSV with a byte-order mark and a byte that is not UTF-8 in row 3: that row, not a "�" imported.
    const csv = masterListCsv(sampleRows(NOW));
    const row3 = csv.indexOf(Buffer.from('\r\n' + String(sampleRows(NOW)[1]!.code))) + 2;
    const badByte = await ok<Preview>('bureau.master.preview', {
      file: await upload('清单.csv', Buffer.concat([csv.subarray(0, row3 + 3), Buffer.from([0xc3, 0x28]), csv.subarray(row3 + 3)])),
    });
    expect(badByte.issues.map((i) => [i.row, i.code, i.params.encoding])).toEqual([[3, 'bad_encoding', 'UTF-8']]);
    expect(state()).toEqual(before);
  });

  it('a good list: the preview counts what it adds and the officers it creates; applying it imports exactly that', async () => {
    const file = await upload('清单.xlsx', masterListWorkbook(sampleRows(NOW)));
    const before = state();
    const dry = await ok<Preview>('bureau.master.preview', { file });
    expect(dry.issues).toEqual([]);
    expect(dry.summary).toMatchObject({ applied: false, rows: 30, added: 30, updated: 0, withdrawn: 0 });
    expect(dry.summary!.officersCreated.map((o) => o.name).sort()).toEqual(['张伟', '李明', '王芳', '赵磊'].sort());
    expect(dry.withdrawsMost).toBe(false);
    expect(state()).toEqual(before);
    const applied = await ok<{ applied: boolean; added: number }>('bureau.importMaster', { file });
    expect(applied).toMatchObject({ applied: true, added: 30 });
  });

  it('a changed list: each updated field with its value before and after, the officer by name', async () => {
    const rows = sampleRows(NOW);
    rows[0]!.annualPlannedInvestment = 12345;
    rows[2]!.officerName = '张伟';
    rows[2]!.officerUnit = '区住房和城乡建设局';
    const before = state();
    const dry = await ok<Preview>('bureau.master.preview', { file: await upload('清单2.xlsx', masterListWorkbook(rows)) });
    expect(dry.summary).toMatchObject({ updated: 2, unchanged: 28, added: 0 });
    const first = dry.updates.find((u) => u.code === rows[0]!.code)!;
    expect(first.fields).toEqual([{ field: 'annualPlannedInvestment', before: String(sampleRows(NOW)[0]!.annualPlannedInvestment), after: '12345' }]);
    const third = dry.updates.find((u) => u.code === rows[2]!.code)!;
    expect(third.fields).toEqual([{ field: 'officerId', before: '李明（区经济发展局）', after: '张伟（区住房和城乡建设局）' }]);
    expect(state()).toEqual(before);
  });

  it('a list that would withdraw most projects is previewed with the flag; importing it needs the explicit confirmation', async () => {
    const file = await upload('只有三行.xlsx', masterListWorkbook(sampleRows(NOW).slice(0, 3)));
    const before = state();
    const dry = await ok<Preview>('bureau.master.preview', { file });
    expect(dry).toMatchObject({ withdrawsMost: true, active: 30, summary: { withdrawn: 27, unchanged: 3 } });
    expect(await call('bureau.importMaster', { file })).toMatchObject({
      ok: false,
      error: { code: 'import_withdraws_most', params: { withdrawn: 27, active: 30 } },
    });
    expect(state()).toEqual(before);
  });

  it('the template is a blank list with the headings the import reads, written into the outbox', async () => {
    const { file } = await ok<{ file: string }>('bureau.master.template', {});
    expect(file.startsWith(outbox)).toBe(true);
    expect(file).toMatch(/重点项目清单模板-2026\.xlsx$/);
    const read = readMasterListFile(file);
    expect(read.sheet.headers).toEqual(MASTER_COLUMNS.map((c) => c.header));
    expect(read.sheet.rows).toEqual([]);
    // A second one never replaces the first.
    expect((await ok<{ file: string }>('bureau.master.template', {})).file).toMatch(/重点项目清单模板-2026 \(2\)\.xlsx$/);
    // A raw path from a page is refused.
    expect(await call('bureau.master.template', { out: join(dir.path, 't.xlsx') })).toMatchObject({ ok: false, error: { params: { reason: 'raw_path' } } });
  });

  it('assignments: refused whole for an officer with nothing to hand over; written for the chosen ones, each a real assignment', async () => {
    const idle = await ok<{ officer: { id: string } }>('bureau.officers.add', { name: '孙丽', unit: '区商务局' });
    const officers = await ok<{ id: string; name: string }[]>('bureau.officers.list', {});
    const liMing = officers.find((o) => o.name === '李明')!;
    const zhaoLei = officers.find((o) => o.name === '赵磊')!;
    const before = state();
    const refused = await call('bureau.master.assign', { officers: [liMing.id, idle.officer.id] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', params: { what: 'assign_officer_idle', officers: '孙丽' } } });
    // As the screen says it: who, why, what to do, and that nothing was written.
    expect(errorMessage(translator('zh-CN'), (refused as unknown as { error: AppErrorShape }).error)).toBe(
      '孙丽 名下没有项目，也没有下发过任务文件，无内容可下发。请取消勾选后再生成；未生成任何文件。',
    );
    expect(await call('bureau.master.assign', { officers: ['nobody'] })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(state()).toEqual(before);

    const table = await ok<OperationOutput<'bureau.master.assignees'>>('bureau.master.assignees', {});
    expect(table.find((r) => r.officerId === liMing.id)).toEqual({ officerId: liMing.id, lastAcknowledged: null, acknowledges: 0, activeProjects: 6 });
    expect(table.find((r) => r.officerId === idle.officer.id)).toMatchObject({ activeProjects: 0 });

    const written = await ok<OperationOutput<'bureau.assign'>>('bureau.master.assign', { officers: [liMing.id, zhaoLei.id], note: '请于周五前回传' });
    expect(written.map((w) => [w.officerName, w.sequence, w.projects, w.acknowledgedWeeklySequence])).toEqual([
      ['李明', 1, 6, 0],
      ['赵磊', 1, 8, 0],
    ]);
    expect(folderTree(outbox).filter((f) => f.endsWith('.zip'))).toHaveLength(2);
    expect((await ok<OperationOutput<'bureau.master.assignees'>>('bureau.master.assignees', {})).find((r) => r.officerId === liMing.id)).toMatchObject({
      lastAcknowledged: 0,
    });

    // 李明's store reads his file: signed by this bureau, for him, his six projects, the note.
    const officerDir = join(dir.path, 'officer');
    mkdirSync(officerDir);
    const store = openOfficerStore({ databasePath: join(officerDir, 'sponsor-desk.sqlite'), now: () => NOW });
    try {
      pinBureauKey(store.db, readFileSync(publicKeyPath, 'utf8'), NOW);
      const read = await previewAssignment(store, written[0]!.file);
      expect(read).toMatchObject({ sequence: 1, officer: { id: liMing.id, name: '李明' } });
      expect(read.changes.projects.added).toHaveLength(6);
    } finally {
      store.db.close();
    }
  });
});
