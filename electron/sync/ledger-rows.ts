import type { BureauCompleted, InvestmentEntry, Officer, Problem, ProblemEvent } from '@shared/domain/index.js';
import { completedWithBureauFigure, compareProblemEvents, deriveProblemState, isOverdue, isProblemOpen } from '@shared/rules/index.js';
import { listProjectSummaries, reportingDay } from '../services/project-views.js';
import type { SqliteDatabase } from '../store/database.js';
import { listInvestmentEntries } from '../store/repositories/investment.js';
import { listProblemEvents, listProblems } from '../store/repositories/problems.js';
import { listVisits } from '../store/repositories/visits.js';
import type { LedgerCloseOffRow, LedgerData, LedgerInvestmentRow, LedgerProblemRow, LedgerProjectRow, LedgerVisitRow } from './ledger-workbook.js';
import { storeTimeZone } from '../services/time-zone.js';

/** The officer's whole ledger (not only this week's changes) as plain rows for the workbook. */
export function ledgerDataFromStore(db: SqliteDatabase, now: Date, officer: Officer | null): LedgerData {
  const timeZone = storeTimeZone(db);
  const { today } = reportingDay(now, timeZone);
  const summaries = listProjectSummaries(db, now, true);
  const byId = new Map(summaries.map((p) => [p.id, p]));
  const projects: LedgerProjectRow[] = summaries.map((p) => ({
    id: p.id,
    code: p.code,
    name: p.name,
    company: p.company,
    level: p.level,
    industry: p.industry,
    stage: p.stage,
    sponsoringLeader: p.sponsoringLeader,
    sponsoringUnit: p.sponsoringUnit,
    officerName: officer?.name ?? '',
    planYear: p.planYear,
    annualPlannedInvestment: p.annualPlannedInvestment,
    totalInvestment: p.totalInvestment,
    completedInvestment: p.progress.completed,
    completionPct: p.progress.completionPct,
    timeProportionalPct: p.progress.timeProportionalPct,
    aheadPoints: p.progress.aheadPoints,
    asOfMonth: p.progress.asOfMonth,
    openProblems: p.openProblems,
    overdueItems: p.overdueItems,
    lastVisitOn: p.lastVisitOn,
    archived: p.archivedAt !== null,
    location: p.location,
  }));

  const photoCounts = new Map(
    (db.prepare("SELECT owner_id AS id, count(*) AS n FROM attachments WHERE owner_kind = 'visit' GROUP BY owner_id").all() as { id: string; n: number }[]).map(
      (r) => [r.id, r.n],
    ),
  );
  const visits: LedgerVisitRow[] = listVisits(db).map((v) => ({
    id: v.id,
    projectCode: byId.get(v.projectId)?.code ?? '',
    projectName: byId.get(v.projectId)?.name ?? '',
    visitedOn: v.visitedOn,
    kind: v.kind,
    participants: v.participants,
    summary: v.summary,
    findings: v.findings,
    followUps: v.followUps,
    photoCount: photoCounts.get(v.id) ?? 0,
    recordedBy: v.recordedBy,
    recordedAt: v.recordedAt,
  }));

  const closeOffs = db
    .prepare(
      `SELECT e.id, e.item_id AS itemId, p.code AS projectCode, p.name AS projectName, i.stage, i.title AS itemTitle, i.due_on AS dueOn,
         e.action, e.effective_on AS effectiveOn, e.note, e.recorded_by AS recordedBy, e.recorded_at AS recordedAt
       FROM checklist_events e JOIN checklist_items i ON i.id = e.item_id JOIN projects p ON p.id = i.project_id
       ORDER BY p.code, i.sort_order, e.recorded_at, e.id`,
    )
    .all() as LedgerCloseOffRow[];

  const events = listProblemEvents(db);
  const eventsByProblem = new Map<string, typeof events>();
  for (const e of events) {
    const list = eventsByProblem.get(e.problemId);
    if (list) list.push(e);
    else eventsByProblem.set(e.problemId, [e]);
  }
  const problems: LedgerProblemRow[] = listProblems(db)
    .map((p) => problemLedgerRow(p, eventsByProblem.get(p.id) ?? [], byId.get(p.projectId), today))
    .sort((a, b) =>
      a.projectCode !== b.projectCode ? (a.projectCode < b.projectCode ? -1 : 1) : a.raisedOn < b.raisedOn ? -1 : a.raisedOn > b.raisedOn ? 1 : 0,
    );

  return { timeZone, projects, visits, closeOffs, problems, investment: investmentRows(listInvestmentEntries(db), byId) };
}

