import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Attachment } from '@shared/domain/index.js';
import { AppError } from '@shared/errors.js';
import { MAX_UPLOAD_BYTES, PHOTO_MAX_EDGE, THUMBNAIL_EDGE, thumbnailFileName, type FileUpload } from '@shared/operations/visits.js';
import { mkdirPrivate, syncFolder, writeFileAtomically } from '../store/private-files.js';
import { detectFileKind } from '../packets/file-kind.js';
import { readExifBlock, readPhotoExif, type PhotoExif } from '@shared/rules/photo-exif.js';
import { attachmentSealer } from './attachment-files.js';
import type { ServiceContext } from '../handlers/context.js';
import { newId } from '../store/ids.js';

/**
 * Files kept beside the database (visit photos, close-off evidence). An upload is checked and processed in
 * memory first (`prepare*`), then written as files (`writePreparedFiles`: temp file, fsync, rename), and only
 * then are the rows inserted; a caller whose transaction fails removes the files again. A file is named by its
 * attachment id and extension, never by anything the renderer sent.
 */

export interface PreparedFile {
  id: string;
  /** Stored name in the attachments folder: `<id>.<ext>`. */
  fileName: string;
  mimeType: string;
  data: Buffer;
  sha256: string;
  width: number | null;
  height: number | null;
  /** A small JPEG beside the file (`<id>.thumb.jpg`), for images. */
  thumbnail: Buffer | null;
  /** When and where the photo was taken, read from the original's EXIF before downscaling drops it. */
  exif: PhotoExif | null;
}

/** Formats accepted as photos (what sharp decodes safely; no SVG, which can reference other files). */
const PHOTO_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'tiff', 'heif', 'avif']);
/**
 * Formats stored as they came when small enough and upright: JPEG, PNG and WebP, told by the same byte
 * detector the bureau checks received files with (packets/file-kind.ts), which must agree with sharp, so
 * the officer app never stores (or sends) a file the bureau would refuse.
 */
function keptAsIs(input: Buffer, format: string): { ext: string; mimeType: string } | null {
  const kind = detectFileKind(input);
  return kind && kind.photo && kind.kind === format ? kind : null;
}
const JPEG_QUALITY = 85;
const THUMBNAIL_QUALITY = 80;
/** Refuse decompression bombs: 100 megapixels is far beyond any phone photo. */
const MAX_INPUT_PIXELS = 100_000_000;

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function refuse(reason: string, message: string, upload: FileUpload, extra: Record<string, string | number> = {}): AppError {
  return new AppError('invalid_input', `${upload.fileName}: ${message}`, { reason, file: upload.fileName, ...extra });
}

function decode(upload: FileUpload): Buffer {
  const data = Buffer.from(upload.dataBase64, 'base64');
  if (data.length === 0) throw refuse('file_empty', 'the file is empty', upload);
  if (data.length > MAX_UPLOAD_BYTES) throw refuse('file_too_large', 'the file is too large', upload, { maxMb: MAX_UPLOAD_BYTES / 1024 / 1024 });
  return data;
}

function imageFailure(error: unknown, upload: FileUpload): AppError {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return refuse('image_too_large', 'the image has too many pixels', upload);
  return refuse('not_an_image', `not a readable image (${message})`, upload);
}

/**
 * A photo: decoded and checked with sharp; turned upright by its EXIF orientation and downscaled to at most
 * PHOTO_MAX_EDGE pixels on the long side as a JPEG (quality 85), unless it is already a small upright JPEG,
 * PNG or WebP, which is kept byte for byte. Always with a thumbnail.
 */
