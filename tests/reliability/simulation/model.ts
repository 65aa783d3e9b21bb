import type { Problem, ProblemEvent, ProblemStatus } from '@shared/domain/index.js';
import { deriveChecklistState, deriveProblemState } from '@shared/rules/index.js';
import { contentOf, layoutOf, RECORDS } from '@shared/records/index.js';
import type { ChecklistEvent } from '@shared/domain/index.js';
import {
  expectedItems,
  expectedMilestones,
  expectedProject,
  type ExpectedItem,
  type ExpectedMilestone,
  type ExpectedProject,
  type SimOfficer,
  type SimProject,
} from './world.js';

/**
 * The reference model: plain maps of what must be true, kept beside the real stores and never read from
 * them. Officer records enter it from the expectations the simulation states before each operation (the
 * store's answer is checked against them, then kept); bureau-owned data from the master list the simulation
 * writes; what the bureau holds from which packets arrived; what each officer holds from which assignments
 * were applied. checks.ts compares every store with it after every step.
 */

export type OfficerEntity = 'visit' | 'attachment' | 'checklist_event' | 'milestone_report' | 'problem' | 'problem_event' | 'investment_entry';
export const OFFICER_ENTITIES: readonly OfficerEntity[] = [
  'visit',
  'attachment',
  'checklist_event',
  'milestone_report',
  'problem',
  'problem_event',
  'investment_entry',
];

/** The tables and the fields of each kind of record that both desks keep, from the record catalogue (shared/records). */
export const RECORD_FIELDS = Object.fromEntries(
  OFFICER_ENTITIES.map((e) => [e, { table: RECORDS[e].table, fields: layoutOf(e).record.bureau.map((c) => [c.key, c.column] as const) }]),
) as unknown as Record<OfficerEntity, { table: string; fields: readonly (readonly [string, string])[] }>;

/** A record as one string (the catalogue's content): two records are the same when these are equal. */
export const canon = (entity: OfficerEntity, record: Record<string, unknown>): string => contentOf(entity, record);

export interface Rec {
  entity: OfficerEntity;
  id: string;
  record: Record<string, unknown>;
  canon: string;
}

export const key = (entity: string, id: string): string => `${entity}:${id}`;

// ── One officer's store ──────────────────────────────────────────────────────────────────────────────

export interface ExportedPacket {
  sequence: number;
  packetId: string;
  afterSeq: number;
  throughSeq: number;
  file: string;
  /** The acknowledgement the officer knew when writing it (changes.json `acknowledgedWeeklySequence`). */
  base?: number;
  /** The records it carries, kept with it: after an officer restore they are no longer the store's seq range. */
  records?: Rec[];
}

export interface AppliedAssignment {
  sequence: number;
  packetId: string;
  ack: number;
}

export class OfficerModel {
  /** Every record this officer wrote, in change-log order (seq = index + 1). */
  readonly records: Rec[] = [];
  readonly own = new Map<string, Rec>();
  /** Problems and events in the store: the officer's own and those that came with assignments. */
  readonly problems = new Map<string, Problem>();
  readonly events = new Map<string, ProblemEvent>();
  /** Bureau-owned data as the applied assignments left it. */
  readonly projects = new Map<string, { project: ExpectedProject; archived: boolean }>();
  /** Milestones as the assignments left them; a milestone dropped for a listed project is withdrawn (migration 004). */
  readonly milestones = new Map<string, { milestone: ExpectedMilestone; withdrawn: boolean }>();
  readonly items = new Map<string, { item: ExpectedItem; withdrawn: boolean }>();
  readonly applied: AppliedAssignment[] = [];
  readonly exports: ExportedPacket[] = [];
  bureauKeyPinned = false;
  /** The highest packet number a replaced store had used (a restore carries it over: restores.ts). */
  exportFloor = 0;
  private readonly checklistEventsByItem = new Map<string, ChecklistEvent[]>();
  private readonly eventsByProblem = new Map<string, ProblemEvent[]>();
  private readonly figures = new Map<string, number>();
  readonly reportsByMilestone = new Map<string, { reachedOn: string }[]>();

  constructor(readonly officer: SimOfficer) {}

  get bound(): boolean {
    return this.applied.length > 0;
  }

  /** The acknowledgement of the latest applied assignment (docs/packets.md: the latest counts). */
  get ack(): number {
    return this.applied.at(-1)?.ack ?? 0;
  }

  get lastAppliedSequence(): number {
    return this.applied.at(-1)?.sequence ?? 0;
  }

