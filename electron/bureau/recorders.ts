import { entryOf, recorderOf } from '@shared/records/index.js';
import type { SqliteDatabase } from '../store/database.js';
import type { FoldEntity } from './fold.js';

/**
 * Who recorded a folded record, as the bureau shows it (issue 9, point 1): the officer who signed the packet
 * that delivered it, by the name the bureau knows them by. The name written inside the record is the
 * sender's claim; it stays in the table as received (the union by id compares records as sent) but is never
 * shown as the recorder. Bureau records (no sender) keep their own name.
 */

/** The records with their recorder replaced by the signing officer's name (records of the bureau unchanged). */
export function withSigningRecorder<T extends { id: string }>(db: SqliteDatabase, entity: FoldEntity, records: readonly T[]): T[] {
  const field = recorderOf(entity);
  if (!field || records.length === 0) return [...records];
  // Record id → the bureau's name for the officer whose packet delivered it.
  const signers = db.prepare(`SELECT t.id, o.name FROM ${entryOf(entity).table} t JOIN officers o ON o.id = t.officer_id`).all() as {
    id: string;
    name: string;
  }[];
  const names = new Map(signers.map((r) => [r.id, r.name]));
  return records.map((r) => {
    const name = names.get(r.id);
    return name === undefined ? r : { ...r, [field]: name };
  });
}
