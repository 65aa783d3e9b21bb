import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '@shared/errors.js';
import type { OperationOutput } from '@shared/operations/index.js';
import { keyFingerprint, publicKeyPemOf } from '../packets/keys.js';
import { sha256Hex } from '../packets/container.js';
import { copyDatabase, Database, type SqliteDatabase } from '../store/driver.js';
import type { BureauContext } from './context.js';
import { SETTING } from './context.js';
import { BUREAU_APPLICATION_ID } from './database.js';
import { BUREAU_MIGRATIONS } from './migrations/index.js';

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

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The key pair beside the database, checked against the fingerprint the database recorded at init. */
function keyFiles(ctx: Pick<BureauContext, 'db' | 'privateKeyPath'>): { privatePem: string; publicPem: string; fingerprint: string } | null {
  if (!existsSync(ctx.privateKeyPath)) return null;
  const privatePem = readFileSync(ctx.privateKeyPath, 'utf8');
  const publicPem = publicKeyPemOf(privatePem);
  const fingerprint = keyFingerprint(publicPem);
  const row = ctx.db.prepare('SELECT value FROM settings WHERE key = ?').get(SETTING.keyFingerprint) as { value: string } | undefined;
  const recorded = row ? (JSON.parse(row.value) as string) : null;
  if (recorded !== null && recorded !== fingerprint) {
    throw new AppError('key_missing', `${ctx.privateKeyPath} is not the key this bureau database was set up with (${recorded}); nothing written`, {
      path: ctx.privateKeyPath,
      fingerprint: recorded,
      found: fingerprint,
    });
  }
  return { privatePem, publicPem, fingerprint };
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
  if (existsSync(target))
    throw new AppError('invalid_input', `${target} already exists; a backup never overwrites a file`, { what: 'out', path: target, reason: 'out_exists' });
  if (!existsSync(dirname(target)) || !statSync(dirname(target)).isDirectory()) {
    throw new AppError('not_found', `the folder ${dirname(target)} does not exist`, { what: 'folder', path: dirname(target) });
  }
  let keys: ReturnType<typeof keyFiles> = null;
  try {
    keys = keyFiles(ctx);
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
      if (keys) {
        const put = copy.prepare(`INSERT INTO ${BACKUP_KEY_TABLE} (name, content, written_at) VALUES (?, ?, ?)`);
        put.run('bureau.key', keys.privatePem, createdAt);
        put.run('bureau.pub', keys.publicPem, createdAt);
      }
    } finally {
      copy.close();
    }
    const verified = verifyBureauBackup(partial);
    fsyncPath(partial);
    if (existsSync(target))
      throw new AppError('invalid_input', `${target} appeared while the backup was written; nothing overwritten`, {
        what: 'out',
        path: target,
        reason: 'out_exists',
      });
    renameSync(partial, target);
    fsyncPath(dirname(target));
    const bytes = readFileSync(target);
    return {
      file: target,
      bytes: bytes.length,
      sha256: sha256Hex(bytes),
      createdAt,
      keyFingerprint: keys?.fingerprint ?? null,
      receivedPackets: verified.receivedPackets,
      assignments: verified.assignments,
    };
  } finally {
    rmSync(partial, { force: true });
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(partial + suffix, { force: true });
  }
}

export interface VerifiedBureauBackup {
  schemaVersion: number;
  receivedPackets: number;
  assignments: number;
  /** The key pair the backup carries (null: taken without the key file). */
  keys: { privatePem: string; publicPem: string; fingerprint: string } | null;
}

/**
 * Checks a file before it may become the bureau database: SQLite, the full integrity check, a bureau
 * database (application id), a schema this desk knows, and a key pair (if any) that is the one the
 * database was set up with. Opens read-only; changes nothing.
 */
export function verifyBureauBackup(path: string): VerifiedBureauBackup {
  if (!existsSync(path)) throw new AppError('not_found', `no file at ${path}`, { what: 'backup', path });
  let db: SqliteDatabase | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new AppError('database_corrupt', `the backup failed its integrity check: ${String(check)}`, { path, reason: 'backup_integrity' });
    if (db.pragma('application_id', { simple: true }) !== BUREAU_APPLICATION_ID) {
      throw new AppError('database_corrupt', `${path} is not a bureau backup (an officer store, or another file)`, { path, reason: 'backup_not_bureau' });
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > BUREAU_MIGRATIONS.length) {
      throw new AppError('database_newer', `the backup's schema version ${version} is newer than this desk supports (${BUREAU_MIGRATIONS.length})`, {
        found: version,
        supported: BUREAU_MIGRATIONS.length,
      });
    }
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    const missing = ['settings', 'officers', 'projects', 'assignments', 'received_packets', BACKUP_KEY_TABLE].filter((t) => !tables.has(t));
    if (version < 1 || missing.length > 0) {
      throw new AppError('database_corrupt', `${path} is not a bureau backup written by "bureau backup" (missing ${missing.join(', ') || 'schema version'})`, {
        path,
        reason: 'backup_not_bureau',
      });
    }
    const files = new Map(
      (db.prepare(`SELECT name, content FROM ${BACKUP_KEY_TABLE}`).all() as { name: string; content: string }[]).map((r) => [r.name, r.content]),
    );
    let keys: VerifiedBureauBackup['keys'] = null;
    const privatePem = files.get('bureau.key');
    if (privatePem !== undefined) {
      let publicPem: string;
      try {
        publicPem = publicKeyPemOf(privatePem);
      } catch {
        throw new AppError('key_missing', 'the key in the backup is not a valid private key', { path, reason: 'backup_key_invalid' });
      }
      const fingerprint = keyFingerprint(publicPem);
      const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(SETTING.keyFingerprint) as { value: string } | undefined;
      const recorded = row ? (JSON.parse(row.value) as string) : null;
      if (recorded !== null && recorded !== fingerprint) {
        throw new AppError('key_missing', `the key in the backup (${fingerprint}) is not the one its database was set up with (${recorded})`, {
          path,
          reason: 'backup_key_mismatch',
        });
      }
      keys = { privatePem, publicPem, fingerprint };
    }
    const count = (table: string) => (db!.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { schemaVersion: version, receivedPackets: count('received_packets'), assignments: count('assignments'), keys };
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
