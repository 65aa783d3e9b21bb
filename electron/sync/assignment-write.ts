import { insertSql, toParams, upsertSql } from '@shared/records/index.js';
import { sha256Hex } from '../packets/container.js';
import type { SqliteDatabase } from '../store/database.js';
import { UPSERT_BUREAU_ITEM } from '../store/repositories/checklist.js';
import { writeSetting } from '../store/repositories/settings.js';
import { insertConflict, markPacketsAcknowledged } from '../store/repositories/sync.js';
import type { AssignmentPlan } from './assignment-plan.js';

/** Shared with the settings service: 'assignment' once the bureau named the officer (identity read-only then). */
export const IDENTITY_SOURCE_SETTING = 'identitySource';
export const SETTING_OFFICER = 'officer';

/**
 * Writes a plan (assignment-plan.ts) computed inside the same transaction. A listed record is written whole,
 * not archived or withdrawn (a listed archived project is restored); the statements are the record
 * catalogue's (shared/records), so they name every column the officer store keeps.
 */
export function writePlan(db: SqliteDatabase, plan: AssignmentPlan, at: { appliedAt: string; packetId: string }): void {
  if (plan.officerToWrite) writeSetting(db, SETTING_OFFICER, plan.officerToWrite);
  if (plan.changes.officer === 'adopted') writeSetting(db, IDENTITY_SOURCE_SETTING, 'assignment');

  // Codes are unique: move re-coded projects out of the way first, so two projects may swap codes.
  const recode = db.prepare("UPDATE projects SET code = '\u0001' || id WHERE id = ?");
  for (const id of plan.recodedProjectIds) recode.run(id);
  const release = db.prepare('UPDATE projects SET code = ? WHERE id = ?');
  for (const r of plan.codeReleases) release.run(r.code, r.id);
  const upsertProject = db.prepare(upsertSql('project', 'officer'));
  for (const p of plan.projectUpserts) upsertProject.run(toParams('project', { ...p, archivedAt: null }));
  const archive = db.prepare('UPDATE projects SET archived_at = ? WHERE id = ? AND archived_at IS NULL');
  for (const id of plan.withdrawProjectIds) archive.run(at.appliedAt, id);

  const upsertMilestone = db.prepare(upsertSql('milestone', 'officer', { state: true }));
  for (const m of plan.milestoneUpserts) upsertMilestone.run(toParams('milestone', { ...m, withdrawnAt: null }));
  const withdrawMilestone = db.prepare('UPDATE milestones SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL');
  for (const id of plan.withdrawMilestoneIds) withdrawMilestone.run(at.appliedAt, id);

  const upsertItem = db.prepare(UPSERT_BUREAU_ITEM);
  for (const item of plan.itemUpserts) upsertItem.run(toParams('checklist_item', { ...item, origin: 'bureau', withdrawnAt: null }));
  const withdrawItem = db.prepare("UPDATE checklist_items SET withdrawn_at = ? WHERE id = ? AND origin = 'bureau' AND withdrawn_at IS NULL");
  for (const id of plan.withdrawItemIds) withdrawItem.run(at.appliedAt, id);

  // Problems and events from the bureau are not logged in the change log: the bureau already has them.
  const insertProblem = db.prepare(insertSql('problem', 'officer'));
  for (const p of plan.problemInserts) insertProblem.run(p);
  const insertEvent = db.prepare(insertSql('problem_event', 'officer'));
  for (const e of plan.eventInserts) insertEvent.run(toParams('problem_event', e));

  for (const c of plan.conflicts) {
    const incomingVersion = JSON.stringify(c.incoming);
    insertConflict(db, {
      entity: c.entity,
      recordId: c.recordId,
      localVersion: JSON.stringify(c.local),
      incomingVersion,
      incomingSha256: sha256Hex(Buffer.from(incomingVersion, 'utf8')),
      packetId: at.packetId,
      detectedAt: at.appliedAt,
    });
  }
  markPacketsAcknowledged(db, plan.changes.acknowledgement.weeklySequence, at.appliedAt);
}
