import {
  Officer as OfficerSchema,
  type ChecklistItem,
  type Milestone,
  type Officer,
  type Problem,
  type ProblemEvent,
  type Project,
} from '@shared/domain/index.js';
import type { AssignedChecklistItem, AssignedProject, AssignmentPayload } from '@shared/packets/assignment.js';
import type { AssignmentChanges, ChecklistItemRef, ConflictSummary, ProjectRef } from '@shared/operations/sync.js';
import { changedFields, contentObject, fromRow, pickFields, sameContent, selectSql, type RecordKind, type RecordOf } from '@shared/records/index.js';
import type { SqliteDatabase } from '../store/database.js';
import { countChangesAfter } from '../store/repositories/change-log.js';
import { acknowledgedChangeSeq, acknowledgedWeeklySequence, lastPacketExport } from '../store/repositories/sync.js';

/**
 * What applying an assignment would do to the store: pure reading, used for the preview and again inside
 * the apply transaction (assignment-import.ts). The merge rules are listed in docs/packets.md; each is marked
 * "RULE" below. Records are compared by the record catalogue's content (shared/records).
 */

/** RULE fail-safe: more than half of the active projects, and more than 2, is "most". */
export function withdrawsMost(withdrawn: number, activeBefore: number): boolean {
  return withdrawn > 2 && withdrawn * 2 > activeBefore;
}

const OFFICER_FIELDS = Object.keys(OfficerSchema.shape);

/** Every record of a kind in the store, with its state (withdrawn, archived), by id. */
function readAll<T extends { id: string }>(db: SqliteDatabase, kind: RecordKind): Map<string, T> {
  const rows = db.prepare(selectSql(kind, 'officer', '', { state: true })).all() as Record<string, unknown>[];
  return new Map(rows.map((r) => fromRow<T>(kind, r)).map((r) => [r.id, r]));
}

function readLocal(db: SqliteDatabase) {
  return {
    projects: readAll<Project>(db, 'project'),
    milestones: readAll<Milestone & { withdrawnAt: string | null }>(db, 'milestone'),
    items: readAll<ChecklistItem>(db, 'checklist_item'),
    problems: readAll<Problem>(db, 'problem'),
    events: readAll<ProblemEvent>(db, 'problem_event'),
  };
}

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
 * RULE union by id: a new id is added; the same id with the same content is a duplicate, ignored; the same
 * id with different content is a conflict, both versions kept in sync_conflicts, the stored record untouched.
 */
function unionById<K extends 'problem' | 'problem_event'>(
  kind: K,
  incoming: readonly RecordOf<K>[],
  held: ReadonlyMap<string, RecordOf<K>>,
  conflicts: PendingConflict[],
  label: (held: RecordOf<K>) => string,
): { inserts: RecordOf<K>[]; duplicates: number } {
  const inserts: RecordOf<K>[] = [];
  let duplicates = 0;
  for (const record of incoming) {
    const existing = held.get(record.id);
    if (!existing) inserts.push(record);
    else if (sameContent(kind, existing, record)) duplicates += 1;
    else
      conflicts.push({
        entity: kind,
        recordId: record.id,
        local: contentObject(kind, existing),
        incoming: contentObject(kind, record),
        label: label(existing),
      });
  }
  return { inserts, duplicates };
}

