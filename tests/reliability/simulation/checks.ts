import type { BureauContext } from '../../../electron/bureau/context.js';
import type { SqliteDatabase } from '../../../electron/store/database.js';
import type { ProblemEvent, Problem } from '@shared/domain/index.js';
import { groupBy } from '@shared/rules/index.js';
import { canon, OFFICER_ENTITIES, RECORD_FIELDS, type BureauModel, type OfficerEntity, type OfficerModel } from './model.js';

/**
 * Compares a real store with the reference model, table by table, record by record. Every difference is
 * a failure: a record missing, one too many, one with other content, a change-log row out of place, a
 * project deleted instead of archived, an acknowledgement not applied. Returns how many records it compared.
 */

export class CheckFailure extends Error {}

const PROJECT_FIELDS = [
  ['id', 'id'],
  ['code', 'code'],
  ['name', 'name'],
  ['company', 'company'],
  ['level', 'level'],
  ['industry', 'industry'],
  ['stage', 'stage'],
  ['sponsoringLeader', 'sponsoring_leader'],
  ['sponsoringUnit', 'sponsoring_unit'],
  ['officerId', 'officer_id'],
  ['planYear', 'plan_year'],
  ['annualPlannedInvestment', 'annual_planned_investment'],
  ['totalInvestment', 'total_investment'],
  ['location', 'location'],
] as const;
const MILESTONE_FIELDS = [
  ['id', 'id'],
  ['projectId', 'project_id'],
  ['kind', 'kind'],
  ['title', 'title'],
  ['plannedOn', 'planned_on'],
  ['sortOrder', 'sort_order'],
] as const;
const ITEM_FIELDS = [
  ['id', 'id'],
  ['projectId', 'project_id'],
  ['stage', 'stage'],
  ['title', 'title'],
  ['dueOn', 'due_on'],
  ['sortOrder', 'sort_order'],
  ['origin', 'origin'],
] as const;

const text = (fields: readonly (readonly [string, string])[], record: Record<string, unknown>, extra: unknown[] = []): string =>
  JSON.stringify([...fields.map(([f]) => record[f] ?? null), ...extra]);

/** Each connection keeps its statements compiled (electron/store/statement-cache.ts): the checks run thousands of times. */
export const prepared = (db: SqliteDatabase, sql: string) => db.prepare(sql);

function select(
  db: SqliteDatabase,
  table: string,
  fields: readonly (readonly [string, string])[],
  extraColumns: string[] = [],
  where = '',
): Record<string, unknown>[] {
  const cols = [...fields.map(([f, c]) => `"${c}" AS "${f}"`), ...extraColumns].join(', ');
  return db.prepare(`SELECT ${cols} FROM ${table} ${where}`).all() as Record<string, unknown>[];
}

/** Expected and actual as id → text; throws with the first differences. */
function same(what: string, expected: Map<string, string>, actual: Map<string, string>, duplicates = 0): number {
  const problems: string[] = [];
  if (duplicates > 0) problems.push(`${duplicates} id(s) twice`);
  for (const [id, want] of expected) {
    const got = actual.get(id);
    if (got === undefined) problems.push(`missing ${id}: ${want}`);
    else if (got !== want) problems.push(`differs ${id}:\n      store ${got}\n      model ${want}`);
    if (problems.length >= 3) break;
  }
  if (problems.length < 3) {
    for (const [id, got] of actual) {
      if (!expected.has(id)) problems.push(`unexpected ${id}: ${got}`);
      if (problems.length >= 3) break;
    }
  }
  if (problems.length > 0) {
    throw new CheckFailure(`${what}: ${expected.size} expected, ${actual.size} in the store; ${problems.join('; ')}`);
  }
  return expected.size;
}

function toMap(rows: Record<string, unknown>[], line: (r: Record<string, unknown>) => string): { map: Map<string, string>; duplicates: number } {
  const map = new Map<string, string>();
  let duplicates = 0;
  for (const r of rows) {
    const id = String(r.id);
    if (map.has(id)) duplicates += 1;
    map.set(id, line(r));
  }
  return { map, duplicates };
}

// ── Officer store ────────────────────────────────────────────────────────────────────────────────────

