import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Attachment, Officer } from '@shared/domain/index.js';
import { Officer as OfficerSchema } from '@shared/domain/index.js';
import { AppError } from '@shared/errors.js';
import { localDay } from '@shared/rules/local-time.js';
import type { ExportResult } from '@shared/operations/sync.js';
import { WEEKLY_LEDGER_PATH, WEEKLY_PAYLOAD_PATH, WEEKLY_PHOTO_DIR, WEEKLY_REPORT_PATH, type WeeklyPhoto } from '@shared/packets/weekly.js';
import { APP_VERSION } from '../app/version.js';
import { preparePacketEntry, sha256Hex, writePacketToTemp, type LazyPacketEntry, type PacketEntryInput, type ProgressCallback } from '../packets/container.js';
import type { ServiceContext } from '../handlers/context.js';
import { changesAfter } from '../store/repositories/change-log.js';
import { readSetting } from '../store/repositories/settings.js';
import {
  acknowledgedChangeSeq,
  acknowledgedWeeklySequence,
  insertPacketExport,
  lastAssignmentImport,
  lastPacketExport,
  nextWeeklySequence,
} from '../store/repositories/sync.js';
import { attachmentSource, hashAttachmentFile, readAttachmentFile } from '../files/attachment-files.js';
import { refusePlainCopyInDataFolder } from '../files/kept-copies.js';
import { refuseDemoExport } from './demo-guard.js';
import { exportRecord } from './status.js';
import { ensureOfficerKey } from './keys.js';
import { writeLedgerWorkbook } from './ledger-workbook.js';
import { checkedPayload, parseChanges } from './weekly-changes.js';
import { draftWeeklySummary, renderWeeklyReport, weeklyContext } from './weekly-report.js';

/** Photos travel at most this many pixels on the long side (they are downscaled when attached already). */
export const PACKET_PHOTO_MAX_EDGE = 2000;

export interface ExportOptions {
  outDir: string;
  /** The summary paragraph as the officer edited it; drafted when omitted. */
  summary?: string;
  onProgress?: ProgressCallback;
}

function requireOfficer(ctx: ServiceContext): Officer {
  const officer = readSetting(ctx.db, 'officer', OfficerSchema);
  if (!officer) {
    throw new AppError('not_found', 'this store has no officer yet: import your first assignment before exporting a weekly packet', { what: 'officer' });
  }
  return officer;
}

/** The local day of a moment in the store's zone (in Beijing a packet written at 07:30 is dated that day, not the UTC day before). */
const compactDay = (iso: string, zone: string) => localDay(iso, zone).replace(/-/g, '');
const safeName = (s: string) => s.replace(/[^\p{L}\p{N}]+/gu, '').slice(0, 20) || 'officer';

/** The packet's file name: readable, sortable, unique per sequence. The manifest, not the name, is authoritative. */
export function weeklyFileName(officerName: string, sequence: number, createdAt: string, zone: string): string {
  return `sponsor-desk-weekly-${compactDay(createdAt, zone)}-${safeName(officerName)}-${String(sequence).padStart(4, '0')}.zip`;
}

interface PhotoPlan {
  entries: (PacketEntryInput | LazyPacketEntry)[];
  photos: WeeklyPhoto[];
  missing: string[];
  warnings: string[];
}

/**
 * The files of the attachments this packet carries, as stored beside the database (`<attachmentsDir>/<fileName>`,
 * checked against the recorded SHA-256). A larger image than PACKET_PHOTO_MAX_EDGE is downscaled for the packet.
 * A file that is missing or damaged is listed in missingPhotos: its record still travels. Memory stays
 * bounded whatever the number of photos: each is hashed here in chunks, then read again in chunks (and
 * checked again) when the zip reaches it; only a downscaled copy, or a sealed file being opened, is held whole.
 */
