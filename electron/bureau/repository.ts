import { fromRow, selectSql, toParams, upsertSql, whereEqual } from '@shared/records/index.js';
import type { ChecklistItem, Milestone, Project } from '@shared/domain/index.js';
import type { SqliteDatabase } from '../store/database.js';
import { z } from 'zod';
import type { BureauOfficer as BureauOfficerSchema } from '@shared/operations/bureau.js';
import { readSetting } from '../store/repositories/settings.js';
import { columnsAs, insertNamed, parsedJson } from '../store/row-sql.js';

/**
 * Where the bureau desk keeps its own records and files. Bureau-owned rows (officers, projects, milestones,
 * bureau checklist items) are upserted by import-master; officer-owned rows are folded by ingest (fold.ts).
 * The record kinds' columns and statements come from the record catalogue (shared/records).
 */

export * from './fold.js';

// ── Settings ─────────────────────────────────────────────────────────────────────────────────────────

/** The desks keep settings alike: JSON values under a key (store/repositories/settings.ts). */
export const readBureauSetting = (db: SqliteDatabase, key: string): unknown => readSetting(db, key, z.unknown());
export { writeSetting as writeBureauSetting } from '../store/repositories/settings.js';

// ── Officers ─────────────────────────────────────────────────────────────────────────────────────────

/**
 * An officer as the bureau keeps them. keySource: where the key's PEM came from (a key file, or a packet accepted by a
 * person or on first use by an older desk); keyConfirmed: how a person confirmed it ('read_back': fingerprint read back
 * with the officer), null when never.
 */
export type BureauOfficer = z.infer<typeof BureauOfficerSchema>;

const OFFICER_COLUMNS = columnsAs('id name unit phone publicKeyPem keyFingerprint keySource keyRegisteredAt keyConfirmed createdAt');

export function listOfficers(db: SqliteDatabase): BureauOfficer[] {
  return db.prepare(`SELECT ${OFFICER_COLUMNS} FROM officers ORDER BY unit, name, id`).all() as BureauOfficer[];
}

export function getOfficer(db: SqliteDatabase, id: string): BureauOfficer | undefined {
  return db.prepare(`SELECT ${OFFICER_COLUMNS} FROM officers WHERE id = ?`).get(id) as BureauOfficer | undefined;
}

export function findOfficer(db: SqliteDatabase, name: string, unit: string): BureauOfficer | undefined {
  return db.prepare(`SELECT ${OFFICER_COLUMNS} FROM officers WHERE name = ? AND unit = ?`).get(name, unit) as BureauOfficer | undefined;
}

export function insertOfficer(db: SqliteDatabase, o: Pick<BureauOfficer, 'id' | 'name' | 'unit' | 'phone' | 'createdAt'>): void {
  db.prepare(insertNamed('officers', 'id name unit phone createdAt')).run(o);
}

export function updateOfficerPhone(db: SqliteDatabase, id: string, phone: string): void {
  db.prepare('UPDATE officers SET phone = ? WHERE id = ?').run(phone, id);
}

export function setOfficerKey(
  db: SqliteDatabase,
  id: string,
  key: { pem: string; fingerprint: string; source: 'file' | 'first_packet'; at: string; confirmed: 'file' | 'read_back' } | null,
): void {
  const set = 'public_key_pem = @pem, key_fingerprint = @fingerprint, key_source = @source, key_registered_at = @at, key_confirmed = @confirmed';
  db.prepare(`UPDATE officers SET ${set} WHERE id = @id`).run({ ...(key ?? { pem: null, fingerprint: null, source: null, at: null, confirmed: null }), id });
}

// ── Projects and their history ───────────────────────────────────────────────────────────────────────

export interface BureauProject extends Project {
  checklistSource: string;
  masterRow: number | null;
}

export function listBureauProjects(db: SqliteDatabase, options: { includeArchived?: boolean; officerId?: string } = {}): BureauProject[] {
  const { clause, params } = whereEqual({ officer_id: options.officerId }, options.includeArchived ? [] : ['archived_at IS NULL']);
  const rows = db.prepare(selectSql('project', 'bureau', `${clause} ORDER BY code`, { state: true })).all(...params) as Record<string, unknown>[];
  return rows.map((r) => fromRow<BureauProject>('project', r));
}

export function getBureauProject(db: SqliteDatabase, id: string): BureauProject | undefined {
  const row = db.prepare(selectSql('project', 'bureau', 'WHERE id = ?', { state: true })).get(id) as Record<string, unknown> | undefined;
  return row ? fromRow<BureauProject>('project', row) : undefined;
}

export function upsertBureauProject(db: SqliteDatabase, p: BureauProject): void {
  db.prepare(upsertSql('project', 'bureau', { state: true })).run(toParams('project', p));
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
  const sql = insertNamed('project_revisions', 'projectId importId change oldValues newValues changedAt');
  db.prepare(sql).run({ ...r, oldValues: JSON.stringify(r.oldValues), newValues: JSON.stringify(r.newValues) });
}

