import type { Migration } from './types.js';

/**
 * A problem step keeps both of its times. Until now a step (dispatch, coordination meeting, resolution,
 * verification) had one time, `at`, taken from the clock when it was typed, so a meeting held on Monday and
 * entered on Thursday read as Thursday's. From this version `at` is when the step happened (the officer may
 * give an earlier day) and `recorded_at` is when it was entered. Rows from before keep `recorded_at` NULL,
 * which reads as "entered when it happened" (their `at` was the typing time). Nothing is rewritten, so the
 * append-only triggers of version 3 are untouched.
 */
export const migration006: Migration = {
  version: 6,
  name: 'problem step recorded_at',
  up: `
    ALTER TABLE problem_events ADD COLUMN recorded_at TEXT;
  `,
};
