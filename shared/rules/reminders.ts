import { addDays, daysBetween } from './schedule.js';

/**
 * Reminders (issue 13, point 10): what the desk brings up on start and once a day while it runs. An open
 * task (a checklist item not closed off, a milestone not reached, a problem still waiting for someone to act)
 * is *overdue* when its due day has passed, and *due soon* when it falls due today or within the next
 * REMINDER_DAYS days. Days are calendar days in the district's time zone (the caller passes today from
 * shared/rules/local-time.ts). Done, withdrawn and archived work is never reminded of (the service leaves it out).
 */
export const REMINDER_DAYS = 3;

export type ReminderUrgency = 'overdue' | 'due_soon';

/** The last day a reminder looks ahead to: today + REMINDER_DAYS. */
export function reminderHorizon(today: string, days = REMINDER_DAYS): string {
  return addDays(today, days);
}

/** Overdue, due soon, or nothing to remind of (due later than the horizon). */
export function reminderUrgency(dueOn: string, today: string, days = REMINDER_DAYS): ReminderUrgency | null {
  if (dueOn < today) return 'overdue';
  if (dueOn <= reminderHorizon(today, days)) return 'due_soon';
  return null;
}

/** Days past due when overdue (positive), days left when due soon (0 = due today). */
export function reminderDays(dueOn: string, today: string): number {
  return Math.abs(daysBetween(dueOn, today));
}
