import type { ChecklistEvent, InvestmentEntry, Problem, ProblemEvent, Project } from '@shared/domain/index.js';
import type { ChecklistItemView, ProblemView, ProjectSummary } from '@shared/operations/index.js';
import {
  completedWithBureauFigure,
  daysBetween,
  deriveChecklistState,
  deriveProblemState,
  elapsedMonths,
  isOverdue,
  isProblemOpen,
  lastReportedMonth,
  localDay,
  progressFigures,
} from '@shared/rules/index.js';
import type { SqliteDatabase } from '../store/database.js';
import { listChecklistEvents, listChecklistItems } from '../store/repositories/checklist.js';
import { ownFigures, projectListRows } from '../store/read-models/project-list.js';
import { getProject, projectFromRow } from '../store/repositories/projects.js';
import { projectSearchKey } from './search-key-memo.js';
import { storeTimeZone } from './time-zone.js';

export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** "Today" on the district's calendar (the store's time zone), and the month progress is measured through. */
export function reportingDay(now: Date, zone: string): { today: string; asOfMonth: string } {
  const today = localDay(now, zone);
  return { today, asOfMonth: lastReportedMonth(today) };
}

export function progressOf(project: Project, entries: readonly InvestmentEntry[], asOfMonth: string) {
  // The bureau's figure stands in until the officer's own monthly figures take over (shared/rules/bureau-figure.ts).
  const { completed, bureauThroughMonth } = completedWithBureauFigure(entries, project.planYear, asOfMonth, project.bureauCompleted);
  const months = elapsedMonths(project.planYear, asOfMonth);
  return { asOfMonth, ...progressFigures(completed, project.annualPlannedInvestment, months), bureauThroughMonth };
}

export function problemViews(problems: readonly Problem[], events: readonly ProblemEvent[], projectNames: Map<string, string>, today: string): ProblemView[] {
  const eventsByProblem = groupBy(events, (e) => e.problemId);
  return problems.map((p) => {
    const own = eventsByProblem.get(p.id) ?? [];
    const state = deriveProblemState(p.responsibleDepartment, own);
    return {
      ...p,
      events: own,
      status: state.status,
      currentDepartment: state.responsibleDepartment,
      resolution: state.resolution,
      overdue: isOverdue(p.dueOn, state.status !== 'resolved' && isProblemOpen(state.status), today),
      skippedEventIds: state.skippedEventIds,
      projectName: projectNames.get(p.projectId) ?? '',
    };
  });
}

export function checklistViews(db: SqliteDatabase, projectId: string, today: string): ChecklistItemView[] {
  const eventsByItem = groupBy(listChecklistEvents(db, projectId), (e: ChecklistEvent) => e.itemId);
  return listChecklistItems(db, projectId).map((item) => {
    const events = eventsByItem.get(item.id) ?? [];
    const state = deriveChecklistState(events);
    return { ...item, events, ...state, overdue: item.withdrawnAt === null && isOverdue(item.dueOn, !state.closedOff, today) };
  });
}

export function summarize(
  project: Project,
  ctx: { entries: readonly InvestmentEntry[]; openProblems: number; overdueItems: number; lastVisitOn: string | null; today: string; asOfMonth: string },
): ProjectSummary {
  return {
    ...project,
    progress: progressOf(project, ctx.entries, ctx.asOfMonth),
    openProblems: ctx.openProblems,
    overdueItems: ctx.overdueItems,
    lastVisitOn: ctx.lastVisitOn,
    daysSinceLastVisit: ctx.lastVisitOn ? daysBetween(ctx.lastVisitOn, ctx.today) : null,
    searchKey: projectSearchKey(project.name, project.company, project.code),
  };
}

/**
 * All project rows of the home screen from the project-list read model: one statement for the rows, their
 * counts and their investment totals; the progress rules then run per project on those totals.
 */
export function listProjectSummaries(db: SqliteDatabase, now: Date, includeArchived: boolean): ProjectSummary[] {
  const { today, asOfMonth } = reportingDay(now, storeTimeZone(db));
  return projectListRows(db, today, asOfMonth, includeArchived).map((row) => {
    const { openProblems, lastVisitOn, overdueItems, ownCompleted: _sum, firstOwnMonth: _first, ...projectRow } = row;
    return summarize(projectFromRow(projectRow), { entries: ownFigures(row), openProblems, overdueItems, lastVisitOn, today, asOfMonth });
  });
}

export { getProject };
