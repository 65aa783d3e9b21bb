import * as XLSX from '@e965/xlsx';
import { formulaSafeRows, writeXlsx } from './sheet-text.js';
import type { ChecklistEvent, LifeCycleStage, Origin, ProblemAction, ProblemCategory, ProblemStatus, ProjectLevel, VisitKind } from '../../shared/domain/index.js';
import {
  CHECKLIST_ACTION_ZH,
  LEVEL_ZH,
  ORIGIN_ZH,
  PROBLEM_ACTION_ZH,
  PROBLEM_CATEGORY_ZH,
  PROBLEM_STATUS_ZH,
  STAGE_ZH,
  VISIT_KIND_ZH,
} from './labels.js';
import { localDateTime, localDay } from '../../shared/rules/local-time.js';

/**
 * The ledger workbook (台账): one sheet per kind, Chinese headings, plain values (numbers as numbers, dates
 * as YYYY-MM-DD text, moments as local `YYYY-MM-DD HH:mm` in the data's time zone, never UTC ISO strings) so
 * it opens alike in Excel, WPS and LibreOffice. Written with @e965/xlsx (SheetJS CE
 * 0.20.3; see docs/packets.md for why). Takes plain row arrays, so the bureau desk writes the district
 * ledger with the same sheets (plus its summary sheet) from its own database.
 *
 * COLUMN RULE: the column lists below are a published format. New columns are only ever appended at the
 * end of a list; none is removed, renamed or moved, so the bureau's formulas and lookups keep working.
 */

export type Cell = string | number | null;

export interface LedgerColumn<R> {
  header: string;
  /** Width in characters. */
  width: number;
  /** `zone`: the district's IANA time zone, for columns that show a moment as local time. */
  value(row: R, zone: string): Cell;
}

export interface LedgerProjectRow {
  id: string;
  code: string;
  name: string;
  company: string;
  level: ProjectLevel;
  industry: string;
  stage: LifeCycleStage;
  sponsoringLeader: string;
  sponsoringUnit: string;
  officerName: string;
  planYear: number;
  annualPlannedInvestment: number;
  totalInvestment: number | null;
  completedInvestment: number;
  completionPct: number | null;
  timeProportionalPct: number;
  aheadPoints: number | null;
  asOfMonth: string;
  openProblems: number;
  overdueItems: number;
  lastVisitOn: string | null;
  archived: boolean;
  location: string;
}

export interface LedgerVisitRow {
  id: string;
  projectCode: string;
  projectName: string;
  visitedOn: string;
  kind: VisitKind;
  participants: string;
  summary: string;
  findings: string;
  followUps: string;
  photoCount: number;
  recordedBy: string;
  recordedAt: string;
}

export interface LedgerCloseOffRow {
  id: string;
  itemId: string;
  projectCode: string;
  projectName: string;
  stage: LifeCycleStage;
  itemTitle: string;
  dueOn: string;
  action: ChecklistEvent['action'];
  effectiveOn: string;
  note: string;
  recordedBy: string;
  recordedAt: string;
}

export interface LedgerProblemHistoryEntry {
  at: string;
  action: ProblemAction;
  by: string;
  origin: Origin;
  note: string;
  department: string | null;
  resolution: string | null;
}

export interface LedgerProblemRow {
  id: string;
  projectCode: string;
  projectName: string;
  category: ProblemCategory;
  description: string;
  origin: Origin;
  raisedOn: string;
  raisedBy: string;
  responsibleDepartment: string;
  coordinatingLeader: string;
  dueOn: string | null;
  status: ProblemStatus;
  overdue: boolean;
  resolution: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  history: readonly LedgerProblemHistoryEntry[];
}

export interface LedgerInvestmentRow {
  projectCode: string;
  projectName: string;
  month: string;
  /** The month's figure: its latest entry. */
  amount: number;
  /** Completed this plan year through this month. */
  cumulative: number;
  annualPlannedInvestment: number;
  recordedAt: string;
  recordedBy: string;
  /** Earlier entries for the month (corrections). */
  corrections: number;
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
  { header: '项目编号', width: 14, value: (r) => r.code },
  { header: '项目名称', width: 30, value: (r) => r.name },
  { header: '建设单位', width: 30, value: (r) => r.company },
  { header: '项目级别', width: 8, value: (r) => LEVEL_ZH[r.level] },
  { header: '所属行业', width: 12, value: (r) => r.industry },
  { header: '所处阶段', width: 10, value: (r) => STAGE_ZH[r.stage] },
  { header: '帮包领导', width: 10, value: (r) => r.sponsoringLeader },
  { header: '帮包单位', width: 18, value: (r) => r.sponsoringUnit },
  { header: '帮包责任人', width: 10, value: (r) => r.officerName },
  { header: '计划年度', width: 8, value: (r) => r.planYear },
  { header: '年度计划投资（万元）', width: 14, value: (r) => r.annualPlannedInvestment },
  { header: '总投资（万元）', width: 12, value: (r) => r.totalInvestment },
  { header: '累计完成投资（万元）', width: 14, value: (r) => r.completedInvestment },
  { header: '完成率（%）', width: 10, value: (r) => r.completionPct },
  { header: '序时进度（%）', width: 10, value: (r) => r.timeProportionalPct },
  { header: '超序时进度（百分点）', width: 12, value: (r) => r.aheadPoints },
  { header: '统计截至月份', width: 10, value: (r) => r.asOfMonth },
  { header: '在办问题数', width: 8, value: (r) => r.openProblems },
  { header: '逾期清单事项数', width: 10, value: (r) => r.overdueItems },
  { header: '最近走访日期', width: 12, value: (r) => r.lastVisitOn },
  { header: '是否已撤回', width: 8, value: (r) => yesNo(r.archived) },
  { header: '项目地点', width: 18, value: (r) => r.location },
  { header: '项目ID', width: 38, value: (r) => r.id },
];

