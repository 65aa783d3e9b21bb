import { z } from 'zod';
import { Attachment, IsoDate, RecordId, RequiredText, Text, VisitKind } from '../domain/index.js';
import { defineOperations } from './define.js';
import { base64Length } from './files.js';
import { VisitView } from './views.js';

/** Largest file one upload may carry (a phone photo, a scanned PDF), before any downscaling. */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
/** At most this many photos on one sponsor action. */
export const MAX_PHOTOS_PER_VISIT = 20;
/**
 * All photos of one visit together, decoded. They travel in one call (so the visit and its photos are
 * stored together or not at all); the preview bridge accepts request bodies up to 64 MB of base64.
 */
export const MAX_PHOTO_BYTES_PER_VISIT = 45 * 1024 * 1024;

/** Photos are kept at most this many pixels on the long side, and get a thumbnail of this size beside them. */
export const PHOTO_MAX_EDGE = 2000;
export const THUMBNAIL_EDGE = 320;

/** Decoded size of a base64 string, without decoding it. */
export function base64DecodedBytes(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.floor((data.length * 3) / 4) - padding;
}

/** A file chosen in the renderer, read as base64 (works over both transports: IPC and the preview bridge). */
export const FileUpload = z.object({
  /** The name on the officer's disk: kept for display only, never used as a path. */
  fileName: RequiredText(255),
  mimeType: z.string().trim().toLowerCase().min(1).max(100),
  dataBase64: z
    .base64()
    .min(4, 'the file is empty')
    .max(base64Length(MAX_UPLOAD_BYTES), `the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`),
});
export type FileUpload = z.infer<typeof FileUpload>;

/** An upload whose MIME type must match `pattern` (a photo, close-off evidence). */
export const uploadOf = (pattern: RegExp, message: string) => FileUpload.extend({ mimeType: z.string().trim().toLowerCase().regex(pattern, message) });

const PhotoUpload = uploadOf(/^image\/[a-z0-9.+-]+$/, 'a photo must be an image');

/** File name of an attachment's thumbnail, beside the attachment in the attachments folder. */
export function thumbnailFileName(attachment: Pick<Attachment, 'id'>): string {
  return `${attachment.id}.thumb.jpg`;
}

export const visitOperations = defineOperations({
  /**
   * Logs a sponsor action (帮包工作) with its photos. The photos are stored as files beside the database
   * (downscaled, with thumbnails) and the visit, its attachment rows and their change-log rows in one
   * transaction. Recorded by the officer in settings, now.
   */
  'visits.log': {
    input: z.object({
      projectId: RecordId,
      visitedOn: IsoDate,
      kind: VisitKind,
      participants: Text(500).default(''),
      summary: RequiredText(4000),
      findings: Text(4000).default(''),
      followUps: Text(4000).default(''),
      photos: z
        .array(PhotoUpload)
        .max(MAX_PHOTOS_PER_VISIT, `at most ${MAX_PHOTOS_PER_VISIT} photos`)
        .default([])
        .refine(
          (photos) => photos.reduce((sum, p) => sum + base64DecodedBytes(p.dataBase64), 0) <= MAX_PHOTO_BYTES_PER_VISIT,
          `the photos together are larger than ${MAX_PHOTO_BYTES_PER_VISIT / 1024 / 1024} MB`,
        ),
    }),
    output: VisitView,
    changes: ['visit'],
  },
});
