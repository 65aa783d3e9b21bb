import { daysBetween } from './schedule.js';

/** A task or problem is overdue when its due day has passed and it is still open. Due today is not overdue. */
export function isOverdue(dueOn: string | null, isOpen: boolean, today: string): boolean {
  return isOpen && dueOn !== null && daysBetween(dueOn, today) > 0;
}

/** Days past due (0 when not overdue). */
export function daysOverdue(dueOn: string | null, isOpen: boolean, today: string): number {
  return isOverdue(dueOn, isOpen, today) ? daysBetween(dueOn as string, today) : 0;
}
