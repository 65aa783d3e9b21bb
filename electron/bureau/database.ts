import { existsSync } from 'node:fs';
import { AppError } from '@shared/errors.js';
import type { SqliteDatabase } from '../store/database.js';
import { openDatabaseFile, type DatabaseKind } from '../store/open-database.js';
import { BUREAU_MIGRATIONS } from './migrations/index.js';

/** Written into the SQLite header (PRAGMA application_id) so an officer store is never mistaken for a bureau database. */
export const BUREAU_APPLICATION_ID = 0x53444242; // "SDBB"

/** The bureau's database: its own migrations and application id, and a quick_check on every open (it is small). */
export const BUREAU_DATABASE: DatabaseKind = { name: 'bureau', migrations: BUREAU_MIGRATIONS, applicationId: BUREAU_APPLICATION_ID, quickCheck: true };

export const DEFAULT_BUREAU_DB = 'sponsor-desk-bureau.sqlite';

export interface OpenBureauOptions {
  /** Create the file when missing (only `bureau init` does). */
  create?: boolean;
  readonly?: boolean;
}

/** Opens the bureau database through the one opener (store/open-database.ts); only `bureau init` creates it. */
export function openBureauDatabase(path: string, options: OpenBureauOptions = {}): SqliteDatabase {
  if (!options.create && !existsSync(path)) {
    throw new AppError('not_found', `no bureau database at ${path}; run "sponsor-desk bureau init" first`, { what: 'bureau_db', path });
  }
  return openDatabaseFile(BUREAU_DATABASE, path, { readonly: options.readonly, mustExist: !options.create });
}

/** Every table's rows in a stable order: tests compare dumps before and after a refused command. */
export function dumpBureauDatabase(db: SqliteDatabase): Record<string, unknown[]> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables) dump[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all();
  return dump;
}
