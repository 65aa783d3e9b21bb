import { fromRow, selectSql, toParams, upsertSql, whereEqual } from '@shared/records/index.js';
import type { ChecklistItem, Milestone, Project } from '@shared/domain/index.js';
import type { SqliteDatabase } from '../store/database.js';
import { cached } from './statements.js';

/**
 * Where the bureau desk keeps its own records and files. Bureau-owned rows (officers, projects, milestones,
 * bureau checklist items) are upserted by import-master; officer-owned rows are folded by ingest (fold.ts).
 * The record kinds' columns and statements come from the record catalogue (shared/records).
 */

export { cached } from './statements.js';
export * from './fold.js';

// ── Settings ─────────────────────────────────────────────────────────────────────────────────────────

export function readBureauSetting(db: SqliteDatabase, key: string): unknown {
  const row = cached(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as unknown) : null;
}

export function writeBureauSetting(db: SqliteDatabase, key: string, value: unknown): void {
  cached(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}

// ── Officers ─────────────────────────────────────────────────────────────────────────────────────────

export interface BureauOfficer {
  id: string;
  name: string;
  unit: string;
  phone: string;
  publicKeyPem: string | null;
  keyFingerprint: string | null;
  /** Where the key's PEM came from: a key file, or a packet (accepted by a person, or on first use by an older desk). */
  keySource: 'file' | 'first_packet' | null;
  keyRegisteredAt: string | null;
  /** How a person confirmed it: 'file', 'read_back' (fingerprint read back with the officer); null: never confirmed. */
  keyConfirmed: 'file' | 'read_back' | null;
  createdAt: string;
}

const OFFICER_COLUMNS = `id, name, unit, phone, public_key_pem AS publicKeyPem, key_fingerprint AS keyFingerprint,
  key_source AS keySource, key_registered_at AS keyRegisteredAt, key_confirmed AS keyConfirmed, created_at AS createdAt`;

export function listOfficers(db: SqliteDatabase): BureauOfficer[] {
  return cached(db, `SELECT ${OFFICER_COLUMNS} FROM officers ORDER BY unit, name, id`).all() as BureauOfficer[];
}

export function getOfficer(db: SqliteDatabase, id: string): BureauOfficer | undefined {
  return cached(db, `SELECT ${OFFICER_COLUMNS} FROM officers WHERE id = ?`).get(id) as BureauOfficer | undefined;
}

export function findOfficer(db: SqliteDatabase, name: string, unit: string): BureauOfficer | undefined {
  return cached(db, `SELECT ${OFFICER_COLUMNS} FROM officers WHERE name = ? AND unit = ?`).get(name, unit) as BureauOfficer | undefined;
}

export function insertOfficer(db: SqliteDatabase, o: Pick<BureauOfficer, 'id' | 'name' | 'unit' | 'phone' | 'createdAt'>): void {
  cached(db, 'INSERT INTO officers (id, name, unit, phone, created_at) VALUES (@id, @name, @unit, @phone, @createdAt)').run(o);
}

export function updateOfficerPhone(db: SqliteDatabase, id: string, phone: string): void {
  cached(db, 'UPDATE officers SET phone = ? WHERE id = ?').run(phone, id);
}

export function setOfficerKey(
  db: SqliteDatabase,
  id: string,
  key: { pem: string; fingerprint: string; source: 'file' | 'first_packet'; at: string; confirmed: 'file' | 'read_back' } | null,
): void {
  cached(db, 'UPDATE officers SET public_key_pem = ?, key_fingerprint = ?, key_source = ?, key_registered_at = ?, key_confirmed = ? WHERE id = ?').run(
    key?.pem ?? null,
    key?.fingerprint ?? null,
    key?.source ?? null,
    key?.at ?? null,
    key?.confirmed ?? null,
    id,
  );
}

// ── Projects and their history ───────────────────────────────────────────────────────────────────────

export interface BureauProject extends Project {
  checklistSource: string;
  masterRow: number | null;
}

export function listBureauProjects(db: SqliteDatabase, options: { includeArchived?: boolean; officerId?: string } = {}): BureauProject[] {
  const { clause, params } = whereEqual({ officer_id: options.officerId }, options.includeArchived ? [] : ['archived_at IS NULL']);
  const rows = cached(db, selectSql('project', 'bureau', `${clause} ORDER BY code`, { state: true })).all(...params) as Record<string, unknown>[];
  return rows.map((r) => fromRow<BureauProject>('project', r));
}

export function getBureauProject(db: SqliteDatabase, id: string): BureauProject | undefined {
  const row = cached(db, selectSql('project', 'bureau', 'WHERE id = ?', { state: true })).get(id) as Record<string, unknown> | undefined;
  return row ? fromRow<BureauProject>('project', row) : undefined;
}

export function upsertBureauProject(db: SqliteDatabase, p: BureauProject): void {
  cached(db, upsertSql('project', 'bureau', { state: true })).run(toParams('project', p));
}

export interface ProjectRevision {
  id: number;
  projectId: string;
  importId: string;
  change: 'added' | 'updated' | 'withdrawn' | 'restored';
  oldValues: Record<string, unknown>;
  newValues: Record<string, unknown>;
  changedAt: string;
}

export function insertProjectRevision(db: SqliteDatabase, r: Omit<ProjectRevision, 'id'>): void {
  cached(
    db,
    `INSERT INTO project_revisions (project_id, import_id, change, old_values, new_values, changed_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(r.projectId, r.importId, r.change, JSON.stringify(r.oldValues), JSON.stringify(r.newValues), r.changedAt);
}

export function listProjectRevisions(db: SqliteDatabase, projectId?: string): ProjectRevision[] {
  const where = projectId ? 'WHERE project_id = ?' : '';
  const stmt = cached(
    db,
    `SELECT id, project_id AS projectId, import_id AS importId, change, old_values AS oldValues, new_values AS newValues,
       changed_at AS changedAt FROM project_revisions ${where} ORDER BY id`,
  );
  const rows = (projectId ? stmt.all(projectId) : stmt.all()) as (Omit<ProjectRevision, 'oldValues' | 'newValues'> & {
    oldValues: string;
    newValues: string;
  })[];
  return rows.map((r) => ({
    ...r,
    oldValues: JSON.parse(r.oldValues) as Record<string, unknown>,
    newValues: JSON.parse(r.newValues) as Record<string, unknown>,
  }));
}

export function insertMasterImport(
  db: SqliteDatabase,
  m: {
    id: string;
    fileName: string;
    sha256: string;
    importedAt: string;
    rows: number;
    added: number;
    updated: number;
    unchanged: number;
    withdrawn: number;
    restored: number;
  },
): void {
  cached(
    db,
    `INSERT INTO master_imports (id, file_name, sha256, imported_at, rows, added, updated, unchanged, withdrawn, restored)
     VALUES (@id, @fileName, @sha256, @importedAt, @rows, @added, @updated, @unchanged, @withdrawn, @restored)`,
  ).run(m);
}

// ── Milestones and checklist items (bureau plan) ─────────────────────────────────────────────────────

export interface BureauMilestone extends Milestone {
  withdrawnAt: string | null;
}

export function listBureauMilestones(db: SqliteDatabase, projectId?: string): BureauMilestone[] {
  const { clause, params } = whereEqual({ project_id: projectId });
  return cached(db, selectSql('milestone', 'bureau', `${clause} ORDER BY project_id, sort_order, planned_on, id`, { state: true })).all(
    ...params,
  ) as BureauMilestone[];
}

export function upsertBureauMilestone(db: SqliteDatabase, m: BureauMilestone): void {
  cached(db, upsertSql('milestone', 'bureau', { state: true })).run(toParams('milestone', m));
}

export function listBureauChecklistItems(db: SqliteDatabase, options: { projectId?: string; origin?: 'bureau' | 'officer' } = {}): ChecklistItem[] {
  const { clause, params } = whereEqual({ project_id: options.projectId, origin: options.origin });
  return cached(db, selectSql('checklist_item', 'bureau', `${clause} ORDER BY project_id, sort_order, due_on, id`)).all(...params) as ChecklistItem[];
}

export function upsertBureauChecklistItem(db: SqliteDatabase, item: ChecklistItem): void {
  cached(db, upsertSql('checklist_item', 'bureau')).run(toParams('checklist_item', item));
}

// ── Assignments and received packets ─────────────────────────────────────────────────────────────────

export function lastAssignmentSequence(db: SqliteDatabase, officerId: string): number {
  return (cached(db, 'SELECT coalesce(max(sequence), 0) AS n FROM assignments WHERE officer_id = ?').get(officerId) as { n: number }).n;
}

export function insertAssignment(
  db: SqliteDatabase,
  a: {
    officerId: string;
    sequence: number;
    packetId: string;
    createdAt: string;
    fileName: string;
    sha256: string;
    acknowledgedSequence: number;
    projects: number;
  },
): void {
  cached(
    db,
    `INSERT INTO assignments (officer_id, sequence, packet_id, created_at, file_name, sha256, acknowledged_sequence, projects)
     VALUES (@officerId, @sequence, @packetId, @createdAt, @fileName, @sha256, @acknowledgedSequence, @projects)`,
  ).run(a);
}

export interface ReceivedPacket {
  packetId: string;
  officerId: string;
  sequence: number;
  sha256: string;
  fileName: string;
  createdAt: string;
  receivedAt: string;
  counts: Record<string, unknown>;
  /** The key that signed it (null: folded before the desk recorded it). */
  keyFingerprint?: string | null;
  /** Set when the packet's key was replaced or rejected: its records are kept aside in voided_records. */
  voidedAt?: string | null;
  voidedReason?: string | null;
}

export function getReceivedPacket(db: SqliteDatabase, packetId: string): ReceivedPacket | undefined {
  const row = db
    .prepare(
      `SELECT packet_id AS packetId, officer_id AS officerId, sequence, sha256, file_name AS fileName, created_at AS createdAt,
         received_at AS receivedAt, counts, key_fingerprint AS keyFingerprint, voided_at AS voidedAt, voided_reason AS voidedReason
       FROM received_packets WHERE packet_id = ?`,
    )
    .get(packetId) as (Omit<ReceivedPacket, 'counts'> & { counts: string }) | undefined;
  return row ? { ...row, counts: JSON.parse(row.counts) as Record<string, unknown> } : undefined;
}

export function insertReceivedPacket(db: SqliteDatabase, p: ReceivedPacket): void {
  cached(
    db,
    `INSERT INTO received_packets (packet_id, officer_id, sequence, sha256, file_name, created_at, received_at, counts, key_fingerprint)
     VALUES (@packetId, @officerId, @sequence, @sha256, @fileName, @createdAt, @receivedAt, @counts, @keyFingerprint)`,
  ).run({
    packetId: p.packetId,
    officerId: p.officerId,
    sequence: p.sequence,
    sha256: p.sha256,
    fileName: p.fileName,
    createdAt: p.createdAt,
    receivedAt: p.receivedAt,
    counts: JSON.stringify(p.counts),
    keyFingerprint: p.keyFingerprint ?? null,
  });
}

/**
 * The acknowledgement an assignment carries: the highest weekly-packet sequence received from the officer
 * and still valid (a voided packet, from a replaced or rejected key, is acknowledged by nobody).
 */
export function highestReceivedSequence(db: SqliteDatabase, officerId: string): number {
  return (cached(db, 'SELECT coalesce(max(sequence), 0) AS n FROM received_packets WHERE officer_id = ? AND voided_at IS NULL').get(officerId) as { n: number })
    .n;
}

export function countReceivedPackets(db: SqliteDatabase, officerId: string): number {
  return (cached(db, 'SELECT count(*) AS n FROM received_packets WHERE officer_id = ? AND voided_at IS NULL').get(officerId) as { n: number }).n;
}
