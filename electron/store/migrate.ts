import type { Database } from './driver.js';
import { AppError } from '@shared/errors.js';
import type { Migration } from './migrations/types.js';

/** Checks the list is 1, 2, 3 … with no gap or repeat, so a mis-numbered file fails at start, not in the field. */
export function checkMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) {
      throw new Error(`migration "${m.name}" has version ${m.version}, expected ${index + 1}`);
    }
  });
}

/**
 * Refuses a database written by a newer app (its user_version is past our last migration). Reads only the
 * header, so callers can run it before anything (journal mode, migrations) writes to the file.
 * Returns the database's current version.
 */
export function assertNotNewer(db: Database.Database, migrations: readonly Migration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length;
  if (current > latest) {
    throw new AppError('database_newer', `database schema version ${current} is newer than this app supports (${latest}); update Sponsor Desk`, {
      found: current,
      supported: latest,
    });
  }
  return current;
}

/**
 * Brings the database to the latest version, one transaction per migration, recording each in
 * user_version. A database written by a newer app is refused rather than misread.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], targetVersion = migrations.length): number {
  checkMigrationOrder(migrations);
  const current = assertNotNewer(db, migrations);
  for (const migration of migrations.slice(current, targetVersion)) {
    db.transaction(() => {
      if (typeof migration.up === 'string') db.exec(migration.up);
      else migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
