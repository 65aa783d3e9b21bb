import type { Problem, ProblemEvent } from '@shared/domain/index.js';
import type { SqliteDatabase } from '../database.js';
import { recordChange } from './change-log.js';

const PROBLEM_COLUMNS = `id, project_id AS projectId, category, description, responsible_department AS responsibleDepartment,
  coordinating_leader AS coordinatingLeader, due_on AS dueOn, origin, raised_on AS raisedOn, raised_by AS raisedBy,
  recorded_at AS recordedAt`;
const EVENT_COLUMNS = `id, problem_id AS problemId, action, at, by, origin, note, department, resolution, recorded_at AS recordedAt`;

/** A NULL recorded_at (a step from before version 6) is left out, as the optional field is. */
function eventOf(row: ProblemEvent & { recordedAt?: string | null }): ProblemEvent {
  if (row.recordedAt != null) return row as ProblemEvent;
  const { recordedAt: _, ...rest } = row;
  return rest;
}

export function listProblems(db: SqliteDatabase, projectId?: string): Problem[] {
  const where = projectId ? 'WHERE project_id = ?' : '';
  const stmt = db.prepare(`SELECT ${PROBLEM_COLUMNS} FROM problems ${where} ORDER BY raised_on DESC, recorded_at DESC`);
  return (projectId ? stmt.all(projectId) : stmt.all()) as Problem[];
}

export function getProblem(db: SqliteDatabase, id: string): Problem | undefined {
  return db.prepare(`SELECT ${PROBLEM_COLUMNS} FROM problems WHERE id = ?`).get(id) as Problem | undefined;
}

/** Events of the given problems (all problems when omitted), in merged order. */
export function listProblemEvents(db: SqliteDatabase, problemIds?: readonly string[]): ProblemEvent[] {
  if (!problemIds) return (db.prepare(`SELECT ${EVENT_COLUMNS} FROM problem_events ORDER BY at, id`).all() as ProblemEvent[]).map(eventOf);
  if (problemIds.length === 0) return [];
  const placeholders = problemIds.map(() => '?').join(',');
  return (
    db.prepare(`SELECT ${EVENT_COLUMNS} FROM problem_events WHERE problem_id IN (${placeholders}) ORDER BY at, id`).all(...problemIds) as ProblemEvent[]
  ).map(eventOf);
}

/** Inserts a problem; an officer's is logged for the weekly packet, a bureau one came from the bureau. */
export function insertProblem(db: SqliteDatabase, p: Problem): void {
  // The record and its outbox row are one transaction (a savepoint inside a caller's).
  db.transaction(() => {
    db.prepare(
      `INSERT INTO problems (id, project_id, category, description, responsible_department, coordinating_leader, due_on, origin,
         raised_on, raised_by, recorded_at)
       VALUES (@id, @projectId, @category, @description, @responsibleDepartment, @coordinatingLeader, @dueOn, @origin,
         @raisedOn, @raisedBy, @recordedAt)`,
    ).run(p);
    if (p.origin === 'officer') recordChange(db, 'problem', p, p.recordedAt);
  })();
}

export function insertProblemEvent(db: SqliteDatabase, e: ProblemEvent): void {
  // The record and its outbox row are one transaction (a savepoint inside a caller's).
  db.transaction(() => {
    db.prepare(
      `INSERT INTO problem_events (id, problem_id, action, at, by, origin, note, department, resolution, recorded_at)
       VALUES (@id, @problemId, @action, @at, @by, @origin, @note, @department, @resolution, @recordedAt)`,
    ).run({ ...e, recordedAt: e.recordedAt ?? null });
    // The outbox row is dated by entry: a step entered today about last Monday travels in today's packet.
    if (e.origin === 'officer') recordChange(db, 'problem_event', e, e.recordedAt ?? e.at);
  })();
}
