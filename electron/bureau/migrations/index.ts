import type { Migration } from '../../store/migrations/types.js';
import { bureauMigration001 } from './001-bureau-schema.js';
import { bureauMigration002 } from './002-key-trust.js';
import { bureauMigration003 } from './003-assignment-projects.js';
import { bureauMigration004 } from './004-bureau-completed.js';

/** The bureau database's migrations, in order (its own list; the runner is electron/store/migrate.ts). */
export const BUREAU_MIGRATIONS: readonly Migration[] = [bureauMigration001, bureauMigration002, bureauMigration003, bureauMigration004];