async function collectPhotos(ctx: ServiceContext, attachments: readonly Attachment[], onProgress?: ProgressCallback): Promise<PhotoPlan> {
  const plan: PhotoPlan = { entries: [], photos: [], missing: [], warnings: [] };
  const skip = (a: Attachment, warning: string) => {
    plan.missing.push(a.id);
    plan.warnings.push(warning);
  };
  let done = 0;
  for (const a of attachments) {
    done += 1;
    onProgress?.({ phase: 'photos', done, total: attachments.length });
    const downscale = a.mimeType.startsWith('image/') && Math.max(a.width ?? 0, a.height ?? 0) > PACKET_PHOTO_MAX_EDGE;
    const ext = downscale ? 'jpg' : (/\.([A-Za-z0-9]{1,8})$/.exec(a.fileName)?.[1] ?? 'bin').toLowerCase();
    const path = `${WEEKLY_PHOTO_DIR}/${a.id}.${ext}`;
    // Opened (decrypted and its seal verified) when the store is protected: the packet carries plain photos.
    let checked: { sha256: string; bytes: number } | null;
    let data: Buffer | null = null;
    try {
      if (downscale) {
        data = readAttachmentFile(ctx, a.fileName);
        checked = data ? { sha256: sha256Hex(data), bytes: data.length } : null;
      } else {
        checked = await hashAttachmentFile(ctx, a.fileName);
      }
    } catch {
      // Sealed but its seal does not verify (or the key is unknown): damaged, like a file whose hash differs.
      skip(a, `photo_damaged: ${a.fileName} (attachment ${a.id}) cannot be opened`);
      continue;
    }
    if (!checked) {
      skip(a, `photo_missing: ${a.fileName} (attachment ${a.id}) is not in the attachments folder`);
      continue;
    }
    if (checked.sha256 !== a.sha256) {
      skip(a, `photo_damaged: ${a.fileName} (attachment ${a.id}) does not match its recorded SHA-256`);
      continue;
    }
    if (downscale && data) {
      data = await sharp(data, { limitInputPixels: 100_000_000 })
        .rotate()
        .resize({ width: PACKET_PHOTO_MAX_EDGE, height: PACKET_PHOTO_MAX_EDGE, fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 85 })
        .toBuffer();
      checked = { sha256: sha256Hex(data), bytes: data.length };
      plan.entries.push({ path, data, compress: false });
    } else {
      // Read again when the zip reaches it, in chunks (a sealed file opened whole), and checked again as it is written.
      const load = () => {
        const again = attachmentSource(ctx, a.fileName);
        if (!again) throw new Error(`${a.fileName} went away while the packet was written`);
        return again;
      };
      plan.entries.push({ path, bytes: checked.bytes, sha256: checked.sha256, compress: false, load });
    }
    plan.photos.push({ attachmentId: a.id, path, sha256: checked.sha256, bytes: checked.bytes });
  }
  return plan;
}

/**
 * Writes the weekly packet: every change the bureau has not acknowledged, the photos they reference, the
 * ledger workbook and the printable report, signed with the officer's key, written atomically into
 * `outDir`, and recorded in the export history. Domain data is only read.
 */
