import { join } from 'node:path';
import { z } from 'zod';
import type { Officer } from '@shared/domain/index.js';
import { AppError } from '@shared/errors.js';
import type { AssignmentApplyResult, AssignmentChanges, AssignmentPreview } from '@shared/operations/sync.js';
import { readAssignmentFile, type OpenedAssignment } from '../packets/assignment-file.js';
import type { ProgressCallback } from '../packets/container.js';
import { packetError } from '../packets/errors.js';
import type { PacketLimits } from '../packets/limits.js';
import type { ServiceContext } from '../handlers/context.js';
import { withPlainFile } from '../files/kept-copies.js';
import { backupsDir, writeBackup } from '../handlers/backups.js';
import { readSetting } from '../store/repositories/settings.js';
import { getAssignmentImport, insertAssignmentImport, lastAssignmentImport } from '../store/repositories/sync.js';
import { planAssignment, withdrawsMost, type AssignmentPlan } from './assignment-plan.js';
import { IDENTITY_SOURCE_SETTING, SETTING_OFFICER, writePlan } from './assignment-write.js';
import { isDemoStore } from './demo-guard.js';
import { requireBureauKey } from './keys.js';

/**
 * Importing an assignment (bureau → officer). Everything is read and proved before anything is written:
 * signature with the pinned key, hashes, zod schemas, officer, sequence. The preview is computed from the
 * store as it is; applying backs up the database, then recomputes the same plan inside ONE transaction
 * and writes it (assignment-plan.ts, assignment-write.ts). The merge rules are listed in docs/packets.md;
 * each is marked "RULE" where it is applied.
 */

export interface AssignmentImportOptions {
  limits?: Partial<PacketLimits>;
  onProgress?: ProgressCallback;
}

const OfficerSetting = z.object({ id: z.string(), name: z.string(), unit: z.string(), phone: z.string() });

// ───────────── checks before planning ─────────────

interface Verified {
  opened: OpenedAssignment;
  currentOfficer: Officer | null;
  lastAppliedSequence: number;
  alreadyImported: { appliedAt: string; summary: AssignmentChanges } | null;
}

async function verifyAssignment(ctx: ServiceContext, filePath: string, options: AssignmentImportOptions): Promise<Verified> {
  const { db } = ctx;
  const bureauKey = requireBureauKey(db);
  // An inbox copy of a protected store is sealed (kept-copies.ts): read through a private plain copy.
  const opened = await withPlainFile(ctx, filePath, (plainPath) =>
    readAssignmentFile(plainPath, { bureauPublicKeyPem: bureauKey.publicKeyPem, limits: options.limits, onProgress: options.onProgress }),
  );
  const { manifest, payload } = opened;
  const last = lastAssignmentImport(db);
  const lastAppliedSequence = last?.sequence ?? 0;

  // RULE: the same file again (same packet id) is a no-op, reported as already imported.
  const previous = getAssignmentImport(db, manifest.packetId);
  if (previous) {
    if (previous.manifestSha256 !== opened.packet.manifestSha256) {
      throw packetError('payload_invalid', `packet id ${manifest.packetId} was already imported with different content`, { field: 'packetId' });
    }
    return {
      opened,
      currentOfficer: readSetting(db, SETTING_OFFICER, OfficerSetting),
      lastAppliedSequence,
      alreadyImported: { appliedAt: previous.appliedAt, summary: JSON.parse(previous.summary) as AssignmentChanges },
    };
  }

  // RULE: the demo store never takes an assignment: its data is invented. Leave the demo (a fresh store) instead.
  if (isDemoStore(db)) {
    throw new AppError(
      'packet_wrong_officer',
      'this store holds the demo data; leave the demo first (the demo is kept as a backup) to import your assignment into a fresh store, so invented records never reach the bureau',
      { reason: 'demo_store', found: manifest.officerId },
    );
  }
  // RULE: the identity is bound once an assignment named the officer. Before that (no officer, or one the
  // officer typed in Settings) the store adopts the assignment's officer.
  const bound = readSetting(db, IDENTITY_SOURCE_SETTING, z.string()) === 'assignment' || last !== undefined;
  const currentOfficer = bound ? readSetting(db, SETTING_OFFICER, OfficerSetting) : null;
  if (currentOfficer && currentOfficer.id !== manifest.officerId) {
    throw new AppError(
      'packet_wrong_officer',
      `this assignment is for ${payload.officer.name} (${manifest.officerId}), but this store belongs to ${currentOfficer.name} (${currentOfficer.id})`,
      { reason: 'other_officer', found: manifest.officerId, expected: currentOfficer.id, foundName: payload.officer.name, expectedName: currentOfficer.name },
    );
  }
  // RULE: sequences only go forward: an assignment older than (or as old as) the last applied is stale.
  if (manifest.sequence <= lastAppliedSequence) {
    throw new AppError(
      'packet_stale',
      `this assignment is number ${manifest.sequence}, but number ${lastAppliedSequence} was already applied; it is out of date and was not imported`,
      { found: manifest.sequence, last: lastAppliedSequence },
    );
  }
  return { opened, currentOfficer, lastAppliedSequence, alreadyImported: null };
}

