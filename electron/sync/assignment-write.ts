import { insertSql, toParams, upsertSql } from '@shared/records/index.js';
import { sha256Hex } from '../packets/container.js';
import type { SqliteDatabase } from '../store/database.js';
import { UPSERT_BUREAU_ITEM } from '../store/repositories/checklist.js';
import { writeSetting } from '../store/repositories/settings.js';
import { insertConflict, markPacketsAcknowledged } from '../store/repositories/sync.js';
import type { AssignedChecklistItem } from '@shared/packets/assignment.js';
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

  const each = <T>(sql: string, rows: readonly T[], params: (row: T) => unknown[]) => {
    const statement = db.prepare(sql);
    for (const row of rows) statement.run(...params(row));
  };
  // Codes are unique: move re-coded projects out of the way first, so two projects may swap codes.
  each("UPDATE projects SET code = '\u0001' || id WHERE id = ?", plan.recodedProjectIds, (id) => [id]);
  each('UPDATE projects SET code = ? WHERE id = ?', plan.codeReleases, (r) => [r.code, r.id]);
  each(upsertSql('project', 'officer'), plan.projectUpserts, (p) => [toParams('project', { ...p, archivedAt: null })]);
  each('UPDATE projects SET archived_at = ? WHERE id = ? AND archived_at IS NULL', plan.withdrawProjectIds, (id) => [at.appliedAt, id]);

  each(upsertSql('milestone', 'officer', { state: true }), plan.milestoneUpserts, (m) => [toParams('milestone', { ...m, withdrawnAt: null })]);
  each('UPDATE milestones SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL', plan.withdrawMilestoneIds, (id) => [at.appliedAt, id]);

  const bureauItem = (item: AssignedChecklistItem) => [toParams('checklist_item', { ...item, origin: 'bureau', withdrawnAt: null })];
  each(UPSERT_BUREAU_ITEM, plan.itemUpserts, bureauItem);
  const withdrawItem = "UPDATE checklist_items SET withdrawn_at = ? WHERE id = ? AND origin = 'bureau' AND withdrawn_at IS NULL";
  each(withdrawItem, plan.withdrawItemIds, (id) => [at.appliedAt, id]);

  // Problems and events from the bureau are not logged in the change log: the bureau already has them.
  each(insertSql('problem', 'officer'), plan.problemInserts, (p) => [p]);
  each(insertSql('problem_event', 'officer'), plan.eventInserts, (e) => [toParams('problem_event', e)]);

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
