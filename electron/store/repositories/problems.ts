import type { Problem, ProblemEvent } from '@shared/domain/index.js';
import { fromRow, selectSql, whereEqual } from '@shared/records/index.js';
import type { SqliteDatabase } from '../database.js';
import { writeLogged } from './change-log.js';

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
  writeLogged(db, 'problem', p, p.origin === 'officer' ? p.recordedAt : undefined);
}

export function insertProblemEvent(db: SqliteDatabase, e: ProblemEvent): void {
  // The outbox row is dated by entry: a step entered today about last Monday travels in today's packet.
  writeLogged(db, 'problem_event', e, e.origin === 'officer' ? (e.recordedAt ?? e.at) : undefined);
}
