import Database, { type CipherMethods } from 'better-sqlite3-multiple-ciphers';
import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { AppError } from '@shared/errors.js';
import { openPrivate, prepareDatabaseFile, privateSidecars } from './private-files.js';
import { cacheStatements } from './statement-cache.js';

/**
 * The one SQLite driver every store opens through (the officer's store, its backups, the bureau desk).
 *
 * It is better-sqlite3-multiple-ciphers: better-sqlite3's API and Node-API prebuilds, built on SQLite3
 * Multiple Ciphers. It reads and writes plain SQLite files exactly like better-sqlite3, so it is used for
 * every store, protected or not; the rest of the code sees the same `Database` interface either way.
 *
 * A protected store is SQLCipher 4 compatible: `cipher=sqlcipher`, `legacy=4` select SQLCipher 4's defaults
 * (AES-256-CBC pages, HMAC-SHA512 per page, 4096-byte pages, key derived from the passphrase with
 * PBKDF2-HMAC-SHA512 over 256,000 iterations and a random per-file salt). So `sqlcipher` 4 or DB Browser for
 * SQLite (SQLCipher 4 defaults) opens the file with the passphrase. The passphrase is never written anywhere:
 * it is passed to SQLite as bytes (`db.key`) and kept in this process's memory only while the store is open.
 */
export type SqliteDatabase = Database.Database;

/** The cipher configuration applied before every key or rekey (SQLCipher 4 defaults). */
export const STORE_CIPHER = Object.freeze({ cipher: 'sqlcipher', legacy: 4, kdfIterations: 256_000 });

export interface ConnectionOptions {
  readonly?: boolean;
  fileMustExist?: boolean;
  /** Opens (or creates) the file encrypted with this passphrase. Null/absent: a plain SQLite file. */
  passphrase?: string | null;
}

/** The passphrase each open connection was keyed with (in memory only), null for a plain one. */
const keyed = new WeakMap<SqliteDatabase, string | null>();

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** SQLCipher 4's page size: an encrypted store is always a whole number of these pages. */
const CIPHER_PAGE_BYTES = 4096;

/**
 * True when the file looks like an encrypted store: it exists, is a whole number of 4096-byte pages and does
 * not start with SQLite's plain header (SQLCipher keeps no readable header: the first 16 bytes are the salt).
 * Random bytes of such a size look the same; opening them with any passphrase then fails as "wrong
 * passphrase or damaged file", which is the truth as far as anyone without the key can tell.
 */
export function isEncryptedFile(path: string): boolean {
  if (!existsSync(path)) return false;
  const st = statSync(path);
  if (!st.isFile() || st.size === 0 || st.size % CIPHER_PAGE_BYTES !== 0) return false;
  return !hasPlainHeader(path);
}

/** True when the file starts with SQLite's header: a plain (unencrypted) database. */
export function hasPlainHeader(path: string): boolean {
  if (!existsSync(path)) return false;
  const header = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
    return header.equals(PLAIN_HEADER);
  } finally {
    closeSync(fd);
  }
}

function applyCipher(db: SqliteDatabase): void {
  db.pragma(`cipher = '${STORE_CIPHER.cipher}'`);
  db.pragma(`legacy = ${STORE_CIPHER.legacy}`);
}

const passphraseBytes = (passphrase: string) => Buffer.from(passphrase.normalize('NFC'), 'utf8');

function isNotADatabase(error: unknown): boolean {
  return error instanceof Error && ((error as { code?: string }).code === 'SQLITE_NOTADB' || /not a database/i.test(error.message));
}

/**
 * Opens a connection. With a passphrase the cipher is configured and the key applied before anything is
 * read, and the key is proved at once by reading the schema: a wrong passphrase is `store_locked` /
 * `wrong_passphrase` and nothing has been written; a passphrase for a plain file is `store_locked` /
 * `not_protected`. Without one, an encrypted file fails like any file SQLite cannot read ("file is not a
 * database"): callers that can ask for the passphrase check `isEncryptedFile` first.
 */
