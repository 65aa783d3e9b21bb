import { z } from 'zod';
import {
  ChecklistEventAction,
  IsoDate,
  IsoMonth,
  LifeCycleStage,
  MilestoneKind,
  ProblemAction,
  ProblemCategory,
  ProblemStatus,
  RecordId,
  Timestamp,
  VisitKind,
} from '../domain/index.js';
import { counts, defineOperations, texts } from './define.js';

/**
 * "This week" (本周工作): what the officer did in one Monday–Sunday week and what falls due by the end of
 * the next. The same shape is the preview of the weekly packet's content, so it names records by id and
 * carries each record's own day and the moment it was entered.
 *
 * A record belongs to the week when the day it happened (visit day, close-off day, day raised, day a step
 * was taken, day a milestone was reached) or the day it was entered falls in the week: a visit on Friday
 * logged on Monday shows in both weeks, since Monday's packet is the one that carries it.
 */

const ProjectRef = { projectId: RecordId, projectCode: z.string(), projectName: z.string() };
/** A record entered in the week: its project and id, then its own fields, then when it was entered and by whom. */
const entered = <S extends Record<string, z.ZodType>>(shape: S) =>
  z.object({ ...ProjectRef, id: RecordId, ...shape, recordedAt: Timestamp, recordedBy: z.string() });
/** An open item due by the end of next week. */
const due = <S extends Record<string, z.ZodType>>(shape: S) =>
  z.object({ ...ProjectRef, ...shape, dueOn: IsoDate, overdue: z.boolean(), daysOverdue: z.number().int() });

export const WeekVisit = entered({ on: IsoDate, kind: VisitKind, ...texts('participants', 'summary', 'findings', 'followUps') });
export type WeekVisit = z.infer<typeof WeekVisit>;

export const WeekChecklistEvent = entered({
  itemId: RecordId,
  itemTitle: z.string(),
  stage: LifeCycleStage,
  action: ChecklistEventAction,
  on: IsoDate,
  note: z.string(),
});
export type WeekChecklistEvent = z.infer<typeof WeekChecklistEvent>;

export const WeekProblemRaised = entered({
  category: ProblemCategory,
  ...texts('description', 'responsibleDepartment'),
  dueOn: IsoDate.nullable(),
  on: IsoDate,
  /** The problem's status now. */
  status: ProblemStatus,
});
export type WeekProblemRaised = z.infer<typeof WeekProblemRaised>;

export const WeekProblemStep = z.object({
  ...ProjectRef,
  id: RecordId,
  problemId: RecordId,
  category: ProblemCategory,
  description: z.string(),
  action: ProblemAction,
  on: IsoDate,
  at: Timestamp,
  by: z.string(),
  note: z.string(),
  department: z.string().nullable(),
  resolution: z.string().nullable(),
  /** The problem's status right after this step (unchanged for a note or a step that was not legal). */
  statusAfter: ProblemStatus,
});
export type WeekProblemStep = z.infer<typeof WeekProblemStep>;

export const WeekInvestmentEntry = entered({
  month: IsoMonth,
  amount: z.number(),
  /** The month's figure before this entry (a correction), or null when it is the month's first. */
  previousAmount: z.number().nullable(),
  on: IsoDate,
});
export type WeekInvestmentEntry = z.infer<typeof WeekInvestmentEntry>;

export const WeekMilestoneReport = entered({
  milestoneId: RecordId,
  milestoneTitle: z.string(),
  kind: MilestoneKind,
  plannedOn: IsoDate,
  on: IsoDate,
  note: z.string(),
});
export type WeekMilestoneReport = z.infer<typeof WeekMilestoneReport>;

export const DueChecklistItem = due({ itemId: RecordId, title: z.string(), stage: LifeCycleStage });
export type DueChecklistItem = z.infer<typeof DueChecklistItem>;

export const DueProblem = due({
  problemId: RecordId,
  category: ProblemCategory,
  description: z.string(),
  status: ProblemStatus,
  currentDepartment: z.string(),
});
export type DueProblem = z.infer<typeof DueProblem>;

export const WeekOverview = z.object({
  /** Monday of the week shown. */
  weekStart: IsoDate,
  /** Sunday of the week shown. */
  weekEnd: IsoDate,
  today: IsoDate,
  /** The day overdue is measured against: today within the week, else the week's last day (past) or first (future). */
  asOf: IsoDate,
  nextWeekStart: IsoDate,
  nextWeekEnd: IsoDate,
  done: z.object({
    visits: z.array(WeekVisit),
    checklist: z.array(WeekChecklistEvent),
    problemsRaised: z.array(WeekProblemRaised),
    problemSteps: z.array(WeekProblemStep),
    investment: z.array(WeekInvestmentEntry),
    milestones: z.array(WeekMilestoneReport),
  }),
  counts: z.object(
    counts('visits', 'closeOffs', 'reopenings', 'problemsRaised', 'problemSteps', 'investment', 'milestones', 'dueChecklist', 'dueProblems', 'overdue'),
  ),
  /** Open checklist items and problems due by the end of next week: overdue ones first, then by due day. */
  due: z.object({ checklist: z.array(DueChecklistItem), problems: z.array(DueProblem) }),
});
export type WeekOverview = z.infer<typeof WeekOverview>;

export const weekOperations = defineOperations({
  'week.overview': {
    /** Any day of the week to show (its Monday–Sunday); this week when omitted. */
    input: z.object({ weekOf: IsoDate.optional() }),
    output: WeekOverview,
  },
});
