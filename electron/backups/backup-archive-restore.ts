import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type yauzl from 'yauzl';
import { AppError } from '@shared/errors.js';
import type { RestoreResult } from '@shared/operations/backups.js';
import type { BackupInfo } from '@shared/operations/settings.js';
import { passphraseOf, rekeyFile } from '../store/driver.js';
import { mkdirPrivate } from '../store/private-files.js';
import { HashingTap } from '../packets/hashing.js';
import { entryStream, inflateEntry, listEntries, openZip } from '../packets/zip-reader.js';
import { reconcileAttachmentFiles } from '../files/attachment-files.js';
import {
  ARCHIVE_DATABASE,
  ARCHIVE_MANIFEST,
  ArchiveManifest,
  attachmentFileOf,
  MAX_ARCHIVE_INFLATED_BYTES,
  MAX_MANIFEST_BYTES,
  type ArchiveEntry,
} from './backup-archive-format.js';
import { removeSidecars, swapInStore, verifyBackupFile } from '../handlers/backups.js';
import type { ServiceContext } from '../handlers/context.js';

/**
 * Restores the store from a full backup (backup-archive.ts), on this computer or another one (a fresh data
 * folder). Nothing is replaced until all of it is verified: the zip holds only the entries a backup has,
 * every entry is unpacked into a private folder beside the store with its size and SHA-256 checked against
 * the manifest, and the database opens (with the passphrase when it is protected), passes its integrity
 * check, is an officer store and is not newer than this app. Then the current store is kept aside as a
 * 'before_restore' backup, the database swapped in, and the photos moved into the attachments folder.
 */

const notABackup = (detail: string) => new AppError('invalid_input', `not a Sponsor Desk full backup: ${detail}`, { reason: 'not_a_backup', path: '' });
const damaged = (detail: string, file: string) => new AppError('database_corrupt', `the backup is damaged: ${detail}`, { reason: 'backup_damaged', file });

/** The manifest's bytes (small: refused past MAX_MANIFEST_BYTES). */
async function readManifest(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  if (entry.uncompressedSize > MAX_MANIFEST_BYTES) throw notABackup('the manifest is too large');
  try {
    return (await inflateEntry(zip, entry, MAX_MANIFEST_BYTES)).data;
  } catch (error) {
    throw damaged(`manifest.json cannot be read (${error instanceof Error ? error.message : String(error)})`, ARCHIVE_MANIFEST);
  }
}

