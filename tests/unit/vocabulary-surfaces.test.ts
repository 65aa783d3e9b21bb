import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerData } from '../../electron/sync/ledger-workbook.js';
import { writeLedgerWorkbook } from '../../electron/sync/ledger-workbook.js';
import { readLedgerWorkbook } from '../../electron/sync/ledger-read.js';
import { ledgerDataFromStore } from '../../electron/sync/ledger-rows.js';
import { renderWeeklyReport, weeklyContext } from '../../electron/sync/weekly-report.js';
import { problemLines, summaryLines } from '../../electron/cli/bureau/lines.js';
import { BUREAU_LINES } from '../../electron/cli/bureau/print.js';
import type { BureauProblemView } from '../../electron/bureau/problems.js';
import { DEMO_OFFICER } from '../../electron/demo/demo-dataset.js';
import { ProblemAction, ProblemCategory, ProblemStatus, VisitKind, type ProblemEvent } from '@shared/domain/index.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { assignmentReportLines, exportReportLines } from '@shared/i18n/sync-messages.js';
import { FILE_WORDS } from '@shared/i18n/vocabulary.js';
import { translator, type MessageKey } from '../../renderer/src/i18n/index.js';
import { openTempStore, type TempStore } from '../helpers/temp-store.js';

/**
 * Issue 10 point 5: one concept, one word on every surface. The app's labels (its message catalogue, as the
 * screens ask for them) are compared with what the ledger workbook writes (written for real from a demo store
 * and read back from the .xlsx), what the printable report prints and what the CLIs print.
 */
const t = translator('zh-CN');
const app = (key: string) => t(key as MessageKey);
const tEn = translator('en');
const appEn = (key: string) => tEn(key as MessageKey);
const appWords = (prefix: string, codes: readonly string[]) => new Set(codes.map((c) => app(`${prefix}.${c}`)));

let store: TempStore;
let data: LedgerData;
let sheets: Record<string, Record<string, unknown>[]>;
let report: string;

const DEMO_PROJECT = '00000000-0000-4000-8000-00000000000b';

/** This week's work in the demo store: a visit of each kind, a close-off and a reopening, a problem in each status. */
async function workThisWeek(): Promise<void> {
  const registry = createRegistry();
  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const result = await registry.dispatch(name, input, store.ctx);
    if (!result.ok) throw new Error(`${name}: ${result.error.code}`);
    return result.value as T;
  };
  const today = weeklyContext(store.db, store.ctx.now()).today;
  for (const kind of VisitKind.options) await call('visits.log', { projectId: DEMO_PROJECT, visitedOn: today, kind, summary: `本周${kind}` });
  const items = store.db.prepare('SELECT id FROM checklist_items WHERE project_id = ? ORDER BY sort_order').all(DEMO_PROJECT) as { id: string }[];
  for (const item of items) {
    const closed = await registry.dispatch('checklist.closeOff', { itemId: item.id, effectiveOn: today, note: '已取得' }, store.ctx);
    if (!closed.ok) continue;
    await call('checklist.reopen', { itemId: item.id, effectiveOn: today, reason: '资料有误' });
    break;
  }
  const steps: ProblemAction[] = ['dispatch', 'coordinate', 'resolve', 'verify_close', 'reopen'];
  for (const [n, category] of ProblemCategory.options.slice(0, steps.length + 1).entries()) {
    const problem = await call<{ id: string }>('problems.raise', {
      projectId: DEMO_PROJECT,
      category,
      description: `问题${n}`,
      responsibleDepartment: '区自然资源局',
    });
    for (const action of steps.slice(0, n))
      await call('problems.act', { problemId: problem.id, action, note: '说明', department: '区住建局', resolution: '已解决' });
  }
}

beforeAll(async () => {
  store = openTempStore({ demo: true });
  await workThisWeek();
  const now = store.ctx.now();
  data = ledgerDataFromStore(store.db, now, DEMO_OFFICER);
  sheets = readLedgerWorkbook(await writeLedgerWorkbook(data));
  report = renderWeeklyReport(weeklyContext(store.db, now), '', { sequence: 1, createdAt: now.toISOString(), changeCount: 0 });
});
afterAll(() => store?.close());

/** The report's tables as rows of heading → cell text. */
function reportTables(html: string): Record<string, string>[][] {
  const text = (cell: string) => cell.replace(/<[^>]+>/g, '').trim();
  return [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map(([, body]) => {
    const headers = [...body!.matchAll(/<th>([\s\S]*?)<\/th>/g)].map((m) => text(m[1]!));
    return [...body!.matchAll(/<tr>((?:<td[\s\S]*?<\/td>)+)<\/tr>/g)].map((row) => {
      const cells = [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => text(m[1]!));
      return Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? '']));
    });
  });
}

