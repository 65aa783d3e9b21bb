import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import type { ChecklistItem, Milestone, Officer, Problem, ProblemEvent } from '@shared/domain/index.js';
import { AppError } from '@shared/errors.js';
import type { AssignedChecklistItem, AssignedProject, AssignmentPayload } from '@shared/packets/assignment.js';
import type { AssignmentApplyResult, AssignmentChanges, AssignmentPreview, ChecklistItemRef, ConflictSummary, ProjectRef } from '@shared/operations/sync.js';
import { readAssignmentFile, type OpenedAssignment } from '../packets/assignment-file.js';
import { sha256Hex, type ProgressCallback } from '../packets/container.js';
import { copyDatabase } from '../store/driver.js';
import { mkdirPrivate } from '../store/private-files.js';
import { withPlainFile } from '../services/kept-copies.js';
import { packetError } from '../packets/errors.js';
import type { PacketLimits } from '../packets/limits.js';
import type { ServiceContext } from '../services/context.js';
import type { SqliteDatabase } from '../store/database.js';
import { readSetting, writeSetting } from '../store/repositories/settings.js';
import {
  acknowledgedChangeSeq,
  acknowledgedWeeklySequence,
  getAssignmentImport,
  insertAssignmentImport,
  insertConflict,
  lastAssignmentImport,
  lastPacketExport,
  markPacketsAcknowledged,
} from '../store/repositories/sync.js';
import { requireBureauKey } from './keys.js';
import { projectFromRow, projectParams, type ProjectRow as StoredProjectRow } from '../store/repositories/projects.js';
import { localStamp } from '@shared/rules/local-time.js';
import { storeTimeZone } from '../services/time-zone.js';

/**
 * Importing an assignment (bureau → officer). Everything is read and proved before anything is written:
 * signature with the pinned key, hashes, zod schemas, officer, sequence. The preview is computed from the
 * store as it is; applying backs up the database, then recomputes the same plan inside ONE transaction
 * and writes it. The merge rules are listed in docs/packets.md; each is marked "RULE" below.
 */

export interface AssignmentImportOptions {
  limits?: Partial<PacketLimits>;
  onProgress?: ProgressCallback;
}

const SETTING_OFFICER = 'officer';
const SETTING_DEMO = 'demo';
/** Shared with the settings service: 'assignment' once the bureau named the officer (identity read-only then). */
export const IDENTITY_SOURCE_SETTING = 'identitySource';
const OfficerSetting = z.object({ id: z.string(), name: z.string(), unit: z.string(), phone: z.string() });

/** RULE fail-safe: more than half of the active projects, and more than 2, is "most". */
export function withdrawsMost(withdrawn: number, activeBefore: number): boolean {
  return withdrawn > 2 && withdrawn * 2 > activeBefore;
}

// ───────────── reading the store ─────────────

type ItemRow = ChecklistItem;

const BUREAU_PROJECT_FIELDS = [
  'code',
  'name',
  'company',
  'level',
  'industry',
  'stage',
  'sponsoringLeader',
  'sponsoringUnit',
  'officerId',
  'planYear',
  'annualPlannedInvestment',
  'totalInvestment',
  'location',
] as const satisfies readonly (keyof AssignedProject)[];

const MILESTONE_FIELDS = ['kind', 'title', 'plannedOn', 'sortOrder'] as const satisfies readonly (keyof Milestone)[];
const PROBLEM_FIELDS = [
  'id',
  'projectId',
  'category',
  'description',
  'responsibleDepartment',
  'coordinatingLeader',
  'dueOn',
  'origin',
  'raisedOn',
  'raisedBy',
  'recordedAt',
] as const satisfies readonly (keyof Problem)[];
const EVENT_FIELDS = ['id', 'problemId', 'action', 'at', 'by', 'origin', 'note', 'department', 'resolution'] as const satisfies readonly (keyof ProblemEvent)[];

