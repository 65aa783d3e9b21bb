import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { computeDistrictSummary, type DistrictSummary, type SponsorRow } from '@shared/bureau/summary.js';
import type { ChecklistEvent, InvestmentEntry, Problem, ProblemEvent, Visit } from '@shared/domain/index.js';
import {
  deriveChecklistState,
  deriveProblemState,
  groupBy,
  investmentLedgerRows,
  isProblemOpen,
  isTaskOverdue,
  problemLedgerRow,
  projectLedgerRow,
  projectProgress,
  visitLedgerRow,
} from '@shared/rules/index.js';
import type { CellKind } from '../sync/xlsx-parts.js';
import {
  LEDGER_SHEET_NAMES,
  writeLedgerWorkbookFile,
  type Cell,
  type LedgerCloseOffRow,
  type LedgerData,
  type LedgerProblemRow,
  type LedgerVisitRow,
  type LedgerRows,
  type LedgerSource,
  type LedgerExtraSheet,
} from '../sync/ledger-workbook.js';
import type { BureauContext } from './context.js';
import { listBureauChecklistItems, listBureauProjects, listFolded, listOfficers } from './repository.js';
import { withSigningRecorder } from './recorders.js';
import { reportingRows } from './ledger-progress.js';
import { sortByText } from './ledger-order.js';
import { resolveSummaryDates, summaryInput, type SummaryOptions, type SummaryRecords } from './summary.js';
import { countOf, figureRecords, ledgerPlaces, photoCountsAt, recordsAt, stepsAt, type FigureRecords } from './ledger-records.js';
import { refuseUnwritable } from './summary-document-files.js';
import { bureauTimeZone } from './time-zone.js';
import { localDateTime } from '@shared/rules/local-time.js';
import { VISIT_KIND_ZH } from '@shared/i18n/vocabulary.js';

/**
 * The district ledger (台账): the officer packet's sheets (the same rows, shared/rules/ledger-rows.ts, written
 * by the same workbook writer, electron/sync/ledger-workbook.ts) over every officer's records the bureau
 * holds, with the district summary sheet 汇总 in front.
 */

/** What the projects' rows count over every problem, step and visit: open problems and the last visit, by project. */
export interface ProjectCounts {
  openProblems: Map<string, number>;
  lastVisit: Map<string, string>;
}

/** The counts from the fields of every problem, step and visit (ledger-records.ts), which the export reads once for these and the summary. */
export function projectCounts(records: FigureRecords): ProjectCounts {
  const stepsByProblem = groupBy(records.problemEvents, (e) => e.problemId);
  const openProblems = new Map<string, number>();
  for (const p of records.problems) {
    // deriveProblemState reads a step's id, time, action and department for the status (the rest is for the history).
    const steps = (stepsByProblem.get(p.id) ?? []) as ProblemEvent[];
    if (isProblemOpen(deriveProblemState(p.responsibleDepartment, steps).status)) openProblems.set(p.projectId, (openProblems.get(p.projectId) ?? 0) + 1);
  }
  const lastVisit = new Map<string, string>();
  for (const v of records.visits) if ((lastVisit.get(v.projectId) ?? '') < v.visitedOn) lastVisit.set(v.projectId, v.visitedOn);
  return { openProblems, lastVisit };
}

/**
 * The district ledger's rows: the projects', close-offs' and investment's made at once; the visits' and problems'
 * (100,000 at the district's size) read from the database one place of the order at a time (a project, by its
 * code: ledger-records.ts), sorted there and made as the writer reaches them, so that only one project's records
 * are ever in memory (issue 11).
 */
