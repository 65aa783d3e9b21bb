import type { ProblemStatus } from '@shared/domain/index.js';
import type {
  DueChecklistItem,
  DueProblem,
  WeekChecklistEvent,
  WeekInvestmentEntry,
  WeekMilestoneReport,
  WeekOverview,
  WeekProblemRaised,
  WeekProblemStep,
  WeekVisit,
} from '@shared/operations/week.js';
import {
  addDays,
  belongsToWeek,
  dayInWeek,
  daysOverdue,
  groupBy,
  isOverdue,
  localDay,
  localDayStart,
  reportingWeek,
  replayProblemEvents,
  type ReportingWeek,
} from '@shared/rules/index.js';
import type { SqliteDatabase } from '../store/database.js';
import { refreshProblemStatus } from '../store/read-models/problem-status.js';
import { WEEK_SQL } from '../store/read-models/week.js';
import { listProblemEvents } from '../store/repositories/problems.js';
import type { HandlerGroup } from './registry.js';
import { storeTimeZone } from '../store/time-zone.js';

interface WeekWindow extends ReportingWeek {
  /** The store's time zone: a stored moment (UTC ISO) belongs to the day it falls on there. */
  zone: string;
  /** A generous UTC range around the week for SQL; rows are then checked exactly by local day. */
  lo: string;
  hi: string;
}

/** In the week by the day it happened or by the day it was entered (shared/rules/reporting-week.ts). */
const belongs = (w: WeekWindow, on: string, recordedAt: string) => belongsToWeek(w, on, recordedAt, w.zone);

/** The week's bounds as the named parameters of WEEK_SQL. */
const params = (w: WeekWindow) => ({ from: w.from, to: w.to, lo: w.lo, hi: w.hi });

const byDayThenEntry = <T extends { on: string; recordedAt?: string; at?: string; id: string }>(a: T, b: T): number => {
  const [x, y] = [a.recordedAt ?? a.at ?? '', b.recordedAt ?? b.at ?? ''];
  return a.on !== b.on ? (a.on < b.on ? -1 : 1) : x !== y ? (x < y ? -1 : 1) : a.id < b.id ? -1 : 1;
};

/** The rows of a WEEK_SQL list that belong to the week by the day they happened or were entered. */
function enteredIn<T extends { on: string; recordedAt: string }>(db: SqliteDatabase, w: WeekWindow, sql: string): T[] {
  return (db.prepare(sql).all(params(w)) as T[]).filter((r) => belongs(w, r.on, r.recordedAt));
}

/** Status of each problem now, and after each of its events, from the merged history (shared/rules/problem-state.ts). */
function problemStatuses(db: SqliteDatabase, problemIds: readonly string[]) {
  const byProblem = groupBy(listProblemEvents(db, problemIds), (e) => e.problemId);
  const now = new Map<string, ProblemStatus>();
  const after = new Map<string, ProblemStatus>();
  for (const id of problemIds) {
    let status: ProblemStatus = 'raised';
    for (const { event, met, left } of replayProblemEvents(byProblem.get(id) ?? [])) after.set(event.id, (status = left ?? met));
    now.set(id, status);
  }
  return { now, after };
}

type StepRow = Omit<WeekProblemStep, 'on' | 'statusAfter'> & { responsibleDepartment: string; recordedAt: string };

function problemsOf(db: SqliteDatabase, w: WeekWindow): { raised: WeekProblemRaised[]; steps: WeekProblemStep[] } {
  const raised = enteredIn<Omit<WeekProblemRaised, 'status'>>(db, w, WEEK_SQL.problemsRaised);

  const stepRows = db.prepare(WEEK_SQL.problemSteps).all(params(w)) as StepRow[];
  // A step belongs by the day it happened (`at`) or the day it was entered (`recordedAt`, NULL before version 6).
  const steps = stepRows.filter((r) => belongs(w, localDay(r.at, w.zone), r.recordedAt));

  const statuses = problemStatuses(db, [...new Set([...raised.map((r) => r.id), ...steps.map((s) => s.problemId)])]);

  return {
    raised: raised.map((r) => ({ ...r, status: statuses.now.get(r.id) ?? 'raised' })).sort(byDayThenEntry),
    steps: steps
      .map(({ responsibleDepartment: _, recordedAt: __, ...s }) => ({ ...s, on: localDay(s.at, w.zone), statusAfter: statuses.after.get(s.id) ?? 'raised' }))
      .sort(byDayThenEntry),
  };
}

