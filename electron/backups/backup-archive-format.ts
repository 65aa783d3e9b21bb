import { z } from 'zod';

/**
 * The layout of a full backup zip (docs/reliability.md "Full backups"):
 *   database.sqlite         the store (SQLCipher-encrypted when the store is protected)
 *   attachments/<name>      each file of the attachments folder as stored (sealed when protected)
 *   manifest.json           format, schema version, protected or not, and each entry's size and SHA-256
 * Nothing else may be in it: a restore refuses any other entry name.
 */

export const ARCHIVE_FORMAT = 'sponsor-desk-backup';
export const ARCHIVE_MANIFEST = 'manifest.json';
export const ARCHIVE_DATABASE = 'database.sqlite' as const;
const ATTACHMENTS_PREFIX = 'attachments/';

/** A stored file's name as the attachments folder has them: `<id>.<ext>`, `<id>.thumb.jpg`; nothing that could leave a folder. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+){1,3}$/;

/** The zip entry of a stored file, or null for a name the attachments folder never holds. */
export function attachmentEntryName(fileName: string): string | null {
  return SAFE_NAME.test(fileName) && fileName.length <= 200 ? ATTACHMENTS_PREFIX + fileName : null;
}

/** The stored file name of a zip entry under attachments/, or null for any other entry. */
export function attachmentFileOf(entryName: string): string | null {
  if (!entryName.startsWith(ATTACHMENTS_PREFIX)) return null;
  const name = entryName.slice(ATTACHMENTS_PREFIX.length);
  return attachmentEntryName(name) === entryName ? name : null;
}

export interface ArchiveEntry {
  name: string;
  bytes: number;
  sha256: string;
}

const Entry = z.object({ name: z.string().min(1).max(260), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

export const ArchiveManifest = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.literal(1),
  createdAt: z.iso.datetime(),
  appVersion: z.string().max(100),
  schemaVersion: z.number().int().positive(),
  protected: z.boolean(),
  database: Entry.extend({ name: z.literal(ARCHIVE_DATABASE) }),
  files: z.array(Entry).max(200_000),
});
export type ArchiveManifest = z.infer<typeof ArchiveManifest>;

/** Limits a restore reads within: a manifest is small, the whole archive at most this large once inflated. */
export const MAX_MANIFEST_BYTES = 32 * 1024 * 1024;
export const MAX_ARCHIVE_INFLATED_BYTES = 64 * 1024 * 1024 * 1024;
