import type { CellKind } from './xlsx-parts.js';
import { writeXlsxBook, writeXlsxBookFile, type XlsxBook, type XlsxColumn, type XlsxSheet } from './xlsx-stream.js';
import type {
  LedgerCloseOffRow,
  LedgerInvestmentRow,
  LedgerProblemHistoryEntry,
  LedgerProblemRow,
  LedgerProjectRow,
  LedgerVisitRow,
} from '@shared/rules/ledger-rows.js';
import {
  CHECKLIST_ACTION_ZH,
  LEVEL_ZH,
  ORIGIN_ZH,
  PROBLEM_ACTION_ZH,
  PROBLEM_CATEGORY_ZH,
  PROBLEM_STATUS_ZH,
  STAGE_ZH,
  VISIT_KIND_ZH,
} from '@shared/i18n/vocabulary.js';
import { localDateTime } from '@shared/rules/local-time.js';
import { ledgerDateTime, ledgerDay } from './ledger-time.js';

/**
 * The ledger workbook (台账): one sheet per kind, Chinese headings, typed values (numbers with their formats,
 * days, months and moments as real dates; a moment is the local `YYYY-MM-DD HH:mm` in the data's time
 * zone, never UTC), ready to print: a title, A4 landscape fitted to the page width, the heading row repeated,
 * identifier columns outside the print area. Written by our own streaming writer (xlsx-stream.ts; see
 * docs/packets.md §5 for why). Takes plain row arrays, built by one rule for both desks
 * (shared/rules/ledger-rows.ts), so the bureau desk writes the district ledger with the same sheets (plus its
 * summary sheet) from its own database.
 *
 * COLUMN RULE: the column lists below are a published format. New columns are only ever appended at the
 * end of a list; none is removed, renamed or moved, so the bureau's formulas and lookups keep working.
 */

export type Cell = string | number | null;
export type { LedgerCloseOffRow, LedgerInvestmentRow, LedgerProblemHistoryEntry, LedgerProblemRow, LedgerProjectRow, LedgerVisitRow };

/** A column with its value: widths are chosen so the printed sheet fits the page width; identifier columns are not printed. */
export interface LedgerColumn<R> extends XlsxColumn {
  /** `zone`: the district's IANA time zone, for columns that show a moment as local time. */
  value(row: R, zone: string): Cell;
}

export interface LedgerData {
  /** The store's time zone: moments (recorded, resolved, closed) are written as local times there. */
  timeZone: string;
  projects: readonly LedgerProjectRow[];
  visits: readonly LedgerVisitRow[];
  closeOffs: readonly LedgerCloseOffRow[];
  problems: readonly LedgerProblemRow[];
  investment: readonly LedgerInvestmentRow[];
}

/** Rows the writer streams: an array, or rows made one at a time as the writer reaches them (the district ledger). */
export type LedgerRows<R> = Iterable<R> & { readonly length: number };

/** What the writer takes: `LedgerData`, or the same with its long sheets' rows made as they are written. */
export interface LedgerSource extends Omit<LedgerData, 'visits' | 'closeOffs' | 'problems' | 'investment'> {
  visits: LedgerRows<LedgerVisitRow>;
  closeOffs: LedgerRows<LedgerCloseOffRow>;
  problems: LedgerRows<LedgerProblemRow>;
  investment: LedgerRows<LedgerInvestmentRow>;
}

export const LEDGER_SHEET_NAMES = {
  summary: '汇总',
  projects: '项目进度',
  visits: '走访记录',
  closeOffs: '销号记录',
  problems: '问题台账',
  investment: '月度投资',
} as const;

const yesNo = (v: boolean) => (v ? '是' : '否');
/** Excel keeps at most 32,767 characters in a cell. */
const cellText = (s: string) => (s.length > 32_000 ? `${s.slice(0, 32_000)}…` : s);