/** Unpacks one entry into `path` (0600, never over an existing file), returning its size and SHA-256. */
async function unpack(zip: yauzl.ZipFile, entry: yauzl.Entry, path: string): Promise<{ bytes: number; sha256: string }> {
  const tap = new HashingTap();
  try {
    await pipeline(await entryStream(zip, entry), tap, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    throw damaged(`${entry.fileName} cannot be read (${error instanceof Error ? error.message : String(error)})`, entry.fileName);
  }
  return { bytes: tap.bytes, sha256: tap.sha256 };
}

interface Unpacked {
  manifest: ArchiveManifest;
  databasePath: string;
  /** Stored file name → its unpacked path. */
  files: Map<string, string>;
}

/** Unpacks and checks the whole archive into `staging`; throws (and leaves the store untouched) on the first fault. */
async function unpackArchive(archivePath: string, staging: string): Promise<Unpacked> {
  const zip = await openZip(archivePath).catch((error: Error) => {
    throw notABackup(error.message);
  });
  try {
    const entries = await listEntries(zip).catch((error: Error) => {
      throw notABackup(error.message);
    });
    const seen = new Set<string>();
    let inflated = 0;
    for (const entry of entries) {
      const name = entry.fileName;
      if (seen.has(name)) throw notABackup(`entry ${name} appears twice`);
      seen.add(name);
      if (name !== ARCHIVE_MANIFEST && name !== ARCHIVE_DATABASE && attachmentFileOf(name) === null) throw notABackup(`unexpected entry ${name}`);
      inflated += entry.uncompressedSize;
      if (inflated > MAX_ARCHIVE_INFLATED_BYTES) throw notABackup('it would unpack to more than any store holds');
    }
    const manifestEntry = entries.find((e) => e.fileName === ARCHIVE_MANIFEST);
    if (!manifestEntry) throw notABackup('manifest.json is missing');
    const data = await readManifest(zip, manifestEntry);
    let manifest: ArchiveManifest;
    try {
      manifest = ArchiveManifest.parse(JSON.parse(data.toString('utf8')));
    } catch {
      throw notABackup('manifest.json is not a backup manifest');
    }
    const listed = new Map<string, ArchiveEntry>([[ARCHIVE_DATABASE, manifest.database], ...manifest.files.map((f) => [f.name, f] as const)]);
    if (listed.size !== manifest.files.length + 1) throw notABackup('the manifest names an entry twice');
    for (const name of listed.keys()) if (!seen.has(name)) throw damaged(`${name} is missing`, name);

    const attachmentsDir = join(staging, 'attachments');
    mkdirPrivate(attachmentsDir);
    const files = new Map<string, string>();
    const databasePath = join(staging, ARCHIVE_DATABASE);
    for (const entry of entries) {
      if (entry.fileName === ARCHIVE_MANIFEST) continue;
      const expected = listed.get(entry.fileName);
      if (!expected) throw damaged(`${entry.fileName} is not in the manifest`, entry.fileName);
      const stored = attachmentFileOf(entry.fileName);
      const target = stored === null ? databasePath : join(attachmentsDir, stored);
      const got = await unpack(zip, entry, target);
      if (got.bytes !== expected.bytes || got.sha256 !== expected.sha256) throw damaged(`${entry.fileName} does not match its SHA-256`, entry.fileName);
      if (stored !== null) files.set(stored, target);
    }
    return { manifest, databasePath, files };
  } finally {
    zip.close();
  }
}

/**
 * Restores from the full backup at `archivePath`. `passphrase` opens a protected backup; without it the
 * store's own passphrase is tried. The restored store is protected when the current store is (with its
 * passphrase) or when the backup was (with the backup's): a backup's photos never land unprotected.
 */
export async function restoreArchive(
  ctx: ServiceContext,
  archivePath: string,
  options: { passphrase?: string; listed?: BackupInfo } = {},
): Promise<RestoreResult> {
  if (!existsSync(archivePath) || !statSync(archivePath).isFile()) throw new AppError('not_found', 'the backup file is not there', { what: 'backup' });
  const staging = join(dirname(ctx.databasePath), `.restore-${randomUUID()}`);
  mkdirPrivate(staging);
  try {
    const { manifest, databasePath, files } = await unpackArchive(archivePath, staging);
    const current = passphraseOf(ctx.db);
    const backupKey = manifest.protected ? (options.passphrase ?? current) : null;
    if (manifest.protected && backupKey === null) {
      throw new AppError('store_locked', 'the backup is protected: enter the passphrase it was made with', { reason: 'backup_needs_passphrase' });
    }
    verifyBackupFile(databasePath, backupKey);
    removeSidecars(databasePath);
    const target = current ?? backupKey;
    if (target !== backupKey) rekeyFile(databasePath, backupKey, target);

    const keptAside = await swapInStore(ctx, databasePath, target);
    // The database is in place: the photos follow by rename (same file system; a file of the same id is the same photo).
    mkdirPrivate(ctx.attachmentsDir);
    for (const [name, path] of files) renameSync(path, join(ctx.attachmentsDir, name));
    reconcileAttachmentFiles(ctx);
    const restored: BackupInfo = options.listed ?? {
      fileName: basename(archivePath),
      bytes: statSync(archivePath).size,
      createdAt: manifest.createdAt,
      kind: 'archive',
    };
    return {
      restored,
      keptAside,
      schemaVersion: ctx.db.pragma('user_version', { simple: true }) as number,
      restoredAt: ctx.now().toISOString(),
      files: files.size,
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
