import type { InvestmentEntry } from '@shared/domain/index.js';
import { selectSql, whereEqual } from '@shared/records/index.js';
import type { SqliteDatabase } from '../database.js';
import { writeLogged } from './change-log.js';

export function listInvestmentEntries(db: SqliteDatabase, projectId?: string): InvestmentEntry[] {
  const { clause, params } = whereEqual({ project_id: projectId });
  return db.prepare(selectSql('investment_entry', 'officer', `${clause} ORDER BY month, recorded_at, id`)).all(...params) as InvestmentEntry[];
}

export function insertInvestmentEntry(db: SqliteDatabase, e: InvestmentEntry): void {
  writeLogged(db, 'investment_entry', e, e.recordedAt);
}
