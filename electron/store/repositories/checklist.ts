import type { ChecklistEvent, ChecklistItem } from '@shared/domain/index.js';
import type { SqliteDatabase } from '../database.js';
import { recordChange } from './change-log.js';

const ITEM_COLUMNS = `id, project_id AS projectId, stage, title, due_on AS dueOn, sort_order AS sortOrder, origin, withdrawn_at AS withdrawnAt`;
const EVENT_COLUMNS = `e.id, e.item_id AS itemId, e.action, e.effective_on AS effectiveOn, e.note,
  e.attachment_id AS attachmentId, e.recorded_at AS recordedAt, e.recorded_by AS recordedBy`;

export function listChecklistItems(db: SqliteDatabase, projectId: string): ChecklistItem[] {
  return db.prepare(`SELECT ${ITEM_COLUMNS} FROM checklist_items WHERE project_id = ? ORDER BY sort_order, due_on`).all(projectId) as ChecklistItem[];
}

export function getChecklistItem(db: SqliteDatabase, id: string): ChecklistItem | undefined {
  return db.prepare(`SELECT ${ITEM_COLUMNS} FROM checklist_items WHERE id = ?`).get(id) as ChecklistItem | undefined;
}

/** Bureau items are written by the assignment import; an officer's own item is also logged for the packet. */
export function upsertChecklistItem(db: SqliteDatabase, item: ChecklistItem, loggedAt?: string): void {
  // The record and its outbox row are one transaction (a savepoint inside a caller's).
  db.transaction(() => {
    db.prepare(
      `INSERT INTO checklist_items (id, project_id, stage, title, due_on, sort_order, origin, withdrawn_at)
       VALUES (@id, @projectId, @stage, @title, @dueOn, @sortOrder, @origin, @withdrawnAt)
       ON CONFLICT (id) DO UPDATE SET stage = excluded.stage, title = excluded.title, due_on = excluded.due_on,
         sort_order = excluded.sort_order, withdrawn_at = excluded.withdrawn_at
       WHERE checklist_items.origin = 'bureau'`,
    ).run(item);
    if (item.origin === 'officer' && loggedAt) recordChange(db, 'checklist_item', item, loggedAt);
  })();
}

export function listChecklistEvents(db: SqliteDatabase, projectId: string): ChecklistEvent[] {
  return db
    .prepare(
      `SELECT ${EVENT_COLUMNS} FROM checklist_events e JOIN checklist_items i ON i.id = e.item_id
       WHERE i.project_id = ? ORDER BY e.recorded_at, e.id`,
    )
    .all(projectId) as ChecklistEvent[];
}

export function insertChecklistEvent(db: SqliteDatabase, e: ChecklistEvent): void {
  // The record and its outbox row are one transaction (a savepoint inside a caller's).
  db.transaction(() => {
    db.prepare(
      `INSERT INTO checklist_events (id, item_id, action, effective_on, note, attachment_id, recorded_at, recorded_by)
       VALUES (@id, @itemId, @action, @effectiveOn, @note, @attachmentId, @recordedAt, @recordedBy)`,
    ).run(e);
    recordChange(db, 'checklist_event', e, e.recordedAt);
  })();
}
