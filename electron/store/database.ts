import { AppError } from '@shared/errors.js';
import { openConnection, type SqliteDatabase } from './driver.js';
import { assertNotNewer, migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { privateSidecars } from './private-files.js';

export type { SqliteDatabase } from './driver.js';

export interface OpenOptions {
  readonly?: boolean;
  /** Stop at this schema version (tests seed a database as an earlier version wrote it). */
  targetVersion?: number;
  /** The store's passphrase when it is protected (see driver.ts); a wrong one is refused before anything is written. */
  passphrase?: string | null;
}

/**
 * Opens (creating if needed) the store file. WAL with synchronous=FULL: a change the user saw confirmed
 * survives a power cut. Foreign keys on. Migrates to the latest schema. A file that is not SQLite (or whose
 * first page is damaged) is refused here; damage further in is found by the background integrity check.
 */
export function openDatabase(path: string, options: OpenOptions = {}): SqliteDatabase {
  const db = openConnection(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false, passphrase: options.passphrase });
  try {
    db.pragma('busy_timeout = 5000');
    // Before anything writes (switching to WAL rewrites the header): a newer app's database stays untouched.
    assertNotNewer(db, MIGRATIONS);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      privateSidecars(path); // a -wal/-shm an older version left 0644 becomes 0600
    }
    db.pragma('foreign_keys = ON');
    // Reading the schema proves the header and the first page; the full check of every page runs after start,
    // off this thread (store/integrity-check.ts, services/integrity-schedule.ts): on a large store it took most
    // of the start-up time.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    if (!options.readonly) migrate(db, MIGRATIONS, options.targetVersion);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof AppError) throw error;
    if (error instanceof Error && /not a database|malformed/i.test(error.message)) {
      throw new AppError('database_corrupt', `not a Sponsor Desk database or damaged: ${error.message}`);
    }
    throw error;
  }
}

export function schemaVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}