export function listProjectRevisions(db: SqliteDatabase, projectId?: string): ProjectRevision[] {
  const { clause, params } = whereEqual({ project_id: projectId });
  const columns = columnsAs('id projectId importId change oldValues newValues changedAt');
  const rows = db.prepare(`SELECT ${columns} FROM project_revisions ${clause} ORDER BY id`).all(...params);
  return parsedJson<ProjectRevision>(rows, 'oldValues newValues');
}

type ImportCounts = Record<'rows' | 'added' | 'updated' | 'unchanged' | 'withdrawn' | 'restored', number>;

export function insertMasterImport(db: SqliteDatabase, m: { id: string; fileName: string; sha256: string; importedAt: string } & ImportCounts): void {
  db.prepare(insertNamed('master_imports', 'id fileName sha256 importedAt rows added updated unchanged withdrawn restored')).run(m);
}

// ── Milestones and checklist items (bureau plan) ─────────────────────────────────────────────────────

export interface BureauMilestone extends Milestone {
  withdrawnAt: string | null;
}

export function listBureauMilestones(db: SqliteDatabase, projectId?: string): BureauMilestone[] {
  const { clause, params } = whereEqual({ project_id: projectId });
  return db
    .prepare(selectSql('milestone', 'bureau', `${clause} ORDER BY project_id, sort_order, planned_on, id`, { state: true }))
    .all(...params) as BureauMilestone[];
}

export function upsertBureauMilestone(db: SqliteDatabase, m: BureauMilestone): void {
  db.prepare(upsertSql('milestone', 'bureau', { state: true })).run(toParams('milestone', m));
}

export function listBureauChecklistItems(db: SqliteDatabase, options: { projectId?: string; origin?: 'bureau' | 'officer' } = {}): ChecklistItem[] {
  const { clause, params } = whereEqual({ project_id: options.projectId, origin: options.origin });
  return db.prepare(selectSql('checklist_item', 'bureau', `${clause} ORDER BY project_id, sort_order, due_on, id`)).all(...params) as ChecklistItem[];
}

export function upsertBureauChecklistItem(db: SqliteDatabase, item: ChecklistItem): void {
  db.prepare(upsertSql('checklist_item', 'bureau')).run(toParams('checklist_item', item));
}

// ── Assignments and received packets ─────────────────────────────────────────────────────────────────

export function lastAssignmentSequence(db: SqliteDatabase, officerId: string): number {
  return (db.prepare('SELECT coalesce(max(sequence), 0) AS n FROM assignments WHERE officer_id = ?').get(officerId) as { n: number }).n;
}

export interface AssignmentRow {
  officerId: string;
  sequence: number;
  packetId: string;
  createdAt: string;
  fileName: string;
  sha256: string;
  acknowledgedSequence: number;
  projects: number;
}

export function insertAssignment(db: SqliteDatabase, a: AssignmentRow): void {
  db.prepare(insertNamed('assignments', 'officerId sequence packetId createdAt fileName sha256 acknowledgedSequence projects')).run(a);
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

const PACKET_FIELDS = 'packetId officerId sequence sha256 fileName createdAt receivedAt counts keyFingerprint';

export function getReceivedPacket(db: SqliteDatabase, packetId: string): ReceivedPacket | undefined {
  const columns = columnsAs(`${PACKET_FIELDS} voidedAt voidedReason`);
  const row = db.prepare(`SELECT ${columns} FROM received_packets WHERE packet_id = ?`).get(packetId) as Record<string, unknown> | undefined;
  return row ? parsedJson<ReceivedPacket>([row], 'counts')[0] : undefined;
}

export function insertReceivedPacket(db: SqliteDatabase, p: ReceivedPacket): void {
  db.prepare(insertNamed('received_packets', PACKET_FIELDS)).run({ ...p, counts: JSON.stringify(p.counts), keyFingerprint: p.keyFingerprint ?? null });
}

/**
 * The acknowledgement an assignment carries: the highest weekly-packet sequence received from the officer
 * and still valid (a voided packet, from a replaced or rejected key, is acknowledged by nobody).
 */
export function highestReceivedSequence(db: SqliteDatabase, officerId: string): number {
  return (db.prepare('SELECT coalesce(max(sequence), 0) AS n FROM received_packets WHERE officer_id = ? AND voided_at IS NULL').get(officerId) as { n: number })
    .n;
}

export function countReceivedPackets(db: SqliteDatabase, officerId: string): number {
  return (db.prepare('SELECT count(*) AS n FROM received_packets WHERE officer_id = ? AND voided_at IS NULL').get(officerId) as { n: number }).n;
}