describe('one word per concept on every surface', () => {
  it('the ledger workbook writes each record with the words the app shows for it', () => {
    const byId = <R extends { id: string }>(rows: readonly R[]) => new Map(rows.map((r) => [r.id, r]));
    const projects = byId(data.projects);
    expect(sheets['项目进度']!.length).toBe(data.projects.length);
    for (const row of sheets['项目进度']!) {
      const project = projects.get(String(row['项目ID']))!;
      expect(row['所处阶段']).toBe(app(`stage.${project.stage}`));
      expect(row['项目级别']).toBe(app(`level.${project.level}`));
    }
    const visits = byId(data.visits);
    for (const row of sheets['走访记录']!) expect(row['方式']).toBe(app(`visits.kind.${visits.get(String(row['记录ID']))!.kind}`));
    const closeOffs = byId(data.closeOffs);
    for (const row of sheets['销号记录']!) {
      const record = closeOffs.get(String(row['记录ID']))!;
      expect(row['阶段']).toBe(app(`stage.${record.stage}`));
      expect(row['操作']).toBe(app(record.action === 'close_off' ? 'checklist.action.closeOff' : 'checklist.action.reopen'));
    }
    const problems = byId(data.problems);
    const actions = appWords('problem.action', ProblemAction.options);
    for (const row of sheets['问题台账']!) {
      const problem = problems.get(String(row['问题ID']))!;
      expect(row['当前状态']).toBe(app(`problem.status.${problem.status}`));
      expect(row['问题类别']).toBe(app(`problem.category.${problem.category}`));
      // 办理经过: "2026-11-20 交办（张三，帮包责任人） …", one line per step.
      for (const line of String(row['办理经过'] ?? '')
        .split('\n')
        .filter(Boolean))
        expect(actions).toContain(/^\S+ (\S+?)（/.exec(line)![1]);
    }
    // The store holds every status, so the comparison above is not empty.
    expect(new Set(data.problems.map((p) => p.status)).size).toBe(ProblemStatus.options.length);
    expect(new Set(data.projects.map((p) => p.stage))).toContain('construction');
    expect(new Set(data.visits.map((v) => v.kind)).size).toBe(4);
  });

  it('the printable report prints the words the app shows', () => {
    const tables = reportTables(report);
    const projects = new Map(data.projects.map((p) => [p.code, p]));
    const projectRows = tables.find((rows) => rows[0] && '项目编号' in rows[0])!;
    expect(projectRows.length).toBeGreaterThan(0);
    for (const row of projectRows) {
      expect(row['阶段']).toBe(app(`stage.${projects.get(row['项目编号']!)!.stage}`));
      expect(row['级别']).toBe(app(`level.${projects.get(row['项目编号']!)!.level}`));
    }
    const expected: Record<string, Set<string>> = {
      方式: appWords('visits.kind', VisitKind.options),
      操作: new Set([app('checklist.action.closeOff'), app('checklist.action.reopen')]),
      状态: appWords('problem.status', ProblemStatus.options),
      类别: appWords('problem.category', ProblemCategory.options),
    };
    const compared: Record<string, Set<string>> = {};
    for (const row of tables.flat()) {
      for (const [heading, words] of Object.entries(expected)) {
        if (row[heading] === undefined) continue;
        expect(words).toContain(row[heading]);
        (compared[heading] ??= new Set()).add(row[heading]!);
      }
    }
    // This week's visits, close-offs and problems are all in the report: every word of those concepts was compared.
    for (const [heading, words] of Object.entries(expected)) if (heading !== '类别') expect(compared[heading], heading).toEqual(words);
    expect(report).toContain(`随第1期${FILE_WORDS.weekly.zh}报送`);
  });

  it('the bureau CLI prints the status and the steps of a problem with the words the app shows', () => {
    const at = '2026-11-20T02:00:00.000Z';
    const events = ProblemAction.options.map(
      (action, i) => ({ id: `e${i}`, problemId: 'p', action, at, by: '李明', origin: 'officer' }) as unknown as ProblemEvent,
    );
    for (const status of ProblemStatus.options) {
      const view = {
        id: 'p',
        projectCode: 'GX-1',
        projectName: '项目',
        status,
        overdue: false,
        origin: 'officer',
        raisedBy: '李明',
        raisedOn: '2026-11-01',
        description: '用地指标不足',
        currentDepartment: '',
        coordinatingLeader: '',
        dueOn: null,
        officerName: '李明',
        events,
        skippedEventIds: [],
      } as unknown as BureauProblemView;
      const lines = problemLines(view, 'zh', 'Asia/Shanghai');
      expect(lines[0]).toContain(`[${app(`problem.status.${status}`)}]`);
      ProblemAction.options.forEach((action, i) => expect(lines[3 + i]).toContain(`  ${app(`problem.action.${action}`)}  `));
      // In English too: the app's English words, never the codes.
      const english = problemLines(view, 'en', 'Asia/Shanghai');
      expect(english[0]).toContain(`[${appEn(`problem.status.${status}`)}]`);
      ProblemAction.options.forEach((action, i) => expect(english[3 + i]).toContain(`  ${appEn(`problem.action.${action}`)}  `));
    }
  });

  it("the bureau CLI counts visits by the app's visit kinds and names the exchange's files as the sync screen does", () => {
    const group = { projects: 1, planned: 1, completed: 1, completionPct: 100, aheadPoints: 0, projectsAhead: 0, projectsBehind: 0 };
    const summary = {
      year: 2026,
      asOfMonth: '2026-10',
      elapsedMonths: 10,
      timeProportionalPct: 83.3,
      referenceDay: '2026-11-20',
      projectsByLevel: { total: 3, provincial: 1, municipal: 1, district: 1 },
      investment: { all: group, provincialAndMunicipal: group, district: group },
      problems: { collected: 0, projects: 0, resolved: 0, closed: 0, open: 0, overdue: 0 },
      sponsorActions: { total: 10, siteVisits: 4, meetings: 3, calls: 2, coordination: 1, projects: 2 },
      statisticsEnrolled: 0,
      productionStarted: 0,
      byUnit: [],
      byLeader: [],
    } as unknown as Parameters<typeof summaryLines>[0];
    const counts: Record<string, number> = { site_visit: 4, meeting: 3, call: 2, coordination: 1 };
    for (const [lang, say] of [
      ['zh', app],
      ['en', appEn],
    ] as const) {
      const printed = summaryLines(summary, lang).join('\n');
      for (const kind of VisitKind.options) expect(printed).toContain(`${say(`visits.kind.${kind}`)} ${counts[kind]}`);
      for (const level of ['provincial', 'municipal', 'district']) expect(printed).toContain(`${say(`level.${level}`)} 1`);
    }

    const p = { lang: 'zh', zone: 'Asia/Shanghai', input: {} } as const;
    const assigned = {
      officerName: '李明',
      officerUnit: '区住建局',
      sequence: 2,
      projects: 1,
      checklistItems: 1,
      problems: 0,
      acknowledgedWeeklySequence: 3,
      file: 'a.zip',
    };
    const backup = { file: 'b.zip', bytes: 1, keyFingerprint: null, receivedPackets: 3, assignments: 2 };
    const printed = [...BUREAU_LINES['bureau.assign']([assigned] as never, p), ...BUREAU_LINES['bureau.backup'](backup as never, p)].join('\n');
    expect(printed).toContain(`第 2 号${FILE_WORDS.assignment.zh}`);
    expect(printed).toContain(`已收到${FILE_WORDS.weekly.zh}至第 3 号`);
    expect(printed).toContain(`已收${FILE_WORDS.weekly.zh} 3 个，${FILE_WORDS.assignment.zh} 2 个`);
    for (const old of ['任务包', '周报', '现场走访', '座谈会议', '电话联系']) expect(printed).not.toContain(old);
  });

  it("the officer CLI names the exchange's files as the sync screen does", () => {
    const preview = {
      sequence: 2,
      sender: { name: '区经济发展局', fingerprint: 'AB12' },
      createdAt: '2026-11-20T02:00:00.000Z',
      officer: { name: '孙丽' },
      note: null,
      status: 'already_imported',
      appliedAt: '2026-11-21T02:00:00.000Z',
    } as unknown as Parameters<typeof assignmentReportLines>[1];
    const imported = assignmentReportLines('zh', preview, 'Asia/Shanghai').join('\n');
    const exported = exportReportLines('zh', {
      sequence: 3,
      filePath: 'weekly-3.zip',
      changeCount: 1,
      photoCount: 0,
      bytes: 10,
      sha256: 'x',
      missingPhotos: 0,
      warnings: [],
    } as never);
    expect(app('sync.preview.title')).toContain(FILE_WORDS.assignment.zh);
    expect(app('sync.exported')).toContain(FILE_WORDS.weekly.zh);
    expect(imported).toContain(`第2号${FILE_WORDS.assignment.zh}`);
    expect(exported[0]).toContain(`第3号${FILE_WORDS.weekly.zh}`);
    for (const old of ['任务书', '周报数据包']) expect(`${imported}\n${exported.join('\n')}`).not.toContain(old);
  });
});
