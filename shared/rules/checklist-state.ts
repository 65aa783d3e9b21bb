import type { ChecklistEvent } from '../domain/checklist.js';
import { latestEntry } from './event-order.js';

export interface DerivedChecklistState {
  closedOff: boolean;
  closedOffOn: string | null;
  closedOffBy: string | null;
  evidence: string | null;
}

/** A task's state is its latest close-off or reopen event, ordered by when it was recorded, then id (event-order.ts). */
export function deriveChecklistState(events: readonly ChecklistEvent[]): DerivedChecklistState {
  const latest = latestEntry(events);
  if (!latest || latest.action === 'reopen') {
    return { closedOff: false, closedOffOn: null, closedOffBy: null, evidence: null };
  }
  return { closedOff: true, closedOffOn: latest.effectiveOn, closedOffBy: latest.recordedBy, evidence: latest.note };
}
