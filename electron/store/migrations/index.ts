import { migration001 } from './001-initial-schema.js';
import { migration002 } from './002-sync.js';
import { migration003 } from './003-append-only.js';
import { migration004 } from './004-milestone-withdrawal.js';
import { migration005 } from './005-bureau-completed.js';
import { migration006 } from './006-problem-step-recorded-at.js';
import { migration007 } from './007-photo-place.js';
import { migration008 } from './008-read-models.js';
import { migration009 } from './009-project-totals.js';
import type { Migration } from './types.js';

/** Every migration, in order. Add a file per version; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
];

export type { Migration } from './types.js';
