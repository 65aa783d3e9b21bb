import { z } from 'zod';
import { AppError } from '@shared/errors.js';
import { WEEKLY_PHOTO_DIR, WeeklyChange, WeeklyPayload, WeeklyPhoto } from '@shared/packets/weekly.js';
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
      const issue = parsed.error.issues[0];
      throw new AppError('internal', `change ${row.seq} (${row.entity} ${row.recordId}) is not a valid record: ${issue?.path.join('.')}: ${issue?.message}`, {
        seq: row.seq,
      });
    }
    return parsed.data;
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
 * across records (seq within (afterSeq, throughSeq], no seq or record twice, photos only of attachments in
 * the packet, under photos/) checked here. tests/integration/sync-weekly-changes.test.ts holds this equal to
 * WeeklyPayload.parse.
 */
export function checkedPayload(input: Omit<WeeklyPayload, 'changes'> & { changes: WeeklyChange[] }): WeeklyPayload {
  const envelope = WeeklyPayload.safeParse({ ...input, changes: [], photos: [] });
  if (!envelope.success) {
    const issue = envelope.error.issues[0];
    throw invalid(`${issue?.path.join('.')}: ${issue?.message}`);
  }
  const photos = Photos.safeParse(input.photos);
  if (!photos.success) throw invalid(`photos.${photos.error.issues[0]?.path.join('.')}: ${photos.error.issues[0]?.message}`);
  const { changes, afterSeq, throughSeq } = input;
  if (changes.length > MAX_CHANGES) throw invalid(`more than ${MAX_CHANGES} changes`);
  const seqs = new Set<number>();
  const keys = new Set<string>();
  const attachments = new Set<string>();
  for (const c of changes) {
    if (c.seq <= afterSeq || c.seq > throughSeq) throw invalid(`seq ${c.seq} outside (${afterSeq}, ${throughSeq}]`);
    if (seqs.has(c.seq)) throw invalid(`seq ${c.seq} listed twice`);
    const key = `${c.entity}:${c.recordId}`;
    if (keys.has(key)) throw invalid(`${key} listed twice`);
    seqs.add(c.seq);
    keys.add(key);
    if (c.entity === 'attachment') attachments.add(c.recordId);
  }
  for (const p of photos.data) {
    if (!attachments.has(p.attachmentId)) throw invalid(`photo of attachment ${p.attachmentId}, not in this packet`);
    if (!p.path.startsWith(`${WEEKLY_PHOTO_DIR}/`)) throw invalid(`photos live under ${WEEKLY_PHOTO_DIR}/`);
  }
  return { ...envelope.data, changes, photos: photos.data };
}
