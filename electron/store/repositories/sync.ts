import { z } from 'zod';
import type { ExportRecord } from '@shared/operations/sync.js';
import type { SqliteDatabase } from '../database.js';
import { columnsAs, insertNamed } from '../row-sql.js';
import { readSetting } from './settings.js';

/** Rows of the sync tables (migration 002): assignments applied, packets exported, conflicts. */

export interface AssignmentImportRow {
  packetId: string;
  sequence: number;
  officerId: string;
  manifestSha256: string;
  fileName: string;
  fileSha256: string;
  createdAt: string;
  appliedAt: string;
  acknowledgedWeeklySequence: number;
  summary: string;
  backupPath: string | null;
}

const IMPORT_FIELDS = 'packetId sequence officerId manifestSha256 fileName fileSha256 createdAt appliedAt acknowledgedWeeklySequence summary backupPath';
const IMPORT_COLUMNS = columnsAs(IMPORT_FIELDS);

export function getAssignmentImport(db: SqliteDatabase, packetId: string): AssignmentImportRow | undefined {
  return db.prepare(`SELECT ${IMPORT_COLUMNS} FROM assignment_imports WHERE packet_id = ?`).get(packetId) as AssignmentImportRow | undefined;
}

export function lastAssignmentImport(db: SqliteDatabase): AssignmentImportRow | undefined {
  return db.prepare(`SELECT ${IMPORT_COLUMNS} FROM assignment_imports ORDER BY sequence DESC LIMIT 1`).get() as AssignmentImportRow | undefined;
}

export function insertAssignmentImport(db: SqliteDatabase, row: AssignmentImportRow): void {
  db.prepare(insertNamed('assignment_imports', IMPORT_FIELDS)).run(row);
}

/**
 * The weekly sequence the latest applied assignment acknowledged (0: none). The latest counts, not the
 * highest ever: a bureau that restored an older backup acknowledges less, and what it lost is sent again.
 */
export function acknowledgedWeeklySequence(db: SqliteDatabase): number {
  return lastAssignmentImport(db)?.acknowledgedWeeklySequence ?? 0;
}

/** Setting written by a restore: the highest weekly sequence the replaced store had exported (docs/packets.md §4). */
export const EXPORT_SEQUENCE_FLOOR = 'export_sequence_floor';

/**
 * The number of the next weekly packet: above the last exported, the acknowledged and the floor a restore
 * left, so a restored store never reuses a number the bureau may already hold for other changes.
 */
export function nextWeeklySequence(db: SqliteDatabase, ack = acknowledgedWeeklySequence(db)): number {
  const floor = Number(readSetting(db, EXPORT_SEQUENCE_FLOOR, z.unknown())) || 0;
  return Math.max(lastPacketExport(db)?.sequence ?? 0, ack, floor) + 1;
}

/** An exported packet as stored: its file's hash named as the column is, its counts (by entity) as JSON text. */
export type PacketExportRow = Omit<ExportRecord, 'sha256' | 'counts'> & { fileSha256: string; counts: string };

const EXPORT_FIELDS = 'sequence packetId exportedAt fileName filePath fileSha256 bytes afterSeq throughSeq changeCount photoCount counts acknowledgedAt';
const EXPORT_COLUMNS = columnsAs(EXPORT_FIELDS);

export function listPacketExports(db: SqliteDatabase): PacketExportRow[] {
  return db.prepare(`SELECT ${EXPORT_COLUMNS} FROM packet_exports ORDER BY sequence DESC`).all() as PacketExportRow[];
}

export function lastPacketExport(db: SqliteDatabase): PacketExportRow | undefined {
  return db.prepare(`SELECT ${EXPORT_COLUMNS} FROM packet_exports ORDER BY sequence DESC LIMIT 1`).get() as PacketExportRow | undefined;
}

export function insertPacketExport(db: SqliteDatabase, row: PacketExportRow): void {
  db.prepare(insertNamed('packet_exports', EXPORT_FIELDS)).run(row);
}

/**
 * The change-log position the bureau has received: the through_seq of the highest exported packet at or
 * below the acknowledged sequence. Every packet carries all changes after the acknowledgement it knew, so
 * receiving packet N means receiving every change up to N's through_seq.
 */
export function acknowledgedChangeSeq(db: SqliteDatabase, ackSequence = acknowledgedWeeklySequence(db)): number {
  return (db.prepare('SELECT coalesce(max(through_seq), 0) AS n FROM packet_exports WHERE sequence <= ?').get(ackSequence) as { n: number }).n;
}

/**
 * Marks exported packets up to `ackSequence` as received by the bureau and those above it as not received
 * (an acknowledgement that went down: the bureau lost them, they are sent again); returns how many were
 * newly marked received.
 */
export function markPacketsAcknowledged(db: SqliteDatabase, ackSequence: number, at: string): number {
  db.prepare('UPDATE packet_exports SET acknowledged_at = NULL WHERE sequence > ? AND acknowledged_at IS NOT NULL').run(ackSequence);
  return db.prepare('UPDATE packet_exports SET acknowledged_at = ? WHERE sequence <= ? AND acknowledged_at IS NULL').run(at, ackSequence).changes;
}

export interface ConflictRow {
  id: number;
  entity: string;
  recordId: string;
  localVersion: string;
  incomingVersion: string;
  incomingSha256: string;
  packetId: string;
  detectedAt: string;
  resolvedAt: string | null;
}

const NEW_CONFLICT_FIELDS = 'entity recordId localVersion incomingVersion incomingSha256 packetId detectedAt';
const CONFLICT_COLUMNS = columnsAs(`id ${NEW_CONFLICT_FIELDS} resolvedAt`);

export function listConflicts(db: SqliteDatabase, includeResolved = false): ConflictRow[] {
  const where = includeResolved ? '' : 'WHERE resolved_at IS NULL';
  return db.prepare(`SELECT ${CONFLICT_COLUMNS} FROM sync_conflicts ${where} ORDER BY id`).all() as ConflictRow[];
}

export function countOpenConflicts(db: SqliteDatabase): number {
  return (db.prepare('SELECT count(*) AS n FROM sync_conflicts WHERE resolved_at IS NULL').get() as { n: number }).n;
}

/** Keeps both versions; the same incoming version seen again is not recorded twice. Returns true when new. */
export function insertConflict(db: SqliteDatabase, row: Omit<ConflictRow, 'id' | 'resolvedAt'>): boolean {
  return db.prepare(`${insertNamed('sync_conflicts', NEW_CONFLICT_FIELDS)} ON CONFLICT (entity, record_id, incoming_sha256) DO NOTHING`).run(row).changes > 0;
}
