import { z, type ZodError } from 'zod';
import { AppError } from '@shared/errors.js';
import { checkAcrossRecords, WeeklyChange, WeeklyPayload, WeeklyPhoto } from '@shared/packets/weekly.js';
import type { ChangeRow } from '../store/repositories/change-log.js';

/**
 * The weekly export validates each of its (often 10,000) change-log records once (issue 11): the export used
 * to parse every record with WeeklyChange, then parse the whole payload with WeeklyPayload, which parsed every
 * record again. Now the records are parsed once here, and the payload's envelope is parsed without them
 * (`checkedPayload`), with the rules WeeklyPayload's refinement states across records checked directly.
 */

/** Each change-log row as a WeeklyChange, parsed once; a row that is not a valid record stops the export (internal). */
export function parseChanges(rows: readonly ChangeRow[]): WeeklyChange[] {
  return rows.map((row) => {
    const parsed = WeeklyChange.safeParse({ seq: row.seq, entity: row.entity, recordId: row.recordId, recordedAt: row.recordedAt, record: row.payload });
    if (!parsed.success) {
      throw new AppError('internal', `change ${row.seq} (${row.entity} ${row.recordId}) is not a valid record: ${firstIssue(parsed.error)}`, { seq: row.seq });
    }
    return parsed.data;
  });
}

const firstIssue = ({ issues: [issue] }: ZodError) => `${issue?.path.join('.')}: ${issue?.message}`;

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