export async function exportWeeklyPacket(ctx: ServiceContext, options: ExportOptions): Promise<ExportResult> {
  const { db } = ctx;
  refuseDemoExport(db);
  const officer = requireOfficer(ctx);
  if (!existsSync(options.outDir) || !statSync(options.outDir).isDirectory()) {
    throw new AppError('not_found', `the folder ${options.outDir} does not exist`, { what: 'folder', path: options.outDir });
  }
  refusePlainCopyInDataFolder(ctx, options.outDir); // a protected store keeps no plain packet in its data folder
  const keys = ensureOfficerKey(db, ctx.now());
  const createdAt = ctx.now().toISOString();

  // One read transaction: the changes, the ledger and the counts are one consistent snapshot.
  const snapshot = db.transaction(() => {
    const ack = acknowledgedWeeklySequence(db);
    const afterSeq = acknowledgedChangeSeq(db, ack);
    const last = lastPacketExport(db);
    const changes = parseChanges(changesAfter(db, afterSeq)); // each record checked once (weekly-changes.ts)
    return { ack, afterSeq, last, next: nextWeeklySequence(db, ack), changes, throughSeq: changes.at(-1)?.seq ?? afterSeq, week: weeklyContext(db, ctx.now()) };
  })();
  options.onProgress?.({ phase: 'collect', done: snapshot.changes.length, total: snapshot.changes.length });

  const sequence = snapshot.next;
  const attachments = snapshot.changes.filter((c) => c.entity === 'attachment').map((c) => c.record as Attachment);
  const photoPlan = await collectPhotos(ctx, attachments, options.onProgress);
  const summary = (options.summary ?? draftWeeklySummary(snapshot.week.stats, officer.name)).trim();
  if (summary.length > 4000) throw new AppError('invalid_input', 'the summary is longer than 4,000 characters', { what: 'summary', path: 'summary' });

  const payload = checkedPayload({
    officer,
    appliedAssignmentSequence: lastAssignmentImport(db)?.sequence ?? 0,
    acknowledgedWeeklySequence: snapshot.ack,
    period: { from: snapshot.week.stats.from, to: snapshot.week.stats.to },
    summary,
    afterSeq: snapshot.afterSeq,
    throughSeq: snapshot.throughSeq,
    changes: snapshot.changes,
    photos: photoPlan.photos,
    missingPhotos: photoPlan.missing,
  });
  // Deflated on the thread pool while the main thread writes the workbook and the report.
  const changesEntry = preparePacketEntry({ path: WEEKLY_PAYLOAD_PATH, data: Buffer.from(JSON.stringify(payload), 'utf8') });
  options.onProgress?.({ phase: 'ledger', done: 0, total: 2 });
  const ledger = await writeLedgerWorkbook(snapshot.week.ledger, {
    createdAt: new Date(createdAt),
    author: officer.name,
    title: `${officer.name} 帮包台账`,
    whose: `帮包责任人：${officer.name}`,
  });
  options.onProgress?.({ phase: 'ledger', done: 1, total: 2 });
  const report = renderWeeklyReport(snapshot.week, summary, { sequence, createdAt, changeCount: payload.changes.length });
  options.onProgress?.({ phase: 'ledger', done: 2, total: 2 });

  const counts: Record<string, number> = {};
  for (const c of payload.changes) counts[c.entity] = (counts[c.entity] ?? 0) + 1;

  const pending = await writePacketToTemp(
    options.outDir,
    {
      kind: 'weekly',
      officerId: officer.id,
      sequence,
      createdAt,
      senderName: officer.name,
      keys,
      writtenBy: `sponsor-desk ${APP_VERSION}`,
      entries: [
        changesEntry,
        // An .xlsx is a zip of deflated parts already: deflating it again costs time and saves nothing.
        { path: WEEKLY_LEDGER_PATH, data: ledger, compress: false },
        { path: WEEKLY_REPORT_PATH, data: Buffer.from(report, 'utf8') },
        ...photoPlan.entries,
      ],
    },
    options.onProgress,
  );

  const zone = snapshot.week.timeZone;
  let fileName = weeklyFileName(officer.name, sequence, createdAt, zone);
  for (let n = 2; existsSync(join(options.outDir, fileName)); n++)
    fileName = weeklyFileName(officer.name, sequence, createdAt, zone).replace(/\.zip$/, `-${n}.zip`);
  const filePath = join(options.outDir, fileName);
  const row = {
    sequence,
    packetId: pending.manifest.packetId,
    exportedAt: createdAt,
    fileName,
    filePath,
    fileSha256: pending.fileSha256,
    bytes: pending.bytes,
    afterSeq: payload.afterSeq,
    throughSeq: payload.throughSeq,
    changeCount: payload.changes.length,
    photoCount: payload.photos.length,
    counts: JSON.stringify(counts),
    acknowledgedAt: null,
  };
  try {
    // The history row and the rename commit together: a failed rename leaves no history, a failed insert no file.
    db.transaction(() => {
      insertPacketExport(db, row);
      pending.commit(filePath);
    })();
  } catch (error) {
    pending.discard();
    if (error instanceof Error && /UNIQUE|PRIMARY KEY/.test(error.message)) {
      throw new AppError('busy', 'another export wrote the same packet number meanwhile; export again', { sequence });
    }
    throw error;
  }
  return { ...exportRecord(row), missingPhotos: photoPlan.missing.length, warnings: photoPlan.warnings };
}
