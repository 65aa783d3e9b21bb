import { z } from 'zod';
import { IsoDate, RecordId } from '../domain/index.js';
import { defineOperations } from './define.js';

/**
 * Reminders (提醒): open checklist tasks, milestones not yet reached and problems waiting for action that
 * are overdue or fall due within the next three days (shared/rules/reminders.ts), for the desktop
 * notification on start and once a day, and the notice in the window.
 */
export const ReminderItem = z.object({
  kind: z.enum(['checklist', 'milestone', 'problem']),
  /** The checklist item, milestone or problem. */
  id: RecordId,
  projectId: RecordId,
  projectCode: z.string(),
  projectName: z.string(),
  /** The task's title, the milestone's title, or the problem's description. */
  title: z.string(),
  dueOn: IsoDate,
  urgency: z.enum(['overdue', 'due_soon']),
  /** Days past due (overdue) or days left (due soon; 0 = today). */
  days: z.number().int().nonnegative(),
});
export type ReminderItem = z.infer<typeof ReminderItem>;

export const Reminders = z.object({
  /** Today on the district's calendar: the notice is shown again when this changes. */
  today: IsoDate,
  /** The last day looked ahead to (today + 3). */
  until: IsoDate,
  /** Most overdue first. */
  overdue: z.array(ReminderItem),
  /** Soonest first. */
  dueSoon: z.array(ReminderItem),
});
export type Reminders = z.infer<typeof Reminders>;

export const reminderOperations = defineOperations({ 'reminders.due': { input: z.object({}), output: Reminders } });