export function checkOfficerStore(db: SqliteDatabase, m: OfficerModel): number {
  const who = `${m.officer.name} (officer ${m.officer.index})`;
  let checked = 0;

  // Officer-owned records, and problems/events which also come from assignments.
  for (const entity of OFFICER_ENTITIES) {
    const spec = RECORD_FIELDS[entity];
    const expected = new Map<string, string>();
    if (entity === 'problem') for (const p of m.problems.values()) expected.set(p.id, canon('problem', p as unknown as Record<string, unknown>));
    else if (entity === 'problem_event') for (const e of m.events.values()) expected.set(e.id, canon('problem_event', e as unknown as Record<string, unknown>));
    else for (const r of m.records) if (r.entity === entity) expected.set(r.id, r.canon);
    const actual = toMap(select(db, spec.table, spec.fields), (r) => canon(entity, r));
    checked += same(`${who} ${spec.table}`, expected, actual.map, actual.duplicates);
  }

  // The outbox holds exactly the officer's own records, in the order they were written, seq without gaps.
  const log = db.prepare('SELECT seq, entity, record_id AS recordId, payload FROM change_log ORDER BY seq').all() as {
    seq: number;
    entity: string;
    recordId: string;
    payload: string;
  }[];
  if (log.length !== m.records.length) {
    throw new CheckFailure(`${who} change_log: ${log.length} rows, the model has ${m.records.length} records of this officer`);
  }
  log.forEach((row, i) => {
    const rec = m.records[i]!;
    if (row.seq !== i + 1 || row.entity !== rec.entity || row.recordId !== rec.id || canon(rec.entity, JSON.parse(row.payload)) !== rec.canon) {
      throw new CheckFailure(
        `${who} change_log row ${row.seq} is ${row.entity} ${row.recordId} ${row.payload}; the model has seq ${i + 1} ${rec.entity} ${rec.id} ${rec.canon}`,
      );
    }
  });

  // Bureau-owned data as the applied assignments left it: archived, never deleted.
  const projects = toMap(select(db, 'projects', PROJECT_FIELDS, ['archived_at AS archivedAt']), (r) => text(PROJECT_FIELDS, r, [r.archivedAt !== null]));
  const wantProjects = new Map([...m.projects].map(([id, p]) => [id, text(PROJECT_FIELDS, p.project as unknown as Record<string, unknown>, [p.archived])]));
  checked += same(`${who} projects`, wantProjects, projects.map);
  const milestones = toMap(select(db, 'milestones', MILESTONE_FIELDS, ['withdrawn_at AS withdrawnAt']), (r) =>
    text(MILESTONE_FIELDS, r, [r.withdrawnAt !== null]),
  );
  checked += same(
    `${who} milestones`,
    new Map([...m.milestones].map(([id, x]) => [id, text(MILESTONE_FIELDS, x.milestone as unknown as Record<string, unknown>, [x.withdrawn])])),
    milestones.map,
  );
  const items = toMap(select(db, 'checklist_items', ITEM_FIELDS, ['withdrawn_at AS withdrawnAt']), (r) => text(ITEM_FIELDS, r, [r.withdrawnAt !== null]));
  checked += same(
    `${who} checklist_items`,
    new Map([...m.items].map(([id, x]) => [id, text(ITEM_FIELDS, x.item as unknown as Record<string, unknown>, [x.withdrawn])])),
    items.map,
  );

  // The exchange: assignments applied, packets exported, what the acknowledgement marked received.
  const imports = db.prepare('SELECT sequence, packet_id AS packetId, acknowledged_weekly_sequence AS ack FROM assignment_imports ORDER BY sequence').all();
  const wantImports = m.applied.map((a) => ({ sequence: a.sequence, packetId: a.packetId, ack: a.ack }));
  if (JSON.stringify(imports) !== JSON.stringify(wantImports)) {
    throw new CheckFailure(`${who} assignment_imports ${JSON.stringify(imports)}; the model applied ${JSON.stringify(wantImports)}`);
  }
  const exports = db
    .prepare(
      'SELECT sequence, packet_id AS packetId, after_seq AS afterSeq, through_seq AS throughSeq, acknowledged_at IS NOT NULL AS acknowledged FROM packet_exports ORDER BY sequence',
    )
    .all();
  const ack = m.ack;
  const wantExports = m.exports.map((e) => ({
    sequence: e.sequence,
    packetId: e.packetId,
    afterSeq: e.afterSeq,
    throughSeq: e.throughSeq,
    acknowledged: e.sequence <= ack ? 1 : 0,
  }));
  if (JSON.stringify(exports) !== JSON.stringify(wantExports)) {
    throw new CheckFailure(`${who} packet_exports ${JSON.stringify(exports)}; the model has ${JSON.stringify(wantExports)}`);
  }
  const conflicts = (db.prepare('SELECT count(*) AS n FROM sync_conflicts').get() as { n: number }).n;
  if (conflicts !== 0) throw new CheckFailure(`${who} has ${conflicts} sync conflict(s); no record was ever written twice with different content`);
  return checked + log.length;
}

// ── Bureau ───────────────────────────────────────────────────────────────────────────────────────────

