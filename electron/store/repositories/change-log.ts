import { insertSql, toParams, type WeeklyKind } from '@shared/records/index.js';
import type { SqliteDatabase } from '../database.js';

/** Kinds of officer-owned record the weekly packet carries (the record catalogue's, shared/records). */
export type ChangeEntity = WeeklyKind;

export interface ChangeRow {
  seq: number;
  entity: ChangeEntity;
  recordId: string;
  recordedAt: string;
  payload: unknown;
}

/**
 * Appends to the outbox. Call inside the same transaction as the write it describes, so a record and its
 * change-log row exist together or not at all. Records are immutable, so one row per record suffices.
 */
export function recordChange(db: SqliteDatabase, entity: ChangeEntity, record: { id: string }, recordedAt: string): void {
  // Not `ON CONFLICT DO NOTHING`: with AUTOINCREMENT that still uses up a seq number, leaving gaps in the
  // outbox that would look like lost changes. Checking first keeps seq contiguous and a repeat a true no-op.
  db.prepare(
    `INSERT INTO change_log (entity, record_id, recorded_at, payload) SELECT ?, ?, ?, ?
     WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE entity = ? AND record_id = ?)`,
  ).run(entity, record.id, recordedAt, JSON.stringify(record), entity, record.id);
}

/**
 * Writes a record (the record catalogue's INSERT unless `sql` says otherwise) and, when `loggedAt` is given, its
 * outbox row, in one transaction (a savepoint inside a caller's).
 */
export function writeLogged(db: SqliteDatabase, entity: ChangeEntity, record: { id: string }, loggedAt?: string, sql = insertSql(entity, 'officer')): void {
  db.transaction(() => {
    db.prepare(sql).run(toParams(entity, record));
    if (loggedAt !== undefined) recordChange(db, entity, record, loggedAt);
  })();
}

export function changesAfter(db: SqliteDatabase, afterSeq: number, limit = Number.MAX_SAFE_INTEGER): ChangeRow[] {
  const rows = db
    .prepare('SELECT seq, entity, record_id AS recordId, recorded_at AS recordedAt, payload FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?')
    .all(afterSeq, limit) as (Omit<ChangeRow, 'payload'> & { payload: string })[];
  return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as unknown }));
}

export function countChangesAfter(db: SqliteDatabase, afterSeq: number): number {
  return (db.prepare('SELECT count(*) AS n FROM change_log WHERE seq > ?').get(afterSeq) as { n: number }).n;
}

export function lastChangeSeq(db: SqliteDatabase): number {
  return (db.prepare('SELECT coalesce(max(seq), 0) AS n FROM change_log').get() as { n: number }).n;
}