  /** The change-log position the bureau has acknowledged: the through_seq of the highest exported packet ≤ ack. */
  get acknowledgedSeq(): number {
    return this.exports.filter((e) => e.sequence <= this.ack).reduce((n, e) => Math.max(n, e.throughSeq), 0);
  }

  get nextExportSequence(): number {
    return Math.max(this.exports.at(-1)?.sequence ?? 0, this.ack, this.exportFloor) + 1;
  }

  add(entity: OfficerEntity, record: Record<string, unknown>): Rec {
    const rec: Rec = { entity, id: String(record.id), record, canon: canon(entity, record) };
    this.records.push(rec);
    this.own.set(key(entity, rec.id), rec);
    if (entity === 'problem') this.problems.set(rec.id, record as unknown as Problem);
    if (entity === 'problem_event') this.addEvent(record as unknown as ProblemEvent);
    if (entity === 'checklist_event') push(this.checklistEventsByItem, String(record.itemId), record as unknown as ChecklistEvent);
    if (entity === 'investment_entry') this.figures.set(`${record.projectId}:${record.month}`, record.amount as number);
    if (entity === 'milestone_report') push(this.reportsByMilestone, String(record.milestoneId), { reachedOn: String(record.reachedOn) });
    return rec;
  }

  private addEvent(e: ProblemEvent): void {
    if (this.events.has(e.id)) return;
    this.events.set(e.id, e);
    push(this.eventsByProblem, e.problemId, e);
  }

  ownOf<T>(entity: OfficerEntity): T[] {
    return this.records.filter((r) => r.entity === entity).map((r) => r.record as T);
  }

  activeProjects(): ExpectedProject[] {
    return [...this.projects.values()].filter((p) => !p.archived).map((p) => p.project);
  }

  isActiveProject(projectId: string): boolean {
    const p = this.projects.get(projectId);
    return p !== undefined && !p.archived;
  }

  itemState(itemId: string): { closedOff: boolean; closedOffOn: string | null; events: ChecklistEvent[] } {
    const events = this.checklistEventsByItem.get(itemId) ?? [];
    const s = deriveChecklistState(events);
    return { closedOff: s.closedOff, closedOffOn: s.closedOffOn, events };
  }

  problemEvents(problemId: string): ProblemEvent[] {
    return this.eventsByProblem.get(problemId) ?? [];
  }

  problemStatus(problemId: string): ProblemStatus {
    const p = this.problems.get(problemId)!;
    return deriveProblemState(p.responsibleDepartment, this.problemEvents(problemId)).status;
  }

  /** The figure of a month: the latest entry recorded for it (corrections supersede). */
  currentFigure(projectId: string, month: string): number | undefined {
    return this.figures.get(`${projectId}:${month}`);
  }

  /** What applying an assignment of this content would withdraw, and whether that is "most" (the fail-safe). */
  withdrawals(snapshot: AssignmentSnapshot): { withdrawn: number; activeBefore: number; most: boolean } {
    const listed = new Set(snapshot.projects.map((p) => p.id));
    const active = this.activeProjects();
    const withdrawn = active.filter((p) => !listed.has(p.id)).length;
    return { withdrawn, activeBefore: active.length, most: withdrawn > 2 && withdrawn * 2 > active.length };
  }

  /** The merge rules of docs/packets.md §3, applied to the model. */
  apply(snapshot: AssignmentSnapshot, packetId: string): void {
    const listed = new Set(snapshot.projects.map((p) => p.id));
    for (const p of snapshot.projects) this.projects.set(p.id, { project: p, archived: false });
    for (const [id, p] of this.projects) if (!listed.has(id)) this.projects.set(id, { ...p, archived: true });
    const listedMilestones = new Set(snapshot.milestones.map((m) => m.id));
    for (const m of snapshot.milestones) this.milestones.set(m.id, { milestone: m, withdrawn: false });
    for (const [id, m] of this.milestones)
      if (listed.has(m.milestone.projectId) && !listedMilestones.has(id)) this.milestones.set(id, { ...m, withdrawn: true });
    const listedItems = new Set(snapshot.items.map((i) => i.id));
    for (const i of snapshot.items) this.items.set(i.id, { item: i, withdrawn: false });
    for (const [id, i] of this.items) if (listed.has(i.item.projectId) && !listedItems.has(id)) this.items.set(id, { ...i, withdrawn: true });
    for (const p of snapshot.problems) if (!this.problems.has(p.id)) this.problems.set(p.id, p);
    for (const e of snapshot.events) this.addEvent(e);
    this.applied.push({ sequence: snapshot.sequence, packetId, ack: snapshot.ack });
  }
}

// ── The bureau ───────────────────────────────────────────────────────────────────────────────────────

