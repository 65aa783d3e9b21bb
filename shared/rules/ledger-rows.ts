import type { ChecklistEvent, ChecklistItem } from '../domain/checklist.js';
import type { InvestmentEntry } from '../domain/investment.js';
import type { Problem, ProblemEvent, ProblemStatus } from '../domain/problem.js';
import type { Project } from '../domain/project.js';
import type { Visit } from '../domain/visit.js';
import { completedWithBureauFigure, type projectProgress } from './bureau-figure.js';
import { compareProblemEvents, latestEntry } from './event-order.js';
import { groupBy } from './group-by.js';
import { deriveProblemState, isProblemOverdue } from './problem-state.js';

/**
 * The rows of the ledger (台账), the same on both desks: the officer's packet (electron/sync/ledger-rows.ts)
 * and the bureau's district ledger (electron/bureau/ledger.ts) build them here from the records they hold,
 * and electron/sync/ledger-workbook.ts writes them.
 */

/** The project a row belongs to, by code and name (empty when the project is not held). */
interface OfProject {
  projectCode: string;
  projectName: string;
}

/** A project's row (项目进度): the master list's facts, its progress and the counts its officer works from. */
export interface LedgerProjectRow extends Omit<Project, 'officerId' | 'archivedAt' | 'bureauCompleted'> {
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

/** A visit's row (走访记录). */
export interface LedgerVisitRow extends Omit<Visit, 'projectId'>, OfProject {
  photoCount: number;
}

/** A close-off's or reopening's row (销号记录), with its task. */
export interface LedgerCloseOffRow extends Omit<ChecklistEvent, 'attachmentId'>, OfProject, Pick<ChecklistItem, 'stage' | 'dueOn'> {
  itemTitle: string;
}

export type LedgerProblemHistoryEntry = Pick<ProblemEvent, 'at' | 'action' | 'by' | 'origin' | 'note' | 'department' | 'resolution'>;

/** A problem's row (问题台账); `responsibleDepartment` is the current one. */
export interface LedgerProblemRow extends Omit<Problem, 'projectId' | 'recordedAt'>, OfProject {
  status: ProblemStatus;
  overdue: boolean;
  resolution: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  history: readonly LedgerProblemHistoryEntry[];
}

/** A month's row (月度投资): `amount` is the month's figure, its latest entry; `corrections` the earlier ones. */
export interface LedgerInvestmentRow extends Pick<InvestmentEntry, 'month' | 'amount' | 'recordedAt' | 'recordedBy'>, OfProject {
  /** Completed in the month's year through this month. */
  cumulative: number;
  annualPlannedInvestment: number;
  corrections: number;
}

type ProjectNames = Pick<Project, 'code' | 'name'>;
const ofProject = (project: ProjectNames | undefined): OfProject => ({ projectCode: project?.code ?? '', projectName: project?.name ?? '' });

export function projectLedgerRow(
  p: Project,
  progress: Pick<ReturnType<typeof projectProgress>, 'completed' | 'completionPct' | 'timeProportionalPct' | 'aheadPoints' | 'asOfMonth'>,
  counts: { openProblems: number; overdueItems: number; lastVisitOn: string | null },
  officerName: string,
): LedgerProjectRow {
  const { officerId: _o, archivedAt, bureauCompleted: _b, ...facts } = p;
  return {
    ...facts,
    officerName,
    completedInvestment: progress.completed,
    completionPct: progress.completionPct,
    timeProportionalPct: progress.timeProportionalPct,
    aheadPoints: progress.aheadPoints,
    asOfMonth: progress.asOfMonth,
    openProblems: counts.openProblems,
    overdueItems: counts.overdueItems,
    lastVisitOn: counts.lastVisitOn,
    archived: archivedAt !== null,
  };
}

export function visitLedgerRow({ projectId: _p, ...visit }: Visit, project: ProjectNames | undefined, photoCount: number): LedgerVisitRow {
  return { ...visit, ...ofProject(project), photoCount };
}

/** A problem's row: its state derived from every event held, its history listed in the merged order. */
export function problemLedgerRow(p: Problem, events: readonly ProblemEvent[], project: ProjectNames | undefined, today: string): LedgerProblemRow {
  const { projectId: _p, recordedAt: _r, ...problem } = p;
  const history = [...events].sort(compareProblemEvents);
  const state = deriveProblemState(p.responsibleDepartment, history);
  return {
    ...problem,
    ...ofProject(project),
    responsibleDepartment: state.responsibleDepartment,
    status: state.status,
    overdue: isProblemOverdue(p.dueOn, state.status, today),
    resolution: state.resolution,
    resolvedAt: state.resolvedAt,
    closedAt: state.closedAt,
    history: history.map(({ at, action, by, origin, note, department, resolution }) => ({ at, action, by, origin, note, department, resolution })),
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
