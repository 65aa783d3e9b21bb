import type { ChecklistEvent } from '../domain/checklist.js';
import type { InvestmentEntry } from '../domain/investment.js';
import type { Origin } from '../domain/common.js';
import type { Problem, ProblemAction, ProblemCategory, ProblemEvent, ProblemStatus } from '../domain/problem.js';
import type { LifeCycleStage, Project } from '../domain/project.js';
import type { Visit, VisitKind } from '../domain/visit.js';
import { completedWithBureauFigure, type projectProgress } from './bureau-figure.js';
import { compareProblemEvents, latestEntry } from './event-order.js';
import { groupBy } from './group-by.js';
import { deriveProblemState, isProblemOverdue } from './problem-state.js';

/**
 * The rows of the ledger (台账), the same on both desks: the officer's packet (electron/sync/ledger-rows.ts)
 * and the bureau's district ledger (electron/bureau/ledger.ts) build them here from the records they hold,
 * and electron/sync/ledger-workbook.ts writes them.
 */

/** A project's row: the master list's facts, its progress and the counts its officer works from. */
export interface LedgerProjectRow extends Pick<
  Project,
  | 'id'
  | 'code'
  | 'name'
  | 'company'
  | 'level'
  | 'industry'
  | 'stage'
  | 'sponsoringLeader'
  | 'sponsoringUnit'
  | 'planYear'
  | 'annualPlannedInvestment'
  | 'totalInvestment'
  | 'location'
> {
  officerName: string;
  completedInvestment: number;
  completionPct: number | null;
  timeProportionalPct: number;
  aheadPoints: number | null;
  asOfMonth: string;
  openProblems: number;
  overdueItems: number;
  lastVisitOn: string | null;
  archived: boolean;
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
  /** Completed in the month's year through this month. */
  cumulative: number;
  annualPlannedInvestment: number;
  recordedAt: string;
  recordedBy: string;
  /** Earlier entries for the month (corrections). */
  corrections: number;
}

type ProjectNames = Pick<Project, 'code' | 'name'>;

/** The project a row belongs to, by code and name (empty when the project is not held). */
const ofProject = (project: ProjectNames | undefined) => ({ projectCode: project?.code ?? '', projectName: project?.name ?? '' });

export function projectLedgerRow(
  p: Project,
  progress: Pick<ReturnType<typeof projectProgress>, 'completed' | 'completionPct' | 'timeProportionalPct' | 'aheadPoints' | 'asOfMonth'>,
  counts: { openProblems: number; overdueItems: number; lastVisitOn: string | null },
  officerName: string,
): LedgerProjectRow {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    company: p.company,
    level: p.level,
    industry: p.industry,
    stage: p.stage,
    sponsoringLeader: p.sponsoringLeader,
    sponsoringUnit: p.sponsoringUnit,
    officerName,
    planYear: p.planYear,
    annualPlannedInvestment: p.annualPlannedInvestment,
    totalInvestment: p.totalInvestment,
    completedInvestment: progress.completed,
    completionPct: progress.completionPct,
    timeProportionalPct: progress.timeProportionalPct,
    aheadPoints: progress.aheadPoints,
    asOfMonth: progress.asOfMonth,
    openProblems: counts.openProblems,
    overdueItems: counts.overdueItems,
    lastVisitOn: counts.lastVisitOn,
    archived: p.archivedAt !== null,
    location: p.location,
  };
}

export function visitLedgerRow(v: Visit, project: ProjectNames | undefined, photoCount: number): LedgerVisitRow {
  return {
    id: v.id,
    ...ofProject(project),
    visitedOn: v.visitedOn,
    kind: v.kind,
    participants: v.participants,
    summary: v.summary,
    findings: v.findings,
    followUps: v.followUps,
    photoCount,
    recordedBy: v.recordedBy,
    recordedAt: v.recordedAt,
  };
}

/** A problem's row: its state derived from every event held, its history listed in the merged order. */
export function problemLedgerRow(p: Problem, events: readonly ProblemEvent[], project: ProjectNames | undefined, today: string): LedgerProblemRow {
  const history = [...events].sort(compareProblemEvents);
  const state = deriveProblemState(p.responsibleDepartment, history);
  return {
    id: p.id,
    ...ofProject(project),
    category: p.category,
    description: p.description,
    origin: p.origin,
    raisedOn: p.raisedOn,
    raisedBy: p.raisedBy,
    responsibleDepartment: state.responsibleDepartment,
    coordinatingLeader: p.coordinatingLeader,
    dueOn: p.dueOn,
    status: state.status,
    overdue: isProblemOverdue(p.dueOn, state.status, today),
    resolution: state.resolution,
    resolvedAt: state.resolvedAt,
    closedAt: state.closedAt,
    history: history.map((h) => ({ at: h.at, action: h.action, by: h.by, origin: h.origin, note: h.note, department: h.department, resolution: h.resolution })),
  };
}

/**
 * One row per project and month, by project code then month: the month's figure is its latest entry, the
 * cumulative the progress figures' (shared/rules/bureau-figure.ts: with the bureau's figure until the
 * officer's own figures take over), so this sheet and the projects sheet say the same. Entries of a project
 * not held are left out.
 */
export function investmentLedgerRows(
  entries: readonly InvestmentEntry[],
  projects: ReadonlyMap<string, ProjectNames & Pick<Project, 'annualPlannedInvestment' | 'bureauCompleted'>>,
): LedgerInvestmentRow[] {
  const rows: LedgerInvestmentRow[] = [];
  for (const [projectId, own] of groupBy(entries, (e) => e.projectId)) {
    const project = projects.get(projectId);
    if (!project) continue;
    for (const [month, corrections] of groupBy(own, (e) => e.month)) {
      const latest = latestEntry(corrections)!;
      rows.push({
        projectCode: project.code,
        projectName: project.name,
        month,
        amount: latest.amount,
        cumulative: completedWithBureauFigure(own, Number(month.slice(0, 4)), month, project.bureauCompleted).completed,
        annualPlannedInvestment: project.annualPlannedInvestment,
        recordedAt: latest.recordedAt,
        recordedBy: latest.recordedBy,
        corrections: corrections.length - 1,
      });
    }
  }
  return rows.sort((a, b) => (a.projectCode !== b.projectCode ? (a.projectCode < b.projectCode ? -1 : 1) : a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
}
