import type { InvestmentEntry } from '@shared/domain/index.js';
import { insertSql, selectSql, whereEqual } from '@shared/records/index.js';
import type { SqliteDatabase } from '../database.js';
import { recordChange } from './change-log.js';

export function listInvestmentEntries(db: SqliteDatabase, projectId?: string): InvestmentEntry[] {
  const { clause, params } = whereEqual({ project_id: projectId });
  return db.prepare(selectSql('investment_entry', 'officer', `${clause} ORDER BY month, recorded_at, id`)).all(...params) as InvestmentEntry[];
}

export function insertInvestmentEntry(db: SqliteDatabase, e: InvestmentEntry): void {
  // The record and its outbox row are one transaction (a savepoint inside a caller's).
  db.transaction(() => {
    db.prepare(insertSql('investment_entry', 'officer')).run(e);
    recordChange(db, 'investment_entry', e, e.recordedAt);
  })();
}
