import { z, type ZodError } from 'zod';
import { Timestamp } from '@shared/domain/index.js';
import { AppError } from '@shared/errors.js';
import { checkAcrossRecords, WeeklyPayload, WeeklyPhoto, type WeeklyChange } from '@shared/packets/weekly.js';
import { RECORDS, WEEKLY_KINDS, type WeeklyKind } from '@shared/records/catalogue.js';
import type { SqliteDatabase } from '../store/database.js';
import type { ChangeRow } from '../store/repositories/change-log.js';

/**
 * The weekly export's check of its (often 10,000) change-log records (issue 11). The records were validated
 * when they were written, but the packet is refused whole by the bureau if one of them does not pass the
 * reader's schema (a row written around the services, a store damaged or restored from an older version),
 * so each is still checked against its kind's domain schema on the way out, exactly as WeeklyChange would:
 * - each record is parsed once, with its kind's schema (what WeeklyChange dispatches to), and the row's
 *   framing (seq, kind, record id, recordedAt) is checked directly instead of through the union and its
 *   refinement: the same verdict and output at about half the cost (tests/integration/sync-weekly-changes.test.ts);
 * - the payload's envelope is parsed without the records (`checkedPayload`), with WeeklyPayload's rules
 *   across records checked directly;
 * - changes.json carries each record as the change log stored its JSON text (`payloadJson`): the reader
 *   parses that same text into the same values, so it sees exactly what was checked here, and the export
 *   does not serialise 10,000 records again (about as long as checking them).
 */

/** A change-log row with its record as the JSON text the store holds, and that text's UTF-8 bytes. */
export interface StoredChange {
  seq: number;
  entity: string;
  recordId: string;
  recordedAt: string;
  payload: string;
  bytes: Buffer;
}

/**
 * The change-log rows after `afterSeq`, in order, each record still as its stored JSON text and, for
 * changes.json, as its bytes (each small record's bytes come from Node's buffer pool, and the whole file is
 * then one copy: encoding the joined 4 MB text, or having SQLite hand over each record as a blob, cost more).
 */
export function storedChangesAfter(db: SqliteDatabase, afterSeq: number): StoredChange[] {
  const rows = db
    .prepare('SELECT seq, entity, record_id AS recordId, recorded_at AS recordedAt, payload FROM change_log WHERE seq > ? ORDER BY seq')
    .all(afterSeq) as (Omit<StoredChange, 'bytes'> & { bytes?: Buffer })[];
  for (const row of rows) row.bytes = Buffer.from(String(row.payload), 'utf8');
  return rows as StoredChange[];
}

const firstIssue = ({ issues: [issue] }: ZodError) => `${issue?.path.join('.')}: ${issue?.message}`;
const isWeeklyKind = (entity: unknown): entity is WeeklyKind => typeof entity === 'string' && (WEEKLY_KINDS as readonly string[]).includes(entity);

/**
 * One row as WeeklyChange.parse gives it, or the reason it is not one. The record's `id` is a RecordId in
 * every kind's schema (a test holds this), so a record id equal to it is one too.
 */
function checkChange(seq: unknown, entity: unknown, recordId: unknown, recordedAt: unknown, record: unknown): WeeklyChange | string {
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq <= 0) return 'seq: not a positive integer';
  if (!isWeeklyKind(entity)) return `entity: ${JSON.stringify(entity)} is not a kind of record an officer writes`;
  const parsed = RECORDS[entity].schema.safeParse(record);
  if (!parsed.success) return `record.${firstIssue(parsed.error)}`;
  if (parsed.data.id !== recordId) return 'recordId: recordId differs from the record id';
  const at = Timestamp.safeParse(recordedAt);
  if (!at.success) return `recordedAt: ${firstIssue(at.error)}`;
  return { seq, entity, recordId, recordedAt: at.data, record: parsed.data } as WeeklyChange;
}

function checked(row: { seq: number; entity: string; recordId: string; recordedAt: string }, record: unknown): WeeklyChange {
  const change = checkChange(row.seq, row.entity, row.recordId, row.recordedAt, record);
  if (typeof change === 'string') {
    throw new AppError('internal', `change ${row.seq} (${row.entity} ${row.recordId}) is not a valid record: ${change}`, { seq: row.seq });
  }
  return change;
}

