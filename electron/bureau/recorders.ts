import { entryOf, recorderOf } from '@shared/records/index.js';
import type { SqliteDatabase } from '../store/database.js';
import type { FoldEntity } from './fold.js';

/**
 * Who recorded a folded record, as the bureau shows it (issue 9, point 1): the officer who signed the packet
 * that delivered it, by the name the bureau knows them by. The name written inside the record is the
 * sender's claim; it stays in the table as received (the union by id compares records as sent) but is never
 * shown as the recorder. Bureau records (no sender) keep their own name.
 */

/** Record id → the bureau's name for the officer who delivered it, for every record of `entity` a packet delivered. */
export function signerNames(db: SqliteDatabase, entity: FoldEntity): Map<string, string> {
  const rows = db.prepare(`SELECT t.id AS id, o.name AS name FROM ${entryOf(entity).table} t JOIN officers o ON o.id = t.officer_id`).all() as {
    id: string;
    name: string;
  }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The records with their recorder replaced by the signing officer's name (records of the bureau unchanged). */
export function withSigningRecorder<T extends { id: string }>(db: SqliteDatabase, entity: FoldEntity, records: readonly T[]): T[] {
  const field = recorderOf(entity);
  if (!field || records.length === 0) return [...records];
  const names = signerNames(db, entity);
  return records.map((r) => {
    const name = names.get(r.id);
    return name === undefined ? r : { ...r, [field]: name };
  });
}
