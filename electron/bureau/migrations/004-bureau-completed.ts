import type { Migration } from '../../store/migrations/types.js';

/**
 * The master list's investment completed to date (累计完成投资 with 截至月份, issue 13 point 2): kept per
 * project and handed to the officer in each assignment as the bureau's figure. Both null (no figure) or both
 * set; projects imported before this version have none until a list with the columns is imported.
 */
export const bureauMigration004: Migration = {
  version: 4,
  name: 'bureau completed investment to date',
  up: `
    ALTER TABLE projects ADD COLUMN bureau_completed_month TEXT CHECK (bureau_completed_month IS NULL OR bureau_completed_month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]');
    ALTER TABLE projects ADD COLUMN bureau_completed_amount REAL CHECK (bureau_completed_amount IS NULL OR bureau_completed_amount >= 0);
  `,
};