/** The content of a record as compared for "same id, same content": its schema's fields in order. */
function canonical(fields: readonly string[], record: Record<string, unknown>): string {
  return JSON.stringify(fields.map((f) => record[f] ?? null));
}
function pick(fields: readonly string[], record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, record[f] ?? null]));
}

function byId<T extends { id: string }>(rows: readonly T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.id, r]));
}

function readLocal(db: SqliteDatabase) {
  const projects = db
    .prepare(
      `SELECT id, code, name, company, level, industry, stage, sponsoring_leader AS sponsoringLeader, sponsoring_unit AS sponsoringUnit,
         officer_id AS officerId, plan_year AS planYear, annual_planned_investment AS annualPlannedInvestment,
         total_investment AS totalInvestment, location, archived_at AS archivedAt,
         bureau_completed_month AS bureauCompletedMonth, bureau_completed_amount AS bureauCompletedAmount FROM projects`,
    )
    .all() as StoredProjectRow[];
  const milestones = db
    .prepare('SELECT id, project_id AS projectId, kind, title, planned_on AS plannedOn, sort_order AS sortOrder, withdrawn_at AS withdrawnAt FROM milestones')
    .all() as (Milestone & { withdrawnAt: string | null })[];
  const items = db
    .prepare(
      `SELECT id, project_id AS projectId, stage, title, due_on AS dueOn, sort_order AS sortOrder, origin, withdrawn_at AS withdrawnAt
       FROM checklist_items`,
    )
    .all() as ItemRow[];
  const problems = db
    .prepare(
      `SELECT id, project_id AS projectId, category, description, responsible_department AS responsibleDepartment,
         coordinating_leader AS coordinatingLeader, due_on AS dueOn, origin, raised_on AS raisedOn, raised_by AS raisedBy,
         recorded_at AS recordedAt FROM problems`,
    )
    .all() as Problem[];
  const events = db
    .prepare('SELECT id, problem_id AS problemId, action, at, by, origin, note, department, resolution FROM problem_events')
    .all() as ProblemEvent[];
  return { projects: byId(projects.map(projectFromRow)), milestones: byId(milestones), items: byId(items), problems: byId(problems), events: byId(events) };
}

// ───────────── the plan ─────────────

interface PendingConflict {
  entity: string;
  recordId: string;
  local: Record<string, unknown>;
  incoming: Record<string, unknown>;
  label: string;
}

export interface AssignmentPlan {
  changes: AssignmentChanges;
  activeProjectsBefore: number;
  warnings: string[];
  officerToWrite: Officer | null;
  projectUpserts: AssignedProject[];
  recodedProjectIds: string[];
  /** Withdrawn or archived projects whose code the bureau gave to another project. */
  codeReleases: { id: string; code: string }[];
  withdrawProjectIds: string[];
  milestoneUpserts: Milestone[];
  withdrawMilestoneIds: string[];
  itemUpserts: AssignedChecklistItem[];
  withdrawItemIds: string[];
  problemInserts: Problem[];
  eventInserts: ProblemEvent[];
  conflicts: PendingConflict[];
}

/**
 * Compares the assignment with the store and lists what applying it would do. Pure reading: used for the
 * preview and again, inside the apply transaction, for the writes (so a change made between preview and
 * apply is never overwritten by a stale plan).
 */