export interface Held {
  rec: Rec;
  /** The sender; null for the bureau's own problems and events. */
  officerId: string | null;
  /** The first packet that brought it. */
  packetId: string | null;
}

/** What an assignment written at a given moment carries (docs/bureau.md "Assignments"). */
export interface AssignmentSnapshot {
  officer: number;
  sequence: number;
  ack: number;
  projects: ExpectedProject[];
  milestones: ExpectedMilestone[];
  items: ExpectedItem[];
  problems: Problem[];
  events: ProblemEvent[];
}

export class BureauModel {
  /** The master list as last imported, including projects it no longer names. */
  readonly projects = new Map<string, { project: ExpectedProject; archived: boolean }>();
  readonly milestones = new Map<string, { milestone: ExpectedMilestone; withdrawn: boolean }>();
  readonly items = new Map<string, { item: ExpectedItem; withdrawn: boolean }>();
  /** Every officer record and bureau problem record held, by entity:id. */
  readonly held = new Map<string, Held>();
  private readonly byEntity = new Map<OfficerEntity, Map<string, Held>>();
  private readonly eventsByProblem = new Map<string, ProblemEvent[]>();
  private readonly problemsByProject = new Map<string, Problem[]>();
  readonly received = new Map<string, { officer: number; sequence: number; base: number }>();
  /** Per officer, the highest assignment number a replaced database had written (a bureau restore carries it over). */
  readonly assignmentFloor = new Map<number, number>();
  readonly assignments = new Map<number, { sequence: number; ack: number; packetId: string }[]>();
  /** Officers whose key is registered (from a file, or by their first packet). */
  readonly keyKnown = new Set<number>();
  readonly ownProblems: string[] = [];

  constructor(readonly officers: readonly SimOfficer[]) {}

  /** The effect of importing the master list (docs/bureau.md "Re-importing"). */
  importMaster(list: readonly SimProject[]): void {
    const listed = list.filter((p) => p.listed);
    const listedIds = new Set(listed.map((p) => p.id));
    for (const p of listed) {
      this.projects.set(p.id, { project: expectedProject(p, this.officers), archived: false });
      const ms = expectedMilestones(p);
      const msIds = new Set(ms.map((m) => m.id));
      for (const [id, m] of this.milestones)
        if (m.milestone.projectId === p.id && !m.withdrawn && !msIds.has(id)) this.milestones.set(id, { ...m, withdrawn: true });
      for (const m of ms) this.milestones.set(m.id, { milestone: m, withdrawn: false });
      const items = expectedItems(p);
      const itemIds = new Set(items.map((i) => i.id));
      for (const [id, i] of this.items) if (i.item.projectId === p.id && !i.withdrawn && !itemIds.has(id)) this.items.set(id, { ...i, withdrawn: true });
      for (const i of items) this.items.set(i.id, { item: i, withdrawn: false });
    }
    for (const [id, p] of this.projects) if (!listedIds.has(id)) this.projects.set(id, { ...p, archived: true });
  }

  private hold(h: Held): void {
    this.held.set(key(h.rec.entity, h.rec.id), h);
    let m = this.byEntity.get(h.rec.entity);
    if (!m) this.byEntity.set(h.rec.entity, (m = new Map()));
    m.set(h.rec.id, h);
    if (h.rec.entity === 'problem_event') push(this.eventsByProblem, String(h.rec.record.problemId), h.rec.record as unknown as ProblemEvent);
    if (h.rec.entity === 'problem') push(this.problemsByProject, String(h.rec.record.projectId), h.rec.record as unknown as Problem);
  }

  heldOf<T>(entity: OfficerEntity): T[] {
    return [...(this.byEntity.get(entity)?.values() ?? [])].map((h) => h.rec.record as T);
  }

  heldMap(entity: OfficerEntity): Map<string, Held> {
    return this.byEntity.get(entity) ?? new Map();
  }

  problem(id: string): Problem | undefined {
    return this.held.get(key('problem', id))?.rec.record as Problem | undefined;
  }

  problemEvents(problemId: string): ProblemEvent[] {
    return this.eventsByProblem.get(problemId) ?? [];
  }

  problemStatus(problemId: string): ProblemStatus {
    const p = this.problem(problemId)!;
    return deriveProblemState(p.responsibleDepartment, this.problemEvents(problemId)).status;
  }

  /** A record held again as it was (a bureau restore carrying a record over from the replaced database). */
  holdAgain(h: Held): void {
    this.hold(h);
    if (h.officerId === null && h.rec.entity === 'problem') this.ownProblems.push(h.rec.id);
  }

