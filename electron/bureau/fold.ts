import type { z } from 'zod';
import { contentObject, contentOf, FOLD_ORDER, insertSql, layoutOf, parsedContentOf, RECORDS, selectSql, type WeeklyKind } from '@shared/records/index.js';
import type { SqliteDatabase } from '../store/database.js';
import { columnsAs, parsedJson } from '../store/row-sql.js';

/**
 * The bureau's fold of officer-owned records (shared/records): they are only ever inserted, through
 * `foldRecord`, which decides new / duplicate / conflict by id and content. The bureau's tables keep the
 * fields both desks keep, so a folded row is its record as is (no conversions).
 */

export type FoldEntity = WeeklyKind;
export { FOLD_ORDER };

type EntityTable = { table: string; schema: z.ZodType<{ id: string }>; columns: Record<string, string> };

/** Where the bureau keeps each kind it folds, from the record catalogue: its table, schema, and the column of each field. */
export const FOLD_TABLES = Object.fromEntries(
  FOLD_ORDER.map((kind) => [
    kind,
    { table: RECORDS[kind].table, schema: RECORDS[kind].schema, columns: Object.fromEntries(layoutOf(kind).record.bureau.map((c) => [c.key, c.column])) },
  ]),
) as unknown as Record<FoldEntity, EntityTable>;

/** A record as JSON with its fields in the schema's order: two versions are the same record when these are equal. */
export const canonicalRecord: (entity: FoldEntity, record: unknown) => string = parsedContentOf;

/**
 * What ingest looks up once per record and shares between its checks and the fold: nothing for a new record
 * (it is inserted as it is), or the version held with both versions' content (canonicalRecord) to compare.
 */
export type FoldLookup =
  | { existing: undefined; incoming: undefined; held: undefined }
  | {
      existing: Record<string, unknown>;
      /** canonicalRecord of the incoming record. */ incoming: string;
      /** canonicalRecord of the held version. */ held: string;
    };

/** A record the bureau does not hold: nothing to compare. */
const NOT_HELD: FoldLookup = Object.freeze({ existing: undefined, incoming: undefined, held: undefined });

/**
 * Looks a record up for the fold. The record was validated by its kind's schema (the packet reader does), so it
 * is not parsed again.
 *
 * The held version is compared as stored: when its content is the incoming one's, it is the same record (the
 * incoming content is what the schema makes of it, and the schema leaves what it made as it is), so only a
 * version that differs is parsed by its schema to be compared and kept in its conflict row as before. Why:
 * a packet resends the records not yet acknowledged, and parsing each held version cost more than its comparison (issue 11).
 */
export function lookupFold(db: SqliteDatabase, entity: FoldEntity, record: object & { id: string }): FoldLookup {
  const existing = getFoldedRecord(db, entity, record.id);
  if (!existing) return NOT_HELD;
  const incoming = contentOf(entity, record);
  return { existing, incoming, held: contentOf(entity, existing) === incoming ? incoming : parsedContentOf(entity, existing) };
}

/**
 * The named parameters of a new record's INSERT: its content fields (an absent one null) and who sent it, bound
 * as the JSON of its content would bind them (tests/integration/bureau-ingest-checks.test.ts). Built from the
 * record directly: writing and parsing that JSON for every new record was a measurable part of ingest (issue 11).
 */
function insertParams(entity: FoldEntity, record: object, origin: { officerId: string; packetId: string }): Record<string, unknown> {
  const fields = record as Record<string, unknown>;
  const params: Record<string, unknown> = { __officerId: origin.officerId, __packetId: origin.packetId };
  for (const field of layoutOf(entity).content) {
    const value = fields[field];
    params[field] = value === undefined ? null : value;
  }
  return params;
}

const insertIfNewSql = new Map<FoldEntity, string>();

/** Inserts a record unless one of its id is held; whether it did. Any other constraint still fails the statement. */
function insertIfNew(db: SqliteDatabase, entity: FoldEntity, record: object, origin: { officerId: string; packetId: string }): boolean {
  let sql = insertIfNewSql.get(entity);
  if (sql === undefined) insertIfNewSql.set(entity, (sql = `${insertSql(entity, 'bureau', { sender: true })} ON CONFLICT (id) DO NOTHING`));
  return db.prepare(sql).run(insertParams(entity, record, origin)).changes === 1;
}

/**
 * Folds one record of a packet, with `check` (which throws the record's refusal) given what is held of it, as
 * foldRecord after lookupFold would. A record not held is inserted first and checked right after, in the same
 * transaction (a refusal rolls the insert back with the rest of the packet): so its id is probed once, by the
 * INSERT, instead of once more to look it up first (issue 11). An INSERT that fails is checked before its error
 * is thrown, so a record the checks refuse is refused for that reason, as before. Call inside the ingest transaction.
 */
export function foldChecked(
  db: SqliteDatabase,
  entity: FoldEntity,
  record: object & { id: string },
  origin: { officerId: string; packetId: string; at: string },
  check: (lookup: FoldLookup) => void,
): FoldOutcome {
  let inserted: boolean;
  try {
    inserted = insertIfNew(db, entity, record, origin);
  } catch (error) {
    check(NOT_HELD);
    throw error;
  }
  if (inserted) {
    check(NOT_HELD);
    return 'new';
  }
  const lookup = lookupFold(db, entity, record);
  check(lookup);
  return foldRecord(db, entity, record, origin, lookup);
}

export function getFoldedRecord(db: SqliteDatabase, entity: FoldEntity, id: string): Record<string, unknown> | undefined {
  return db.prepare(selectSql(entity, 'bureau', 'WHERE id = ?')).get(id) as Record<string, unknown> | undefined;
}

/** Every folded record of a kind, in domain shape (for the summary and the ledger). */
export function listFolded<T>(db: SqliteDatabase, entity: FoldEntity, where = '', ...params: unknown[]): T[] {
  return db.prepare(selectSql(entity, 'bureau', `${where} ORDER BY id`)).all(...params) as T[];
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
  { incoming, held }: FoldLookup,
): FoldOutcome {
  if (held === undefined) {
    db.prepare(insertSql(entity, 'bureau', { sender: true })).run(insertParams(entity, record, origin));
    return 'new';
  }
  if (held === incoming) return 'duplicate';
  db.prepare(
    `INSERT INTO conflicts (entity, record_id, officer_id, packet_id, existing, incoming, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (entity, record_id, incoming) DO NOTHING`,
  ).run(entity, record.id, origin.officerId, origin.packetId, held, incoming, origin.at);
  return 'conflict';
}

/** Inserts the bureau's own record (a problem it raised, a step it took) where the fold keeps that kind, with no sender and no packet. */
export function insertBureauRecord(ctx: { db: SqliteDatabase }, entity: 'problem' | 'problem_event', record: object): void {
  ctx.db.prepare(insertSql(entity, 'bureau')).run(contentObject(entity, record));
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

const CONFLICT_FIELDS = 'id entity recordId officerId packetId existing incoming detectedAt kind';

export function listConflicts(db: SqliteDatabase): ConflictRow[] {
  const rows = db.prepare(`SELECT ${columnsAs(CONFLICT_FIELDS)} FROM conflicts ORDER BY id`).all();
  return parsedJson<ConflictRow>(rows, 'existing incoming');
}

export function markAttachmentStored(db: SqliteDatabase, id: string): void {
  db.prepare('UPDATE attachments SET file_stored = 1 WHERE id = ?').run(id);
}