export function planAssignment(db: SqliteDatabase, payload: AssignmentPayload, currentOfficer: Officer | null): AssignmentPlan {
  const local = readLocal(db);
  const warnings: string[] = [];
  const conflicts: PendingConflict[] = [];
  const codeOf = new Map<string, string>();
  for (const p of local.projects.values()) codeOf.set(p.id, p.code);
  for (const p of payload.projects) codeOf.set(p.id, p.code);
  const ref = (p: { id: string; code: string; name: string }): ProjectRef => ({ id: p.id, code: p.code, name: p.name });
  const itemRef = (i: { id: string; projectId: string; title: string; dueOn: string }, previousDueOn: string | null = null): ChecklistItemRef => ({
    id: i.id,
    projectCode: codeOf.get(i.projectId) ?? '',
    title: i.title,
    dueOn: i.dueOn,
    previousDueOn,
  });

  // Officer identity. RULE: a fresh store adopts the assignment's officer; later the id must match (checked
  // before planning); name, unit and phone follow the bureau.
  let officerState: AssignmentChanges['officer'] = 'same';
  let officerToWrite: Officer | null = null;
  if (!currentOfficer) {
    officerState = 'adopted';
    officerToWrite = payload.officer;
  } else if (canonical(['id', 'name', 'unit', 'phone'], currentOfficer) !== canonical(['id', 'name', 'unit', 'phone'], payload.officer)) {
    officerState = 'updated';
    officerToWrite = payload.officer;
  }

  // Projects. RULE: bureau-owned, overwritten; a listed archived project is restored; an active project not
  // listed is withdrawn = archived (archived_at), never deleted.
  const incomingProjectIds = new Set(payload.projects.map((p) => p.id));
  const activeBefore = [...local.projects.values()].filter((p) => p.archivedAt === null);
  const projects: AssignmentChanges['projects'] = { added: [], updated: [], withdrawn: [], restored: [], unchanged: 0 };
  const projectUpserts: AssignedProject[] = [];
  const recodedProjectIds: string[] = [];
  const codeReleases: { id: string; code: string }[] = [];
  const localByCode = new Map([...local.projects.values()].map((p) => [p.code, p]));
  for (const p of payload.projects) {
    const existing = local.projects.get(p.id);
    const holder = localByCode.get(p.code);
    if (holder && holder.id !== p.id && !incomingProjectIds.has(holder.id)) {
      // RULE: codes are unique. When the bureau gives a code to another project, the old holder (withdrawn
      // now or archived before) keeps its history under the code with a suffix "~" + 4 hex of its id.
      const suffix = `~${holder.id.replace(/-/g, '').slice(0, 4)}`;
      const releasedCode = `${holder.code.slice(0, 40 - suffix.length)}${suffix}`;
      codeReleases.push({ id: holder.id, code: releasedCode });
      warnings.push(`code_reused: project code ${p.code} now belongs to ${p.name}; the withdrawn project ${holder.name} keeps its history as ${releasedCode}`);
    }
    if (!existing) {
      projects.added.push(ref(p));
      projectUpserts.push(p);
      continue;
    }
    const fields: string[] = BUREAU_PROJECT_FIELDS.filter((f) => (existing[f] ?? null) !== (p[f] ?? null));
    // The bureau's figure is an object (month and amount): compared as a whole.
    if (JSON.stringify(existing.bureauCompleted ?? null) !== JSON.stringify(p.bureauCompleted ?? null)) fields.push('bureauCompleted');
    if (existing.archivedAt !== null) projects.restored.push(ref(p));
    if (fields.length > 0) projects.updated.push({ ...ref(p), fields: [...fields] });
    if (fields.length > 0 || existing.archivedAt !== null) projectUpserts.push(p);
    else projects.unchanged += 1;
    if (existing.code !== p.code) recodedProjectIds.push(p.id);
  }
  const withdrawProjectIds: string[] = [];
  for (const p of activeBefore) {
    if (!incomingProjectIds.has(p.id)) {
      projects.withdrawn.push(ref(p));
      withdrawProjectIds.push(p.id);
    }
  }

  // Milestones. RULE: bureau-owned plan, added or overwritten; a milestone of another project is a conflict.
  // A milestone of a listed project that is no longer listed is withdrawn (withdrawn_at), never deleted (its
  // reports refer to it); listed again it is restored. Both are reported as warnings in the preview.
  const milestones = { added: 0, updated: 0 };
  const milestoneUpserts: Milestone[] = [];
  const incomingMilestoneIds = new Set<string>();
  for (const m of payload.milestones) {
    incomingMilestoneIds.add(m.id);
    const existing = local.milestones.get(m.id);
    if (!existing) {
      milestones.added += 1;
      milestoneUpserts.push(m);
    } else if (existing.projectId !== m.projectId) {
      conflicts.push({ entity: 'milestone', recordId: m.id, local: { ...existing }, incoming: { ...m }, label: `${m.title}` });
    } else if (canonical(MILESTONE_FIELDS, existing) !== canonical(MILESTONE_FIELDS, m) || existing.withdrawnAt !== null) {
      if (canonical(MILESTONE_FIELDS, existing) !== canonical(MILESTONE_FIELDS, m)) milestones.updated += 1;
      if (existing.withdrawnAt !== null) warnings.push(`milestone_restored: ${codeOf.get(m.projectId) ?? ''} ${m.title} is planned again (${m.plannedOn})`);
      milestoneUpserts.push(m);
    }
  }
  const withdrawMilestoneIds: string[] = [];
  for (const existing of local.milestones.values()) {
    if (existing.withdrawnAt === null && incomingProjectIds.has(existing.projectId) && !incomingMilestoneIds.has(existing.id)) {
      withdrawMilestoneIds.push(existing.id);
      warnings.push(`milestone_withdrawn: ${codeOf.get(existing.projectId) ?? ''} ${existing.title} was withdrawn by the bureau; reports on it are kept`);
    }
  }

  // Checklist items. RULE: bureau items are added, re-dated, retitled; an item of a listed project no
  // longer listed is withdrawn (withdrawn_at), listed again it is restored; the officer's own items and
  // every close-off are never touched. An id that is an officer item locally is a conflict.
  const checklist: AssignmentChanges['checklist'] = { added: [], redated: [], updated: [], withdrawn: [], restored: [] };
  const itemUpserts: AssignedChecklistItem[] = [];
  const incomingItemIds = new Set<string>();
  for (const item of payload.checklistItems) {
    incomingItemIds.add(item.id);
    const existing = local.items.get(item.id);
    if (!existing) {
      checklist.added.push(itemRef(item));
      itemUpserts.push(item);
      continue;
    }
    if (existing.origin !== 'bureau' || existing.projectId !== item.projectId) {
      conflicts.push({
        entity: 'checklist_item',
        recordId: item.id,
        local: { ...existing },
        incoming: { ...item },
        label: `${codeOf.get(existing.projectId) ?? ''} ${existing.title}`,
      });
      continue;
    }
    let changed = false;
    if (existing.dueOn !== item.dueOn) {
      checklist.redated.push(itemRef(item, existing.dueOn));
      changed = true;
    }
    if (existing.title !== item.title || existing.stage !== item.stage || existing.sortOrder !== item.sortOrder) {
      checklist.updated.push(itemRef(item));
      changed = true;
    }
    if (existing.withdrawnAt !== null) {
      checklist.restored.push(itemRef(item));
      changed = true;
    }
    if (changed) itemUpserts.push(item);
  }
  const withdrawItemIds: string[] = [];
  for (const existing of local.items.values()) {
    if (existing.origin === 'bureau' && existing.withdrawnAt === null && incomingProjectIds.has(existing.projectId) && !incomingItemIds.has(existing.id)) {
      checklist.withdrawn.push(itemRef(existing));
      withdrawItemIds.push(existing.id);
    }
  }

  // Problems and their events. RULE: union by id. Same id and same content: a duplicate, ignored. Same id
  // and different content: a conflict, both kept in sync_conflicts, the stored record untouched.
  const problems: AssignmentChanges['problems'] = { added: [], updated: [], eventsAdded: 0, duplicatesIgnored: 0 };
  const problemInserts: Problem[] = [];
  const eventInserts: ProblemEvent[] = [];
  const problemById = new Map<string, Problem>(local.problems);
  for (const p of payload.problems) {
    const existing = local.problems.get(p.id);
    if (!existing) {
      problemInserts.push(p);
      problemById.set(p.id, p);
    } else if (canonical(PROBLEM_FIELDS, existing) === canonical(PROBLEM_FIELDS, p)) {
      problems.duplicatesIgnored += 1;
    } else {
      conflicts.push({
        entity: 'problem',
        recordId: p.id,
        local: pick(PROBLEM_FIELDS, existing),
        incoming: pick(PROBLEM_FIELDS, p),
        label: existing.description.slice(0, 60),
      });
    }
  }
  const newEventsByProblem = new Map<string, number>();
  for (const e of payload.problemEvents) {
    const existing = local.events.get(e.id);
    if (!existing) {
      eventInserts.push(e);
      newEventsByProblem.set(e.problemId, (newEventsByProblem.get(e.problemId) ?? 0) + 1);
    } else if (canonical(EVENT_FIELDS, existing) === canonical(EVENT_FIELDS, e)) {
      problems.duplicatesIgnored += 1;
    } else {
      const problem = problemById.get(existing.problemId);
      conflicts.push({
        entity: 'problem_event',
        recordId: e.id,
        local: pick(EVENT_FIELDS, existing),
        incoming: pick(EVENT_FIELDS, e),
        label: `${problem?.description.slice(0, 40) ?? ''} · ${existing.action} ${existing.at}`,
      });
    }
  }
  problems.eventsAdded = eventInserts.length;
  for (const p of problemInserts) {
    problems.added.push({ id: p.id, projectCode: codeOf.get(p.projectId) ?? '', description: p.description, newEvents: newEventsByProblem.get(p.id) ?? 0 });
  }
  const inserted = new Set(problemInserts.map((p) => p.id));
  for (const [problemId, count] of newEventsByProblem) {
    if (inserted.has(problemId)) continue;
    const p = problemById.get(problemId);
    if (p) problems.updated.push({ id: p.id, projectCode: codeOf.get(p.projectId) ?? '', description: p.description, newEvents: count });
  }

  // Acknowledgement. RULE: the latest assignment's acknowledgement is the one that counts (a bureau that
  // lost packets and acknowledges less makes the officer resend more, never less).
  const previousAck = acknowledgedWeeklySequence(db);
  const newAck = payload.acknowledgedWeeklySequence;
  const lastExport = lastPacketExport(db);
  if (newAck > (lastExport?.sequence ?? 0)) {
    warnings.push(
      `ack_ahead: the bureau acknowledges weekly packet ${newAck} but this store exported only up to ${lastExport?.sequence ?? 0}; it may have been restored from an older backup`,
    );
  }
  if (newAck < previousAck) {
    warnings.push(`ack_behind: the bureau acknowledges packet ${newAck}, earlier than ${previousAck}; changes after it will be sent again`);
  }
  const fromSeq = acknowledgedChangeSeq(db, previousAck);
  const toSeq = acknowledgedChangeSeq(db, newAck);
  const changesNewlyReceived =
    toSeq > fromSeq ? (db.prepare('SELECT count(*) AS n FROM change_log WHERE seq > ? AND seq <= ?').get(fromSeq, toSeq) as { n: number }).n : 0;
  const packetsNewlyAcknowledged = (
    db.prepare('SELECT count(*) AS n FROM packet_exports WHERE sequence <= ? AND acknowledged_at IS NULL').get(newAck) as { n: number }
  ).n;

  const conflictSummaries: ConflictSummary[] = conflicts.map((c) => ({ entity: c.entity, recordId: c.recordId, label: c.label }));
  return {
    changes: {
      officer: officerState,
      projects,
      milestones,
      checklist,
      problems,
      conflicts: conflictSummaries,
      acknowledgement: { weeklySequence: newAck, packetsNewlyAcknowledged, changesNewlyReceived },
    },
    activeProjectsBefore: activeBefore.length,
    warnings,
    officerToWrite,
    projectUpserts,
    recodedProjectIds,
    codeReleases,
    withdrawProjectIds,
    milestoneUpserts,
    withdrawMilestoneIds,
    itemUpserts,
    withdrawItemIds,
    problemInserts,
    eventInserts,
    conflicts,
  };
}

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
  if (readSetting(db, SETTING_DEMO, z.boolean()) === true) {
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
  plan: { changes: AssignmentChanges; activeProjectsBefore: number; warnings: string[] },
  status: AssignmentPreview['status'],
  appliedAt: string | null,
): AssignmentPreview {
  const { manifest, payload, packet } = verified.opened;
  return {
    status,
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

/** Reads, proves and diffs an assignment file. Writes nothing. */
export async function previewAssignment(ctx: ServiceContext, filePath: string, options: AssignmentImportOptions = {}): Promise<AssignmentPreview> {
  const verified = await verifyAssignment(ctx, filePath, options);
  if (verified.alreadyImported) {
    const changes = verified.alreadyImported.summary;
    return previewOf(verified, { changes, activeProjectsBefore: 0, warnings: [] }, 'already_imported', verified.alreadyImported.appliedAt);
  }
  const plan = planAssignment(ctx.db, verified.opened.payload, verified.currentOfficer);
  return previewOf(verified, plan, 'ready', null);
}

/**
 * A copy of the whole database in backups/ beside it, made with SQLite's online backup API, written under a
 * temporary name and renamed when complete. Named like the Settings backups
 * (`sponsor-desk-YYYYMMDD-HHmmss[-N].sqlite`, local time in the store's zone) so the officer can restore it from there.
 */
export async function backupDatabase(ctx: ServiceContext): Promise<string | null> {
  if (ctx.databasePath === ':memory:' || ctx.databasePath === '') return null;
  const dir = join(dirname(ctx.databasePath), 'backups');
  mkdirPrivate(dir);
  const stamp = localStamp(ctx.now(), storeTimeZone(ctx.db)); // the store's zone, as Settings names backups
  let target = join(dir, `sponsor-desk-${stamp}.sqlite`);
  for (let n = 2; existsSync(target); n++) target = join(dir, `sponsor-desk-${stamp}-${n}.sqlite`);
  const temp = join(dir, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await copyDatabase(ctx.db, temp); // encrypted with the store's key when the store is protected
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new AppError('internal', `could not back up the database before importing, nothing was imported: ${(error as Error).message}`, { what: 'backup' });
  }
  return target;
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
  if (verified.alreadyImported) {
    const preview = previewOf(
      verified,
      { changes: verified.alreadyImported.summary, activeProjectsBefore: 0, warnings: [] },
      'already_imported',
      verified.alreadyImported.appliedAt,
    );
    return { ...preview, applied: false, backupPath: null };
  }
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
  return { ...previewOf(verified, plan, 'ready', appliedAt), applied: true, backupPath };
}

function writePlan(db: SqliteDatabase, plan: AssignmentPlan, at: { appliedAt: string; packetId: string }): void {
  if (plan.officerToWrite) writeSetting(db, SETTING_OFFICER, plan.officerToWrite);
  if (plan.changes.officer === 'adopted') writeSetting(db, IDENTITY_SOURCE_SETTING, 'assignment');

  // Codes are unique: move re-coded projects out of the way first, so two projects may swap codes.
  const recode = db.prepare("UPDATE projects SET code = '\u0001' || id WHERE id = ?");
  for (const id of plan.recodedProjectIds) recode.run(id);
  const release = db.prepare('UPDATE projects SET code = ? WHERE id = ?');
  for (const r of plan.codeReleases) release.run(r.code, r.id);
  const upsertProject = db.prepare(
    `INSERT INTO projects (id, code, name, company, level, industry, stage, sponsoring_leader, sponsoring_unit, officer_id,
       plan_year, annual_planned_investment, total_investment, location, archived_at, bureau_completed_month, bureau_completed_amount)
     VALUES (@id, @code, @name, @company, @level, @industry, @stage, @sponsoringLeader, @sponsoringUnit, @officerId,
       @planYear, @annualPlannedInvestment, @totalInvestment, @location, NULL, @bureauCompletedMonth, @bureauCompletedAmount)
     ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, company = excluded.company,
       level = excluded.level, industry = excluded.industry, stage = excluded.stage,
       sponsoring_leader = excluded.sponsoring_leader, sponsoring_unit = excluded.sponsoring_unit,
       officer_id = excluded.officer_id, plan_year = excluded.plan_year,
       annual_planned_investment = excluded.annual_planned_investment, total_investment = excluded.total_investment,
       location = excluded.location, archived_at = NULL,
       bureau_completed_month = excluded.bureau_completed_month, bureau_completed_amount = excluded.bureau_completed_amount`,
  );
  for (const p of plan.projectUpserts) upsertProject.run(projectParams(p));
  const archive = db.prepare('UPDATE projects SET archived_at = ? WHERE id = ? AND archived_at IS NULL');
  for (const id of plan.withdrawProjectIds) archive.run(at.appliedAt, id);

  const upsertMilestone = db.prepare(
    `INSERT INTO milestones (id, project_id, kind, title, planned_on, sort_order, withdrawn_at)
     VALUES (@id, @projectId, @kind, @title, @plannedOn, @sortOrder, NULL)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, title = excluded.title, planned_on = excluded.planned_on, sort_order = excluded.sort_order,
       withdrawn_at = NULL`,
  );
  for (const m of plan.milestoneUpserts)
    upsertMilestone.run({ id: m.id, projectId: m.projectId, kind: m.kind, title: m.title, plannedOn: m.plannedOn, sortOrder: m.sortOrder });
  const withdrawMilestone = db.prepare('UPDATE milestones SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL');
  for (const id of plan.withdrawMilestoneIds) withdrawMilestone.run(at.appliedAt, id);

  const upsertItem = db.prepare(
    `INSERT INTO checklist_items (id, project_id, stage, title, due_on, sort_order, origin, withdrawn_at)
     VALUES (@id, @projectId, @stage, @title, @dueOn, @sortOrder, 'bureau', NULL)
     ON CONFLICT (id) DO UPDATE SET stage = excluded.stage, title = excluded.title, due_on = excluded.due_on,
       sort_order = excluded.sort_order, withdrawn_at = NULL
     WHERE checklist_items.origin = 'bureau'`,
  );
  for (const item of plan.itemUpserts) upsertItem.run(item);
  const withdrawItem = db.prepare("UPDATE checklist_items SET withdrawn_at = ? WHERE id = ? AND origin = 'bureau' AND withdrawn_at IS NULL");
  for (const id of plan.withdrawItemIds) withdrawItem.run(at.appliedAt, id);

  // Problems and events from the bureau are not logged in the change log: the bureau already has them.
  const insertProblem = db.prepare(
    `INSERT INTO problems (id, project_id, category, description, responsible_department, coordinating_leader, due_on, origin,
       raised_on, raised_by, recorded_at)
     VALUES (@id, @projectId, @category, @description, @responsibleDepartment, @coordinatingLeader, @dueOn, @origin,
       @raisedOn, @raisedBy, @recordedAt)`,
  );
  for (const p of plan.problemInserts) insertProblem.run(p);
  const insertEvent = db.prepare(
    `INSERT INTO problem_events (id, problem_id, action, at, by, origin, note, department, resolution)
     VALUES (@id, @problemId, @action, @at, @by, @origin, @note, @department, @resolution)`,
  );
  for (const e of plan.eventInserts) insertEvent.run(e);

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