function previewOf(
  verified: Verified,
  plan: Pick<AssignmentPlan, 'changes' | 'activeProjectsBefore' | 'warnings'>,
  appliedAt: string | null,
): AssignmentPreview {
  const { manifest, payload, packet } = verified.opened;
  return {
    status: 'ready',
    packetId: manifest.packetId,
    sequence: manifest.sequence,
    createdAt: manifest.createdAt,
    fileName: packet.fileName,
    sender: { name: manifest.sender.name, fingerprint: manifest.sender.keyFingerprint },
    officer: payload.officer,
    note: payload.note,
    lastAppliedSequence: verified.lastAppliedSequence,
    changes: plan.changes,
    activeProjectsBefore: plan.activeProjectsBefore,
    withdrawsMost: withdrawsMost(plan.changes.projects.withdrawn.length, plan.activeProjectsBefore),
    warnings: plan.warnings,
    appliedAt,
  };
}

/** The preview of a packet imported before: what applying it changed then. */
function importedBefore({ summary, appliedAt }: { appliedAt: string; summary: AssignmentChanges }, verified: Verified): AssignmentPreview {
  return { ...previewOf(verified, { changes: summary, activeProjectsBefore: 0, warnings: [] }, appliedAt), status: 'already_imported' };
}

/** Reads, proves and diffs an assignment file. Writes nothing. */
export async function previewAssignment(ctx: ServiceContext, filePath: string, options: AssignmentImportOptions = {}): Promise<AssignmentPreview> {
  const verified = await verifyAssignment(ctx, filePath, options);
  if (verified.alreadyImported) return importedBefore(verified.alreadyImported, verified);
  return previewOf(verified, planAssignment(ctx.db, verified.opened.payload, verified.currentOfficer), null);
}

/**
 * The database copied into backups/ beside it before anything is written, named and made as Settings makes
 * its backups (writeBackup), so the officer can restore it from there. None for a database in memory.
 */
async function backupDatabase(ctx: ServiceContext): Promise<string | null> {
  if (ctx.databasePath === ':memory:' || ctx.databasePath === '') return null;
  try {
    return join(backupsDir(ctx), (await writeBackup(ctx)).fileName);
  } catch (error) {
    throw new AppError('internal', `could not back up the database before importing, nothing was imported: ${(error as Error).message}`, { what: 'backup' });
  }
}

/**
 * Applies an assignment: proves the file, refuses it when it would withdraw most projects (unless
 * allowed), backs up the database, then writes the plan in one transaction.
 */
export async function applyAssignment(
  ctx: ServiceContext,
  filePath: string,
  options: AssignmentImportOptions & { allowWithdrawMost?: boolean } = {},
): Promise<AssignmentApplyResult> {
  const { db } = ctx;
  const verified = await verifyAssignment(ctx, filePath, options);
  if (verified.alreadyImported) return { ...importedBefore(verified.alreadyImported, verified), applied: false, backupPath: null };
  const { manifest, payload, packet } = verified.opened;
  const refuseIfMost = (plan: AssignmentPlan) => {
    const withdrawn = plan.changes.projects.withdrawn.length;
    if (!options.allowWithdrawMost && withdrawsMost(withdrawn, plan.activeProjectsBefore)) {
      throw new AppError(
        'import_withdraws_most',
        `this assignment would withdraw ${withdrawn} of your ${plan.activeProjectsBefore} active projects; nothing was imported. If that is right, import again allowing it (--allow-withdraw-most)`,
        { withdrawn, active: plan.activeProjectsBefore },
      );
    }
  };
  refuseIfMost(planAssignment(db, payload, verified.currentOfficer));

  options.onProgress?.({ phase: 'backup', done: 0, total: 1 });
  const backupPath = await backupDatabase(ctx);
  options.onProgress?.({ phase: 'backup', done: 1, total: 1 });
  const appliedAt = ctx.now().toISOString();
  options.onProgress?.({ phase: 'apply', done: 0, total: 1 });

  const plan = db.transaction(() => {
    // Recomputed inside the transaction: whatever happened since the preview, this plan is current.
    const last = lastAssignmentImport(db);
    if (getAssignmentImport(db, manifest.packetId)) throw new AppError('packet_already_imported', 'this assignment was imported meanwhile', {});
    if (last && manifest.sequence <= last.sequence) {
      throw new AppError('packet_stale', `assignment ${last.sequence} was applied meanwhile`, { found: manifest.sequence, last: last.sequence });
    }
    const current = planAssignment(db, payload, verified.currentOfficer);
    refuseIfMost(current);
    writePlan(db, current, { appliedAt, packetId: manifest.packetId });
    insertAssignmentImport(db, {
      packetId: manifest.packetId,
      sequence: manifest.sequence,
      officerId: manifest.officerId,
      manifestSha256: packet.manifestSha256,
      fileName: packet.fileName,
      fileSha256: packet.fileSha256,
      createdAt: manifest.createdAt,
      appliedAt,
      acknowledgedWeeklySequence: payload.acknowledgedWeeklySequence,
      summary: JSON.stringify(current.changes),
      backupPath,
    });
    return current;
  })();
  options.onProgress?.({ phase: 'apply', done: 1, total: 1 });
  return { ...previewOf(verified, plan, appliedAt), applied: true, backupPath };
}
