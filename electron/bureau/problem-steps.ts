import type { ProblemEvent } from '@shared/domain/index.js';
import { replayProblemEvents } from '@shared/rules/index.js';
import type { SqliteDatabase } from '../store/database.js';
import { canonicalRecord, getFoldedRecord, listFolded } from './repository.js';

/**
 * Problem steps that are not legal in the problem's state (issue 9, point 9): an officer resolving a problem
 * nobody dispatched, say, or a step that an earlier-dated step just made illegal. The step stays in the
 * history (a union by id, like every record) and is not applied (shared/rules/problem-state.ts); ingest never
 * lets that pass silently: each step that becomes illegal with a packet is a warning in the receipt and a row
 * in `conflicts` (kind 'illegal_step': `existing` is the problem's state when the step's turn came,
 * `incoming` the step).
 */

export interface IllegalStep {
  eventId: string;
  problemId: string;
  action: string;
  /** The problem's status when the step's turn came in the merged order. */
  status: string;
}

/** Replays a problem's events in the merged order; returns each skipped step with the status it met. */
function skippedSteps(db: SqliteDatabase, problemId: string): Map<string, IllegalStep> {
  const skipped = new Map<string, IllegalStep>();
  for (const { event, met, left } of replayProblemEvents(listFolded<ProblemEvent>(db, 'problem_event', 'WHERE problem_id = ?', problemId))) {
    if (left === null) skipped.set(event.id, { eventId: event.id, problemId, action: event.action, status: met });
  }
  return skipped;
}

/** The steps already skipped on the problems a packet touches, before it is folded. */
export function stepsBefore(db: SqliteDatabase, problemIds: Iterable<string>): Map<string, Set<string>> {
  const before = new Map<string, Set<string>>();
  for (const id of problemIds) if (!before.has(id)) before.set(id, new Set(skippedSteps(db, id).keys()));
  return before;
}

/**
 * After the fold: the steps that became illegal with this packet, each kept in `conflicts` (call inside the
 * ingest transaction, so a refused packet leaves no row).
 */
export function recordIllegalSteps(
  db: SqliteDatabase,
  before: Map<string, Set<string>>,
  origin: { officerId: string; packetId: string; at: string },
): IllegalStep[] {
  const found: IllegalStep[] = [];
  const insert = db.prepare(
    `INSERT INTO conflicts (entity, record_id, officer_id, packet_id, existing, incoming, detected_at, kind)
     VALUES ('problem_event', ?, ?, ?, ?, ?, ?, 'illegal_step') ON CONFLICT (entity, record_id, incoming) DO NOTHING`,
  );
  for (const [problemId, had] of before) {
    for (const step of skippedSteps(db, problemId).values()) {
      if (had.has(step.eventId)) continue;
      const event = getFoldedRecord(db, 'problem_event', step.eventId)!;
      const existing = JSON.stringify({ problemId, status: step.status });
      insert.run(step.eventId, origin.officerId, origin.packetId, existing, canonicalRecord('problem_event', event), origin.at);
      found.push(step);
    }
  }
  return found;
}
