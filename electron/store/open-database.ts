import { AppError } from '@shared/errors.js';
import { openConnection, type SqliteDatabase } from './driver.js';
import { assertNotNewer, migrate } from './migrate.js';
import type { Migration } from './migrations/types.js';
import { privateSidecars } from './private-files.js';

/** What kind of database a file is: the officer's store and the bureau's database each have one. */
export interface DatabaseKind {
  /** How errors name it ("not a … database or damaged"). */
  name: string;
  migrations: readonly Migration[];
  /**
   * Written into the SQLite header (PRAGMA application_id) when the file is created and required once it has
   * a schema, so one desk's database is never taken for the other's. None: neither written nor checked.
   */
  applicationId?: number;
  /**
   * Run PRAGMA quick_check on every open. Without it the open only reads the schema (which proves the header
   * and first page); the officer's store has its full check in the background instead (integrity-check.ts),
   * because on a large store it was most of the start-up time.
   */
  quickCheck?: boolean;
}

export interface OpenDatabaseOptions {
  readonly?: boolean;
  /** Refuse a missing file rather than create it (default: when read-only). */
  mustExist?: boolean;
  /** The passphrase of a protected database (driver.ts); a wrong one is refused before anything is written. */
  passphrase?: string | null;
  /** Stop at this schema version (tests seed a database as an earlier version wrote it). */
  targetVersion?: number;
}

/**
 * Opens (creating if needed) a database of the given kind: the one opener both desks use. The file is 0600
 * before SQLite opens it and its -wal/-shm after (private-files.ts). Before anything writes (switching to
 * WAL rewrites the header) a file of another kind or written by a newer app is refused and stays untouched.
 * Then WAL with synchronous=FULL (a change the user saw confirmed survives a power cut), foreign keys on,
 * the integrity check the kind asks for, and the migrations, one transaction each (migrate.ts). SQLite's
 * "not a database" / "malformed" become database_corrupt; an AppError passes as it is.
 */
export function openDatabaseFile(kind: DatabaseKind, path: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  const readonly = options.readonly ?? false;
  const db = openConnection(path, { readonly, fileMustExist: options.mustExist ?? readonly, passphrase: options.passphrase });
  try {
    db.pragma('busy_timeout = 5000');
    const version = identify(db, kind, path);
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      privateSidecars(path); // a -wal/-shm an older version left 0644 becomes 0600
    }
    db.pragma('foreign_keys = ON');
    if (kind.quickCheck) {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new AppError('database_corrupt', `database failed its integrity check: ${String(check)}`);
    } else {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    }
    if (!readonly) {
      if (version === 0 && kind.applicationId !== undefined) db.pragma(`application_id = ${kind.applicationId}`);
      migrate(db, kind.migrations, options.targetVersion);
    }
    return db;
  } catch (error) {
    db.close();
    if (error instanceof AppError) throw error;
    if (error instanceof Error && /not a database|malformed/i.test(error.message)) {
      throw new AppError('database_corrupt', `not a ${kind.name} database or damaged: ${error.message}`, { path });
    }
    throw error;
  }
}

/** Reads the header only: refuses another kind's database, then one newer than this app. Returns the schema version. */
function identify(db: SqliteDatabase, kind: DatabaseKind, path: string): number {
  if (kind.applicationId !== undefined) {
    const version = db.pragma('user_version', { simple: true }) as number;
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (version > 0 && appId !== kind.applicationId) {
      throw new AppError('database_corrupt', `${path} is not a ${kind.name} database (the other desk's, or another file)`, { path });
    }
  }
  return assertNotNewer(db, kind.migrations);
}