export async function preparePhoto(upload: FileUpload): Promise<PreparedFile> {
  const input = decode(upload);
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' } as const;
  let meta: import('sharp').Metadata;
  try {
    meta = await sharp(input, options).metadata();
  } catch (error) {
    throw imageFailure(error, upload);
  }
  if (!meta.format || !PHOTO_FORMATS.has(meta.format) || !meta.width || !meta.height) {
    throw refuse('not_an_image', `unsupported image format ${meta.format ?? 'unknown'}`, upload);
  }
  const id = newId();
  // Read now: the downscaled JPEG below is written without the original's EXIF block. A JPEG's is found in the
  // bytes (the same reader as the visit form's); other formats' (a HEIF or WebP photo) as sharp hands it out.
  const fromJpeg = readPhotoExif(input);
  const exif = fromJpeg.takenAt === null && fromJpeg.latitude === null && meta.exif ? readExifBlock(meta.exif) : fromJpeg;
  const upright = (meta.orientation ?? 1) === 1;
  const kept = keptAsIs(input, meta.format);
  try {
    let data: Buffer;
    let width: number;
    let height: number;
    let ext: string;
    let mimeType: string;
    if (kept && upright && Math.max(meta.width, meta.height) <= PHOTO_MAX_EDGE && (meta.pages ?? 1) === 1) {
      // Decode it once in full, so a truncated or corrupt file is refused now rather than shown broken later.
      await sharp(input, options).stats();
      ({ ext, mimeType } = kept);
      data = input;
      width = meta.width;
      height = meta.height;
    } else {
      const out = await sharp(input, options)
        .rotate()
        .resize({ width: PHOTO_MAX_EDGE, height: PHOTO_MAX_EDGE, fit: 'inside', withoutEnlargement: true })
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: JPEG_QUALITY, mozjpeg: true })
        .toBuffer({ resolveWithObject: true });
      data = out.data;
      width = out.info.width;
      height = out.info.height;
      ext = 'jpg';
      mimeType = 'image/jpeg';
    }
    const thumbnail = await sharp(data)
      .rotate()
      .resize({ width: THUMBNAIL_EDGE, height: THUMBNAIL_EDGE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: THUMBNAIL_QUALITY })
      .toBuffer();
    return { id, fileName: `${id}.${ext}`, mimeType, data, sha256: sha256(data), width, height, thumbnail, exif };
  } catch (error) {
    throw imageFailure(error, upload);
  }
}

/** Close-off evidence: an image (handled as a photo) or a PDF, kept byte for byte. */
export async function prepareEvidence(upload: FileUpload): Promise<PreparedFile> {
  if (upload.mimeType !== 'application/pdf') return preparePhoto(upload);
  const data = decode(upload);
  if (detectFileKind(data)?.kind !== 'pdf') throw refuse('not_a_pdf', 'not a PDF file', upload);
  const id = newId();
  return { id, fileName: `${id}.pdf`, mimeType: 'application/pdf', data, sha256: sha256(data), width: null, height: null, thumbnail: null, exif: null };
}

/** The attachment row of a prepared file. */
export function attachmentRow(file: PreparedFile, owner: Pick<Attachment, 'ownerKind' | 'ownerId'>, recordedAt: string): Attachment {
  return {
    id: file.id,
    ownerKind: owner.ownerKind,
    ownerId: owner.ownerId,
    fileName: file.fileName,
    mimeType: file.mimeType,
    sha256: file.sha256,
    bytes: file.data.length,
    width: file.width,
    height: file.height,
    recordedAt,
    ...(file.exif?.takenAt ? { takenAt: file.exif.takenAt } : {}),
    ...(file.exif && file.exif.latitude !== null && file.exif.longitude !== null ? { latitude: file.exif.latitude, longitude: file.exif.longitude } : {}),
  };
}

export interface WrittenFiles {
  /** Every path written (files and thumbnails). */
  paths: string[];
  /** Removes them again: for a transaction that failed after the files were written. */
  remove(): void;
}

/**
 * Writes prepared files (and their thumbnails) into the attachments folder; all of them or none. `seal`
 * turns plain bytes into what is stored: sealed with the store's data key when the store is protected
 * (attachment-files.ts); the recorded SHA-256 stays that of the plain bytes.
 */
export function writePreparedFiles(dir: string, files: readonly PreparedFile[], seal: (plain: Buffer) => Buffer = (plain) => plain): WrittenFiles {
  mkdirPrivate(dir);
  const paths: string[] = [];
  const remove = () => {
    for (const path of paths) rmSync(path, { force: true });
  };
  try {
    for (const file of files) {
      const path = join(dir, file.fileName);
      writeFileAtomically(path, seal(file.data));
      paths.push(path);
      if (file.thumbnail) {
        const thumbPath = join(dir, thumbnailFileName(file));
        writeFileAtomically(thumbPath, seal(file.thumbnail));
        paths.push(thumbPath);
      }
    }
  } catch (error) {
    remove();
    throw error;
  }
  syncFolder(dir);
  return { paths, remove };
}

/**
 * Writes the files, then runs `insertRows` (a synchronous database transaction); if that throws, the files
 * are removed and the error passed on, so a refused or failed write leaves neither rows nor files.
 */
export function storeFilesThen<T>(
  target: string | Pick<ServiceContext, 'attachmentsDir' | 'db' | 'now'>,
  files: readonly PreparedFile[],
  insertRows: () => T,
): T {
  const written =
    typeof target === 'string'
      ? writePreparedFiles(target, files)
      : writePreparedFiles(target.attachmentsDir, files, files.length > 0 ? attachmentSealer(target) : undefined);
  try {
    return insertRows();
  } catch (error) {
    written.remove();
    throw error;
  }
}
