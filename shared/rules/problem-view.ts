import type { Problem, ProblemEvent, ProblemStatus } from '../domain/problem.js';
import { compareProblemEvents } from './event-order.js';
import { deriveProblemState, isProblemOverdue } from './problem-state.js';

/**
 * What a list shows of a problem, on both desks: the problem, its merged history in order and the state
 * derived from every event held. The officer's views add the project's name, the bureau's the project's
 * code and officer.
 */
export interface ProblemStateView {
  events: ProblemEvent[];
  status: ProblemStatus;
  currentDepartment: string;
  resolution: string | null;
  overdue: boolean;
  /** Events that were not legal at their place in the merged order (kept, not applied). */
  skippedEventIds: string[];
}

export function problemView<P extends Problem>(problem: P, events: readonly ProblemEvent[], today: string): P & ProblemStateView {
  const history = [...events].sort(compareProblemEvents);
  const state = deriveProblemState(problem.responsibleDepartment, history);
  return {
    ...problem,
    events: history,
    status: state.status,
    currentDepartment: state.responsibleDepartment,
    resolution: state.resolution,
    overdue: isProblemOverdue(problem.dueOn, state.status, today),
    skippedEventIds: state.skippedEventIds,
  };
}
