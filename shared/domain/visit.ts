import { z } from 'zod';
import { Entered, IsoDate, RecordId, RequiredText, Text, Timestamp } from './common.js';

export const VisitKind = z.enum(['site_visit', 'meeting', 'call', 'coordination']);
export type VisitKind = z.infer<typeof VisitKind>;

/** A sponsor action (帮包工作): officer-owned, append-only. */
export const Visit = z.object({
  id: RecordId,
  projectId: RecordId,
  visitedOn: IsoDate,
  kind: VisitKind,
  participants: Text(500),
  summary: RequiredText(4000),
  findings: Text(4000),
  followUps: Text(4000),
  ...Entered,
});
export type Visit = z.infer<typeof Visit>;

/** A file kept beside the database: a visit photo or close-off evidence. */
export const AttachmentOwnerKind = z.enum(['visit', 'checklist_event', 'problem_event']);
export const Attachment = z.object({
  id: RecordId,
  ownerKind: AttachmentOwnerKind,
  ownerId: RecordId,
  fileName: RequiredText(255),
  mimeType: RequiredText(100),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
  recordedAt: Timestamp,
  /**
   * When the photo was taken, from its EXIF: the camera's clock as `YYYY-MM-DDTHH:mm:ss`, with `±HH:MM` when
   * the camera wrote its offset. Absent when the photo carried none (and on every attachment before it was kept).
   */
  takenAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2})?$/)
    .optional(),
  /** Where the photo was taken, from its EXIF GPS: decimal degrees, north positive. Absent without a position. */
  latitude: z.number().min(-90).max(90).optional(),
  /** Decimal degrees, east positive; present exactly when latitude is. */
  longitude: z.number().min(-180).max(180).optional(),
});
export type Attachment = z.infer<typeof Attachment>;