  addOwn(entity: 'problem' | 'problem_event', record: Record<string, unknown>): void {
    this.hold({ rec: { entity, id: String(record.id), record, canon: canon(entity, record) }, officerId: null, packetId: null });
    if (entity === 'problem') this.ownProblems.push(String(record.id));
  }

  /**
   * What an assignment acknowledges (electron/bureau/acknowledgement.ts): the highest packet received whose
   * chain of bases (the acknowledgement each packet was written against) the bureau holds back to 0.
   */
  acknowledgeable(officer: number): number {
    const mine = [...this.received.values()].filter((r) => r.officer === officer).sort((a, b) => a.sequence - b.sequence);
    const covered = new Set([0]);
    let n = 0;
    for (const r of mine) {
      if (r.base < r.sequence && covered.has(r.base)) {
        covered.add(r.sequence);
        n = Math.max(n, r.sequence);
      }
    }
    return n;
  }

  lastAssignment(officer: number): number {
    return Math.max(this.assignments.get(officer)?.at(-1)?.sequence ?? 0, this.assignmentFloor.get(officer) ?? 0);
  }

  /**
   * What ingesting a packet must do: a packet id seen before is a duplicate; otherwise every record it carries
   * is new (first packet to bring it) or a duplicate of one held.
   */
  ingest(
    officer: OfficerModel,
    packet: ExportedPacket,
  ): { status: 'accepted' | 'duplicate' | 'refused'; newRecords: number; duplicateRecords: number; keyRegistered: boolean } {
    if (this.received.has(packet.packetId)) return { status: 'duplicate', newRecords: 0, duplicateRecords: 0, keyRegistered: false };
    const carried = packet.records ?? officer.records.slice(packet.afterSeq, packet.throughSeq);
    // After a restore (either side) a late packet can refer to a record the bureau no longer holds and the
    // packet does not carry: ingest refuses it (unknown_reference) and a later packet carries both.
    if (this.missingReference(carried)) return { status: 'refused', newRecords: 0, duplicateRecords: 0, keyRegistered: false };
    let fresh = 0;
    let dup = 0;
    for (const rec of carried) {
      const k = key(rec.entity, rec.id);
      if (this.held.has(k)) dup += 1;
      else {
        this.hold({ rec, officerId: officer.officer.id, packetId: packet.packetId });
        fresh += 1;
      }
    }
    this.received.set(packet.packetId, { officer: officer.officer.index, sequence: packet.sequence, base: packet.base ?? 0 });
    const keyRegistered = !this.keyKnown.has(officer.officer.index);
    this.keyKnown.add(officer.officer.index);
    return { status: 'accepted', newRecords: fresh, duplicateRecords: dup, keyRegistered };
  }

  private missingReference(carried: readonly Rec[]): boolean {
    const inPacket = new Set(carried.map((r) => key(r.entity, r.id)));
    const has = (entity: string, id: unknown) => inPacket.has(key(entity, String(id))) || this.held.has(key(entity, String(id)));
    return carried.some(
      (r) =>
        (r.entity === 'problem_event' && !has('problem', r.record.problemId)) ||
        (r.entity === 'attachment' && !has(String(r.record.ownerKind), r.record.ownerId)),
    );
  }

  /** Officers `assign` writes to: those with active projects, and those who had an assignment before. */
  assignees(): number[] {
    const active = new Set([...this.projects.values()].filter((p) => !p.archived).map((p) => p.project.officerId));
    return this.officers.filter((o) => active.has(o.id) || this.lastAssignment(o.index) > 0).map((o) => o.index);
  }

  snapshot(officer: number): AssignmentSnapshot {
    const officerId = this.officers[officer]!.id;
    const projects = [...this.projects.values()].filter((p) => !p.archived && p.project.officerId === officerId).map((p) => p.project);
    const ids = new Set(projects.map((p) => p.id));
    const problems = projects.flatMap((p) => this.problemsByProject.get(p.id) ?? []);
    return {
      officer,
      sequence: this.lastAssignment(officer) + 1,
      ack: this.acknowledgeable(officer),
      projects,
      milestones: [...this.milestones.values()].filter((m) => !m.withdrawn && ids.has(m.milestone.projectId)).map((m) => m.milestone),
      items: [...this.items.values()].filter((i) => !i.withdrawn && ids.has(i.item.projectId)).map((i) => i.item),
      problems,
      events: problems.flatMap((p) => this.eventsByProblem.get(p.id) ?? []),
    };
  }

  recordAssignment(s: AssignmentSnapshot, packetId: string): void {
    const list = this.assignments.get(s.officer) ?? [];
    list.push({ sequence: s.sequence, ack: s.ack, packetId });
    this.assignments.set(s.officer, list);
  }
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}
