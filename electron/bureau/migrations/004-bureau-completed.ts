import type { Migration } from '../../store/migrations/types.js';
import { BUREAU_COMPLETED_COLUMNS } from '../../store/migrations/005-bureau-completed.js';

/**
 * The master list's investment completed to date (累计完成投资 with 截至月份, issue 13 point 2): kept per
 * project and handed to the officer in each assignment as the bureau's figure. Both null (no figure) or both
 * set; projects imported before this version have none until a list with the columns is imported. The same
 * columns as the officer store's migration 5.
 */
export const bureauMigration004: Migration = { version: 4, name: 'bureau completed investment to date', up: BUREAU_COMPLETED_COLUMNS };
