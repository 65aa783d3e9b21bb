import { z } from 'zod';
import { Entered, IsoDate, Origin, RecordId, RequiredText, Text, Timestamp } from './common.js';
import { LifeCycleStage } from './project.js';

/** A key task of a stage with its due date (时间节点). Bureau-owned unless the officer added it. */
export const ChecklistItem = z.object({
  id: RecordId,
  projectId: RecordId,
  stage: LifeCycleStage,
  title: RequiredText(200),
  dueOn: IsoDate,
  sortOrder: z.number().int().nonnegative(),
  origin: Origin,
  withdrawnAt: Timestamp.nullable(),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

/** Close-off (销号) and reopening are events: nothing is deleted, the current state is the latest event. */
export const ChecklistEventAction = z.enum(['close_off', 'reopen']);
export const ChecklistEvent = z.object({
  id: RecordId,
  itemId: RecordId,
  action: ChecklistEventAction,
  /** The day the task was done (close_off) or reopened. */
  effectiveOn: IsoDate,
  /** Evidence for a close-off, the reason for a reopening. */
  note: Text(2000),
  attachmentId: RecordId.nullable(),
  ...Entered,
});
export type ChecklistEvent = z.infer<typeof ChecklistEvent>;