function investmentOf(db: SqliteDatabase, w: WeekWindow): WeekInvestmentEntry[] {
  const rows = db.prepare(WEEK_SQL.investment).all(params(w)) as Omit<WeekInvestmentEntry, 'on'>[];
  return rows
    .map((r) => ({ ...r, on: localDay(r.recordedAt, w.zone) }))
    .filter((r) => dayInWeek(w, r.on))
    .sort(byDayThenEntry);
}

const withOverdue = <T extends { dueOn: string }>(r: T, asOf: string) => ({
  ...r,
  overdue: isOverdue(r.dueOn, true, asOf),
  daysOverdue: daysOverdue(r.dueOn, true, asOf),
});
const overdueFirst = <T extends { overdue: boolean; dueOn: string; projectCode: string }>(a: T, b: T): number =>
  a.overdue !== b.overdue ? (a.overdue ? -1 : 1) : a.dueOn !== b.dueOn ? (a.dueOn < b.dueOn ? -1 : 1) : a.projectCode.localeCompare(b.projectCode);

/** Open checklist items of current projects due by `until`; open = the latest event (by entry) is not a close-off. */
function dueChecklist(db: SqliteDatabase, until: string, asOf: string): DueChecklistItem[] {
  const rows = db.prepare(WEEK_SQL.dueChecklist).all({ until }) as Omit<DueChecklistItem, 'overdue' | 'daysOverdue'>[];
  return rows.map((r) => withOverdue(r, asOf)).sort(overdueFirst);
}

/**
 * Problems of current projects with a due day by `until` that still wait for someone to act (not resolved or
 * closed): selected by the problem_status read model, so only the waiting ones are read, whatever the history.
 */
function dueProblems(db: SqliteDatabase, until: string, asOf: string): DueProblem[] {
  refreshProblemStatus(db);
  const rows = db.prepare(WEEK_SQL.dueProblems).all({ until }) as (Omit<DueProblem, 'overdue' | 'daysOverdue'> & { responsibleDepartment: string })[];
  return rows
    .map(({ responsibleDepartment, ...r }) => withOverdue({ ...r, currentDepartment: r.currentDepartment || responsibleDepartment }, asOf))
    .sort(overdueFirst);
}

/** The week's overview, computed from the store. Reusable by the weekly packet's summary. */
export function weekOverview(db: SqliteDatabase, now: Date, weekOf?: string): WeekOverview {
  const zone = storeTimeZone(db);
  const today = localDay(now, zone);
  const week = reportingWeek(now, zone, weekOf);
  const { from: start, to: end } = week;
  const w: WeekWindow = { ...week, zone, lo: localDayStart(addDays(start, -1), zone), hi: localDayStart(addDays(start, 8), zone) };
  const asOf = today < start ? start : today > end ? end : today;
  const nextWeekStart = addDays(start, 7);
  const nextWeekEnd = addDays(start, 13);

  const visits = enteredIn<WeekVisit>(db, w, WEEK_SQL.visits).sort(byDayThenEntry);
  const checklist = enteredIn<WeekChecklistEvent>(db, w, WEEK_SQL.checklist).sort(byDayThenEntry);
  const { raised, steps } = problemsOf(db, w);
  const investment = investmentOf(db, w);
  const milestones = enteredIn<WeekMilestoneReport>(db, w, WEEK_SQL.milestones).sort(byDayThenEntry);
  const dueItems = dueChecklist(db, nextWeekEnd, asOf);
  const dueProbs = dueProblems(db, nextWeekEnd, asOf);

  return {
    weekStart: start,
    weekEnd: end,
    today,
    asOf,
    nextWeekStart,
    nextWeekEnd,
    done: { visits, checklist, problemsRaised: raised, problemSteps: steps, investment, milestones },
    counts: {
      visits: visits.length,
      closeOffs: checklist.filter((c) => c.action === 'close_off').length,
      reopenings: checklist.filter((c) => c.action === 'reopen').length,
      problemsRaised: raised.length,
      problemSteps: steps.length,
      investment: investment.length,
      milestones: milestones.length,
      dueChecklist: dueItems.length,
      dueProblems: dueProbs.length,
      overdue: dueItems.filter((d) => d.overdue).length + dueProbs.filter((d) => d.overdue).length,
    },
    due: { checklist: dueItems, problems: dueProbs },
  };
}

export const weekHandlers: HandlerGroup<'week.overview'> = { 'week.overview': ({ weekOf }, ctx) => weekOverview(ctx.db, ctx.now(), weekOf) };
