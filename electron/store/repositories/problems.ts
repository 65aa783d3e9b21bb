import type { Problem, ProblemEvent } from '@shared/domain/index.js';
import { fromRow, insertSql, selectSql, toParams, whereEqual } from '@shared/records/index.js';
import type { SqliteDatabase } from '../database.js';
import { recordChange } from './change-log.js';

/** A NULL recorded_at (a step from before version 6) is left out, as the optional field is. */
const eventOf = (row: Record<string, unknown>) => fromRow<ProblemEvent>('problem_event', row);

export function listProblems(db: SqliteDatabase, projectId?: string): Problem[] {
  const { clause, params } = whereEqual({ project_id: projectId });
  return db.prepare(selectSql('problem', 'officer', `${clause} ORDER BY raised_on DESC, recorded_at DESC`)).all(...params) as Problem[];
}

export function getProblem(db: SqliteDatabase, id: string): Problem | undefined {
  return db.prepare(selectSql('problem', 'officer', 'WHERE id = ?')).get(id) as Problem | undefined;
}

/** Events of the given problems (all problems when omitted), in merged order. */
export function listProblemEvents(db: SqliteDatabase, problemIds?: readonly string[]): ProblemEvent[] {
  if (!problemIds) return (db.prepare(selectSql('problem_event', 'officer', 'ORDER BY at, id')).all() as Record<string, unknown>[]).map(eventOf);
  if (problemIds.length === 0) return [];
  const placeholders = problemIds.map(() => '?').join(',');
  const rows = db.prepare(selectSql('problem_event', 'officer', `WHERE problem_id IN (${placeholders}) ORDER BY at, id`)).all(...problemIds);
  return (rows as Record<string, unknown>[]).map(eventOf);
}

/** Inserts a problem; an officer's is logged for the weekly packet, a bureau one came from the bureau. */
export function insertProblem(db: SqliteDatabase, p: Problem): void {
  // The record and its outbox row are one transaction (a savepoint inside a caller's).
  db.transaction(() => {
    db.prepare(insertSql('problem', 'officer')).run(p);
    if (p.origin === 'officer') recordChange(db, 'problem', p, p.recordedAt);
  })();
}

export function insertProblemEvent(db: SqliteDatabase, e: ProblemEvent): void {
  // The record and its outbox row are one transaction (a savepoint inside a caller's).
  db.transaction(() => {
    db.prepare(insertSql('problem_event', 'officer')).run(toParams('problem_event', e));
    // The outbox row is dated by entry: a step entered today about last Monday travels in today's packet.
    if (e.origin === 'officer') recordChange(db, 'problem_event', e, e.recordedAt ?? e.at);
  })();
}