// Append new columns at the end only (see COLUMN RULE above).
export const PROJECT_COLUMNS: readonly LedgerColumn<LedgerProjectRow>[] = [
  { header: '项目编号', width: 12, kind: 'text', value: (r) => r.code },
  { header: '项目名称', width: 16, kind: 'text', value: (r) => r.name },
  { header: '建设单位', width: 14, kind: 'text', value: (r) => r.company },
  { header: '项目级别', width: 6, kind: 'text', value: (r) => LEVEL_ZH[r.level] },
  { header: '所属行业', width: 8, kind: 'text', value: (r) => r.industry },
  { header: '所处阶段', width: 8, kind: 'text', value: (r) => STAGE_ZH[r.stage] },
  { header: '帮包领导', width: 8, kind: 'text', value: (r) => r.sponsoringLeader },
  { header: '帮包单位', width: 12, kind: 'text', value: (r) => r.sponsoringUnit },
  { header: '帮包责任人', width: 7, kind: 'text', value: (r) => r.officerName },
  { header: '计划年度', width: 6, kind: 'integer', value: (r) => r.planYear },
  { header: '年度计划投资（万元）', width: 11, kind: 'wan', value: (r) => r.annualPlannedInvestment },
  { header: '总投资（万元）', width: 11, kind: 'wan', value: (r) => r.totalInvestment },
  { header: '累计完成投资（万元）', width: 11, kind: 'wan', value: (r) => r.completedInvestment },
  { header: '完成率（%）', width: 7, kind: 'pct', value: (r) => r.completionPct },
  { header: '序时进度（%）', width: 7, kind: 'pct', value: (r) => r.timeProportionalPct },
  { header: '超序时进度（百分点）', width: 8, kind: 'points', value: (r) => r.aheadPoints },
  { header: '统计截至月份', width: 8, kind: 'month', value: (r) => r.asOfMonth },
  { header: '在办问题数', width: 6, kind: 'integer', value: (r) => r.openProblems },
  { header: '逾期清单事项数', width: 7, kind: 'integer', value: (r) => r.overdueItems },
  { header: '最近走访日期', width: 11, kind: 'day', value: (r) => r.lastVisitOn },
  { header: '是否已撤回', width: 6, kind: 'text', value: (r) => yesNo(r.archived) },
  { header: '项目地点', width: 12, kind: 'text', value: (r) => r.location },
  { header: '项目ID', width: 38, kind: 'text', print: false, value: (r) => r.id },
];

export const VISIT_COLUMNS: readonly LedgerColumn<LedgerVisitRow>[] = [
  { header: '走访日期', width: 11, kind: 'day', value: (r) => r.visitedOn },
  { header: '项目编号', width: 12, kind: 'text', value: (r) => r.projectCode },
  { header: '项目名称', width: 16, kind: 'text', value: (r) => r.projectName },
  { header: '方式', width: 7, kind: 'text', value: (r) => VISIT_KIND_ZH[r.kind] },
  { header: '参加人员', width: 14, kind: 'text', value: (r) => r.participants },
  { header: '工作内容', width: 30, kind: 'text', value: (r) => cellText(r.summary) },
  { header: '发现问题', width: 20, kind: 'text', value: (r) => cellText(r.findings) },
  { header: '后续事项', width: 20, kind: 'text', value: (r) => cellText(r.followUps) },
  { header: '照片数', width: 5, kind: 'integer', value: (r) => r.photoCount },
  { header: '记录人', width: 7, kind: 'text', value: (r) => r.recordedBy },
  { header: '记录时间', width: 16, kind: 'datetime', value: (r, zone) => ledgerDateTime(r.recordedAt, zone) },
  { header: '记录ID', width: 38, kind: 'text', print: false, value: (r) => r.id },
];

export const CLOSE_OFF_COLUMNS: readonly LedgerColumn<LedgerCloseOffRow>[] = [
  { header: '项目编号', width: 12, kind: 'text', value: (r) => r.projectCode },
  { header: '项目名称', width: 22, kind: 'text', value: (r) => r.projectName },
  { header: '阶段', width: 8, kind: 'text', value: (r) => STAGE_ZH[r.stage] },
  { header: '清单事项', width: 20, kind: 'text', value: (r) => r.itemTitle },
  { header: '时间节点', width: 11, kind: 'day', value: (r) => r.dueOn },
  { header: '操作', width: 7, kind: 'text', value: (r) => CHECKLIST_ACTION_ZH[r.action] },
  { header: '办理日期', width: 11, kind: 'day', value: (r) => r.effectiveOn },
  { header: '是否按期', width: 5, kind: 'text', value: (r) => (r.action === 'close_off' ? yesNo(r.effectiveOn <= r.dueOn) : null) },
  { header: '佐证材料/说明', width: 28, kind: 'text', value: (r) => cellText(r.note) },
  { header: '记录人', width: 7, kind: 'text', value: (r) => r.recordedBy },
  { header: '记录时间', width: 16, kind: 'datetime', value: (r, zone) => ledgerDateTime(r.recordedAt, zone) },
  { header: '事项ID', width: 38, kind: 'text', print: false, value: (r) => r.itemId },
  { header: '记录ID', width: 38, kind: 'text', print: false, value: (r) => r.id },
];

