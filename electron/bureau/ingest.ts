import { existsSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Attachment } from '@shared/domain/index.js';
import type { IngestFileResult as IngestFileResultSchema } from '@shared/operations/bureau.js';
import { AppError, type AppErrorShape } from '@shared/errors.js';
import type { PacketManifest } from '@shared/packets/manifest.js';
import type { WeeklyChange } from '@shared/packets/weekly.js';
import { mkdirPrivate } from '../store/private-files.js';
import type { PacketLimits } from '../packets/limits.js';
import { readWeeklyFile, type OpenedWeekly } from '../packets/weekly-file.js';
import { checkAttachmentBytes, claimedAttachmentKind, photoPath } from './attachment-kinds.js';
import type { BureauContext } from './context.js';
import { createPacketChecks, type PacketChecks } from './packet-checks.js';
import { refusal } from './authorize.js';
import { alreadyPending, checkSequenceJump, gatePacketKey, type KeyGate } from './key-gate.js';
import { holdPendingPacket, settlePendingPacket } from './pending-keys.js';
import { entryOf, parentOf } from '@shared/records/index.js';
import { FOLD_ORDER, foldChecked, markAttachmentStored, type FoldEntity, type FoldOutcome } from './fold.js';
import { getOfficer, getReceivedPacket, insertReceivedPacket } from './repository.js';

export { photoPath };

export type EntityCounts = Record<FoldOutcome, number>;

/**
 * What ingest says of one file (shared/operations/bureau.ts), with the counts per kind of record: how many were
 * new, already held (duplicates), or conflicting. `pending`: signed by a key not accepted for its officer; held,
 * nothing folded. `warnings`: accepted, but worth a look (docs/bureau.md).
 */
export type IngestFileResult = Omit<z.infer<typeof IngestFileResultSchema>, 'counts'> & { counts: Partial<Record<FoldEntity, EntityCounts>> };

export interface IngestOptions {
  /** Refuse packets from keys not accepted for their officer instead of holding them in the pending list. */
  requireRegisteredKeys?: boolean;
  /** The file name recorded for the packet (a pending packet folded from its archived copy keeps its own name). */
  fileName?: string;
  limits?: Partial<PacketLimits>;
}

/** The files an ingest argument names: a file as is, a folder's visible plain files in name order. */
export function expandIngestPaths(args: readonly string[]): string[] {
  const files: string[] = [];
  for (const arg of args) {
    const path = resolve(arg);
    // A path that is missing is passed on as it is: the reader reports it as not found.
    if (!existsSync(path) || !statSync(path).isDirectory()) {
      files.push(path);
      continue;
    }
    for (const name of readdirSync(path).sort()) {
      if (name.startsWith('.')) continue;
      const full = join(path, name);
      if (statSync(full).isFile()) files.push(full);
    }
  }
  return files;
}

const ENTITY_RANK = new Map(FOLD_ORDER.map((e, i) => [e, i]));

/**
 * Checks that a record may be folded: it is officer-owned, what it refers to exists (in the bureau
 * database or earlier in this packet, which the fold order guarantees for parents carried alongside), it is
 * on a project the sender may write and not dated after the packet (packet-checks.ts, authorize.ts, called
 * right after this one for each record). Its parents are the record catalogue's (shared/records).
 */
function checkChange(change: WeeklyChange, checks: PacketChecks): void {
  const record = change.record as Record<string, unknown>;
  const params = { entity: change.entity, id: change.recordId };
  if (entryOf(change.entity).owner === 'either' && record.origin !== 'officer') {
    throw refusal(
      'not_officer_owned',
      `${change.entity} ${change.recordId} claims origin "${String(record.origin)}"; a weekly packet carries only the officer's own records`,
      params,
    );
  }
  const link = parentOf(change.entity, record);
  if (!link) return;
  const id = String(record[link.field]);
  const held = link.parent === 'project' ? checks.project(id) !== undefined : checks.holds(link.parent, id);
  if (!held) {
    throw refusal(
      'unknown_reference',
      `${change.entity} ${change.recordId} refers to ${link.parent.replaceAll('_', ' ')} ${id}, which this bureau does not have`,
      { ...params, missing: id },
    );
  }
}