export function openConnection(path: string, options: ConnectionOptions = {}): SqliteDatabase {
  const passphrase = options.passphrase || null;
  if (passphrase && hasPlainHeader(path)) {
    throw new AppError('store_locked', 'this store is not protected with a passphrase', { reason: 'not_protected' });
  }
  // The file is 0600 before SQLite opens it, so the -wal/-shm it creates are 0600 too (private-files.ts).
  if (!options.readonly && !(options.fileMustExist && !existsSync(path))) prepareDatabaseFile(path);
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.fileMustExist ?? false });
  try {
    if (passphrase) {
      applyCipher(db);
      db.key(passphraseBytes(passphrase));
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      // Sorts and temporary tables stay in memory: no plain temporary file beside a protected store.
      db.pragma('temp_store = MEMORY');
    }
  } catch (error) {
    db.close();
    if (passphrase && isNotADatabase(error)) {
      throw new AppError('store_locked', 'the passphrase is wrong (or the file is damaged)', { reason: 'wrong_passphrase' });
    }
    throw error;
  }
  keyed.set(db, passphrase);
  cacheStatements(db);
  return db;
}

/** The passphrase an open connection was keyed with; null for a plain store. */
export function passphraseOf(db: SqliteDatabase): string | null {
  return keyed.get(db) ?? null;
}

export function isEncrypted(db: SqliteDatabase): boolean {
  return passphraseOf(db) !== null;
}

/**
 * Encrypts, re-keys or decrypts the open store in place (`null`: remove protection). SQLite3 Multiple
 * Ciphers cannot rekey a plain database in WAL mode, so the WAL is folded in and the journal switched to
 * DELETE for the rekey (which rewrites every page in one journaled transaction: a crash leaves the old or
 * the new key, never a mix) and back to WAL after. Needs the only connection to the file.
 */
export function rekeyConnection(db: SqliteDatabase, passphrase: string | null): void {
  const wasWal = String(db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
  if (wasWal) {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
  }
  try {
    applyCipher(db);
    (db as SqliteDatabase & CipherMethods).rekey(passphrase ? passphraseBytes(passphrase) : Buffer.alloc(0));
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.pragma(`temp_store = ${passphrase ? 'MEMORY' : 'DEFAULT'}`);
  } finally {
    if (wasWal) db.pragma('journal_mode = WAL');
  }
  keyed.set(db, passphrase);
}

/**
 * Re-keys a closed database file (a backup): opened with `from`, re-keyed to `to`, closed. Refused
 * (store_locked / wrong_passphrase) when `from` does not open it; the file is then unchanged.
 */
export function rekeyFile(path: string, from: string | null, to: string | null): void {
  const db = openConnection(path, { fileMustExist: true, passphrase: from });
  try {
    rekeyConnection(db, to);
  } finally {
    db.close();
  }
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

/**
 * A consistent copy of the open store at `path` (which must not exist), protected like the store. A plain
 * store uses SQLite's online backup API (other writes may go on meanwhile). An encrypted one uses
 * `VACUUM INTO`, which writes the copy through the same cipher and key (the backup API refuses to copy
 * between databases with different page reserves, so it cannot write an encrypted copy). `onProgress` gets
 * pages copied of the total (plain store) or 0 of 1, then 1 of 1 (encrypted).
 */
export async function copyDatabase(db: SqliteDatabase, path: string, onProgress?: (done: number, total: number) => void): Promise<void> {
  // Created empty and 0600 first (both VACUUM INTO and the backup API accept an empty file): the copy is never
  // readable by another user, not even while it is being written.
  closeSync(openPrivate(path, 'wx'));
  try {
    await copyInto(db, path, onProgress);
  } finally {
    privateSidecars(path);
  }
}

async function copyInto(db: SqliteDatabase, path: string, onProgress?: (done: number, total: number) => void): Promise<void> {
  if (isEncrypted(db)) {
    onProgress?.(0, 1); // VACUUM INTO is one step: no progress within it
    db.prepare('VACUUM INTO ?').run(path);
    onProgress?.(1, 1);
    return;
  }
  const { totalPages } = await db.backup(path, {
    progress: ({ totalPages: total, remainingPages }) => {
      onProgress?.(total - remainingPages, total);
      return 100; // pages per step, better-sqlite3's default
    },
  });
  onProgress?.(totalPages, totalPages);
}

export { Database };
