import { Database } from '../store/driver.js';
import { existsSync } from 'node:fs';
import { AppError } from '@shared/errors.js';
import type { SqliteDatabase } from '../store/database.js';
import { migrate } from '../store/migrate.js';
import { prepareDatabaseFile, privateSidecars } from '../store/private-files.js';
import { BUREAU_MIGRATIONS } from './migrations/index.js';

/** Written into the SQLite header (PRAGMA application_id) so an officer store is never mistaken for a bureau database. */
export const BUREAU_APPLICATION_ID = 0x53444242; // "SDBB"

export const DEFAULT_BUREAU_DB = 'sponsor-desk-bureau.sqlite';

export interface OpenBureauOptions {
  /** Create the file when missing (only `bureau init` does). */
  create?: boolean;
  readonly?: boolean;
}

/**
 * Opens the bureau database: WAL with synchronous=FULL (a confirmed import survives a power cut), foreign
 * keys on, integrity quick-check, its own migrations. Refuses a file that is not a bureau database.
 */
export function openBureauDatabase(path: string, options: OpenBureauOptions = {}): SqliteDatabase {
  if (!options.create && !existsSync(path)) {
    throw new AppError('not_found', `no bureau database at ${path}; run "sponsor-desk bureau init" first`, { what: 'bureau_db', path });
  }
  const readonly = options.readonly ?? false;
  // 0600 before SQLite opens it, so its -wal/-shm are 0600 too (private-files.ts).
  if (!readonly) prepareDatabaseFile(path);
  const db = new Database(path, { readonly, fileMustExist: !options.create });
  try {
    db.pragma('busy_timeout = 5000');
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      privateSidecars(path);
    }
    db.pragma('foreign_keys = ON');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new AppError('database_corrupt', `database failed its integrity check: ${String(check)}`);
    const version = db.pragma('user_version', { simple: true }) as number;
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (version > 0 && appId !== BUREAU_APPLICATION_ID) {
      throw new AppError('database_corrupt', `${path} is not a bureau database (an officer store?)`, { path });
    }
    if (!readonly) {
      if (version === 0) db.pragma(`application_id = ${BUREAU_APPLICATION_ID}`);
      migrate(db, BUREAU_MIGRATIONS);
    }
    return db;
  } catch (error) {
    db.close();
    if (error instanceof AppError) throw error;
    if (error instanceof Error && /not a database|malformed/i.test(error.message)) {
      throw new AppError('database_corrupt', `not a bureau database or damaged: ${error.message}`, { path });
    }
    throw error;
  }
}

/** Every table's rows in a stable order: tests compare dumps before and after a refused command. */
export function dumpBureauDatabase(db: SqliteDatabase): Record<string, unknown[]> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables) dump[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all();
  return dump;
}
