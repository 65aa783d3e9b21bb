import type { ProblemAction, ProblemEvent, ProblemStatus } from '../domain/problem.js';

/** Legal moves of the closed loop. `note` is legal everywhere and changes nothing. */
const TRANSITIONS: Record<Exclude<ProblemAction, 'note'>, { from: readonly ProblemStatus[]; to: ProblemStatus }> = {
  dispatch: { from: ['raised', 'dispatched'], to: 'dispatched' },
  coordinate: { from: ['dispatched', 'in_progress'], to: 'in_progress' },
  resolve: { from: ['dispatched', 'in_progress'], to: 'resolved' },
  verify_close: { from: ['resolved'], to: 'closed' },
  reopen: { from: ['resolved', 'closed'], to: 'in_progress' },
};

export const OPEN_PROBLEM_STATUSES: readonly ProblemStatus[] = ['raised', 'dispatched', 'in_progress', 'resolved'];

export function isProblemOpen(status: ProblemStatus): boolean {
  return status !== 'closed';
}

/** The status after `action`, or null when the action is not allowed from `status`. */
export function nextProblemStatus(status: ProblemStatus, action: ProblemAction): ProblemStatus | null {
  if (action === 'note') return status;
  const rule = TRANSITIONS[action];
  return rule.from.includes(status) ? rule.to : null;
}

/** The actions a person may take now, for buttons and validation. */
export function allowedProblemActions(status: ProblemStatus): ProblemAction[] {
  return (['dispatch', 'coordinate', 'resolve', 'verify_close', 'reopen', 'note'] as const).filter((a) => nextProblemStatus(status, a) !== null);
}

/** What an action needs besides who and when. */
export function problemActionRequirement(action: ProblemAction): 'department' | 'resolution' | 'reason' | null {
  switch (action) {
    case 'dispatch':
      return 'department';
    case 'resolve':
      return 'resolution';
    case 'reopen':
      return 'reason';
    default:
      return null;
  }
}

/** Merged histories from both sides are ordered by time, then id, so every store derives the same state. */
export function compareProblemEvents(a: Pick<ProblemEvent, 'at' | 'id'>, b: Pick<ProblemEvent, 'at' | 'id'>): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface DerivedProblemState {
  status: ProblemStatus;
  responsibleDepartment: string;
  resolution: string | null;
  closedAt: string | null;
  resolvedAt: string | null;
  /** Events that were not legal when their turn came in the merged order (kept, shown, not applied). */
  skippedEventIds: string[];
}

/**
 * Folds a problem's events into its current state. An event that is illegal at its place in the merged
 * order (two sides resolving at once, say) is skipped, not fatal: the history stays complete.
 */
export function deriveProblemState(initialDepartment: string, events: readonly ProblemEvent[]): DerivedProblemState {
  const ordered = [...events].sort(compareProblemEvents);
  const state: DerivedProblemState = {
    status: 'raised',
    responsibleDepartment: initialDepartment,
    resolution: null,
    closedAt: null,
    resolvedAt: null,
    skippedEventIds: [],
  };
  for (const event of ordered) {
    const next = nextProblemStatus(state.status, event.action);
    if (next === null) {
      state.skippedEventIds.push(event.id);
      continue;
    }
    state.status = next;
    if (event.action === 'dispatch' && event.department) state.responsibleDepartment = event.department;
    if (event.action === 'resolve') {
      state.resolution = event.resolution ?? null;
      state.resolvedAt = event.at;
    }
    if (event.action === 'verify_close') state.closedAt = event.at;
    if (event.action === 'reopen') {
      // A reopened problem is unsolved again: the old resolution stays in the history, not in the state.
      state.closedAt = null;
      state.resolvedAt = null;
      state.resolution = null;
    }
  }
  return state;
}