/** Compares the assignment with the store: planned again inside the apply transaction, so a change made since the preview is never overwritten. */
export function planAssignment(db: SqliteDatabase, payload: AssignmentPayload, currentOfficer: Officer | null): AssignmentPlan {
  const local = readLocal(db);
  const warnings: string[] = [];
  const conflicts: PendingConflict[] = [];
  const codeOf = new Map<string, string>();
  for (const p of local.projects.values()) codeOf.set(p.id, p.code);
  for (const p of payload.projects) codeOf.set(p.id, p.code);
  const codeFor = (projectId: string) => codeOf.get(projectId) ?? '';
  const ref = (p: { id: string; code: string; name: string }): ProjectRef => ({ id: p.id, code: p.code, name: p.name });
  const itemRef = (i: { id: string; projectId: string; title: string; dueOn: string }, previousDueOn: string | null = null): ChecklistItemRef => ({
    id: i.id,
    projectCode: codeFor(i.projectId),
    title: i.title,
    dueOn: i.dueOn,
    previousDueOn,
  });

  // RULE: a bureau record of a listed project that the assignment no longer lists is withdrawn (withdrawn_at),
  // never deleted; listed again, it is restored.
  const incomingProjectIds = new Set(payload.projects.map((p) => p.id));
  const unlisted = <T extends { id: string; projectId: string; withdrawnAt: string | null }>(
    held: ReadonlyMap<string, T>,
    listed: readonly { id: string }[],
    bureau = (_: T) => true,
  ) => {
    const ids = new Set(listed.map((r) => r.id));
    return [...held.values()].filter((r) => bureau(r) && r.withdrawnAt === null && incomingProjectIds.has(r.projectId) && !ids.has(r.id));
  };

  // Officer identity. RULE: a fresh store adopts the assignment's officer; later the id must match (checked
  // before planning); name, unit and phone follow the bureau.
  const sameOfficer = (o: Officer) => JSON.stringify(pickFields(OFFICER_FIELDS, o)) === JSON.stringify(pickFields(OFFICER_FIELDS, payload.officer));
  const officerState: AssignmentChanges['officer'] = !currentOfficer ? 'adopted' : sameOfficer(currentOfficer) ? 'same' : 'updated';
  const officerToWrite = officerState === 'same' ? null : payload.officer;

  // Projects. RULE: bureau-owned, overwritten; a listed archived project is restored; an active project not
  // listed is withdrawn = archived (archived_at), never deleted.
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
    // Every bureau-owned field; the bureau's figure (month and amount) compared as a whole.
    const fields = changedFields('project', existing, p, ['id', 'archivedAt']);
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
  for (const m of payload.milestones) {
    const existing = local.milestones.get(m.id);
    const changed = !existing || !sameContent('milestone', existing, m);
    if (existing && existing.projectId !== m.projectId) {
      conflicts.push({ entity: 'milestone', recordId: m.id, local: { ...existing }, incoming: { ...m }, label: `${m.title}` });
      continue;
    }
    if (!existing) milestones.added += 1;
    else if (changed) milestones.updated += 1;
    if (existing?.withdrawnAt) warnings.push(`milestone_restored: ${codeFor(m.projectId)} ${m.title} is planned again (${m.plannedOn})`);
    if (changed || existing?.withdrawnAt) milestoneUpserts.push(m);
  }
  const withdrawnMilestones = unlisted(local.milestones, payload.milestones);
  for (const m of withdrawnMilestones) {
    warnings.push(`milestone_withdrawn: ${codeFor(m.projectId)} ${m.title} was withdrawn by the bureau; reports on it are kept`);
  }

  // Checklist items. RULE: bureau items are added, re-dated, retitled; an item of a listed project no
  // longer listed is withdrawn (withdrawn_at), listed again it is restored; the officer's own items and
  // every close-off are never touched. An id that is an officer item locally is a conflict.
  const checklist: AssignmentChanges['checklist'] = { added: [], redated: [], updated: [], withdrawn: [], restored: [] };
  const itemUpserts: AssignedChecklistItem[] = [];
  for (const item of payload.checklistItems) {
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
        label: `${codeFor(existing.projectId)} ${existing.title}`,
      });
      continue;
    }
    const redated = existing.dueOn !== item.dueOn;
    const updated = existing.title !== item.title || existing.stage !== item.stage || existing.sortOrder !== item.sortOrder;
    const restored = existing.withdrawnAt !== null;
    if (redated) checklist.redated.push(itemRef(item, existing.dueOn));
    if (updated) checklist.updated.push(itemRef(item));
    if (restored) checklist.restored.push(itemRef(item));
    if (redated || updated || restored) itemUpserts.push(item);
  }
  const withdrawnItems = unlisted(local.items, payload.checklistItems, (i) => i.origin === 'bureau');
  checklist.withdrawn.push(...withdrawnItems.map((i) => itemRef(i)));

  // Problems and their events: union by id (RULE, unionById).
  const { inserts: problemInserts, duplicates: problemDuplicates } = unionById('problem', payload.problems, local.problems, conflicts, (p) =>
    p.description.slice(0, 60),
  );
  const problemById = new Map([...local.problems, ...problemInserts.map((p) => [p.id, p] as const)]);
  const { inserts: eventInserts, duplicates: eventDuplicates } = unionById(
    'problem_event',
    payload.problemEvents,
    local.events,
    conflicts,
    (e) => `${problemById.get(e.problemId)?.description.slice(0, 40) ?? ''} · ${e.action} ${e.at}`,
  );
  const newEventsByProblem = new Map<string, number>();
  for (const e of eventInserts) newEventsByProblem.set(e.problemId, (newEventsByProblem.get(e.problemId) ?? 0) + 1);
  const duplicatesIgnored = problemDuplicates + eventDuplicates;
  const problems: AssignmentChanges['problems'] = { added: [], updated: [], eventsAdded: eventInserts.length, duplicatesIgnored };
  const problemRef = (p: Problem, newEvents: number) => ({ id: p.id, projectCode: codeFor(p.projectId), description: p.description, newEvents });
  for (const p of problemInserts) problems.added.push(problemRef(p, newEventsByProblem.get(p.id) ?? 0));
  const inserted = new Set(problemInserts.map((p) => p.id));
  for (const [problemId, count] of newEventsByProblem) {
    const p = problemById.get(problemId);
    if (p && !inserted.has(problemId)) problems.updated.push(problemRef(p, count));
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
  const changesNewlyReceived = toSeq > fromSeq ? countChangesAfter(db, fromSeq) - countChangesAfter(db, toSeq) : 0;
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
    withdrawMilestoneIds: withdrawnMilestones.map((m) => m.id),
    itemUpserts,
    withdrawItemIds: withdrawnItems.map((i) => i.id),
    problemInserts,
    eventInserts,
    conflicts,
  };
}
