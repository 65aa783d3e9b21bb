import type { ProblemEvent, ProblemStatus } from '../../shared/domain/index.js';
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
} from '../../shared/operations/week.js';
import {
  addDays,
  belongsToWeek,
  compareProblemEvents,
  dayInWeek,
  daysOverdue,
  deriveProblemState,
  isOverdue,
  isProblemOpen,
  localDay,
  localDayStart,
  nextProblemStatus,
  reportingWeek,
} from '../../shared/rules/index.js';
import type { SqliteDatabase } from '../store/database.js';
import { listProblemEvents } from '../store/repositories/problems.js';
import type { HandlerGroup } from './registry.js';
import { storeTimeZone } from './time-zone.js';

interface WeekWindow {
  start: string;
  end: string;
  /** The store's time zone: a stored moment (UTC ISO) belongs to the day it falls on there. */
  zone: string;
  /** A generous UTC range around the week for SQL; rows are then checked exactly by local day. */
  lo: string;
  hi: string;
}

function within(w: WeekWindow, day: string): boolean {
  return dayInWeek({ from: w.start, to: w.end }, day);
}

/** In the week by the day it happened or by the day it was entered (shared/rules/reporting-week.ts). */
function belongs(w: WeekWindow, on: string, recordedAt: string): boolean {
  return belongsToWeek({ from: w.start, to: w.end }, on, recordedAt, w.zone);
}

const PROJECT_REF = 'p.id AS projectId, p.code AS projectCode, p.name AS projectName';
const byDayThenEntry = <T extends { on: string; recordedAt?: string; at?: string; id: string }>(a: T, b: T): number =>
  a.on !== b.on ? (a.on < b.on ? -1 : 1) : (a.recordedAt ?? a.at ?? '') < (b.recordedAt ?? b.at ?? '') ? -1 : (a.recordedAt ?? a.at ?? '') > (b.recordedAt ?? b.at ?? '') ? 1 : a.id < b.id ? -1 : 1;

function visitsOf(db: SqliteDatabase, w: WeekWindow): WeekVisit[] {
  const rows = db
    .prepare(
      `SELECT ${PROJECT_REF}, v.id, v.visited_on AS "on", v.kind, v.participants, v.summary, v.findings, v.follow_ups AS followUps,
         v.recorded_at AS recordedAt, v.recorded_by AS recordedBy
       FROM visits v JOIN projects p ON p.id = v.project_id
       WHERE v.visited_on BETWEEN ? AND ? OR (v.recorded_at >= ? AND v.recorded_at < ?)`,
    )
    .all(w.start, w.end, w.lo, w.hi) as WeekVisit[];
  return rows.filter((r) => belongs(w, r.on, r.recordedAt)).sort(byDayThenEntry);
}

function checklistOf(db: SqliteDatabase, w: WeekWindow): WeekChecklistEvent[] {
  const rows = db
    .prepare(
      `SELECT ${PROJECT_REF}, e.id, e.item_id AS itemId, i.title AS itemTitle, i.stage, e.action, e.effective_on AS "on", e.note,
         e.recorded_at AS recordedAt, e.recorded_by AS recordedBy
       FROM checklist_events e JOIN checklist_items i ON i.id = e.item_id JOIN projects p ON p.id = i.project_id
       WHERE e.effective_on BETWEEN ? AND ? OR (e.recorded_at >= ? AND e.recorded_at < ?)`,
    )
    .all(w.start, w.end, w.lo, w.hi) as WeekChecklistEvent[];
  return rows.filter((r) => belongs(w, r.on, r.recordedAt)).sort(byDayThenEntry);
}

/** Status of each problem now, and after each of its events, from the merged history. */
function problemStatuses(db: SqliteDatabase, problems: readonly { id: string; responsibleDepartment: string }[]) {
  const events = listProblemEvents(db, problems.map((p) => p.id));
  const byProblem = new Map<string, ProblemEvent[]>();
  for (const e of events) {
    const list = byProblem.get(e.problemId);
    if (list) list.push(e);
    else byProblem.set(e.problemId, [e]);
  }
  const now = new Map<string, ReturnType<typeof deriveProblemState>>();
  const after = new Map<string, ProblemStatus>();
  for (const p of problems) {
    const own = byProblem.get(p.id) ?? [];
    now.set(p.id, deriveProblemState(p.responsibleDepartment, own));
    let status: ProblemStatus = 'raised';
    for (const e of [...own].sort(compareProblemEvents)) {
      status = nextProblemStatus(status, e.action) ?? status;
      after.set(e.id, status);
    }
  }
  return { now, after };
}