export function checkBureau(ctx: BureauContext, b: BureauModel): number {
  const { db } = ctx;
  let checked = 0;
  const officerIndex = new Map(b.officers.map((o) => [o.id, o.index]));

  const received = toMap(
    db.prepare('SELECT packet_id AS id, officer_id AS officerId, sequence FROM received_packets').all() as Record<string, unknown>[],
    (r) => JSON.stringify([officerIndex.get(String(r.officerId)), r.sequence]),
  );
  same('bureau received_packets', new Map([...b.received].map(([id, r]) => [id, JSON.stringify([r.officer, r.sequence])])), received.map, received.duplicates);

  // Every record from the packets that arrived, exactly once, with its sender and the first packet that brought it;
  // the bureau's own problems and events with neither.
  for (const entity of OFFICER_ENTITIES) {
    const spec = RECORD_FIELDS[entity];
    const actual = toMap(select(db, spec.table, spec.fields, ['officer_id AS __officer', 'packet_id AS __packet']), (r) =>
      JSON.stringify([canon(entity, r), r.__officer ?? null, r.__packet ?? null]),
    );
    const expected = new Map([...b.heldMap(entity)].map(([id, h]) => [id, JSON.stringify([h.rec.canon, h.officerId, h.packetId])]));
    checked += same(`bureau ${spec.table}`, expected, actual.map, actual.duplicates);
  }

  // The master list: withdrawn projects archived, dropped tasks and milestones withdrawn, nothing deleted.
  const projects = toMap(select(db, 'projects', PROJECT_FIELDS, ['archived_at AS archivedAt']), (r) => text(PROJECT_FIELDS, r, [r.archivedAt !== null]));
  checked += same(
    'bureau projects',
    new Map([...b.projects].map(([id, p]) => [id, text(PROJECT_FIELDS, p.project as unknown as Record<string, unknown>, [p.archived])])),
    projects.map,
  );
  const milestones = toMap(select(db, 'milestones', MILESTONE_FIELDS, ['withdrawn_at AS withdrawnAt']), (r) =>
    text(MILESTONE_FIELDS, r, [r.withdrawnAt !== null]),
  );
  checked += same(
    'bureau milestones',
    new Map([...b.milestones].map(([id, x]) => [id, text(MILESTONE_FIELDS, x.milestone as unknown as Record<string, unknown>, [x.withdrawn])])),
    milestones.map,
  );
  const items = toMap(select(db, 'checklist_items', ITEM_FIELDS, ['withdrawn_at AS withdrawnAt']), (r) => text(ITEM_FIELDS, r, [r.withdrawnAt !== null]));
  checked += same(
    'bureau checklist_items',
    new Map([...b.items].map(([id, x]) => [id, text(ITEM_FIELDS, x.item as unknown as Record<string, unknown>, [x.withdrawn])])),
    items.map,
  );

  const assignments = db
    .prepare('SELECT officer_id AS officerId, sequence, acknowledged_sequence AS ack, packet_id AS packetId FROM assignments ORDER BY officer_id, sequence')
    .all() as { officerId: string; sequence: number; ack: number; packetId: string }[];
  const got = new Map<string, string>();
  for (const a of assignments) got.set(`${officerIndex.get(a.officerId)}:${a.sequence}`, JSON.stringify([a.ack, a.packetId]));
  const want = new Map<string, string>();
  for (const [officer, list] of b.assignments) for (const a of list) want.set(`${officer}:${a.sequence}`, JSON.stringify([a.ack, a.packetId]));
  same('bureau assignments', want, got);

  const keys = db.prepare('SELECT id FROM officers WHERE key_fingerprint IS NOT NULL').pluck().all() as string[];
  const wantKeys = new Set([...b.keyKnown].map((i) => b.officers[i]!.id));
  if (keys.length !== wantKeys.size || keys.some((k) => !wantKeys.has(k))) {
    throw new CheckFailure(`bureau officers with a key: ${keys.length}, the model expects ${wantKeys.size}`);
  }
  // Content conflicts only: a problem step made illegal by the other side's concurrent step is kept as an
  // 'illegal_step' row (issue 9, point 9), as the model expects such steps (kept, not applied).
  const conflicts = (db.prepare("SELECT count(*) AS n FROM conflicts WHERE kind = 'content'").get() as { n: number }).n;
  if (conflicts !== 0) throw new CheckFailure(`the bureau has ${conflicts} conflict(s); no record ever arrived with different content`);
  return checked;
}

/** The derived state of every problem a store holds, from its own tables, by id. */
export function storeProblemStates(db: SqliteDatabase, derive: (p: Problem, events: ProblemEvent[]) => string): Map<string, string> {
  const problems = select(db, 'problems', RECORD_FIELDS.problem.fields) as unknown as Problem[];
  const events = select(db, 'problem_events', RECORD_FIELDS.problem_event.fields) as unknown as ProblemEvent[];
  const byProblem = groupBy(events, (e) => e.problemId);
  return new Map(problems.map((p) => [p.id, derive(p, byProblem.get(p.id) ?? [])]));
}

export type { OfficerEntity };
