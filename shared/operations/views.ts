import { z } from 'zod';
import {
  Attachment,
  ChecklistEvent,
  ChecklistItem,
  InvestmentEntry,
  IsoDate,
  IsoMonth,
  Milestone,
  MilestoneReport,
  Problem,
  ProblemEvent,
  ProblemStatus,
  Project,
  Visit,
} from '../domain/index.js';

/** Progress figures as every screen shows them. */
export const ProgressView = z.object({
  asOfMonth: IsoMonth,
  completed: z.number(),
  planned: z.number(),
  completionPct: z.number().nullable(),
  timeProportionalPct: z.number(),
  aheadPoints: z.number().nullable(),
  /** YYYY-MM when `completed` includes the bureau's figure to that month (shown as 局报数), else null. */
  bureauThroughMonth: IsoMonth.nullable().optional(),
});

/** One row of "my projects". */
export const ProjectSummary = Project.extend({
  progress: ProgressView,
  openProblems: z.number().int(),
  overdueItems: z.number().int(),
  lastVisitOn: IsoDate.nullable(),
  daysSinceLastVisit: z.number().int().nullable(),
  /** Pinyin initials and full pinyin of name and company, for search ("xwd" finds 欣旺达). */
  searchKey: z.string(),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;

export const MilestoneView = Milestone.extend({ reports: z.array(MilestoneReport), reachedOn: IsoDate.nullable() });
export type MilestoneView = z.infer<typeof MilestoneView>;

export const ChecklistItemView = ChecklistItem.extend({
  events: z.array(ChecklistEvent),
  closedOff: z.boolean(),
  closedOffOn: IsoDate.nullable(),
  closedOffBy: z.string().nullable(),
  evidence: z.string().nullable(),
  overdue: z.boolean(),
});
export type ChecklistItemView = z.infer<typeof ChecklistItemView>;

export const VisitView = Visit.extend({ photos: z.array(Attachment) });
export type VisitView = z.infer<typeof VisitView>;

/** Where a problem stands, derived from its merged events (shared/rules/problem-view.ts). */
export const ProblemState = { status: ProblemStatus, currentDepartment: z.string(), resolution: z.string().nullable(), overdue: z.boolean() };

export const ProblemView = Problem.extend({ events: z.array(ProblemEvent), ...ProblemState, skippedEventIds: z.array(z.string()), projectName: z.string() });
export type ProblemView = z.infer<typeof ProblemView>;

export const ProjectDetail = z.object({
  project: ProjectSummary,
  milestones: z.array(MilestoneView),
  checklist: z.array(ChecklistItemView),
  visits: z.array(VisitView),
  problems: z.array(ProblemView),
  investment: z.array(InvestmentEntry),
});
export type ProjectDetail = z.infer<typeof ProjectDetail>;
