import type { Attachment, Visit } from '@shared/domain/index.js';
import { fromRow, selectSql, whereEqual } from '@shared/records/index.js';
import type { SqliteDatabase } from '../database.js';
import { writeLogged } from './change-log.js';

export function listVisits(db: SqliteDatabase, projectId?: string): Visit[] {
  const { clause, params } = whereEqual({ project_id: projectId });
  return db.prepare(selectSql('visit', 'officer', `${clause} ORDER BY visited_on DESC, recorded_at DESC`)).all(...params) as Visit[];
}

export function insertVisit(db: SqliteDatabase, v: Visit): void {
  writeLogged(db, 'visit', v, v.recordedAt);
}

/** Latest visit day per project, for "days since last visit". */
export function lastVisitDays(db: SqliteDatabase): Map<string, string> {
  const rows = db.prepare('SELECT project_id AS projectId, max(visited_on) AS last FROM visits GROUP BY project_id').all() as {
    projectId: string;
    last: string;
  }[];
  return new Map(rows.map((r) => [r.projectId, r.last]));
}

/** A row as the record: the photo's time and place only when it had them (absent, not null, as in packets). */
const attachmentOf = (row: Record<string, unknown>) => fromRow<Attachment>('attachment', row);

export function listAttachments(db: SqliteDatabase, ownerKind: Attachment['ownerKind'], ownerIds: readonly string[]): Attachment[] {
  if (ownerIds.length === 0) return [];
  const placeholders = ownerIds.map(() => '?').join(',');
  const rows = db
    .prepare(selectSql('attachment', 'officer', `WHERE owner_kind = ? AND owner_id IN (${placeholders}) ORDER BY recorded_at, id`))
    .all(ownerKind, ...ownerIds) as Record<string, unknown>[];
  return rows.map(attachmentOf);
}

export function getAttachment(db: SqliteDatabase, id: string): Attachment | undefined {
  const row = db.prepare(selectSql('attachment', 'officer', 'WHERE id = ?')).get(id) as Record<string, unknown> | undefined;
  return row ? attachmentOf(row) : undefined;
}

export function insertAttachment(db: SqliteDatabase, a: Attachment): void {
  writeLogged(db, 'attachment', a, a.recordedAt);
}