function problemsOf(db: SqliteDatabase, w: WeekWindow): { raised: WeekProblemRaised[]; steps: WeekProblemStep[] } {
  const raisedRows = db
    .prepare(
      `SELECT ${PROJECT_REF}, q.id, q.category, q.description, q.responsible_department AS responsibleDepartment, q.due_on AS dueOn,
         q.raised_on AS "on", q.recorded_at AS recordedAt, q.raised_by AS recordedBy
       FROM problems q JOIN projects p ON p.id = q.project_id
       WHERE q.origin = 'officer' AND (q.raised_on BETWEEN ? AND ? OR (q.recorded_at >= ? AND q.recorded_at < ?))`,
    )
    .all(w.start, w.end, w.lo, w.hi) as Omit<WeekProblemRaised, 'status'>[];
  const raised = raisedRows.filter((r) => belongs(w, r.on, r.recordedAt));

  const stepRows = db
    .prepare(
      `SELECT ${PROJECT_REF}, e.id, e.problem_id AS problemId, q.category, q.description, q.responsible_department AS responsibleDepartment,
         e.action, e.at, coalesce(e.recorded_at, e.at) AS recordedAt, e.by, e.note, e.department, e.resolution
       FROM problem_events e JOIN problems q ON q.id = e.problem_id JOIN projects p ON p.id = q.project_id
       WHERE e.origin = 'officer' AND (e.at >= ? AND e.at < ? OR coalesce(e.recorded_at, e.at) >= ? AND coalesce(e.recorded_at, e.at) < ?)`,
    )
    .all(w.lo, w.hi, w.lo, w.hi) as (Omit<WeekProblemStep, 'on' | 'statusAfter'> & { responsibleDepartment: string; recordedAt: string })[];
  // A step belongs by the day it happened (`at`) or the day it was entered (`recordedAt`, NULL before version 6).
  const steps = stepRows.filter((r) => belongs(w, localDay(r.at, w.zone), r.recordedAt));

  const involved = new Map<string, { id: string; responsibleDepartment: string }>();
  for (const r of raised) involved.set(r.id, { id: r.id, responsibleDepartment: r.responsibleDepartment });
  for (const s of steps) involved.set(s.problemId, { id: s.problemId, responsibleDepartment: s.responsibleDepartment });
  const statuses = problemStatuses(db, [...involved.values()]);

  return {
    raised: raised.map((r) => ({ ...r, status: statuses.now.get(r.id)?.status ?? 'raised' })).sort(byDayThenEntry),
    steps: steps
      .map(({ responsibleDepartment: _, recordedAt: __, ...s }) => ({ ...s, on: localDay(s.at, w.zone), statusAfter: statuses.after.get(s.id) ?? 'raised' }))
      .sort(byDayThenEntry),
  };
}

function investmentOf(db: SqliteDatabase, w: WeekWindow): WeekInvestmentEntry[] {
  const rows = db
    .prepare(
      `SELECT ${PROJECT_REF}, e.id, e.month, e.amount, e.recorded_at AS recordedAt, e.recorded_by AS recordedBy,
         (SELECT x.amount FROM investment_entries x WHERE x.project_id = e.project_id AND x.month = e.month
            AND (x.recorded_at < e.recorded_at OR (x.recorded_at = e.recorded_at AND x.id < e.id))
          ORDER BY x.recorded_at DESC, x.id DESC LIMIT 1) AS previousAmount
       FROM investment_entries e JOIN projects p ON p.id = e.project_id
       WHERE e.recorded_at >= ? AND e.recorded_at < ?`,
    )
    .all(w.lo, w.hi) as Omit<WeekInvestmentEntry, 'on'>[];
  return rows
    .map((r) => ({ ...r, on: localDay(r.recordedAt, w.zone) }))
    .filter((r) => within(w, r.on))
    .sort(byDayThenEntry);
}