function historyText(history: readonly LedgerProblemHistoryEntry[], zone: string): string {
  return cellText(
    history
      .map((h) => {
        // The day in the district's zone: a step at 07:30 in Beijing is 23:30 UTC the day before.
        const parts = [`${ledgerDay(h.at, zone)} ${PROBLEM_ACTION_ZH[h.action]}（${h.by}，${ORIGIN_ZH[h.origin]}）`];
        if (h.department) parts.push(`交办：${h.department}`);
        if (h.resolution) parts.push(`化解措施：${h.resolution}`);
        if (h.note) parts.push(h.note);
        return parts.join(' ');
      })
      .join('\n'),
  );
}

export const PROBLEM_COLUMNS: readonly LedgerColumn<LedgerProblemRow>[] = [
  { header: '项目编号', width: 12, kind: 'text', value: (r) => r.projectCode },
  { header: '项目名称', width: 16, kind: 'text', value: (r) => r.projectName },
  { header: '问题类别', width: 8, kind: 'text', value: (r) => PROBLEM_CATEGORY_ZH[r.category] },
  { header: '问题描述', width: 24, kind: 'text', value: (r) => cellText(r.description) },
  { header: '提出方', width: 7, kind: 'text', value: (r) => ORIGIN_ZH[r.origin] },
  { header: '提出日期', width: 11, kind: 'day', value: (r) => r.raisedOn },
  { header: '提出人', width: 7, kind: 'text', value: (r) => r.raisedBy },
  { header: '责任部门', width: 12, kind: 'text', value: (r) => r.responsibleDepartment },
  { header: '协调领导', width: 7, kind: 'text', value: (r) => r.coordinatingLeader },
  { header: '办结时限', width: 11, kind: 'day', value: (r) => r.dueOn },
  { header: '当前状态', width: 8, kind: 'text', value: (r) => PROBLEM_STATUS_ZH[r.status] },
  { header: '是否逾期', width: 5, kind: 'text', value: (r) => yesNo(r.overdue) },
  { header: '化解措施', width: 18, kind: 'text', value: (r) => (r.resolution === null ? null : cellText(r.resolution)) },
  { header: '化解时间', width: 16, kind: 'datetime', value: (r, zone) => (r.resolvedAt === null ? null : ledgerDateTime(r.resolvedAt, zone)) },
  { header: '办结时间', width: 16, kind: 'datetime', value: (r, zone) => (r.closedAt === null ? null : ledgerDateTime(r.closedAt, zone)) },
  { header: '办理经过', width: 40, kind: 'text', value: (r, zone) => historyText(r.history, zone) },
  { header: '问题ID', width: 38, kind: 'text', print: false, value: (r) => r.id },
];

export const INVESTMENT_COLUMNS: readonly LedgerColumn<LedgerInvestmentRow>[] = [
  { header: '项目编号', width: 12, kind: 'text', value: (r) => r.projectCode },
  // A narrow sheet: room for a project's name on one line.
  { header: '项目名称', width: 28, kind: 'text', value: (r) => r.projectName },
  { header: '月份', width: 8, kind: 'month', value: (r) => r.month },
  { header: '当月完成投资（万元）', width: 11, kind: 'wan', value: (r) => r.amount },
  { header: '本年累计完成投资（万元）', width: 11, kind: 'wan', value: (r) => r.cumulative },
  { header: '年度计划投资（万元）', width: 11, kind: 'wan', value: (r) => r.annualPlannedInvestment },
  { header: '填报时间', width: 16, kind: 'datetime', value: (r, zone) => ledgerDateTime(r.recordedAt, zone) },
  { header: '填报人', width: 7, kind: 'text', value: (r) => r.recordedBy },
  { header: '更正次数', width: 6, kind: 'integer', value: (r) => r.corrections },
];

