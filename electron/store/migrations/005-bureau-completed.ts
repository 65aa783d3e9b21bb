import type { Migration } from './types.js';

/**
 * The two columns that carry it, the same on both desks' `projects` (the bureau's migration 4 adds them too):
 * a month and an amount, both null (no figure) or both set.
 */
export const BUREAU_COMPLETED_COLUMNS = `
    ALTER TABLE projects ADD COLUMN bureau_completed_month TEXT CHECK (bureau_completed_month IS NULL OR bureau_completed_month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]');
    ALTER TABLE projects ADD COLUMN bureau_completed_amount REAL CHECK (bureau_completed_amount IS NULL OR bureau_completed_amount >= 0);
  `;

/**
 * The bureau's figure of investment completed to date (1–N月累计, issue 13 point 2), as the last applied
 * assignment gave it: progress counts it until the officer's own monthly figures take over
 * (shared/rules/bureau-figure.ts). Bureau-owned like every project field, overwritten by each assignment;
 * both null when the bureau gave none (every project before this version).
 */
export const migration005: Migration = { version: 5, name: 'bureau completed investment to date', up: BUREAU_COMPLETED_COLUMNS };