/** Each change-log row (its record already parsed from JSON) as a WeeklyChange; a row that is not a valid record stops the export (internal). */
export function parseChanges(rows: readonly ChangeRow[]): WeeklyChange[] {
  return rows.map((row) => checked(row, row.payload));
}

/** The stored rows checked as `parseChanges` checks them, with each record's JSON bytes kept for `payloadJson`. */
export function checkStoredChanges(rows: readonly StoredChange[]): { changes: WeeklyChange[]; recordBytes: Buffer[] } {
  // All parsed, then all checked: two tight loops run faster here than one loop doing both.
  const records = rows.map((row) => {
    try {
      return JSON.parse(String(row.payload)) as unknown;
    } catch (error) {
      throw new AppError('internal', `change ${row.seq} (${row.entity} ${row.recordId}) is not a valid record: not JSON (${(error as Error).message})`, {
        seq: row.seq,
      });
    }
  });
  return { changes: rows.map((row, i) => checked(row, records[i])), recordBytes: rows.map((row) => row.bytes) };
}

const Photos = z.array(WeeklyPhoto).max(100_000);
const MAX_CHANGES = 1_000_000;

function invalid(message: string): AppError {
  return new AppError('internal', `the weekly payload is not valid: ${message}`);
}

/**
 * The payload as WeeklyPayload.parse would give it, for changes already parsed by `parseChanges`: the envelope
 * (officer, period, summary, sequences) and the photos through their schemas, and WeeklyPayload's rules
 * across records (checkAcrossRecords) on the parsed changes. tests/integration/sync-weekly-changes.test.ts
 * holds this equal to WeeklyPayload.parse.
 */
export function checkedPayload(input: Omit<WeeklyPayload, 'changes'> & { changes: WeeklyChange[] }): WeeklyPayload {
  const envelope = WeeklyPayload.safeParse({ ...input, changes: [], photos: [] });
  if (!envelope.success) throw invalid(firstIssue(envelope.error));
  const photos = Photos.safeParse(input.photos);
  if (!photos.success) throw invalid(`photos.${firstIssue(photos.error)}`);
  const { changes, afterSeq, throughSeq } = input;
  if (changes.length > MAX_CHANGES) throw invalid(`more than ${MAX_CHANGES} changes`);
  checkAcrossRecords({ afterSeq, throughSeq, changes, photos: photos.data }, (_path, message) => {
    throw invalid(message);
  });
  return { ...envelope.data, changes, photos: photos.data };
}

/**
 * changes.json's bytes: the checked payload with each change's record as its stored JSON
 * (`recordBytes[i]` for `payload.changes[i]`, as `checkStoredChanges` gave them), in WeeklyPayload's key order.
 */
export function payloadJson(payload: WeeklyPayload, recordBytes: readonly Buffer[]): Buffer {
  if (recordBytes.length !== payload.changes.length) throw new Error('one record per change');
  const envelope = JSON.stringify({ ...payload, changes: [] });
  // Outside a string a quote is structural, and no key before `changes` is named so: this is the changes' place.
  const at = envelope.indexOf('"changes":[]');
  if (at < 0) throw new Error('the payload has no changes to carry');
  const head = Buffer.from(envelope.slice(0, at + '"changes":['.length), 'utf8');
  const tail = Buffer.from(envelope.slice(at + '"changes":['.length), 'utf8');
  const frames = payload.changes.map(
    (c, i) =>
      `${i ? ',' : ''}{"seq":${c.seq},"entity":${JSON.stringify(c.entity)},"recordId":${JSON.stringify(c.recordId)},"recordedAt":${JSON.stringify(c.recordedAt)},"record":`,
  );
  let size = head.length + tail.length;
  for (let i = 0; i < frames.length; i++) size += Buffer.byteLength(frames[i]!) + recordBytes[i]!.length + 1;
  // One buffer written in place: 10,000 small buffers concatenated cost twice as much.
  const out = Buffer.allocUnsafe(size);
  let o = head.copy(out, 0);
  for (let i = 0; i < frames.length; i++) {
    o += out.write(frames[i]!, o, 'utf8');
    o += recordBytes[i]!.copy(out, o);
    out[o++] = 0x7d; // }
  }
  o += tail.copy(out, o);
  if (o !== size) throw new Error('changes.json was not written whole');
  return out;
}
