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
import { defineOperations } from './define.js';

/**
 * "This week" (本周工作): what the officer did in one Monday–Sunday week and what falls due by the end of
 * the next. The same shape is the preview of the weekly packet's content, so it names records by id and
 * carries each record's own day and the moment it was entered.
 *
 * A record belongs to the week when the day it happened (visit day, close-off day, day raised, day a step
 * was taken, day a milestone was reached) or the day it was entered falls in the week: a visit on Friday
 * logged on Monday shows in both weeks, since Monday's packet is the one that carries it.
 */

/** Which project a line is about. */
const ProjectRef = { projectId: RecordId, projectCode: z.string(), projectName: z.string() };

export const WeekVisit = z.object({
  ...ProjectRef,
  id: RecordId,
  on: IsoDate,
  kind: VisitKind,
  participants: z.string(),
  summary: z.string(),
  findings: z.string(),
  followUps: z.string(),
  recordedAt: Timestamp,
  recordedBy: z.string(),
});
export type WeekVisit = z.infer<typeof WeekVisit>;

export const WeekChecklistEvent = z.object({
  ...ProjectRef,
  id: RecordId,
  itemId: RecordId,
  itemTitle: z.string(),
  stage: LifeCycleStage,
  action: ChecklistEventAction,
  on: IsoDate,
  note: z.string(),
  recordedAt: Timestamp,
  recordedBy: z.string(),
});
export type WeekChecklistEvent = z.infer<typeof WeekChecklistEvent>;

export const WeekProblemRaised = z.object({
  ...ProjectRef,
  id: RecordId,
  category: ProblemCategory,
  description: z.string(),
  responsibleDepartment: z.string(),
  dueOn: IsoDate.nullable(),
  on: IsoDate,
  /** The problem's status now. */
  status: ProblemStatus,
  recordedAt: Timestamp,
  recordedBy: z.string(),
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

export const WeekInvestmentEntry = z.object({
  ...ProjectRef,
  id: RecordId,
  month: IsoMonth,
  amount: z.number(),
  /** The month's figure before this entry (a correction), or null when it is the month's first. */
  previousAmount: z.number().nullable(),
  on: IsoDate,
  recordedAt: Timestamp,
  recordedBy: z.string(),
});
export type WeekInvestmentEntry = z.infer<typeof WeekInvestmentEntry>;

export const WeekMilestoneReport = z.object({
  ...ProjectRef,
  id: RecordId,
  milestoneId: RecordId,
  milestoneTitle: z.string(),
  kind: MilestoneKind,
  plannedOn: IsoDate,
  on: IsoDate,
  note: z.string(),
  recordedAt: Timestamp,
  recordedBy: z.string(),
});
export type WeekMilestoneReport = z.infer<typeof WeekMilestoneReport>;

export const DueChecklistItem = z.object({
  ...ProjectRef,
  itemId: RecordId,
  title: z.string(),
  stage: LifeCycleStage,
  dueOn: IsoDate,
  overdue: z.boolean(),
  daysOverdue: z.number().int(),
});
export type DueChecklistItem = z.infer<typeof DueChecklistItem>;

export const DueProblem = z.object({
  ...ProjectRef,
  problemId: RecordId,
  category: ProblemCategory,
  description: z.string(),
  status: ProblemStatus,
  currentDepartment: z.string(),
  dueOn: IsoDate,
  overdue: z.boolean(),
  daysOverdue: z.number().int(),
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
  counts: z.object({
    visits: z.number().int(),
    closeOffs: z.number().int(),
    reopenings: z.number().int(),
    problemsRaised: z.number().int(),
    problemSteps: z.number().int(),
    investment: z.number().int(),
    milestones: z.number().int(),
    dueChecklist: z.number().int(),
    dueProblems: z.number().int(),
    overdue: z.number().int(),
  }),
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
