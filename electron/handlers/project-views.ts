import type { ChecklistEvent, InvestmentEntry, Problem, ProblemEvent, Project } from '@shared/domain/index.js';
import type { ChecklistItemView, ProblemView, ProjectSummary } from '@shared/operations/index.js';
import { daysBetween, deriveChecklistState, groupBy, isTaskOverdue, lastReportedMonth, localDay, problemView, projectProgress } from '@shared/rules/index.js';
import type { SqliteDatabase } from '../store/database.js';
import { listChecklistEvents, listChecklistItems } from '../store/repositories/checklist.js';
import { ownFigures, projectListRows } from '../store/read-models/project-list.js';
import { projectFromRow } from '../store/repositories/projects.js';
import { projectSearchKey } from './search-key-memo.js';
import { storeTimeZone } from '../store/time-zone.js';

/** "Today" on the district's calendar (the store's time zone), and the month progress is measured through. */
export function reportingDay(now: Date, zone: string): { today: string; asOfMonth: string } {
  const today = localDay(now, zone);
  return { today, asOfMonth: lastReportedMonth(today) };
}

/** The officer's problem views (shared/rules/problem-view.ts, the bureau's too), with the project's name. */
export function problemViews(problems: readonly Problem[], events: readonly ProblemEvent[], projectNames: Map<string, string>, today: string): ProblemView[] {
  const eventsByProblem = groupBy(events, (e) => e.problemId);
  return problems.map((p) => ({ ...problemView(p, eventsByProblem.get(p.id) ?? [], today), projectName: projectNames.get(p.projectId) ?? '' }));
}

export function checklistViews(db: SqliteDatabase, projectId: string, today: string): ChecklistItemView[] {
  const eventsByItem = groupBy(listChecklistEvents(db, projectId), (e: ChecklistEvent) => e.itemId);
  return listChecklistItems(db, projectId).map((item) => {
    const events = eventsByItem.get(item.id) ?? [];
    const state = deriveChecklistState(events);
    return { ...item, events, ...state, overdue: isTaskOverdue(item, state, today) };
  });
}

export function summarize(
  project: Project,
  ctx: { entries: readonly InvestmentEntry[]; openProblems: number; overdueItems: number; lastVisitOn: string | null; today: string; asOfMonth: string },
): ProjectSummary {
  return {
    ...project,
    // The bureau's figure stands in until the officer's own monthly figures take over (shared/rules/bureau-figure.ts).
    progress: projectProgress(project, ctx.entries, ctx.asOfMonth),
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
