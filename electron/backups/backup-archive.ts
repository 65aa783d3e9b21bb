import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { AppError } from '@shared/errors.js';
import type { BackupArchiveInfo } from '@shared/operations/backups.js';
import { localStamp } from '@shared/rules/local-time.js';
import { HashingTap } from '../packets/hashing.js';
import { copyDatabase, isEncrypted } from '../store/driver.js';
import { chmodPrivate, mkdirPrivate, syncFile, syncFolder } from '../store/private-files.js';
import { ARCHIVE_DATABASE, ARCHIVE_FORMAT, ARCHIVE_MANIFEST, attachmentEntryName, type ArchiveEntry, type ArchiveManifest } from './backup-archive-format.js';
import { backupsDir, removeSidecars } from '../handlers/backups.js';
import type { ServiceContext } from '../handlers/context.js';
import { storeTimeZone } from '../store/time-zone.js';

/**
 * Writes a full backup: one zip with the database (a consistent copy made with SQLite's backup API), every
 * file of the attachments folder (photos, thumbnails, evidence) and a manifest of their sizes and SHA-256s,
 * so the store can be restored on another computer. For a protected store the database copy stays encrypted
 * with the passphrase and the photos stay sealed: the archive holds nothing readable without it.
 *
 * One pass: each entry is hashed while it streams into the zip and the manifest, added last, records what
 * was written. The zip is written under a temporary name in the target folder, fsynced, made 0600 and
 * renamed, so a full USB stick or a crash never leaves a half backup that looks whole.
 */

export type ArchiveProgress = (p: { phase: 'copy' | 'photos'; done: number; total: number }) => void;

const ARCHIVE_NAME = (stamp: string, n: number) => `sponsor-desk-backup-${stamp}${n > 1 ? `-${n}` : ''}.zip`;

/** The stored files of the attachments folder (not temp files of an interrupted write, not dot-files). */
function attachmentFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.') && !name.endsWith('.tmp') && attachmentEntryName(name) !== null)
    .filter((name) => statSync(join(dir, name)).isFile())
    .sort();
}

/** A stream of `path` that records its size and SHA-256 into `entry` as yazl reads it. */
function hashedStream(path: string, entry: ArchiveEntry, onBytes: (n: number) => void): Readable {
  const tap = new HashingTap({
    onChunk: (n) => {
      entry.bytes += n;
      onBytes(n);
    },
    onEnd: (t) => {
      entry.sha256 = t.sha256;
      return undefined;
    },
  });
  const source = createReadStream(path, { highWaterMark: 256 * 1024 });
  source.on('error', (error) => tap.destroy(error));
  return source.pipe(tap);
}

/**
 * Writes a full backup into `targetDir` (the backups folder beside the store, or a folder the officer chose)
 * and returns what was written. The database copy is made first: every attachment row in it has its file
 * already (files are written before their rows), so the archive is complete for the records it carries.
 */
export async function writeBackupArchive(ctx: ServiceContext, targetDir: string, onProgress?: ArchiveProgress): Promise<BackupArchiveInfo> {
  const inBackups = targetDir === backupsDir(ctx);
  if (inBackups) mkdirPrivate(targetDir);
  if (!existsSync(targetDir) || !statSync(targetDir).isDirectory()) {
    throw new AppError('not_found', 'the folder for the backup is not there (was the USB stick removed?)', { what: 'backup_folder' });
  }
  const createdAt = ctx.now();
  const stamp = localStamp(createdAt, storeTimeZone(ctx.db));
  let fileName = ARCHIVE_NAME(stamp, 1);
  for (let n = 2; existsSync(join(targetDir, fileName)); n++) fileName = ARCHIVE_NAME(stamp, n);
  const finalPath = join(targetDir, fileName);
  const tempPath = join(targetDir, `.${fileName}.${randomUUID()}.partial`);
  // The database copy is kept beside the store (never on the stick in plain sight), then streamed into the zip.
  const dbCopy = join(dirname(ctx.databasePath), `.backup-archive-${randomUUID()}.sqlite`);
  try {
    await copyDatabase(ctx.db, dbCopy, (done, total) => onProgress?.({ phase: 'copy', done, total }));
    const names = attachmentFiles(ctx.attachmentsDir);
    const total = statSync(dbCopy).size + names.reduce((sum, name) => sum + statSync(join(ctx.attachmentsDir, name)).size, 0);
    let done = 0;
    let lastReport = 0;
    const onBytes = (n: number) => {
      done += n;
      if (onProgress && done - lastReport > 1 << 20) {
        lastReport = done;
        onProgress({ phase: 'photos', done: Math.min(done, total), total });
      }
    };

    const database = { name: ARCHIVE_DATABASE, bytes: 0, sha256: '' } as ArchiveEntry & { name: typeof ARCHIVE_DATABASE };
    const files: ArchiveEntry[] = names.map((name) => ({ name: attachmentEntryName(name)!, bytes: 0, sha256: '' }));
    const zip = new yazl.ZipFile();
    const mtime = createdAt;
    zip.addReadStreamLazy(ARCHIVE_DATABASE, { mtime, mode: 0o100600, compress: true }, (cb) => cb(null, hashedStream(dbCopy, database, onBytes)));
    names.forEach((name, i) => {
      // Photos are compressed already; sealed files do not compress at all.
      zip.addReadStreamLazy(files[i]!.name, { mtime, mode: 0o100600, compress: false }, (cb) =>
        cb(null, hashedStream(join(ctx.attachmentsDir, name), files[i]!, onBytes)),
      );
    });
    // Last: by now every entry above has streamed and its size and hash are known.
    zip.addReadStreamLazy(ARCHIVE_MANIFEST, { mtime, mode: 0o100600, compress: true }, (cb) => {
      const manifest: ArchiveManifest = {
        format: ARCHIVE_FORMAT,
        formatVersion: 1,
        createdAt: createdAt.toISOString(),
        appVersion: ctx.appVersion,
        schemaVersion: ctx.db.pragma('user_version', { simple: true }) as number,
        protected: isEncrypted(ctx.db),
        database,
        files,
      };
      cb(null, Readable.from([Buffer.from(JSON.stringify(manifest, null, 2), 'utf8')]));
    });
    zip.on('error', (error: Error) => zip.outputStream.emit('error', error));
    zip.end();
    await pipeline(zip.outputStream, createWriteStream(tempPath, { flags: 'wx', mode: 0o600 }));
    chmodPrivate(tempPath); // the umask may have masked the mode; a stick's file system may ignore it
    syncFile(tempPath);
    renameSync(tempPath, finalPath);
    syncFolder(targetDir);
    onProgress?.({ phase: 'photos', done: total, total });
    return {
      fileName: basename(finalPath),
      bytes: statSync(finalPath).size,
      createdAt: createdAt.toISOString(),
      kind: 'archive',
      files: files.length,
      protected: isEncrypted(ctx.db),
      location: inBackups ? 'backups' : 'folder',
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') throw new AppError('invalid_input', 'the folder has no room for the backup', { reason: 'backup_no_space', path: '' });
    throw error;
  } finally {
    rmSync(tempPath, { force: true });
    rmSync(dbCopy, { force: true });
    removeSidecars(dbCopy);
  }
}
