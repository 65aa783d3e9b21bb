import type { InvestmentEntry } from '@shared/domain/index.js';
import type { SqliteDatabase } from '../database.js';
import { recordChange } from './change-log.js';

const COLUMNS = 'id, project_id AS projectId, month, amount, recorded_at AS recordedAt, recorded_by AS recordedBy';

export function listInvestmentEntries(db: SqliteDatabase, projectId?: string): InvestmentEntry[] {
  const where = projectId ? 'WHERE project_id = ?' : '';
  const stmt = db.prepare(`SELECT ${COLUMNS} FROM investment_entries ${where} ORDER BY month, recorded_at, id`);
  return (projectId ? stmt.all(projectId) : stmt.all()) as InvestmentEntry[];
}

export function insertInvestmentEntry(db: SqliteDatabase, e: InvestmentEntry): void {
  // The record and its outbox row are one transaction (a savepoint inside a caller's).
  db.transaction(() => {
    db.prepare(
      `INSERT INTO investment_entries (id, project_id, month, amount, recorded_at, recorded_by)
       VALUES (@id, @projectId, @month, @amount, @recordedAt, @recordedBy)`,
    ).run(e);
    recordChange(db, 'investment_entry', e, e.recordedAt);
  })();
}