/** One row per project and month: the month's figure is its latest entry; cumulative within the plan year. */
/**
 * One problem's ledger row, the same for the officer's packet and the bureau's district ledger: its state is
 * derived from every event held, its history listed in merged order (time, then id).
 */
export function problemLedgerRow(
  p: Problem,
  events: readonly ProblemEvent[],
  project: { code: string; name: string } | undefined,
  today: string,
): LedgerProblemRow {
  const history = [...events].sort(compareProblemEvents);
  const state = deriveProblemState(p.responsibleDepartment, history);
  return {
    id: p.id,
    projectCode: project?.code ?? '',
    projectName: project?.name ?? '',
    category: p.category,
    description: p.description,
    origin: p.origin,
    raisedOn: p.raisedOn,
    raisedBy: p.raisedBy,
    responsibleDepartment: state.responsibleDepartment,
    coordinatingLeader: p.coordinatingLeader,
    dueOn: p.dueOn,
    status: state.status,
    overdue: isOverdue(p.dueOn, state.status !== 'resolved' && isProblemOpen(state.status), today),
    resolution: state.resolution,
    resolvedAt: state.resolvedAt,
    closedAt: state.closedAt,
    history: history.map((h) => ({ at: h.at, action: h.action, by: h.by, origin: h.origin, note: h.note, department: h.department, resolution: h.resolution })),
  };
}

export function investmentRows(
  entries: readonly InvestmentEntry[],
  projects: Map<string, { code: string; name: string; planYear: number; annualPlannedInvestment: number; bureauCompleted?: BureauCompleted | null }>,
): LedgerInvestmentRow[] {
  const groups = new Map<string, InvestmentEntry[]>();
  for (const e of entries) {
    const key = `${e.projectId}|${e.month}`;
    const list = groups.get(key);
    if (list) list.push(e);
    else groups.set(key, [e]);
  }
  const rows: (LedgerInvestmentRow & { projectId: string })[] = [];
  for (const list of groups.values()) {
    const latest = list.reduce((a, b) => (b.recordedAt > a.recordedAt || (b.recordedAt === a.recordedAt && b.id > a.id) ? b : a));
    const project = projects.get(latest.projectId);
    rows.push({
      projectId: latest.projectId,
      projectCode: project?.code ?? '',
      projectName: project?.name ?? '',
      month: latest.month,
      amount: latest.amount,
      cumulative: 0,
      annualPlannedInvestment: project?.annualPlannedInvestment ?? 0,
      recordedAt: latest.recordedAt,
      recordedBy: latest.recordedBy,
      corrections: list.length - 1,
    });
  }
  rows.sort((a, b) => (a.projectCode !== b.projectCode ? (a.projectCode < b.projectCode ? -1 : 1) : a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  const byProject = new Map<string, InvestmentEntry[]>();
  for (const e of entries) {
    const list = byProject.get(e.projectId);
    if (list) list.push(e);
    else byProject.set(e.projectId, [e]);
  }
  for (const r of rows) {
    const project = projects.get(r.projectId);
    const year = project?.planYear ?? Number(r.month.slice(0, 4));
    // The cumulative of the progress figures (shared/rules/bureau-figure.ts): with the bureau's figure until the
    // officer's own figures take over, so this sheet and the projects sheet say the same.
    r.cumulative = r.month.startsWith(`${year}-`)
      ? completedWithBureauFigure(byProject.get(r.projectId) ?? [], year, r.month, project?.bureauCompleted).completed
      : 0;
  }
  return rows.map(({ projectId: _p, ...rest }) => rest);
}
