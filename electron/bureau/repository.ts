import type { Database } from '../store/driver.js';
import type { z } from 'zod';
import {
  Attachment,
  ChecklistEvent,
  ChecklistItem,
  InvestmentEntry,
  Milestone,
  MilestoneReport,
  Problem,
  ProblemEvent,
  Visit,
  type Project,
} from '@shared/domain/index.js';
import type { SqliteDatabase } from '../store/database.js';

/**
 * Where the bureau desk keeps each kind of record. Bureau-owned rows (officers, projects, milestones,
 * bureau checklist items) are upserted by import-master; officer-owned rows are only ever inserted by
 * ingest, through `foldRecord`, which decides new / duplicate / conflict by id and content.
 */

/** Prepared statements, kept per connection: ingest runs the same few statements thousands of times. */
const statementCache = new WeakMap<SqliteDatabase, Map<string, Database.Statement<unknown[], unknown>>>();
export function cached(db: SqliteDatabase, sql: string): Database.Statement<unknown[], unknown> {
  let byDb = statementCache.get(db);
  if (!byDb) statementCache.set(db, (byDb = new Map()));
  let stmt = byDb.get(sql);
  if (!stmt) byDb.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}

// ── Settings ─────────────────────────────────────────────────────────────────────────────────────────

export function readBureauSetting(db: SqliteDatabase, key: string): unknown {
  const row = cached(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as unknown) : null;
}

