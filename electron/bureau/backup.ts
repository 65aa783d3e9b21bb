import { randomUUID } from 'node:crypto';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '@shared/errors.js';
import type { OperationOutput } from '@shared/operations/index.js';
import { hashFile } from '../packets/hashing.js';
import { keyFingerprint, publicKeyPemOf } from '../packets/keys.js';
import { copyDatabase, Database, type SqliteDatabase } from '../store/driver.js';
import { assertNotNewer } from '../store/migrate.js';
import { syncFile, syncFolder } from '../store/private-files.js';
import { SETTING, type BureauContext } from './context.js';
import { BUREAU_DATABASE } from './database.js';
import { signingKey } from './init.js';
import { readBureauSetting } from './repository.js';

/**
 * `sponsor-desk bureau backup --out FILE` (docs/bureau.md "Backup and restore"). One file holds everything
 * needed to bring the desk back: a consistent copy of the database made with SQLite's online backup API
 * (ingests may go on meanwhile), and, in a table of its own (`backup_key_files`), the signing key pair that
 * lives beside the database (bureau.key, bureau.pub): officers have pinned that key, and a desk restored
 * without it could sign nothing they accept. The copy is written under a temporary name in the target
 * folder, verified, fsynced and only then renamed, so a file with the final name is always whole. It holds
 * the private key: it is created 0600 and must be kept like bureau.key.
 */

export const BACKUP_KEY_TABLE = 'backup_key_files';

/** `keyFingerprint`: the signing key's, when the key file was found and went into the backup. */
export type BureauBackupResult = OperationOutput<'bureau.backup'>;

/** Removes the journal files SQLite may have left beside a database file. */
export function removeSidecars(path: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

function refuseExisting(target: string): void {
  if (existsSync(target)) {
    throw new AppError('invalid_input', `${target} already exists; a backup never overwrites a file`, { what: 'out', path: target, reason: 'out_exists' });
  }
}

/**
 * Writes a verified backup of the open desk to `out` (refused when `out` exists: a backup never overwrites).
 * `leaveOutMismatchedKey`: a restore keeping the current database aside still keeps it when the key file
 * beside it is not its own (that file is then moved aside as it is).
 */
export async function backupBureau(
  ctx: Pick<BureauContext, 'db' | 'privateKeyPath' | 'now'>,
  out: string,
  options: { leaveOutMismatchedKey?: boolean } = {},
): Promise<BureauBackupResult> {
  const target = resolve(out);
  refuseExisting(target);
  if (!existsSync(dirname(target)) || !statSync(dirname(target)).isDirectory()) {
    throw new AppError('not_found', `the folder ${dirname(target)} does not exist`, { what: 'folder', path: dirname(target) });
  }
  let key: ReturnType<typeof signingKey> | null = null;
  try {
    if (existsSync(ctx.privateKeyPath)) key = signingKey(ctx.db, ctx.privateKeyPath);
  } catch (error) {
    if (!options.leaveOutMismatchedKey) throw error;
  }
  const createdAt = ctx.now().toISOString();
  const partial = join(dirname(target), `.${basename(target)}.${randomUUID()}.partial`);
  try {
    await copyDatabase(ctx.db, partial);
    const copy = new Database(partial, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
      copy.exec(`CREATE TABLE ${BACKUP_KEY_TABLE} (name TEXT PRIMARY KEY, content TEXT NOT NULL, written_at TEXT NOT NULL) STRICT`);
      const put = copy.prepare(`INSERT INTO ${BACKUP_KEY_TABLE} (name, content, written_at) VALUES (?, ?, ?)`);
      if (key) {
        put.run('bureau.key', key.keys.privateKeyPem, createdAt);
        put.run('bureau.pub', key.keys.publicKeyPem, createdAt);
      }
    } finally {
      copy.close();
    }
    const verified = verifyBureauBackup(partial);
    syncFile(partial);
    refuseExisting(target); // it may have appeared while the backup was written
    renameSync(partial, target);
    syncFolder(dirname(target));
    const { receivedPackets, assignments } = verified;
    return {
      file: target,
      bytes: statSync(target).size,
      sha256: await hashFile(target),
      createdAt,
      keyFingerprint: key?.fingerprint ?? null,
      receivedPackets,
      assignments,
    };
  } finally {
    rmSync(partial, { force: true });
    removeSidecars(partial);
  }
}

/** The key pair a backup carries (null: taken without the key file). */
type BackupKeys = { privatePem: string; publicPem: string; fingerprint: string } | null;

/**
 * Checks a file before it may become the bureau database: SQLite, the full integrity check, a bureau
 * database (application id), a schema this desk knows, and a key pair (if any) that is the one the
 * database was set up with. Opens read-only; changes nothing.
 */
export function verifyBureauBackup(path: string): { receivedPackets: number; assignments: number; keys: BackupKeys } {
  if (!existsSync(path)) throw new AppError('not_found', `no file at ${path}`, { what: 'backup', path });
  let db: SqliteDatabase | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new AppError('database_corrupt', `the backup failed its integrity check: ${String(check)}`, { path, reason: 'backup_integrity' });
    if (db.pragma('application_id', { simple: true }) !== BUREAU_DATABASE.applicationId) {
      throw new AppError('database_corrupt', `${path} is not a bureau backup (an officer store, or another file)`, { path, reason: 'backup_not_bureau' });
    }
    const version = assertNotNewer(db, BUREAU_DATABASE.migrations);
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    const missing = ['settings', 'officers', 'projects', 'assignments', 'received_packets', BACKUP_KEY_TABLE].filter((t) => !tables.has(t));
    if (version < 1 || missing.length > 0) {
      throw new AppError('database_corrupt', `${path} is not a bureau backup written by "bureau backup" (missing ${missing.join(', ') || 'schema version'})`, {
        path,
        reason: 'backup_not_bureau',
      });
    }
    const count = (table: string) => (db!.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { receivedPackets: count('received_packets'), assignments: count('assignments'), keys: keysInBackup(db, path) };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('database_corrupt', `the backup cannot be opened: ${error instanceof Error ? error.message : String(error)}`, {
      path,
      reason: 'backup_unreadable',
    });
  } finally {
    db?.close();
  }
}

/** The key pair a backup carries, which must be the one its database was set up with. */
function keysInBackup(db: SqliteDatabase, path: string): BackupKeys {
  const row = db.prepare(`SELECT content FROM ${BACKUP_KEY_TABLE} WHERE name = 'bureau.key'`).get() as { content: string } | undefined;
  if (!row) return null;
  let publicPem: string;
  try {
    publicPem = publicKeyPemOf(row.content);
  } catch {
    throw new AppError('key_missing', 'the key in the backup is not a valid private key', { path, reason: 'backup_key_invalid' });
  }
  const fingerprint = keyFingerprint(publicPem);
  const recorded = readBureauSetting(db, SETTING.keyFingerprint);
  if (recorded !== null && recorded !== fingerprint) {
    throw new AppError('key_missing', `the key in the backup (${fingerprint}) is not the one its database was set up with (${recorded as string})`, {
      path,
      reason: 'backup_key_mismatch',
    });
  }
  return { privatePem: row.content, publicPem, fingerprint };
}
