import type { ProblemEvent } from '@shared/domain/index.js';
import { compareProblemEvents, deriveProblemState } from '@shared/rules/index.js';
import type { SqliteDatabase } from '../database.js';

/**
 * The `problem_status` read model (migration 8): triggers apply steps that arrive in order; a step that
 * arrives out of order, and every row of a store just upgraded, is left NULL and derived here, by the rule
 * itself, before any read that counts or filters by status. Usually there is nothing to do (one indexed
 * probe); after a merged packet, only the problems it touched.
 */
const CHUNK = 500;

export function refreshProblemStatus(db: SqliteDatabase): number {
  const stale = db.prepare('SELECT problem_id FROM problem_status WHERE status IS NULL').pluck().all() as string[];
  if (stale.length === 0) return 0;
  const update = db.prepare(
    `UPDATE problem_status SET status = @status, department = @department, moved_at = coalesce(@lastAt, (SELECT recorded_at FROM problems WHERE id = @id)),
       last_at = @lastAt, last_id = @lastId WHERE problem_id = @id`,
  );
  const initial = db.prepare('SELECT responsible_department FROM problems WHERE id = ?').pluck();
  db.transaction(() => {
    for (let i = 0; i < stale.length; i += CHUNK) {
      const ids = stale.slice(i, i + CHUNK);
      const marks = ids.map(() => '?').join(',');
      const events = db
        .prepare(`SELECT id, problem_id AS problemId, action, at, department FROM problem_events WHERE problem_id IN (${marks}) ORDER BY problem_id, at, id`)
        .all(...ids) as Pick<ProblemEvent, 'id' | 'problemId' | 'action' | 'at' | 'department'>[];
      const byProblem = new Map<string, ProblemEvent[]>();
      for (const e of events) {
        const list = byProblem.get(e.problemId);
        if (list) list.push(e as ProblemEvent);
        else byProblem.set(e.problemId, [e as ProblemEvent]);
      }
      for (const id of ids) {
        const own = (byProblem.get(id) ?? []).sort(compareProblemEvents);
        const { status, responsibleDepartment } = deriveProblemState((initial.get(id) as string | undefined) ?? '', own);
        const last = own.at(-1);
        update.run({ status, department: responsibleDepartment, lastAt: last?.at ?? null, lastId: last?.id ?? null, id });
      }
    }
  })();
  return stale.length;
}
