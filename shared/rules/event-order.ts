import type { ProblemEvent } from '../domain/problem.js';

/**
 * The order of merged histories, one rule for both desks, every store and the tests' reference model:
 * - problem events by when the step happened (`at`), then id: both sides add steps, and every store must
 *   derive the same state from the same events, whatever order they arrived in;
 * - records whose latest entry is the current one (checklist events, investment entries, milestone reports)
 *   by when they were entered (`recordedAt`), then id: a later entry corrects an earlier one.
 */

export function compareProblemEvents(a: Pick<ProblemEvent, 'at' | 'id'>, b: Pick<ProblemEvent, 'at' | 'id'>): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface Entered {
  recordedAt: string;
  id: string;
}

export function compareByEntry(a: Entered, b: Entered): number {
  if (a.recordedAt !== b.recordedAt) return a.recordedAt < b.recordedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The current record of a corrected series: the latest entry (undefined for none). */
export function latestEntry<T extends Entered>(records: readonly T[]): T | undefined {
  let latest: T | undefined;
  for (const r of records) if (!latest || compareByEntry(latest, r) < 0) latest = r;
  return latest;
}

/**
 * A new record's moment: `now`, or just after `latest` when the clock is at or behind it, so a slow clock
 * never places a record before the one it follows (a problem step, a checklist event).
 */
export function momentAfter(now: Date | number, latest: string | undefined): string {
  const t = typeof now === 'number' ? now : now.getTime();
  return new Date(latest !== undefined && Date.parse(latest) >= t ? Date.parse(latest) + 1 : t).toISOString();
}
