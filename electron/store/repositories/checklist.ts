import type { ChecklistEvent, ChecklistItem } from '@shared/domain/index.js';
import { selectList, selectSql, upsertSql } from '@shared/records/index.js';
import type { SqliteDatabase } from '../database.js';
import { writeLogged } from './change-log.js';

export function listChecklistItems(db: SqliteDatabase, projectId: string): ChecklistItem[] {
  return db.prepare(selectSql('checklist_item', 'officer', 'WHERE project_id = ? ORDER BY sort_order, due_on')).all(projectId) as ChecklistItem[];
}

export function getChecklistItem(db: SqliteDatabase, id: string): ChecklistItem | undefined {
  return db.prepare(selectSql('checklist_item', 'officer', 'WHERE id = ?')).get(id) as ChecklistItem | undefined;
}

/** Overwrites only a bureau item (the assignment import writes them); never an officer's own. */
export const UPSERT_BUREAU_ITEM = upsertSql('checklist_item', 'officer', { where: "checklist_items.origin = 'bureau'" });

/** Bureau items are written by the assignment import; an officer's own item is also logged for the packet. */
export function upsertChecklistItem(db: SqliteDatabase, item: ChecklistItem, loggedAt?: string): void {
  writeLogged(db, 'checklist_item', item, item.origin === 'officer' && loggedAt ? loggedAt : undefined, UPSERT_BUREAU_ITEM);
}

export function listChecklistEvents(db: SqliteDatabase, projectId: string): ChecklistEvent[] {
  return db
    .prepare(
      `SELECT ${selectList('checklist_event', 'officer', { alias: 'e' })} FROM checklist_events e JOIN checklist_items i ON i.id = e.item_id
       WHERE i.project_id = ? ORDER BY e.recorded_at, e.id`,
    )
    .all(projectId) as ChecklistEvent[];
}

export function insertChecklistEvent(db: SqliteDatabase, e: ChecklistEvent): void {
  writeLogged(db, 'checklist_event', e, e.recordedAt);
}