/** A free-form sheet, e.g. the bureau's district summary. */
export interface LedgerExtraSheet {
  name: string;
  header: readonly string[];
  rows: readonly (readonly Cell[])[];
  widths?: readonly number[];
  /** Each column's cell type (default text). */
  kinds?: readonly CellKind[];
  /** Rows from this index on are notes (说明): one line of text running across the row, not wrapped. */
  notesFrom?: number;
}

export interface LedgerWorkbookOptions {
  /** What: the title line above each sheet's headings (and the file's title). */
  title?: string;
  author?: string;
  /** Whose ledger, on the second title line (帮包责任人 李明, or the bureau). */
  whose?: string;
  /** Which period, on the second title line; default: the investment month and when it was written. */
  period?: string;
  createdAt?: Date;
  /** Sheets placed first (the bureau's summary). */
  leadingSheets?: readonly LedgerExtraSheet[];
}

function* rowsOf<R>(columns: readonly LedgerColumn<R>[], rows: Iterable<R>, zone: string): Generator<Cell[]> {
  for (const r of rows) yield columns.map((c) => c.value(r, zone));
}

/** The workbook's sheets and title lines (rows are produced lazily, as the writer streams them). */
export function ledgerBook(data: LedgerSource, options: LedgerWorkbookOptions = {}): XlsxBook {
  const createdAt = options.createdAt ?? new Date();
  const zone = data.timeZone;
  const what = options.title ?? '重点项目帮包台账';
  const asOf = data.projects[0]?.asOfMonth;
  const period = options.period ?? `${asOf ? `投资统计截至 ${asOf}　` : ''}导出于 ${localDateTime(createdAt, zone)}（${zone} 时间）`;
  const titles = (sheet: string) => [`${what} · ${sheet}`, [options.whose, period].filter(Boolean).join('　')];
  const sheet = <R>(name: string, columns: readonly LedgerColumn<R>[], rows: Iterable<R>): XlsxSheet => ({
    name,
    titles: titles(name),
    columns: columns.map(({ header, width, kind, print }) => ({ header, width, kind, ...(print === false ? { print } : {}) })),
    rows: rowsOf(columns, rows, zone),
  });
  const sheets: XlsxSheet[] = (options.leadingSheets ?? []).map((extra) => ({
    name: extra.name,
    titles: titles(extra.name),
    columns: extra.header.map((header, i) => ({ header, width: extra.widths?.[i] ?? 14, kind: extra.kinds?.[i] ?? 'text' })),
    rows: extra.rows,
    ...(extra.notesFrom === undefined ? {} : { notesFrom: extra.notesFrom }),
  }));
  sheets.push(
    sheet(LEDGER_SHEET_NAMES.projects, PROJECT_COLUMNS, data.projects),
    sheet(LEDGER_SHEET_NAMES.visits, VISIT_COLUMNS, data.visits),
    sheet(LEDGER_SHEET_NAMES.closeOffs, CLOSE_OFF_COLUMNS, data.closeOffs),
    sheet(LEDGER_SHEET_NAMES.problems, PROBLEM_COLUMNS, data.problems),
    sheet(LEDGER_SHEET_NAMES.investment, INVESTMENT_COLUMNS, data.investment),
  );
  return { title: what, author: options.author ?? 'Sponsor Desk', createdAt, sheets };
}

/** The workbook as .xlsx bytes (the officer's packet). */
export function writeLedgerWorkbook(data: LedgerSource, options: LedgerWorkbookOptions = {}): Promise<Buffer> {
  return writeXlsxBook(ledgerBook(data, options));
}

/** The workbook streamed into `file` atomically (the district ledger); returns its size in bytes. */
export function writeLedgerWorkbookFile(data: LedgerSource, file: string, options: LedgerWorkbookOptions = {}): Promise<number> {
  return writeXlsxBookFile(ledgerBook(data, options), file);
}
