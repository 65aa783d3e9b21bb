import type { ProblemAction, ProblemEvent, ProblemStatus } from '../domain/problem.js';
import { compareProblemEvents } from './event-order.js';
import { isOverdue } from './overdue.js';

export { compareProblemEvents };

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

const REQUIREMENTS: Partial<Record<ProblemAction, 'department' | 'resolution' | 'reason'>> = {
  dispatch: 'department',
  resolve: 'resolution',
  reopen: 'reason',
};

/** What an action needs besides who and when. */
export function problemActionRequirement(action: ProblemAction): 'department' | 'resolution' | 'reason' | null {
  return REQUIREMENTS[action] ?? null;
}

/** Still waiting for someone to solve it: raised, dispatched or being coordinated (not resolved, not closed). */
export function isProblemUnsolved(status: ProblemStatus): boolean {
  return status !== 'resolved' && isProblemOpen(status);
}

/** Past its due day while unsolved. Due today is not overdue. */
export function isProblemOverdue(dueOn: string | null, status: ProblemStatus, today: string): boolean {
  return isOverdue(dueOn, isProblemUnsolved(status), today);
}

export interface ReplayedProblemEvent<E extends Pick<ProblemEvent, 'id' | 'at' | 'action'>> {
  event: E;
  /** The status when the event's turn came. */
  met: ProblemStatus;
  /** The status it left, or null when it was not legal then (kept in the history, not applied). */
  left: ProblemStatus | null;
}

/** A problem's events in the merged order (event-order.ts), each with the status it met and the one it left. */
export function replayProblemEvents<E extends Pick<ProblemEvent, 'id' | 'at' | 'action'>>(events: readonly E[]): ReplayedProblemEvent<E>[] {
  let status: ProblemStatus = 'raised';
  return [...events].sort(compareProblemEvents).map((event) => {
    const met = status;
    const left = nextProblemStatus(met, event.action);
    if (left !== null) status = left;
    return { event, met, left };
  });
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
  const state: DerivedProblemState = {
    status: 'raised',
    responsibleDepartment: initialDepartment,
    resolution: null,
    closedAt: null,
    resolvedAt: null,
    skippedEventIds: [],
  };
  for (const { event, left } of replayProblemEvents(events)) {
    if (left === null) {
      state.skippedEventIds.push(event.id);
      continue;
    }
    state.status = left;
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
