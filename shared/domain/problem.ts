import { z } from 'zod';
import { IsoDate, Origin, RecordId, RequiredText, Text, Timestamp } from './common.js';

export const ProblemCategory = z.enum([
  'policy', // 政策难点
  'approval', // 审批堵点
  'land', // 土地
  'capital', // 资金
  'energy_quota', // 能耗指标
  'power_water', // 水电
  'labour', // 用工
  'other',
]);
export type ProblemCategory = z.infer<typeof ProblemCategory>;

/** The closed loop: raised → dispatched → in progress → resolved → closed (verified). */
export const ProblemStatus = z.enum(['raised', 'dispatched', 'in_progress', 'resolved', 'closed']);
export type ProblemStatus = z.infer<typeof ProblemStatus>;

export const ProblemAction = z.enum([
  'dispatch', // 交办 to a responsible department
  'coordinate', // 协调: work starts, often the sponsoring leader at the top level
  'resolve', // 化解: needs the resolution
  'verify_close', // 核实办结
  'reopen', // needs a reason
  'note', // a remark that changes no state
]);
export type ProblemAction = z.infer<typeof ProblemAction>;

/**
 * A problem as raised. Its description and category never change; what happens to it is in events.
 * Either side may raise one (origin), and both sides add events, merged as a union.
 */
export const Problem = z.object({
  id: RecordId,
  projectId: RecordId,
  category: ProblemCategory,
  description: RequiredText(4000),
  responsibleDepartment: Text(100),
  coordinatingLeader: Text(100),
  dueOn: IsoDate.nullable(),
  origin: Origin,
  raisedOn: IsoDate,
  raisedBy: RequiredText(100),
  recordedAt: Timestamp,
});
export type Problem = z.infer<typeof Problem>;

export const ProblemEvent = z.object({
  id: RecordId,
  problemId: RecordId,
  action: ProblemAction,
  /**
   * When it happened; merged histories are ordered by this, then by id. The officer may give an earlier day
   * than the one they type it on (a meeting held on Monday, entered on Thursday).
   */
  at: Timestamp,
  /** When it was entered. Absent on steps entered before this field existed: those were entered at `at`. */
  recordedAt: Timestamp.optional(),
  by: RequiredText(100),
  origin: Origin,
  note: Text(4000),
  /** For dispatch: the department it goes to (may change the responsible department). */
  department: Text(100).nullable(),
  /** For resolve: how it was solved. */
  resolution: Text(4000).nullable(),
});
export type ProblemEvent = z.infer<typeof ProblemEvent>;
