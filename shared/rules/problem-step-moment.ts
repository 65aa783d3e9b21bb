import type { Problem, ProblemEvent } from '../domain/index.js';
import { AppError } from '../errors.js';
import { compareProblemEvents, momentAfter } from './event-order.js';
import { localDay, zonedTimeToMillis } from './local-time.js';

/**
 * When a new problem step happened (`at`). A merged history is ordered by `at`, so a step is never placed
 * before the problem's latest one: a slow clock or an earlier day must not slip a resolution in ahead of the
 * dispatch it follows and change what the history means.
 *
 * - No day, or today: now (or just after the latest step when the clock is behind it).
 * - An earlier day D (district calendar): noon of D in the district's zone, or just after the latest step
 *   when that was on D too. D may not be after today, before the day the problem was raised, or before the
 *   day of the problem's latest step; each is refused with the field named `happenedOn`.
 */
export function stepMoment(now: Date, zone: string, problem: Pick<Problem, 'raisedOn'>, events: readonly ProblemEvent[], happenedOn?: string): string {
  const last = events.reduce<ProblemEvent | undefined>((a, e) => (!a || compareProblemEvents(a, e) < 0 ? e : a), undefined);
  const today = localDay(now, zone);
  if (happenedOn === undefined || happenedOn === today) return momentAfter(now, last?.at);
  if (happenedOn > today) throw refuse(happenedOn, 'after_today', `the day it happened (${happenedOn}) is after today (${today})`);
  if (happenedOn < problem.raisedOn) {
    throw refuse(happenedOn, 'before_raised', `the day it happened (${happenedOn}) is before the problem was raised (${problem.raisedOn})`);
  }
  const at = momentAfter(zonedTimeToMillis(happenedOn, zone, 12), last?.at);
  // Pushed past D by the latest step: it was on a later day, or at the very last millisecond of D.
  if (localDay(at, zone) !== happenedOn) {
    const lastDay = last ? localDay(last.at, zone) : null;
    throw refuse(happenedOn, 'before_last_step', `the day it happened (${happenedOn}) is before the problem's latest step (${lastDay})`);
  }
  return at;
}

function refuse(value: string, reason: 'after_today' | 'before_raised' | 'before_last_step', message: string): AppError {
  return new AppError('invalid_input', `happenedOn: ${message}`, { path: 'happenedOn', reason, value }, [{ path: 'happenedOn', message: reason }]);
}
