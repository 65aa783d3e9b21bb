import { z } from 'zod';
import { AmountWan, Entered, IsoDate, IsoMonth, RecordId, RequiredText, Text, Timestamp } from './common.js';

export const ProjectLevel = z.enum(['provincial', 'municipal', 'district']);
export type ProjectLevel = z.infer<typeof ProjectLevel>;

/** Life-cycle stages (全生命周期), in order. */
export const LifeCycleStage = z.enum([
  'preliminary_approval', // 前期审批
  'factor_guarantee', // 要素保障
  'construction', // 建设
  'statistics_enrolment', // 入库纳统
  'production_start', // 竣工投产
  'design_output', // 达产达效
]);
export type LifeCycleStage = z.infer<typeof LifeCycleStage>;
export const LIFE_CYCLE_STAGES = LifeCycleStage.options;

export const MilestoneKind = z.enum(['construction_start', 'statistics_enrolment', 'production_start', 'design_output', 'other']);
export type MilestoneKind = z.infer<typeof MilestoneKind>;

/** A dated step of the backward-scheduled plan (倒排工期). Bureau-owned; reaching it is an officer report. */
export const Milestone = z.object({
  id: RecordId,
  projectId: RecordId,
  kind: MilestoneKind,
  title: RequiredText(200),
  plannedOn: IsoDate,
  sortOrder: z.number().int().nonnegative(),
});
export type Milestone = z.infer<typeof Milestone>;

/** Officer-owned: "this milestone was reached on …". Append-only; a correction is a new report. */
export const MilestoneReport = z.object({ id: RecordId, milestoneId: RecordId, reachedOn: IsoDate, note: Text(2000), ...Entered });
export type MilestoneReport = z.infer<typeof MilestoneReport>;

/**
 * The bureau's figure of investment completed this plan year, January through `throughMonth` (1–N月累计完成投资,
 * from the master list). It stands in for the officer's monthly figures until those take over
 * (shared/rules/bureau-figure.ts), so a first assignment late in the year is not shown far behind schedule.
 */
export const BureauCompleted = z.object({ throughMonth: IsoMonth, amount: AmountWan });
export type BureauCompleted = z.infer<typeof BureauCompleted>;

/** A key project as the bureau assigns it. Every field here is bureau-owned. */
export const Project = z.object({
  id: RecordId,
  code: RequiredText(40),
  name: RequiredText(200),
  company: Text(200),
  level: ProjectLevel,
  industry: Text(100),
  stage: LifeCycleStage,
  sponsoringLeader: RequiredText(100),
  sponsoringUnit: RequiredText(100),
  officerId: RecordId,
  planYear: z.number().int().min(2000).max(2100),
  annualPlannedInvestment: AmountWan,
  totalInvestment: AmountWan.nullable(),
  location: Text(200),
  archivedAt: Timestamp.nullable(),
  /** Optional: absent in stores and packets written before it existed (readers treat absent as null). */
  bureauCompleted: BureauCompleted.nullable().optional(),
});
export type Project = z.infer<typeof Project>;
