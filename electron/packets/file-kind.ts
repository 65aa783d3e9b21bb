/**
 * What a photo or evidence file is, told by its first bytes (its magic number), never by the name or the
 * MIME type someone wrote beside it. The officer app stores only these four kinds (photo-store.ts keeps a
 * small upright JPEG, PNG or WebP as it came and turns every other image into a JPEG; evidence is one of
 * those or a PDF), and the bureau keeps only these four from a packet (bureau/attachment-kinds.ts). Both
 * sides use this one detector, so what one side writes the other accepts, and a file's stored extension
 * always comes from here: a Windows program (`MZ`), an HTA or SVG (text) is none of the four.
 */

export type FileKind = 'jpeg' | 'png' | 'webp' | 'pdf';

export interface FileKindInfo {
  kind: FileKind;
  /** Extension a stored file of this kind gets, without the dot. */
  ext: string;
  mimeType: string;
  /** A photo (an image the app shows and thumbnails), as opposed to a document. */
  photo: boolean;
}

export const FILE_KINDS: Readonly<Record<FileKind, FileKindInfo>> = {
  jpeg: { kind: 'jpeg', ext: 'jpg', mimeType: 'image/jpeg', photo: true },
  png: { kind: 'png', ext: 'png', mimeType: 'image/png', photo: true },
  webp: { kind: 'webp', ext: 'webp', mimeType: 'image/webp', photo: true },
  pdf: { kind: 'pdf', ext: 'pdf', mimeType: 'application/pdf', photo: false },
};

/** How many leading bytes `detectFileKind` needs at most. */
export const FILE_KIND_HEAD_BYTES = 12;

const ascii = (data: Uint8Array, at: number, text: string) => {
  if (data.length < at + text.length) return false;
  for (let i = 0; i < text.length; i++) if (data[at + i] !== text.charCodeAt(i)) return false;
  return true;
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The kind of a file from its first bytes (at least FILE_KIND_HEAD_BYTES of them when the file is that long), or null. */
export function detectFileKind(head: Uint8Array): FileKindInfo | null {
  // JPEG: SOI marker FF D8 followed by the next marker's FF (JFIF, EXIF and raw files alike).
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return FILE_KINDS.jpeg;
  if (head.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => head[i] === b)) return FILE_KINDS.png;
  // WebP: a RIFF container whose form type is WEBP (bytes 4..7 are the size).
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return FILE_KINDS.webp;
  // PDF: the header comment at the very start (readers tolerate junk before it; we do not).
  if (ascii(head, 0, '%PDF-')) return FILE_KINDS.pdf;
  return null;
}

/** The kind a MIME type names, when it is one of the four (case and parameters ignored). */
export function fileKindOfMimeType(mimeType: string): FileKindInfo | null {
  const bare = mimeType.split(';')[0]!.trim().toLowerCase();
  return Object.values(FILE_KINDS).find((k) => k.mimeType === bare) ?? null;
}
