import type { ChecklistEvent } from '../domain/checklist.js';

export interface DerivedChecklistState {
  closedOff: boolean;
  closedOffOn: string | null;
  closedOffBy: string | null;
  evidence: string | null;
}

/** A task's state is its latest close-off or reopen event, ordered by when it was recorded, then id. */
export function deriveChecklistState(events: readonly ChecklistEvent[]): DerivedChecklistState {
  const latest = [...events].sort((a, b) => (a.recordedAt !== b.recordedAt ? (a.recordedAt < b.recordedAt ? -1 : 1) : a.id < b.id ? -1 : 1)).at(-1);
  if (!latest || latest.action === 'reopen') {
    return { closedOff: false, closedOffOn: null, closedOffBy: null, evidence: null };
  }
  return { closedOff: true, closedOffOn: latest.effectiveOn, closedOffBy: latest.recordedBy, evidence: latest.note };
}
