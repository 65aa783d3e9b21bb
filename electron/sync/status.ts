import { z } from 'zod';
import { Officer } from '@shared/domain/index.js';
import type { ConflictView, ExportRecord, SyncStatus } from '@shared/operations/sync.js';
import type { SqliteDatabase } from '../store/database.js';
import { countChangesAfter, lastChangeSeq } from '../store/repositories/change-log.js';
import { readSetting } from '../store/repositories/settings.js';
import {
  acknowledgedChangeSeq,
  acknowledgedWeeklySequence,
  countOpenConflicts,
  lastAssignmentImport,
  lastPacketExport,
  listConflicts,
  listPacketExports,
  nextWeeklySequence,
  type PacketExportRow,
} from '../store/repositories/sync.js';
import { readBureauKey, readOfficerKey } from './keys.js';

export function exportRecord({ fileSha256, counts, ...row }: PacketExportRow): ExportRecord {
  return { ...row, sha256: fileSha256, counts: JSON.parse(counts) as Record<string, number> };
}

/** What the sync screen shows. Reads only (the officer key is reported only once it exists). */
export function syncStatus(db: SqliteDatabase): SyncStatus {
  const ack = acknowledgedWeeklySequence(db);
  const ackSeq = acknowledgedChangeSeq(db, ack);
  const last = lastPacketExport(db);
  const lastSeq = lastChangeSeq(db);
  const assignment = lastAssignmentImport(db);
  const bureau = readBureauKey(db);
  return {
    officer: readSetting(db, 'officer', Officer),
    demo: readSetting(db, 'demo', z.boolean()) ?? false,
    officerKeyFingerprint: readOfficerKey(db)?.fingerprint ?? null,
    bureauKey: bureau ? { fingerprint: bureau.fingerprint, pinnedAt: bureau.pinnedAt } : null,
    lastAssignment: assignment
      ? {
          sequence: assignment.sequence,
          packetId: assignment.packetId,
          fileName: assignment.fileName,
          createdAt: assignment.createdAt,
          appliedAt: assignment.appliedAt,
        }
      : null,
    lastExport: last ? exportRecord(last) : null,
    acknowledgedSequence: ack,
    pendingChanges: lastSeq > ackSeq ? countChangesAfter(db, ackSeq) : 0,
    neverExportedChanges: countChangesAfter(db, Math.max(ackSeq, last?.throughSeq ?? 0)),
    openConflicts: countOpenConflicts(db),
    nextSequence: nextWeeklySequence(db, ack),
  };
}

export function exportHistory(db: SqliteDatabase): ExportRecord[] {
  return listPacketExports(db).map(exportRecord);
}

export function conflictViews(db: SqliteDatabase): ConflictView[] {
  return listConflicts(db).map((c) => ({
    id: c.id,
    entity: c.entity,
    recordId: c.recordId,
    local: JSON.parse(c.localVersion) as Record<string, unknown>,
    incoming: JSON.parse(c.incomingVersion) as Record<string, unknown>,
    packetId: c.packetId,
    detectedAt: c.detectedAt,
  }));
}
