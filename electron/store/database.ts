import { MIGRATIONS } from './migrations/index.js';
import { openDatabaseFile, type DatabaseKind, type OpenDatabaseOptions } from './open-database.js';
import type { SqliteDatabase } from './driver.js';

export type { SqliteDatabase } from './driver.js';

/**
 * The officer's store. It has no application id: stores in the field were created without one. Its full
 * integrity check runs after start, off the serving thread (integrity-check.ts, jobs/integrity-schedule.ts).
 */
export const OFFICER_STORE: DatabaseKind = { name: 'Sponsor Desk', migrations: MIGRATIONS };

/** Opens (creating if needed) the officer's store and migrates it to the latest schema (open-database.ts). */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  return openDatabaseFile(OFFICER_STORE, path, options);
}

export function schemaVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}