function emptyResult(file: string): IngestFileResult {
  return {
    file,
    status: 'refused',
    packetId: null,
    officerId: null,
    officerName: null,
    sequence: null,
    counts: {},
    newRecords: 0,
    duplicateRecords: 0,
    conflicts: 0,
    photosStored: 0,
    pendingKey: null,
    warnings: [],
    error: null,
  };
}

function toShape(error: unknown): AppErrorShape {
  if (error instanceof AppError) return error.toShape();
  return new AppError('internal', error instanceof Error ? error.message : String(error)).toShape();
}

/** Phase 1 of a packet: its file read and proved (signature, hashes, schema), or the refusal of the file. */
export interface ReadPacket {
  result: IngestFileResult;
  opened: OpenedWeekly | null;
  /** Set when the signing key is not the officer's accepted one (key-gate.ts): the packet is only held. */
  pending: KeyGate['pending'];
}

export async function readPacket(ctx: BureauContext, file: string, options: IngestOptions): Promise<ReadPacket> {
  const result = emptyResult(file);
  let gate: KeyGate | null = null;
  let opened: OpenedWeekly;
  try {
    opened = await readWeeklyFile(file, {
      limits: options.limits,
      deferPhotos: true, // proved now; each photo read again (and checked again) when stored: memory bounded by one
      resolveOfficerKey(manifest: PacketManifest): string {
        gate = gatePacketKey(ctx.db, manifest, options);
        return gate.pem;
      },
    });
  } catch (error) {
    return { result: { ...result, error: toShape(error) }, opened: null, pending: null };
  }
  const { manifest } = opened;
  const officer = getOfficer(ctx.db, manifest.officerId)!;
  Object.assign(result, { packetId: manifest.packetId, officerId: officer.id, officerName: officer.name, sequence: manifest.sequence });
  return { result, opened, pending: (gate as KeyGate | null)?.pending ?? null };
}

/**
 * Phase 2, before any record (synchronous): a voided or already received packet, a sequence past belief, or
 * a key not accepted (the packet held in the pending list, unless `hold` is false: a preview). Returns the
 * file's final result, or null when its records are to be folded (then with its warnings noted).
 */
export function settleBeforeFold(ctx: BureauContext, { result, opened, pending }: ReadPacket, options: IngestOptions, hold: boolean): IngestFileResult | null {
  const { db } = ctx;
  const { manifest, payload } = opened!;
  const officer = getOfficer(db, manifest.officerId)!;
  const received = getReceivedPacket(db, manifest.packetId);
  if (received?.voidedAt) {
    const error = new AppError('packet_signature', `packet ${manifest.packetId} was voided (${received.voidedReason}); it does not count`, {
      reason: 'packet_voided',
      voidedReason: received.voidedReason ?? '',
    });
    return { ...result, error: error.toShape() };
  }
  if (received) return { ...result, status: 'duplicate' };
  // Key and sequence, before anything is written: an unaccepted key's packet is only held (pending-keys.ts).
  try {
    checkSequenceJump(db, officer.id, manifest.sequence);
    if (pending) {
      const again = alreadyPending(db, manifest.packetId, pending.fingerprint);
      if (!again && hold) {
        holdPendingPacket(ctx, {
          file: result.file,
          sha256: opened!.packet.fileSha256,
          packetId: manifest.packetId,
          officerId: officer.id,
          officerName: manifest.sender.name,
          fingerprint: pending.fingerprint,
          publicKeyPem: pending.pem,
          sequence: manifest.sequence,
          fileName: options.fileName ?? basename(result.file),
          createdAt: manifest.createdAt,
          receivedAt: ctx.now().toISOString(),
        });
      }
      const pendingKey = { fingerprint: pending.fingerprint, registeredFingerprint: pending.registeredFingerprint, alreadyPending: again };
      return { ...result, status: 'pending', pendingKey };
    }
  } catch (error) {
    return { ...result, error: toShape(error) };
  }
  const sameSequence = db
    .prepare('SELECT packet_id AS packetId FROM received_packets WHERE officer_id = ? AND sequence = ?')
    .get(officer.id, manifest.sequence) as { packetId: string } | undefined;
  if (sameSequence) result.warnings.push({ code: 'sequence_reused', params: { sequence: manifest.sequence, packetId: sameSequence.packetId } });
  if (payload.officer.name !== officer.name || payload.officer.unit !== officer.unit) {
    result.warnings.push({ code: 'officer_details_differ', params: { name: payload.officer.name, unit: payload.officer.unit } });
  }
  if (payload.missingPhotos.length > 0) result.warnings.push({ code: 'missing_photos', params: { count: payload.missingPhotos.length } });
  return null;
}