export function writeBureauSetting(db: SqliteDatabase, key: string, value: unknown): void {
  cached(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}

// ── Officers ─────────────────────────────────────────────────────────────────────────────────────────

export interface BureauOfficer {
  id: string;
  name: string;
  unit: string;
  phone: string;
  publicKeyPem: string | null;
  keyFingerprint: string | null;
  /** Where the key's PEM came from: a key file, or a packet (accepted by a person, or on first use by an older desk). */
  keySource: 'file' | 'first_packet' | null;
  keyRegisteredAt: string | null;
  /** How a person confirmed it: 'file', 'read_back' (fingerprint read back with the officer); null: never confirmed. */
  keyConfirmed: 'file' | 'read_back' | null;
  createdAt: string;
}

const OFFICER_COLUMNS = `id, name, unit, phone, public_key_pem AS publicKeyPem, key_fingerprint AS keyFingerprint,
  key_source AS keySource, key_registered_at AS keyRegisteredAt, key_confirmed AS keyConfirmed, created_at AS createdAt`;

export function listOfficers(db: SqliteDatabase): BureauOfficer[] {
  return cached(db, `SELECT ${OFFICER_COLUMNS} FROM officers ORDER BY unit, name, id`).all() as BureauOfficer[];
}

export function getOfficer(db: SqliteDatabase, id: string): BureauOfficer | undefined {
  return cached(db, `SELECT ${OFFICER_COLUMNS} FROM officers WHERE id = ?`).get(id) as BureauOfficer | undefined;
}

export function findOfficer(db: SqliteDatabase, name: string, unit: string): BureauOfficer | undefined {
  return cached(db, `SELECT ${OFFICER_COLUMNS} FROM officers WHERE name = ? AND unit = ?`).get(name, unit) as BureauOfficer | undefined;
}

export function insertOfficer(db: SqliteDatabase, o: Pick<BureauOfficer, 'id' | 'name' | 'unit' | 'phone' | 'createdAt'>): void {
  cached(db, 'INSERT INTO officers (id, name, unit, phone, created_at) VALUES (@id, @name, @unit, @phone, @createdAt)').run(o);
}

export function updateOfficerPhone(db: SqliteDatabase, id: string, phone: string): void {
  cached(db, 'UPDATE officers SET phone = ? WHERE id = ?').run(phone, id);
}

export function setOfficerKey(
  db: SqliteDatabase,
  id: string,
  key: { pem: string; fingerprint: string; source: 'file' | 'first_packet'; at: string; confirmed: 'file' | 'read_back' } | null,
): void {
  cached(db, 'UPDATE officers SET public_key_pem = ?, key_fingerprint = ?, key_source = ?, key_registered_at = ?, key_confirmed = ? WHERE id = ?').run(
    key?.pem ?? null,
    key?.fingerprint ?? null,
    key?.source ?? null,
    key?.at ?? null,
    key?.confirmed ?? null,
    id,
  );
}

// ── Projects and their history ───────────────────────────────────────────────────────────────────────

export interface BureauProject extends Project {
  checklistSource: string;
  masterRow: number | null;
}

const PROJECT_COLUMNS = `id, code, name, company, level, industry, stage, sponsoring_leader AS sponsoringLeader,
  sponsoring_unit AS sponsoringUnit, officer_id AS officerId, plan_year AS planYear,
  annual_planned_investment AS annualPlannedInvestment, total_investment AS totalInvestment, location,
  archived_at AS archivedAt, checklist_source AS checklistSource, master_row AS masterRow,
  bureau_completed_month AS bureauCompletedMonth, bureau_completed_amount AS bureauCompletedAmount`;

type ProjectRow = Omit<BureauProject, 'bureauCompleted'> & { bureauCompletedMonth: string | null; bureauCompletedAmount: number | null };

/** The two columns as the one optional figure (both set or both null, the list's rule). */
function projectFromRow({ bureauCompletedMonth, bureauCompletedAmount, ...p }: ProjectRow): BureauProject {
  const bureauCompleted =
    bureauCompletedMonth !== null && bureauCompletedAmount !== null ? { throughMonth: bureauCompletedMonth, amount: bureauCompletedAmount } : null;
  return { ...p, bureauCompleted };
}

export function listBureauProjects(db: SqliteDatabase, options: { includeArchived?: boolean; officerId?: string } = {}): BureauProject[] {
  const where: string[] = [];
  const params: string[] = [];
  if (!options.includeArchived) where.push('archived_at IS NULL');
  if (options.officerId) {
    where.push('officer_id = ?');
    params.push(options.officerId);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  return (cached(db, `SELECT ${PROJECT_COLUMNS} FROM projects ${clause} ORDER BY code`).all(...params) as ProjectRow[]).map(projectFromRow);
}

export function getBureauProject(db: SqliteDatabase, id: string): BureauProject | undefined {
  const row = cached(db, `SELECT ${PROJECT_COLUMNS} FROM projects WHERE id = ?`).get(id) as ProjectRow | undefined;
  return row ? projectFromRow(row) : undefined;
}

function projectParams({ bureauCompleted, ...p }: BureauProject): ProjectRow {
  return { ...p, bureauCompletedMonth: bureauCompleted?.throughMonth ?? null, bureauCompletedAmount: bureauCompleted?.amount ?? null };
}

export function upsertBureauProject(db: SqliteDatabase, p: BureauProject): void {
  cached(
    db,
    `INSERT INTO projects (id, code, name, company, level, industry, stage, sponsoring_leader, sponsoring_unit, officer_id,
       plan_year, annual_planned_investment, total_investment, location, archived_at, checklist_source, master_row,
       bureau_completed_month, bureau_completed_amount)
     VALUES (@id, @code, @name, @company, @level, @industry, @stage, @sponsoringLeader, @sponsoringUnit, @officerId,
       @planYear, @annualPlannedInvestment, @totalInvestment, @location, @archivedAt, @checklistSource, @masterRow,
       @bureauCompletedMonth, @bureauCompletedAmount)
     ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, company = excluded.company,
       level = excluded.level, industry = excluded.industry, stage = excluded.stage,
       sponsoring_leader = excluded.sponsoring_leader, sponsoring_unit = excluded.sponsoring_unit,
       officer_id = excluded.officer_id, plan_year = excluded.plan_year,
       annual_planned_investment = excluded.annual_planned_investment, total_investment = excluded.total_investment,
       location = excluded.location, archived_at = excluded.archived_at, checklist_source = excluded.checklist_source,
       master_row = excluded.master_row, bureau_completed_month = excluded.bureau_completed_month,
       bureau_completed_amount = excluded.bureau_completed_amount`,
  ).run(projectParams(p));
}

export interface ProjectRevision {
  id: number;
  projectId: string;
  importId: string;
  change: 'added' | 'updated' | 'withdrawn' | 'restored';
  oldValues: Record<string, unknown>;
  newValues: Record<string, unknown>;
  changedAt: string;
}

export function insertProjectRevision(db: SqliteDatabase, r: Omit<ProjectRevision, 'id'>): void {
  cached(
    db,
    `INSERT INTO project_revisions (project_id, import_id, change, old_values, new_values, changed_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(r.projectId, r.importId, r.change, JSON.stringify(r.oldValues), JSON.stringify(r.newValues), r.changedAt);
}

export function listProjectRevisions(db: SqliteDatabase, projectId?: string): ProjectRevision[] {
  const where = projectId ? 'WHERE project_id = ?' : '';
  const stmt = cached(
    db,
    `SELECT id, project_id AS projectId, import_id AS importId, change, old_values AS oldValues, new_values AS newValues,
       changed_at AS changedAt FROM project_revisions ${where} ORDER BY id`,
  );
  const rows = (projectId ? stmt.all(projectId) : stmt.all()) as (Omit<ProjectRevision, 'oldValues' | 'newValues'> & {
    oldValues: string;
    newValues: string;
  })[];
  return rows.map((r) => ({
    ...r,
    oldValues: JSON.parse(r.oldValues) as Record<string, unknown>,
    newValues: JSON.parse(r.newValues) as Record<string, unknown>,
  }));
}

export function insertMasterImport(
  db: SqliteDatabase,
  m: {
    id: string;
    fileName: string;
    sha256: string;
    importedAt: string;
    rows: number;
    added: number;
    updated: number;
    unchanged: number;
    withdrawn: number;
    restored: number;
  },
): void {
  cached(
    db,
    `INSERT INTO master_imports (id, file_name, sha256, imported_at, rows, added, updated, unchanged, withdrawn, restored)
     VALUES (@id, @fileName, @sha256, @importedAt, @rows, @added, @updated, @unchanged, @withdrawn, @restored)`,
  ).run(m);
}

// ── Milestones and checklist items (bureau plan) ─────────────────────────────────────────────────────

export interface BureauMilestone extends Milestone {
  withdrawnAt: string | null;
}

const MILESTONE_COLUMNS = 'id, project_id AS projectId, kind, title, planned_on AS plannedOn, sort_order AS sortOrder, withdrawn_at AS withdrawnAt';

export function listBureauMilestones(db: SqliteDatabase, projectId?: string): BureauMilestone[] {
  const where = projectId ? 'WHERE project_id = ?' : '';
  const stmt = cached(db, `SELECT ${MILESTONE_COLUMNS} FROM milestones ${where} ORDER BY project_id, sort_order, planned_on, id`);
  return (projectId ? stmt.all(projectId) : stmt.all()) as BureauMilestone[];
}

export function upsertBureauMilestone(db: SqliteDatabase, m: BureauMilestone): void {
  cached(
    db,
    `INSERT INTO milestones (id, project_id, kind, title, planned_on, sort_order, withdrawn_at)
     VALUES (@id, @projectId, @kind, @title, @plannedOn, @sortOrder, @withdrawnAt)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, title = excluded.title, planned_on = excluded.planned_on,
       sort_order = excluded.sort_order, withdrawn_at = excluded.withdrawn_at`,
  ).run(m);
}

const ITEM_COLUMNS = 'id, project_id AS projectId, stage, title, due_on AS dueOn, sort_order AS sortOrder, origin, withdrawn_at AS withdrawnAt';

export function listBureauChecklistItems(db: SqliteDatabase, options: { projectId?: string; origin?: 'bureau' | 'officer' } = {}): ChecklistItem[] {
  const where: string[] = [];
  const params: string[] = [];
  if (options.projectId) {
    where.push('project_id = ?');
    params.push(options.projectId);
  }
  if (options.origin) {
    where.push('origin = ?');
    params.push(options.origin);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  return cached(db, `SELECT ${ITEM_COLUMNS} FROM checklist_items ${clause} ORDER BY project_id, sort_order, due_on, id`).all(...params) as ChecklistItem[];
}

export function upsertBureauChecklistItem(db: SqliteDatabase, item: ChecklistItem): void {
  cached(
    db,
    `INSERT INTO checklist_items (id, project_id, stage, title, due_on, sort_order, origin, withdrawn_at)
     VALUES (@id, @projectId, @stage, @title, @dueOn, @sortOrder, @origin, @withdrawnAt)
     ON CONFLICT (id) DO UPDATE SET stage = excluded.stage, title = excluded.title, due_on = excluded.due_on,
       sort_order = excluded.sort_order, withdrawn_at = excluded.withdrawn_at`,
  ).run(item);
}

// ── Assignments and received packets ─────────────────────────────────────────────────────────────────

export function lastAssignmentSequence(db: SqliteDatabase, officerId: string): number {
  return (cached(db, 'SELECT coalesce(max(sequence), 0) AS n FROM assignments WHERE officer_id = ?').get(officerId) as { n: number }).n;
}

export function insertAssignment(
  db: SqliteDatabase,
  a: {
    officerId: string;
    sequence: number;
    packetId: string;
    createdAt: string;
    fileName: string;
    sha256: string;
    acknowledgedSequence: number;
    projects: number;
  },
): void {
  cached(
    db,
    `INSERT INTO assignments (officer_id, sequence, packet_id, created_at, file_name, sha256, acknowledged_sequence, projects)
     VALUES (@officerId, @sequence, @packetId, @createdAt, @fileName, @sha256, @acknowledgedSequence, @projects)`,
  ).run(a);
}

export interface ReceivedPacket {
  packetId: string;
  officerId: string;
  sequence: number;
  sha256: string;
  fileName: string;
  createdAt: string;
  receivedAt: string;
  counts: Record<string, unknown>;
  /** The key that signed it (null: folded before the desk recorded it). */
  keyFingerprint?: string | null;
  /** Set when the packet's key was replaced or rejected: its records are kept aside in voided_records. */
  voidedAt?: string | null;
  voidedReason?: string | null;
}

export function getReceivedPacket(db: SqliteDatabase, packetId: string): ReceivedPacket | undefined {
  const row = db
    .prepare(
      `SELECT packet_id AS packetId, officer_id AS officerId, sequence, sha256, file_name AS fileName, created_at AS createdAt,
         received_at AS receivedAt, counts, key_fingerprint AS keyFingerprint, voided_at AS voidedAt, voided_reason AS voidedReason
       FROM received_packets WHERE packet_id = ?`,
    )
    .get(packetId) as (Omit<ReceivedPacket, 'counts'> & { counts: string }) | undefined;
  return row ? { ...row, counts: JSON.parse(row.counts) as Record<string, unknown> } : undefined;
}

export function insertReceivedPacket(db: SqliteDatabase, p: ReceivedPacket): void {
  cached(
    db,
    `INSERT INTO received_packets (packet_id, officer_id, sequence, sha256, file_name, created_at, received_at, counts, key_fingerprint)
     VALUES (@packetId, @officerId, @sequence, @sha256, @fileName, @createdAt, @receivedAt, @counts, @keyFingerprint)`,
  ).run({
    packetId: p.packetId,
    officerId: p.officerId,
    sequence: p.sequence,
    sha256: p.sha256,
    fileName: p.fileName,
    createdAt: p.createdAt,
    receivedAt: p.receivedAt,
    counts: JSON.stringify(p.counts),
    keyFingerprint: p.keyFingerprint ?? null,
  });
}

/**
 * The acknowledgement an assignment carries: the highest weekly-packet sequence received from the officer
 * and still valid (a voided packet, from a replaced or rejected key, is acknowledged by nobody).
 */
export function highestReceivedSequence(db: SqliteDatabase, officerId: string): number {
  return (cached(db, 'SELECT coalesce(max(sequence), 0) AS n FROM received_packets WHERE officer_id = ? AND voided_at IS NULL').get(officerId) as { n: number })
    .n;
}

export function countReceivedPackets(db: SqliteDatabase, officerId: string): number {
  return (cached(db, 'SELECT count(*) AS n FROM received_packets WHERE officer_id = ? AND voided_at IS NULL').get(officerId) as { n: number }).n;
}

// ── Officer-owned records: the fold ──────────────────────────────────────────────────────────────────

export type FoldEntity = 'checklist_item' | 'visit' | 'attachment' | 'checklist_event' | 'milestone_report' | 'problem' | 'problem_event' | 'investment_entry';

interface EntityTable {
  table: string;
  schema: z.ZodType<{ id: string }>;
  /** domain field → column */
  columns: Record<string, string>;
}

const cols = (pairs: string): Record<string, string> =>
  Object.fromEntries(
    pairs
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((pair) => {
        const [field, column] = pair.split(':');
        return [field!, column ?? field!];
      }),
  );

export const FOLD_TABLES: Record<FoldEntity, EntityTable> = {
  checklist_item: {
    table: 'checklist_items',
    schema: ChecklistItem,
    columns: cols('id, projectId:project_id, stage, title, dueOn:due_on, sortOrder:sort_order, origin, withdrawnAt:withdrawn_at'),
  },
  visit: {
    table: 'visits',
    schema: Visit,
    columns: cols(
      'id, projectId:project_id, visitedOn:visited_on, kind, participants, summary, findings, followUps:follow_ups, recordedAt:recorded_at, recordedBy:recorded_by',
    ),
  },
  attachment: {
    table: 'attachments',
    schema: Attachment,
    columns: cols('id, ownerKind:owner_kind, ownerId:owner_id, fileName:file_name, mimeType:mime_type, sha256, bytes, width, height, recordedAt:recorded_at'),
  },
  checklist_event: {
    table: 'checklist_events',
    schema: ChecklistEvent,
    columns: cols('id, itemId:item_id, action, effectiveOn:effective_on, note, attachmentId:attachment_id, recordedAt:recorded_at, recordedBy:recorded_by'),
  },
  milestone_report: {
    table: 'milestone_reports',
    schema: MilestoneReport,
    columns: cols('id, milestoneId:milestone_id, reachedOn:reached_on, note, recordedAt:recorded_at, recordedBy:recorded_by'),
  },
  problem: {
    table: 'problems',
    schema: Problem,
    columns: cols(
      'id, projectId:project_id, category, description, responsibleDepartment:responsible_department, coordinatingLeader:coordinating_leader, dueOn:due_on, origin, raisedOn:raised_on, raisedBy:raised_by, recordedAt:recorded_at',
    ),
  },
  problem_event: {
    table: 'problem_events',
    schema: ProblemEvent,
    columns: cols('id, problemId:problem_id, action, at, by, origin, note, department, resolution'),
  },
  investment_entry: {
    table: 'investment_entries',
    schema: InvestmentEntry,
    columns: cols('id, projectId:project_id, month, amount, recordedAt:recorded_at, recordedBy:recorded_by'),
  },
};

/** Dependencies first, so a record's parent is in place before it: items before their events, problems before theirs. */
export const FOLD_ORDER: readonly FoldEntity[] = [
  'checklist_item',
  'visit',
  'checklist_event',
  'milestone_report',
  'problem',
  'problem_event',
  'attachment',
  'investment_entry',
];

const selectSql = new Map<FoldEntity, string>();
const insertSql = new Map<FoldEntity, string>();
for (const [entity, spec] of Object.entries(FOLD_TABLES) as [FoldEntity, EntityTable][]) {
  const fields = Object.entries(spec.columns);
  selectSql.set(entity, `SELECT ${fields.map(([f, c]) => `"${c}" AS "${f}"`).join(', ')} FROM ${spec.table} WHERE id = ?`);
  insertSql.set(
    entity,
    `INSERT INTO ${spec.table} (${fields.map(([, c]) => `"${c}"`).join(', ')}, officer_id, packet_id)
     VALUES (${fields.map(([f]) => `@${f}`).join(', ')}, @__officerId, @__packetId)`,
  );
}

/** A record as JSON with its fields in the schema's order: two versions are the same record when these are equal. */
export function canonicalRecord(entity: FoldEntity, record: unknown): string {
  const spec = FOLD_TABLES[entity];
  const parsed = spec.schema.parse(record) as Record<string, unknown>;
  return JSON.stringify(Object.fromEntries(Object.keys(spec.columns).map((f) => [f, parsed[f] ?? null])));
}

/**
 * The same JSON for a record already parsed by its entity's schema (a weekly payload's records are: the
 * packet reader validates them with these schemas), without parsing it again.
 */
export function canonicalParsedRecord(entity: FoldEntity, record: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.keys(FOLD_TABLES[entity].columns).map((f) => [f, record[f] ?? null])));
}

/** What ingest looks up once per record and shares between its checks and the fold. */
export interface FoldLookup {
  /** The version held, in domain shape (undefined: new). */
  existing: Record<string, unknown> | undefined;
  /** canonicalRecord of the incoming record. */
  incoming: string;
  /** canonicalRecord of the held version, once computed. */
  held?: string;
}

/** Looks a record up for the fold: the held version and both canonical forms, each computed once. */
export function lookupFold(db: SqliteDatabase, entity: FoldEntity, record: Record<string, unknown> & { id: string }, validated = false): FoldLookup {
  const existing = getFoldedRecord(db, entity, record.id);
  const incoming = validated ? canonicalParsedRecord(entity, record) : canonicalRecord(entity, record);
  return { existing, incoming, held: existing ? canonicalRecord(entity, existing) : undefined };
}

export function getFoldedRecord(db: SqliteDatabase, entity: FoldEntity, id: string): Record<string, unknown> | undefined {
  return cached(db, selectSql.get(entity)!).get(id) as Record<string, unknown> | undefined;
}

export type FoldOutcome = 'new' | 'duplicate' | 'conflict';

/**
 * Folds one officer-owned record: a new id is inserted; the same id with the same content is a duplicate
 * (ignored); the same id with different content is a conflict — the version already held stays in force
 * and both are kept in `conflicts`. Call inside the ingest transaction.
 */
export function foldRecord(
  db: SqliteDatabase,
  entity: FoldEntity,
  record: { id: string },
  origin: { officerId: string; packetId: string; at: string },
  lookup: FoldLookup = lookupFold(db, entity, record as Record<string, unknown> & { id: string }),
): FoldOutcome {
  const { existing, incoming } = lookup;
  if (!existing) {
    cached(db, insertSql.get(entity)!).run({ ...(JSON.parse(incoming) as object), __officerId: origin.officerId, __packetId: origin.packetId });
    return 'new';
  }
  const held = lookup.held ?? canonicalRecord(entity, existing);
  if (held === incoming) return 'duplicate';
  cached(
    db,
    `INSERT INTO conflicts (entity, record_id, officer_id, packet_id, existing, incoming, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (entity, record_id, incoming) DO NOTHING`,
  ).run(entity, record.id, origin.officerId, origin.packetId, held, incoming, origin.at);
  return 'conflict';
}

export interface ConflictRow {
  id: number;
  entity: FoldEntity;
  recordId: string;
  officerId: string;
  packetId: string;
  existing: unknown;
  incoming: unknown;
  detectedAt: string;
  /** 'content': the same id arrived with other content; 'illegal_step': a problem step not legal in its problem's state (problem-steps.ts). */
  kind: 'content' | 'illegal_step';
}

export function listConflicts(db: SqliteDatabase): ConflictRow[] {
  const rows = db
    .prepare(
      `SELECT id, entity, record_id AS recordId, officer_id AS officerId, packet_id AS packetId, existing, incoming, detected_at AS detectedAt,
         kind FROM conflicts ORDER BY id`,
    )
    .all() as (Omit<ConflictRow, 'existing' | 'incoming'> & { existing: string; incoming: string })[];
  return rows.map((r) => ({ ...r, existing: JSON.parse(r.existing) as unknown, incoming: JSON.parse(r.incoming) as unknown }));
}

/** Every folded record of a kind, in domain shape (for the summary and the ledger). */
export function listFolded<T>(db: SqliteDatabase, entity: FoldEntity, where = '', ...params: unknown[]): T[] {
  const spec = FOLD_TABLES[entity];
  const fields = Object.entries(spec.columns);
  // Cached: ingest asks this once per touched problem of every packet (problem-steps.ts).
  return cached(db, `SELECT ${fields.map(([f, c]) => `"${c}" AS "${f}"`).join(', ')} FROM ${spec.table} ${where} ORDER BY id`).all(...params) as T[];
}

export function markAttachmentStored(db: SqliteDatabase, id: string): void {
  cached(db, 'UPDATE attachments SET file_stored = 1 WHERE id = ?').run(id);
}