export function districtLedgerSource(
  ctx: BureauContext,
  dates: { asOfMonth: string; referenceDay: string },
  read: { counts: ProjectCounts; investment: readonly InvestmentEntry[] } = {
    counts: projectCounts(figureRecords(ctx.db)),
    investment: listFolded<InvestmentEntry>(ctx.db, 'investment_entry'),
  },
): LedgerSource {
  const { db } = ctx;
  const { counts } = read;
  const projects = listBureauProjects(db, { includeArchived: true });
  const byId = new Map(projects.map((p) => [p.id, p]));
  const officerNames = new Map(listOfficers(db).map((o) => [o.id, o.name]));
  // Recorders as the bureau knows the signing officers, never the names written in the records (recorders.ts).
  const entries = withSigningRecorder(db, 'investment_entry', read.investment);
  const entriesByProject = groupBy(entries, (e) => e.projectId);
  const items = listBureauChecklistItems(db);
  const itemById = new Map(items.map((i) => [i.id, i]));
  const checklistEvents = withSigningRecorder(db, 'checklist_event', listFolded<ChecklistEvent>(db, 'checklist_event'));
  const eventsByItem = groupBy(checklistEvents, (e) => e.itemId);

  const overdueItems = groupBy(
    items.filter((item) => isTaskOverdue(item, deriveChecklistState(eventsByItem.get(item.id) ?? []), dates.referenceDay)),
    (r) => r.projectId,
  );

  const projectRows = projects.map((p) =>
    projectLedgerRow(
      p,
      // The same rule as the summary and the officer's screens (shared/rules/bureau-figure.ts).
      projectProgress(p, entriesByProject.get(p.id) ?? [], dates.asOfMonth),
      { openProblems: counts.openProblems.get(p.id) ?? 0, overdueItems: overdueItems.get(p.id)?.length ?? 0, lastVisitOn: counts.lastVisit.get(p.id) ?? null },
      officerNames.get(p.officerId) ?? '',
    ),
  );

  // The rows are sorted by project code, then by their own fields (sortByText, as over every row at once).
  const places = ledgerPlaces(projects);
  function* visitRows(): Generator<LedgerVisitRow> {
    for (const place of places) {
      const visits = recordsAt<Visit>(db, 'visit', place);
      if (visits.length === 0) continue;
      const photos = photoCountsAt(db, place);
      const order = sortByText(
        visits.map((v) => ({ visitedOn: v.visitedOn, recordedAt: v.recordedAt, id: v.id, v })),
        'visitedOn',
        'recordedAt',
        'id',
      );
      for (const { v } of order) yield visitLedgerRow(v, byId.get(v.projectId), photos.get(v.id) ?? 0);
    }
  }
  function* problemRows(): Generator<LedgerProblemRow> {
    for (const place of places) {
      const problems = recordsAt<Problem>(db, 'problem', place);
      if (problems.length === 0) continue;
      const stepsByProblem = groupBy(stepsAt(db, place), (e) => e.problemId);
      const order = sortByText(
        problems.map((p) => ({ raisedOn: p.raisedOn, id: p.id, p })),
        'raisedOn',
        'id',
      );
      for (const { p } of order) yield problemLedgerRow(p, stepsByProblem.get(p.id) ?? [], byId.get(p.projectId), dates.referenceDay);
    }
  }

  const closeOffRows: LedgerCloseOffRow[] = checklistEvents.flatMap(({ attachmentId: _a, ...e }) => {
    const item = itemById.get(e.itemId);
    const project = item && byId.get(item.projectId);
    if (!item) return [];
    return [{ ...e, projectCode: project?.code ?? '', projectName: project?.name ?? '', stage: item.stage, itemTitle: item.title, dueOn: item.dueOn }];
  });

  return {
    timeZone: bureauTimeZone(db),
    projects: projectRows,
    visits: rowsOf(countOf(db, 'visit'), visitRows),
    closeOffs: sortByText(closeOffRows, 'projectCode', 'recordedAt', 'id'),
    problems: rowsOf(countOf(db, 'problem'), problemRows),
    investment: investmentLedgerRows(entries, byId),
  };
}

/** `length` rows made by `rows` one at a time, afresh each time they are iterated. */
function rowsOf<R>(length: number, rows: () => Iterator<R>): LedgerRows<R> {
  return { length, [Symbol.iterator]: rows };
}

/** The district ledger's rows, every one made (for callers that read them rather than write the workbook). */
export function buildDistrictLedgerData(ctx: BureauContext, dates: { asOfMonth: string; referenceDay: string }): LedgerData {
  const source = districtLedgerSource(ctx, dates);
  return { ...source, visits: [...source.visits], closeOffs: [...source.closeOffs], problems: [...source.problems], investment: [...source.investment] };
}

/**
 * The 汇总 sheet's columns after 类别: each heading beside its figure, and widths that print the whole sheet on
 * one A4 landscape page width (docs/bureau.md, "The district ledger").
 */
const SUMMARY_COLUMNS: readonly { header: string; width: number; kind: CellKind; value: (row: SponsorRow) => Cell }[] = [
  { header: '名称', width: 20, kind: 'text', value: (r) => r.name },
  { header: '项目数', width: 6, kind: 'integer', value: (r) => r.investment.projects },
  { header: '年度计划投资（万元）', width: 11, kind: 'wan', value: (r) => r.investment.planned },
  { header: '累计完成投资（万元）', width: 11, kind: 'wan', value: (r) => r.investment.completed },
  { header: '完成率（%）', width: 7, kind: 'pct', value: (r) => r.investment.completionPct },
  { header: '序时进度（%）', width: 7, kind: 'pct', value: (r) => r.investment.timeProportionalPct },
  { header: '超序时进度（百分点）', width: 8, kind: 'points', value: (r) => r.investment.aheadPoints },
  { header: '超序时项目数', width: 7, kind: 'integer', value: (r) => r.investment.projectsAhead },
  { header: '滞后项目数', width: 7, kind: 'integer', value: (r) => r.investment.projectsBehind },
  { header: '收集问题', width: 6, kind: 'integer', value: (r) => r.problems.collected },
  { header: '已化解', width: 6, kind: 'integer', value: (r) => r.problems.resolved },
  { header: '其中已办结', width: 6, kind: 'integer', value: (r) => r.problems.closed },
  { header: '未化解', width: 6, kind: 'integer', value: (r) => r.problems.open },
  { header: '逾期问题', width: 6, kind: 'integer', value: (r) => r.problems.overdue },
  { header: '问题涉及项目数', width: 7, kind: 'integer', value: (r) => r.problems.projects },
  { header: '帮包工作（次）', width: 7, kind: 'integer', value: (r) => r.sponsorActions },
  { header: '入库纳统项目数', width: 7, kind: 'integer', value: (r) => r.statisticsEnrolled },
  { header: '竣工投产项目数', width: 7, kind: 'integer', value: (r) => r.productionStarted },
];