export const VISIT_COLUMNS: readonly LedgerColumn<LedgerVisitRow>[] = [
  { header: '走访日期', width: 12, value: (r) => r.visitedOn },
  { header: '项目编号', width: 14, value: (r) => r.projectCode },
  { header: '项目名称', width: 30, value: (r) => r.projectName },
  { header: '方式', width: 10, value: (r) => VISIT_KIND_ZH[r.kind] },
  { header: '参加人员', width: 20, value: (r) => r.participants },
  { header: '工作内容', width: 40, value: (r) => cellText(r.summary) },
  { header: '发现问题', width: 30, value: (r) => cellText(r.findings) },
  { header: '后续事项', width: 30, value: (r) => cellText(r.followUps) },
  { header: '照片数', width: 8, value: (r) => r.photoCount },
  { header: '记录人', width: 10, value: (r) => r.recordedBy },
  { header: '记录时间', width: 22, value: (r, zone) => localDateTime(r.recordedAt, zone) },
  { header: '记录ID', width: 38, value: (r) => r.id },
];

export const CLOSE_OFF_COLUMNS: readonly LedgerColumn<LedgerCloseOffRow>[] = [
  { header: '项目编号', width: 14, value: (r) => r.projectCode },
  { header: '项目名称', width: 30, value: (r) => r.projectName },
  { header: '阶段', width: 10, value: (r) => STAGE_ZH[r.stage] },
  { header: '清单事项', width: 24, value: (r) => r.itemTitle },
  { header: '时间节点', width: 12, value: (r) => r.dueOn },
  { header: '操作', width: 10, value: (r) => CHECKLIST_ACTION_ZH[r.action] },
  { header: '办理日期', width: 12, value: (r) => r.effectiveOn },
  { header: '是否按期', width: 8, value: (r) => (r.action === 'close_off' ? yesNo(r.effectiveOn <= r.dueOn) : null) },
  { header: '佐证材料/说明', width: 36, value: (r) => cellText(r.note) },
  { header: '记录人', width: 10, value: (r) => r.recordedBy },
  { header: '记录时间', width: 22, value: (r, zone) => localDateTime(r.recordedAt, zone) },
  { header: '事项ID', width: 38, value: (r) => r.itemId },
  { header: '记录ID', width: 38, value: (r) => r.id },
];

function historyText(history: readonly LedgerProblemHistoryEntry[], zone: string): string {
  return cellText(
    history
      .map((h) => {
        // The day in the district's zone: a step at 07:30 in Beijing is 23:30 UTC the day before.
        const parts = [`${localDay(h.at, zone)} ${PROBLEM_ACTION_ZH[h.action]}（${h.by}，${ORIGIN_ZH[h.origin]}）`];
        if (h.department) parts.push(`交办：${h.department}`);
        if (h.resolution) parts.push(`化解措施：${h.resolution}`);
        if (h.note) parts.push(h.note);
        return parts.join(' ');
      })
      .join('\n'),
  );
}

export const PROBLEM_COLUMNS: readonly LedgerColumn<LedgerProblemRow>[] = [
  { header: '项目编号', width: 14, value: (r) => r.projectCode },
  { header: '项目名称', width: 30, value: (r) => r.projectName },
  { header: '问题类别', width: 10, value: (r) => PROBLEM_CATEGORY_ZH[r.category] },
  { header: '问题描述', width: 40, value: (r) => cellText(r.description) },
  { header: '提出方', width: 10, value: (r) => ORIGIN_ZH[r.origin] },
  { header: '提出日期', width: 12, value: (r) => r.raisedOn },
  { header: '提出人', width: 10, value: (r) => r.raisedBy },
  { header: '责任部门', width: 20, value: (r) => r.responsibleDepartment },
  { header: '协调领导', width: 10, value: (r) => r.coordinatingLeader },
  { header: '办结时限', width: 12, value: (r) => r.dueOn },
  { header: '当前状态', width: 12, value: (r) => PROBLEM_STATUS_ZH[r.status] },
  { header: '是否逾期', width: 8, value: (r) => yesNo(r.overdue) },
  { header: '化解措施', width: 30, value: (r) => (r.resolution === null ? null : cellText(r.resolution)) },
  { header: '化解时间', width: 22, value: (r, zone) => (r.resolvedAt === null ? null : localDateTime(r.resolvedAt, zone)) },
  { header: '办结时间', width: 22, value: (r, zone) => (r.closedAt === null ? null : localDateTime(r.closedAt, zone)) },
  { header: '办理经过', width: 60, value: (r, zone) => historyText(r.history, zone) },
  { header: '问题ID', width: 38, value: (r) => r.id },
];

