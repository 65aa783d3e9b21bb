import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '@shared/errors.js';
import type { OperationOutput } from '@shared/operations/index.js';
import type { SqliteDatabase } from '../store/database.js';
import { mkdirPrivate, openPrivate } from '../store/private-files.js';
import type { BureauContext } from './context.js';

/**
 * The pending list: weekly packets signed by a key the bureau has not accepted for their officer
 * (docs/bureau.md, "Officers and their keys"). Such a packet folds nothing. Its file is archived, byte for
 * byte, under `<files>/pending/`, and listed here with its officer, fingerprint and sequence until a person
 * accepts the key (after reading the fingerprint back with the officer) or rejects it. Archived files are
 * never deleted: a rejected key's packets stay on disk, marked `rejected`.
 */

/** A pending packet as listed (`officers pending`), with the public key its signature carries. */
export type PendingPacket = OperationOutput<'bureau.officers.pending'>[number] & { publicKeyPem: string };

const COLUMNS = `packet_id AS packetId, officer_id AS officerId, officer_name AS officerName, fingerprint,
  public_key_pem AS publicKeyPem, sequence, sha256, file_name AS fileName, archive_path AS archivePath,
  created_at AS createdAt, received_at AS receivedAt, status, decided_at AS decidedAt, outcome`;

type Row = Omit<PendingPacket, 'outcome'> & { outcome: string | null };
const parse = (r: Row): PendingPacket => ({ ...r, outcome: r.outcome === null ? null : (JSON.parse(r.outcome) as unknown) });

export function getPendingPacket(db: SqliteDatabase, packetId: string): PendingPacket | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM pending_packets WHERE packet_id = ?`).get(packetId) as Row | undefined;
  return row ? parse(row) : undefined;
}

/** The packets waiting for a decision, oldest sequence first; optionally one officer's, one key's. */
export function listPendingPackets(db: SqliteDatabase, filter: { officerId?: string; fingerprint?: string } = {}): PendingPacket[] {
  const sql = `SELECT ${COLUMNS} FROM pending_packets
    WHERE status = 'pending' AND (@officerId IS NULL OR officer_id = @officerId) AND (@fingerprint IS NULL OR fingerprint = @fingerprint)
    ORDER BY officer_id, fingerprint, sequence, received_at`;
  return (db.prepare(sql).all({ officerId: filter.officerId || null, fingerprint: filter.fingerprint || null }) as Row[]).map(parse);
}

/**
 * Archives a verified packet's file and lists it as pending, atomically: the copy is written to a temporary
 * name and renamed, then the row inserted; if the row cannot be written the copy is removed.
 * `sha256` is that of the bytes that were verified: a file swapped after it was read is refused.
 */
export function holdPendingPacket(
  ctx: BureauContext,
  input: Omit<PendingPacket, 'archivePath' | 'status' | 'decidedAt' | 'outcome'> & { file: string },
): PendingPacket {
  mkdirPrivate(join(ctx.filesDir, 'pending'));
  // Named by id and content: a file left by a crash before its row was written is reused only if it is the same bytes.
  const archivePath = join('pending', `${input.packetId}-${input.sha256.slice(0, 16)}.zip`);
  const target = join(ctx.filesDir, archivePath);
  const created = !existsSync(target);
  if (created) {
    const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      if (copyHashing(input.file, temp) !== input.sha256) {
        throw new AppError('packet_invalid', `${input.file} changed while it was being read; ingest it again`, { reason: 'file_changed', path: input.file });
      }
      renameSync(temp, target);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  }
  try {
    ctx.db
      .prepare(
        `INSERT INTO pending_packets (packet_id, officer_id, officer_name, fingerprint, public_key_pem, sequence, sha256, file_name, archive_path, created_at, received_at)
       VALUES (@packetId, @officerId, @officerName, @fingerprint, @publicKeyPem, @sequence, @sha256, @fileName, @archivePath, @createdAt, @receivedAt)`,
      )
      .run({ ...input, archivePath });
  } catch (error) {
    if (created) rmSync(target, { force: true });
    throw error;
  }
  return getPendingPacket(ctx.db, input.packetId)!;
}

/**
 * Copies a file in chunks (a packet may be up to 1 GiB: never whole in memory), 0600; returns its SHA-256.
 * Synchronous, so no other ingest can come between the check that the packet is not held and its row.
 */
function copyHashing(from: string, to: string): string {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(1 << 20);
  const src = openSync(from, 'r');
  try {
    const dst = openPrivate(to);
    try {
      for (let n = readSync(src, buffer); n > 0; n = readSync(src, buffer)) {
        hash.update(buffer.subarray(0, n));
        writeSync(dst, buffer, 0, n);
      }
    } finally {
      closeSync(dst);
    }
  } finally {
    closeSync(src);
  }
  return hash.digest('hex');
}

/** Records what became of a pending packet (folded, refused when folded, rejected with its key). */
export function decidePendingPacket(
  db: SqliteDatabase,
  packetId: string,
  status: Exclude<PendingPacket['status'], 'pending'>,
  at: string,
  outcome: unknown = null,
): void {
  const json = outcome === null ? null : JSON.stringify(outcome);
  db.prepare('UPDATE pending_packets SET status = ?, decided_at = ?, outcome = ? WHERE packet_id = ?').run(status, at, json, packetId);
}

/** The keys waiting for a decision on an officer's packets, with how many packets each carries. */
export function listPendingKeys(db: SqliteDatabase, officerId: string): { fingerprint: string; packets: number }[] {
  const sql =
    "SELECT fingerprint, count(*) AS packets FROM pending_packets WHERE officer_id = ? AND status = 'pending' GROUP BY fingerprint ORDER BY fingerprint";
  return db.prepare(sql).all(officerId) as { fingerprint: string; packets: number }[];
}

/** A pending packet folded by any path (accept-key, or the same file ingested again once its key was accepted). Inside the fold's transaction. */
export function settlePendingPacket(db: SqliteDatabase, packetId: string, at: string): void {
  db.prepare("UPDATE pending_packets SET status = 'folded', decided_at = ? WHERE packet_id = ? AND status = 'pending'").run(at, packetId);
}

/** Was this key rejected (or replaced) for this officer by a person? Its packets are then refused, not held. */
export function keyWasRejected(db: SqliteDatabase, officerId: string, fingerprint: string): boolean {
  const sql = 'SELECT decision FROM key_decisions WHERE officer_id = ? AND fingerprint = ? ORDER BY id DESC LIMIT 1';
  const last = db.prepare(sql).get(officerId, fingerprint) as { decision: string } | undefined;
  return last !== undefined && last.decision !== 'accepted';
}

export function recordKeyDecision(
  db: SqliteDatabase,
  d: { officerId: string; fingerprint: string; decision: 'accepted' | 'rejected' | 'replaced'; at: string; how: string },
): void {
  db.prepare('INSERT INTO key_decisions (officer_id, fingerprint, decision, decided_at, how) VALUES (@officerId, @fingerprint, @decision, @at, @how)').run(d);
}