export const SUMMARY_HEADER = ['类别', ...SUMMARY_COLUMNS.map((c) => c.header)];

function summaryRow(category: string, row: SponsorRow): Cell[] {
  return [category, ...SUMMARY_COLUMNS.map((c) => c.value(row))];
}

/** The 汇总 sheet: one row per group (district, levels), per sponsoring unit and per leader, then the basis of the figures. */
export function summarySheet(summary: DistrictSummary): LedgerExtraSheet {
  const figures: Cell[][] = [
    // The district and its levels, in the summary's order (all, provincial and municipal, district, provincial, municipal).
    ...Object.values(summary.groups).map((r) => summaryRow('全区', r)),
    ...summary.byUnit.map((r) => summaryRow('帮包单位', r)),
    ...summary.byLeader.map((r) => summaryRow('帮包领导', r)),
  ];
  const rows: Cell[][] = [
    ...figures,
    [],
    ['说明', `投资统计 ${summary.year} 年 1–${summary.elapsedMonths} 月（截至 ${summary.asOfMonth}），序时进度 ${summary.timeProportionalPct}%`],
    ['说明', `问题、帮包工作、入库纳统和竣工投产统计至 ${summary.referenceDay}`],
    [
      '说明',
      `帮包工作共 ${summary.sponsorActions.total} 次：${VISIT_KIND_ZH.site_visit} ${summary.sponsorActions.siteVisits}，${VISIT_KIND_ZH.meeting} ${summary.sponsorActions.meetings}，${VISIT_KIND_ZH.call} ${summary.sponsorActions.calls}，${VISIT_KIND_ZH.coordination} ${summary.sponsorActions.coordination}`,
    ],
  ];
  return {
    name: LEDGER_SHEET_NAMES.summary,
    header: SUMMARY_HEADER,
    rows,
    widths: [8, ...SUMMARY_COLUMNS.map((c) => c.width)],
    kinds: ['text', ...SUMMARY_COLUMNS.map((c) => c.kind)],
    notesFrom: figures.length,
  };
}

export interface LedgerExportResult {
  file: string;
  bytes: number;
  asOfMonth: string;
  referenceDay: string;
  sheets: Record<string, number>;
}

/**
 * The ledger's rows and its 汇总 sheet. The fields of every problem, step and visit that the figures read are
 * read once, for the summary and the projects' counts, and dropped before the writing; the writing then reads
 * the records whole, a project at a time.
 */
function collect(ctx: BureauContext, dates: { asOfMonth: string; referenceDay: string }): { data: LedgerSource; sheet: LedgerExtraSheet } {
  const figures = figureRecords(ctx.db);
  // computeDistrictSummary reads only these fields of them (tests/integration/ledger-records.test.ts compares it with districtSummary).
  const input = summaryInput(ctx, dates, figures as unknown as SummaryRecords);
  return {
    data: districtLedgerSource(ctx, dates, { counts: projectCounts(figures), investment: input.investment }),
    sheet: summarySheet(computeDistrictSummary(input)),
  };
}

/** Writes the district ledger atomically to `outFile`, streaming the rows into the file. */
export async function exportDistrictLedger(
  ctx: BureauContext,
  outFile: string,
  options: SummaryOptions = {},
  /** A job's progress (electron/bureau/long-jobs.ts): the rows gathered, then written, row block by row block (ledger-progress.ts). */
  onProgress?: (p: { phase: 'collect' | 'write'; done: number; total: number }) => void,
): Promise<LedgerExportResult> {
  const dates = resolveSummaryDates(ctx, options);
  onProgress?.({ phase: 'collect', done: 0, total: 1 });
  const { data, sheet } = collect(ctx, dates);
  const file = resolve(outFile);
  let bytes: number;
  try {
    mkdirSync(dirname(file), { recursive: true });
    bytes = await writeLedgerWorkbookFile(onProgress ? reportingRows(data, onProgress) : data, file, {
      title: '重点项目帮包台账（全区）',
      author: 'Sponsor Desk 经发局',
      whose: '全区（经发局汇总）',
      period: `投资统计截至 ${dates.asOfMonth}　问题和帮包工作统计至 ${dates.referenceDay}　导出于 ${localDateTime(ctx.now(), data.timeZone)}（${data.timeZone} 时间）`,
      createdAt: ctx.now(),
      leadingSheets: [sheet],
    });
  } catch (error) {
    // A folder the desk cannot write into is the clerk's to fix (summary-document-files.ts).
    refuseUnwritable(error, file);
  }
  return {
    file,
    bytes,
    asOfMonth: dates.asOfMonth,
    referenceDay: dates.referenceDay,
    sheets: {
      汇总: sheet.rows.length,
      项目进度: data.projects.length,
      走访记录: data.visits.length,
      销号记录: data.closeOffs.length,
      问题台账: data.problems.length,
      月度投资: data.investment.length,
    },
  };
}
