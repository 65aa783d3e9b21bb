import { z, type ZodError } from 'zod';
import { Timestamp } from '@shared/domain/index.js';
import { AppError } from '@shared/errors.js';
import { checkAcrossRecords, WeeklyPayload, WeeklyPhoto, type WeeklyChange } from '@shared/packets/weekly.js';
import { RECORDS, WEEKLY_KINDS, type WeeklyKind } from '@shared/records/catalogue.js';
import type { ChangeRow } from '../store/repositories/change-log.js';

/**
 * The weekly export's check of its (often 10,000) change-log records (issue 11). The records were validated
 * when they were written, but the bureau refuses a packet whole if one of them does not pass the reader's
 * schema (a row written around the services, a store damaged or restored from an older version), so each is
 * still checked on the way out, with the verdict and output of WeeklyChange:
 * - each record is parsed once, with its kind's schema (what WeeklyChange dispatches to), and the row's
 *   framing (seq, kind, record id, recordedAt) is checked directly instead of through the union and its
 *   refinement, at about two thirds of the cost (tests/integration/sync-weekly-check.test.ts holds the two
 *   equal row by row);
 * - the payload's envelope is parsed without the records (`checkedPayload`), with WeeklyPayload's rules
 *   across records checked directly.
 * Writing each record's stored JSON text into changes.json instead of serialising the parsed records was
 * tried: it cost as much as JSON.stringify (measured in one process, CPU time), so the records go out as parsed.
 */

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

/** Each change-log row (its record already parsed from JSON) as a WeeklyChange; a row that is not a valid record stops the export (internal). */
export function parseChanges(rows: readonly ChangeRow[]): WeeklyChange[] {
  return rows.map((row) => {
    const change = checkChange(row.seq, row.entity, row.recordId, row.recordedAt, row.payload);
    if (typeof change === 'string') {
      throw new AppError('internal', `change ${row.seq} (${row.entity} ${row.recordId}) is not a valid record: ${change}`, { seq: row.seq });
    }
    return change;
  });
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
