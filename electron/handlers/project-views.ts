import type { ChecklistEvent, InvestmentEntry, Problem, ProblemEvent, Project } from '@shared/domain/index.js';
import type { ChecklistItemView, ProblemView, ProjectSummary } from '@shared/operations/index.js';
import type { ProjectListItem } from '@shared/operations/projects.js';
import type { BureauLights } from '@shared/operations/bureau.js';
import {
  DEFAULT_TRAFFIC_LIGHT_THRESHOLDS,
  daysBetween,
  deriveChecklistState,
  elapsedMonths,
  groupBy,
  isTaskOverdue,
  lastReportedMonth,
  localDay,
  problemView,
  projectLights,
  projectProgress,
  type TrafficLightFacts,
  type TrafficLightThresholds,
} from '@shared/rules/index.js';
import { compactLights } from '../bureau/lights.js';
import type { SqliteDatabase } from '../store/database.js';
import { listChecklistEvents, listChecklistItems } from '../store/repositories/checklist.js';
import { listedLightRecords, ownFigures, projectListRows } from '../store/read-models/project-list.js';
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
 * The thresholds the officer's desk lights projects by. One place: the defaults (银川 2025) until the
 * assignment carries the bureau's own; that step changes only where this reads them from.
 */
export function officerLightThresholds(): TrafficLightThresholds {
  return DEFAULT_TRAFFIC_LIGHT_THRESHOLDS;
}

/**
 * A project's traffic lights (红黄绿灯) by the rule the bureau uses too (shared/rules/traffic-lights.ts), from
 * its summary's progress figures and stage, its milestones in force with the day each was reached and its
 * problems with their state; compact, as the bureau's rows carry them (electron/bureau/lights.ts compactLights).
 */
export function summaryLights(summary: ProjectSummary, records: Pick<TrafficLightFacts, 'today' | 'milestones' | 'problems'>): BureauLights {
  const { completed, planned, asOfMonth } = summary.progress;
  const facts = { ...records, stage: summary.stage, completed, planned, elapsedMonths: elapsedMonths(summary.planYear, asOfMonth) };
  return compactLights(projectLights(facts, officerLightThresholds()));
}

/**
 * All project rows of the home screen from the project-list read model: one statement for the rows, their
 * counts and their investment totals; the progress rules then run per project on those totals. The lights'
 * milestones and problems are one statement each for all the rows, grouped by project.
 */
export function listProjectSummaries(db: SqliteDatabase, now: Date, includeArchived: boolean): ProjectListItem[] {
  const { today, asOfMonth } = reportingDay(now, storeTimeZone(db));
  const rows = projectListRows(db, today, asOfMonth, includeArchived);
  const records = listedLightRecords(db, today);
  const milestones = groupBy(records.milestones, (m) => m.projectId);
  const problems = groupBy(records.problems, (p) => p.projectId);
  return rows.map((row) => {
    const { openProblems, lastVisitOn, overdueItems, ownCompleted: _sum, firstOwnMonth: _first, ...projectRow } = row;
    const summary = summarize(projectFromRow(projectRow), { entries: ownFigures(row), openProblems, overdueItems, lastVisitOn, today, asOfMonth });
    return { ...summary, lights: summaryLights(summary, { today, milestones: milestones.get(row.id) ?? [], problems: problems.get(row.id) ?? [] }) };
  });
}