export const INVESTMENT_COLUMNS: readonly LedgerColumn<LedgerInvestmentRow>[] = [
  { header: '项目编号', width: 14, value: (r) => r.projectCode },
  { header: '项目名称', width: 30, value: (r) => r.projectName },
  { header: '月份', width: 10, value: (r) => r.month },
  { header: '当月完成投资（万元）', width: 14, value: (r) => r.amount },
  { header: '本年累计完成投资（万元）', width: 16, value: (r) => r.cumulative },
  { header: '年度计划投资（万元）', width: 14, value: (r) => r.annualPlannedInvestment },
  { header: '填报时间', width: 22, value: (r, zone) => localDateTime(r.recordedAt, zone) },
  { header: '填报人', width: 10, value: (r) => r.recordedBy },
  { header: '更正次数', width: 8, value: (r) => r.corrections },
];

/** A free-form sheet, e.g. the bureau's district summary. */
export interface LedgerExtraSheet {
  name: string;
  header: readonly string[];
  rows: readonly (readonly Cell[])[];
  widths?: readonly number[];
}

function sheetOf<R>(columns: readonly LedgerColumn<R>[], rows: readonly R[], zone: string): XLSX.WorkSheet {
  const aoa: Cell[][] = [columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => c.value(r, zone)))];
  return finishSheet(aoa, columns.map((c) => c.width));
}

function finishSheet(aoa: Cell[][], widths: readonly number[]): XLSX.WorkSheet {
  // Officers' and the bureau's free text never reads as a formula (sheet-text.ts).
  const ws = XLSX.utils.aoa_to_sheet(formulaSafeRows(aoa), { dense: true });
  ws['!cols'] = widths.map((wch) => ({ wch }));
  if (ws['!ref']) ws['!autofilter'] = { ref: ws['!ref'] };
  return ws;
}

export interface LedgerWorkbookOptions {
  title?: string;
  author?: string;
  createdAt?: Date;
  /** Sheets placed first (the bureau's summary). */
  leadingSheets?: readonly LedgerExtraSheet[];
}

export function ledgerWorkbook(data: LedgerData, options: LedgerWorkbookOptions = {}): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  wb.Props = { Title: options.title ?? '重点项目帮包台账', Author: options.author ?? 'Sponsor Desk', CreatedDate: options.createdAt ?? new Date() };
  for (const extra of options.leadingSheets ?? []) {
    const aoa: Cell[][] = [[...extra.header], ...extra.rows.map((r) => [...r])];
    XLSX.utils.book_append_sheet(wb, finishSheet(aoa, extra.widths ?? extra.header.map(() => 14)), extra.name);
  }
  XLSX.utils.book_append_sheet(wb, sheetOf(PROJECT_COLUMNS, data.projects, data.timeZone), LEDGER_SHEET_NAMES.projects);
  XLSX.utils.book_append_sheet(wb, sheetOf(VISIT_COLUMNS, data.visits, data.timeZone), LEDGER_SHEET_NAMES.visits);
  XLSX.utils.book_append_sheet(wb, sheetOf(CLOSE_OFF_COLUMNS, data.closeOffs, data.timeZone), LEDGER_SHEET_NAMES.closeOffs);
  XLSX.utils.book_append_sheet(wb, sheetOf(PROBLEM_COLUMNS, data.problems, data.timeZone), LEDGER_SHEET_NAMES.problems);
  XLSX.utils.book_append_sheet(wb, sheetOf(INVESTMENT_COLUMNS, data.investment, data.timeZone), LEDGER_SHEET_NAMES.investment);
  return wb;
}

/** The workbook as .xlsx bytes. */
export function writeLedgerWorkbook(data: LedgerData, options: LedgerWorkbookOptions = {}): Buffer {
  return writeXlsx(ledgerWorkbook(data, options));
}

/** Reads a ledger back: each sheet as rows keyed by heading (for tests and for checking a received ledger). */
export function readLedgerWorkbook(data: Uint8Array): Record<string, Record<string, Cell>[]> {
  const wb = XLSX.read(data, { type: 'buffer' });
  const out: Record<string, Record<string, Cell>[]> = {};
  for (const name of wb.SheetNames) {
    out[name] = XLSX.utils.sheet_to_json<Record<string, Cell>>(wb.Sheets[name]!, { defval: null, raw: true });
  }
  return out;
}