const sortedChanges = (opened: OpenedWeekly): WeeklyChange[] =>
  [...opened.payload.changes].sort((a, b) => ENTITY_RANK.get(a.entity)! - ENTITY_RANK.get(b.entity)! || a.seq - b.seq);

/** What storing photos wrote, to be removed again if the fold is refused. */
interface WrittenFiles {
  files: string[];
  dirs: string[];
}

/**
 * The packet's photos, each checked against its record and by its bytes, and written beside the database
 * named by hash; with `written` null (a preview) only checked. Returns the attachments whose file is held.
 */
export async function storePhotos(ctx: BureauContext, opened: OpenedWeekly, written: WrittenFiles | null): Promise<Set<string>> {
  const attachments = new Map(opened.payload.changes.filter((c) => c.entity === 'attachment').map((c) => [c.recordId, c.record as Attachment]));
  const stored = new Set<string>();
  // Only the kinds the officer app produces, whether or not the file travels (attachment-kinds.ts).
  for (const attachment of attachments.values()) claimedAttachmentKind(attachment);
  for (const attachmentId of opened.photoIds) {
    const attachment = attachments.get(attachmentId)!;
    const photo = opened.payload.photos.find((p) => p.attachmentId === attachmentId)!;
    if (photo.sha256 !== attachment.sha256 || photo.bytes !== attachment.bytes) {
      throw refusal('photo_mismatch', `the photo of attachment ${attachmentId} does not match its record (hash or size)`, { id: attachmentId });
    }
    // The bytes decide the kind, checked even when a file of this hash is held already.
    const data = await opened.readPhoto(attachmentId);
    checkAttachmentBytes(attachment, data);
    const target = photoPath(ctx.filesDir, attachment);
    if (written && !existsSync(target)) {
      const folder = join(target, '..');
      if (!existsSync(folder)) {
        mkdirPrivate(folder);
        written.dirs.push(folder);
      }
      const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
      writeFileSync(temp, data, { flag: 'wx', mode: 0o600 }); // the bureau's alone
      renameSync(temp, target);
      written.files.push(target);
    }
    stored.add(attachmentId);
  }
  return stored;
}

function removeWritten(written: WrittenFiles): void {
  for (const path of written.files) rmSync(path, { force: true });
  for (const folder of written.dirs.reverse()) {
    try {
      rmdirSync(folder);
    } catch {
      // not empty: another packet's photo arrived meanwhile
    }
  }
}

/**
 * Phase 3: every record checked and folded as a union by id in one transaction, with the packet recorded, its
 * counts and warnings in `read.result`. Throws the refusal of the packet (the transaction then rolled back).
 */
