import type { Attachment, Visit } from '@shared/domain/index.js';
import type { SqliteDatabase } from '../database.js';
import { recordChange } from './change-log.js';

const VISIT_COLUMNS = `id, project_id AS projectId, visited_on AS visitedOn, kind, participants, summary, findings,
  follow_ups AS followUps, recorded_at AS recordedAt, recorded_by AS recordedBy`;

export function listVisits(db: SqliteDatabase, projectId?: string): Visit[] {
  const where = projectId ? 'WHERE project_id = ?' : '';
  const stmt = db.prepare(`SELECT ${VISIT_COLUMNS} FROM visits ${where} ORDER BY visited_on DESC, recorded_at DESC`);
  return (projectId ? stmt.all(projectId) : stmt.all()) as Visit[];
}

export function insertVisit(db: SqliteDatabase, v: Visit): void {
  // The record and its outbox row are one transaction (a savepoint inside a caller's).
  db.transaction(() => {
    db.prepare(
      `INSERT INTO visits (id, project_id, visited_on, kind, participants, summary, findings, follow_ups, recorded_at, recorded_by)
       VALUES (@id, @projectId, @visitedOn, @kind, @participants, @summary, @findings, @followUps, @recordedAt, @recordedBy)`,
    ).run(v);
    recordChange(db, 'visit', v, v.recordedAt);
  })();
}

/** Latest visit day per project, for "days since last visit". */
export function lastVisitDays(db: SqliteDatabase): Map<string, string> {
  const rows = db.prepare('SELECT project_id AS projectId, max(visited_on) AS last FROM visits GROUP BY project_id').all() as {
    projectId: string;
    last: string;
  }[];
  return new Map(rows.map((r) => [r.projectId, r.last]));
}

const ATTACHMENT_COLUMNS = `id, owner_kind AS ownerKind, owner_id AS ownerId, file_name AS fileName, mime_type AS mimeType,
  sha256, bytes, width, height, recorded_at AS recordedAt, taken_at AS takenAt, latitude, longitude`;

type AttachmentRow = Omit<Attachment, 'takenAt' | 'latitude' | 'longitude'> & { takenAt: string | null; latitude: number | null; longitude: number | null };

/** A row as the record: the photo's time and place only when it had them (absent, not null, as in packets). */
function attachmentOf(row: AttachmentRow): Attachment {
  const { takenAt, latitude, longitude, ...rest } = row;
  return { ...rest, ...(takenAt !== null ? { takenAt } : {}), ...(latitude !== null && longitude !== null ? { latitude, longitude } : {}) };
}

export function listAttachments(db: SqliteDatabase, ownerKind: Attachment['ownerKind'], ownerIds: readonly string[]): Attachment[] {
  if (ownerIds.length === 0) return [];
  const placeholders = ownerIds.map(() => '?').join(',');
  const rows = db
    .prepare(`SELECT ${ATTACHMENT_COLUMNS} FROM attachments WHERE owner_kind = ? AND owner_id IN (${placeholders}) ORDER BY recorded_at, id`)
    .all(ownerKind, ...ownerIds) as AttachmentRow[];
  return rows.map(attachmentOf);
}

export function getAttachment(db: SqliteDatabase, id: string): Attachment | undefined {
  const row = db.prepare(`SELECT ${ATTACHMENT_COLUMNS} FROM attachments WHERE id = ?`).get(id) as AttachmentRow | undefined;
  return row ? attachmentOf(row) : undefined;
}

export function insertAttachment(db: SqliteDatabase, a: Attachment): void {
  // The record and its outbox row are one transaction (a savepoint inside a caller's).
  db.transaction(() => {
    db.prepare(
      `INSERT INTO attachments (id, owner_kind, owner_id, file_name, mime_type, sha256, bytes, width, height, recorded_at, taken_at, latitude, longitude)
       VALUES (@id, @ownerKind, @ownerId, @fileName, @mimeType, @sha256, @bytes, @width, @height, @recordedAt, @takenAt, @latitude, @longitude)`,
    ).run({ ...a, takenAt: a.takenAt ?? null, latitude: a.latitude ?? null, longitude: a.longitude ?? null });
    recordChange(db, 'attachment', a, a.recordedAt);
  })();
}
