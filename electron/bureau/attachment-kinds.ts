import { join } from 'node:path';
import type { Attachment } from '@shared/domain/index.js';
import { AppError } from '@shared/errors.js';
import { detectFileKind, fileKindOfMimeType, type FileKindInfo } from '../packets/file-kind.js';

/**
 * The bureau keeps only the kinds of file the officer app produces: JPEG, PNG and WebP photos, and PDF (or
 * photo) evidence of a close-off or a problem step. A packet is written by a program on someone else's
 * computer, so an attachment's file name and MIME type are claims: the kind is read from the bytes
 * (packets/file-kind.ts, the detector the officer app uses too), must be what the record's MIME type says,
 * and alone decides the extension the file is stored under. Anything else (a program, an HTA or SVG page,
 * a PNG claiming to be a JPEG) refuses the whole packet with reason `attachment_kind`, naming the
 * attachment, before anything is written.
 */

type KindRecord = Pick<Attachment, 'id' | 'ownerKind' | 'fileName' | 'mimeType'>;

function kindRefusal(attachment: KindRecord, message: string, params: Record<string, string | number> = {}): AppError {
  return new AppError('packet_invalid', `attachment ${attachment.id} ("${attachment.fileName}", ${attachment.mimeType}): ${message}`, {
    reason: 'attachment_kind',
    id: attachment.id,
    file: attachment.fileName,
    mimeType: attachment.mimeType,
    ...params,
  });
}

/** Visit photos are images; close-off and problem evidence may also be a PDF. */
function allowed(attachment: KindRecord, kind: FileKindInfo): boolean {
  return kind.photo || attachment.ownerKind !== 'visit';
}

/**
 * The kind an attachment record claims, refused unless it is one the officer app produces for its owner.
 * Checked for every attachment record of a packet, with or without its file.
 */
export function claimedAttachmentKind(attachment: KindRecord): FileKindInfo {
  const kind = fileKindOfMimeType(attachment.mimeType);
  if (!kind) throw kindRefusal(attachment, 'not a kind of file the officer app produces (JPEG, PNG or WebP photos; PDF evidence)');
  if (!allowed(attachment, kind)) throw kindRefusal(attachment, `a visit photo cannot be a ${kind.kind.toUpperCase()}`);
  return kind;
}

/** The kind of a carried file, from its bytes; refused unless it is the kind its record claims. */
export function checkAttachmentBytes(attachment: KindRecord, data: Uint8Array): FileKindInfo {
  const claimed = claimedAttachmentKind(attachment);
  const actual = detectFileKind(data);
  if (!actual) throw kindRefusal(attachment, 'its bytes are not a JPEG, PNG, WebP or PDF file');
  if (actual.kind !== claimed.kind)
    throw kindRefusal(attachment, `its bytes are a ${actual.kind.toUpperCase()} file, not ${claimed.mimeType}`, { actual: actual.mimeType });
  return actual;
}

/**
 * Where a received file is kept: `<files>/<first two hex>/<sha256>.<ext>`, named by its SHA-256 (one copy
 * per content) with the extension of its kind. The kind is the checked one: the record's MIME type after
 * `checkAttachmentBytes` agreed with the bytes, so a file already held under this name is the same bytes.
 */
export function photoPath(filesDir: string, attachment: Pick<Attachment, 'sha256' | 'mimeType'>): string {
  const kind = fileKindOfMimeType(attachment.mimeType);
  if (!kind || !/^[0-9a-f]{64}$/.test(attachment.sha256)) {
    throw new AppError('internal', `no stored name for a ${attachment.mimeType} file`, { mimeType: attachment.mimeType });
  }
  return join(filesDir, attachment.sha256.slice(0, 2), `${attachment.sha256}.${kind.ext}`);
}