export function foldPacket(ctx: BureauContext, { result, opened }: ReadPacket, stored: Set<string>, options: IngestOptions): void {
  const { db } = ctx;
  const { manifest, payload } = opened!;
  const officer = getOfficer(db, manifest.officerId)!;
  const changes = sortedChanges(opened!);
  const receivedAt = ctx.now().toISOString();
  db.transaction(() => {
    const packet = { officerId: officer.id, createdAt: manifest.createdAt, appliedAssignmentSequence: payload.appliedAssignmentSequence };
    const checks = createPacketChecks(db, { ...packet, packetId: manifest.packetId, receivedAt }, changes);
    const origin = { officerId: officer.id, packetId: manifest.packetId, at: receivedAt };
    for (const change of changes) {
      checkChange(change, checks);
      // The payload's records were validated by the reader; what is held of each is looked up once for the checks and the fold.
      const outcome = foldChecked(db, change.entity, change.record, origin, (lookup) => checks.check(change, result.warnings, lookup));
      const counts = (result.counts[change.entity] ??= { new: 0, duplicate: 0, conflict: 0 });
      counts[outcome]++;
      if (change.entity === 'attachment' && stored.has(change.recordId)) markAttachmentStored(db, change.recordId);
    }
    checks.finish(result.warnings);
    const all = Object.values(result.counts);
    result.newRecords = all.reduce((n, c) => n + c.new, 0);
    result.duplicateRecords = all.reduce((n, c) => n + c.duplicate, 0);
    result.conflicts = all.reduce((n, c) => n + c.conflict, 0);
    result.photosStored = stored.size;
    insertReceivedPacket(db, {
      packetId: manifest.packetId,
      officerId: officer.id,
      sequence: manifest.sequence,
      sha256: opened!.packet.fileSha256,
      fileName: options.fileName ?? basename(result.file),
      createdAt: manifest.createdAt,
      receivedAt,
      keyFingerprint: officer.keyFingerprint,
      counts: {
        ...result.counts,
        changes: payload.changes.length,
        photos: stored.size,
        afterSeq: payload.afterSeq,
        throughSeq: payload.throughSeq,
        acknowledgedWeeklySequence: payload.acknowledgedWeeklySequence,
        appliedAssignmentSequence: payload.appliedAssignmentSequence,
      },
    });
    settlePendingPacket(db, manifest.packetId, receivedAt); // it no longer waits, whichever way it came
  })();
}

/** A packet refused after it was read: who sent it stays named, nothing of its records counts. */
export function refusedAfterRead({ file, packetId, officerId, officerName, sequence }: IngestFileResult, error: unknown): IngestFileResult {
  return { ...emptyResult(file), packetId, officerId, officerName, sequence, error: toShape(error) };
}

/**
 * Verifies and folds one weekly packet. Refused (status `refused`, the reason in `error`) → nothing in the
 * database or the photo folder changed. A packet id already received → `duplicate`, nothing changed.
 * Otherwise every record is folded as a union by id in one transaction, with the packet recorded.
 */
export async function ingestPacket(ctx: BureauContext, file: string, options: IngestOptions = {}): Promise<IngestFileResult> {
  const read = await readPacket(ctx, file, options);
  if (!read.opened) return read.result;
  const settled = settleBeforeFold(ctx, read, options, true);
  if (settled) return settled;
  // Photos first, beside the database and named by hash; removed again if the fold is refused.
  const written: WrittenFiles = { files: [], dirs: [] };
  try {
    foldPacket(ctx, read, await storePhotos(ctx, read.opened, written), options);
  } catch (error) {
    removeWritten(written);
    return refusedAfterRead(read.result, error);
  }
  return { ...read.result, status: 'accepted' };
}

/** Ingests files one after another (any order, any officers); each gets its own result. `progress`: a job's, per file. */
export async function ingestFiles(
  ctx: BureauContext,
  files: readonly string[],
  options: IngestOptions = {},
  progress?: (p: { phase: 'fold'; done: number; total: number }) => void,
): Promise<IngestFileResult[]> {
  const results: IngestFileResult[] = [];
  for (const file of files) {
    progress?.({ phase: 'fold', done: results.length, total: files.length });
    results.push(await ingestPacket(ctx, file, options));
  }
  progress?.({ phase: 'fold', done: results.length, total: files.length });
  return results;
}
