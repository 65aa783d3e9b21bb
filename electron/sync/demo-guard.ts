import { z } from 'zod';
import { AppError } from '@shared/errors.js';
import type { SqliteDatabase } from '../store/database.js';
import { readSetting } from '../store/repositories/settings.js';

/** The setting that marks a store holding the invented demo dataset (electron/demo/demo-dataset.ts). */
export const DEMO_SETTING = 'demo';

export function isDemoStore(db: SqliteDatabase): boolean {
  return readSetting(db, DEMO_SETTING, z.boolean()) === true;
}

/**
 * RULE: the demo never sends a weekly packet. Its officer and projects are invented; a packet of them would
 * only reach the bureau to be refused (or, worse, be confused with a real officer's). Checked before anything
 * is written (no officer key created, no folder made), by the operation, the job and the CLI alike.
 */
export function refuseDemoExport(db: SqliteDatabase): void {
  if (!isDemoStore(db)) return;
  throw new AppError(
    'illegal_transition',
    'this store holds the demo data, which is never sent to the bureau: leave the demo first (the demo is kept as a backup), import your assignment, then export',
    { reason: 'demo_store' },
  );
}