function milestonesOf(db: SqliteDatabase, w: WeekWindow): WeekMilestoneReport[] {
  const rows = db
    .prepare(
      `SELECT ${PROJECT_REF}, r.id, r.milestone_id AS milestoneId, m.title AS milestoneTitle, m.kind, m.planned_on AS plannedOn,
         r.reached_on AS "on", r.note, r.recorded_at AS recordedAt, r.recorded_by AS recordedBy
       FROM milestone_reports r JOIN milestones m ON m.id = r.milestone_id JOIN projects p ON p.id = m.project_id
       WHERE r.reached_on BETWEEN ? AND ? OR (r.recorded_at >= ? AND r.recorded_at < ?)`,
    )
    .all(w.start, w.end, w.lo, w.hi) as WeekMilestoneReport[];
  return rows.filter((r) => belongs(w, r.on, r.recordedAt)).sort(byDayThenEntry);
}

const overdueFirst = <T extends { overdue: boolean; dueOn: string; projectCode: string }>(a: T, b: T): number =>
  a.overdue !== b.overdue ? (a.overdue ? -1 : 1) : a.dueOn !== b.dueOn ? (a.dueOn < b.dueOn ? -1 : 1) : a.projectCode.localeCompare(b.projectCode);

/** Open checklist items of current projects due by `until`; open = the latest event (by entry) is not a close-off. */
function dueChecklist(db: SqliteDatabase, until: string, asOf: string): DueChecklistItem[] {
  const rows = db
    .prepare(
      `SELECT ${PROJECT_REF}, i.id AS itemId, i.title, i.stage, i.due_on AS dueOn
       FROM checklist_items i JOIN projects p ON p.id = i.project_id
       WHERE p.archived_at IS NULL AND i.withdrawn_at IS NULL AND i.due_on <= ?
         AND coalesce((SELECT e.action FROM checklist_events e WHERE e.item_id = i.id ORDER BY e.recorded_at DESC, e.id DESC LIMIT 1), 'reopen') = 'reopen'`,
    )
    .all(until) as Omit<DueChecklistItem, 'overdue' | 'daysOverdue'>[];
  return rows
    .map((r) => ({ ...r, overdue: isOverdue(r.dueOn, true, asOf), daysOverdue: daysOverdue(r.dueOn, true, asOf) }))
    .sort(overdueFirst);
}

/** Problems of current projects with a due day by `until` that still wait for someone to act (not resolved or closed). */
function dueProblems(db: SqliteDatabase, until: string, asOf: string): DueProblem[] {
  const rows = db
    .prepare(
      `SELECT ${PROJECT_REF}, q.id AS problemId, q.category, q.description, q.responsible_department AS responsibleDepartment, q.due_on AS dueOn
       FROM problems q JOIN projects p ON p.id = q.project_id
       WHERE p.archived_at IS NULL AND q.due_on IS NOT NULL AND q.due_on <= ?`,
    )
    .all(until) as (Omit<DueProblem, 'status' | 'currentDepartment' | 'overdue' | 'daysOverdue'> & { responsibleDepartment: string })[];
  const statuses = problemStatuses(db, rows.map((r) => ({ id: r.problemId, responsibleDepartment: r.responsibleDepartment })));
  const due: DueProblem[] = [];
  for (const { responsibleDepartment, ...r } of rows) {
    const state = statuses.now.get(r.problemId)!;
    const waiting = isProblemOpen(state.status) && state.status !== 'resolved';
    if (!waiting) continue;
    due.push({
      ...r,
      status: state.status,
      currentDepartment: state.responsibleDepartment || responsibleDepartment,
      overdue: isOverdue(r.dueOn, true, asOf),
      daysOverdue: daysOverdue(r.dueOn, true, asOf),
    });
  }
  return due.sort(overdueFirst);
}

/** The week's overview, computed from the store. Reusable by the weekly packet's summary. */
export function weekOverview(db: SqliteDatabase, now: Date, weekOf?: string): WeekOverview {
  const zone = storeTimeZone(db);
  const today = localDay(now, zone);
  const { from: start, to: end } = reportingWeek(now, zone, weekOf);
  const w: WeekWindow = { start, end, zone, lo: localDayStart(addDays(start, -1), zone), hi: localDayStart(addDays(start, 8), zone) };
  const asOf = today < start ? start : today > end ? end : today;
  const nextWeekStart = addDays(start, 7);
  const nextWeekEnd = addDays(start, 13);

  const visits = visitsOf(db, w);
  const checklist = checklistOf(db, w);
  const { raised, steps } = problemsOf(db, w);
  const investment = investmentOf(db, w);
  const milestones = milestonesOf(db, w);
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

export const weekHandlers: HandlerGroup<'week.overview'> = {
  'week.overview': ({ weekOf }, ctx) => weekOverview(ctx.db, ctx.now(), weekOf),
};
