import { z } from 'zod';
import { IsoDate, Officer, RecordId, Text, Timestamp } from '../domain/index.js';
import { RECORDS, WEEKLY_KINDS, type RecordOf, type WeeklyKind } from '../records/catalogue.js';
import { EntryPath, Sha256Hex } from './manifest.js';

/** Entry names of a weekly packet. Photos go under `photos/`. */
export const WEEKLY_PAYLOAD_PATH = 'changes.json';
export const WEEKLY_LEDGER_PATH = 'ledger.xlsx';
export const WEEKLY_REPORT_PATH = 'report.html';
export const WEEKLY_PHOTO_DIR = 'photos';

/** The kinds of record a weekly packet carries (the change log's `entity`): every kind an officer may write (shared/records). */
export const ChangeEntity = z.enum(WEEKLY_KINDS);
export type ChangeEntity = WeeklyKind;

const change = (entity: WeeklyKind) =>
  z.object({
    /** The officer store's change-log sequence (informative; the bureau keys records by entity and id). */
    seq: z.number().int().positive(),
    entity: z.literal(entity),
    recordId: RecordId,
    recordedAt: Timestamp,
    record: RECORDS[entity].schema,
  });

type ChangeOf<E extends WeeklyKind> = { seq: number; entity: E; recordId: string; recordedAt: string; record: RecordOf<E> };
/** One change-log row with its full record, validated with the domain schema of its kind. */
export type WeeklyChange = { [E in WeeklyKind]: ChangeOf<E> }[WeeklyKind];
export const WeeklyChange = z
  .discriminatedUnion('entity', WEEKLY_KINDS.map(change) as unknown as [ReturnType<typeof change>, ...ReturnType<typeof change>[]])
  .refine((c) => c.record.id === c.recordId, { message: 'recordId differs from the record id', path: ['recordId'] }) as unknown as z.ZodType<
  WeeklyChange,
  WeeklyChange
>;

/** A photo file carried in the packet, for an `attachment` change. */
export const WeeklyPhoto = z.object({ attachmentId: RecordId, path: EntryPath, sha256: Sha256Hex, bytes: z.number().int().nonnegative() });
export type WeeklyPhoto = z.infer<typeof WeeklyPhoto>;

/**
 * `changes.json`: every change-log row the bureau has not acknowledged (not only this week's), so a lost
 * packet is covered by the next one. The packet's own sequence is the manifest's `sequence`.
 */
export const WeeklyPayload = z
  .object({
    officer: Officer,
    /** The last assignment sequence this store applied (0: none). */
    appliedAssignmentSequence: z.number().int().nonnegative(),
    /** The weekly sequence the bureau had acknowledged when this packet was written (0: none). */
    acknowledgedWeeklySequence: z.number().int().nonnegative(),
    /** The week the report covers. */
    period: z.object({ from: IsoDate, to: IsoDate }),
    /** The officer's summary paragraph of the week (drafted, then edited). */
    summary: Text(4000),
    /** Change-log sequences carried: (afterSeq, throughSeq]. */
    afterSeq: z.number().int().nonnegative(),
    throughSeq: z.number().int().nonnegative(),
    changes: z.array(WeeklyChange).max(1_000_000),
    photos: z.array(WeeklyPhoto).max(100_000),
    /** Attachments whose file was not found beside the store: the record travels, the file does not. */
    missingPhotos: z.array(RecordId).default([]),
  })
  .superRefine((w, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (w.throughSeq < w.afterSeq) issue(['throughSeq'], 'throughSeq is before afterSeq');
    if (w.period.to < w.period.from) issue(['period'], 'period ends before it starts');
    checkAcrossRecords(w, issue);
  });
export type WeeklyPayload = z.infer<typeof WeeklyPayload>;
export type WeeklyPayloadInput = z.input<typeof WeeklyPayload>;

/**
 * WeeklyPayload's rules across its records: each seq within (afterSeq, throughSeq] and listed once, each record
 * once, photos only of attachments in the packet and under photos/. Also applied by the export, which parses
 * each record only once (electron/sync/weekly-changes.ts).
 */
export function checkAcrossRecords(
  w: { afterSeq: number; throughSeq: number; changes: readonly WeeklyChange[]; photos: readonly WeeklyPhoto[] },
  issue: (path: (string | number)[], message: string) => void,
): void {
  const seqs = new Set<number>();
  const keys = new Set<string>();
  w.changes.forEach((c, i) => {
    if (c.seq <= w.afterSeq || c.seq > w.throughSeq) issue(['changes', i, 'seq'], `seq ${c.seq} outside (${w.afterSeq}, ${w.throughSeq}]`);
    if (seqs.has(c.seq)) issue(['changes', i, 'seq'], `seq ${c.seq} listed twice`);
    const key = `${c.entity}:${c.recordId}`;
    if (keys.has(key)) issue(['changes', i], `${key} listed twice`);
    seqs.add(c.seq);
    keys.add(key);
  });
  const attachments = new Set(w.changes.filter((c) => c.entity === 'attachment').map((c) => c.recordId));
  w.photos.forEach((p, i) => {
    if (!attachments.has(p.attachmentId)) issue(['photos', i, 'attachmentId'], 'photo of an attachment not in this packet');
    if (!p.path.startsWith(`${WEEKLY_PHOTO_DIR}/`)) issue(['photos', i, 'path'], `photos live under ${WEEKLY_PHOTO_DIR}/`);
  });
}
