import type { ChecklistEvent, ChecklistItem } from '../domain/checklist.js';
import { latestEntry } from './event-order.js';
import { isOverdue } from './overdue.js';

export interface DerivedChecklistState {
  closedOff: boolean;
  closedOffOn: string | null;
  closedOffBy: string | null;
  evidence: string | null;
}

/** A task's state is its latest close-off or reopen event, ordered by when it was recorded, then id (event-order.ts). */
export function deriveChecklistState(events: readonly ChecklistEvent[]): DerivedChecklistState {
  const latest = latestEntry(events);
  if (!latest || latest.action === 'reopen') return { closedOff: false, closedOffOn: null, closedOffBy: null, evidence: null };
  return { closedOff: true, closedOffOn: latest.effectiveOn, closedOffBy: latest.recordedBy, evidence: latest.note };
}

/** A task is overdue when its due day has passed while it is open and still in force (not withdrawn by the bureau). */
export function isTaskOverdue(item: Pick<ChecklistItem, 'dueOn' | 'withdrawnAt'>, state: Pick<DerivedChecklistState, 'closedOff'>, today: string): boolean {
  return item.withdrawnAt === null && isOverdue(item.dueOn, !state.closedOff, today);
}
