import type { Migration } from './types.js';

/**
 * Milestones the bureau withdraws. Until now a milestone dropped from the master list stayed in the officer's
 * store as if still planned (the shared Milestone has no withdrawn field). From this version the assignment
 * import marks a milestone of a listed project that the assignment no longer lists with `withdrawn_at`, and
 * clears it when the bureau lists it again, exactly as for bureau checklist items. Nothing is deleted: the
 * officer's reports on a withdrawn milestone stay and still travel to the bureau (which keeps the milestone
 * too, with its own withdrawn_at). Views leave withdrawn milestones out and a new report on one is refused.
 */
export const migration004: Migration = {
  version: 4,
  name: 'milestone withdrawal',
  up: `
    ALTER TABLE milestones ADD COLUMN withdrawn_at TEXT;
  `,
};
