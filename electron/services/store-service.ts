import { rmSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import { openDatabase } from '../store/database.js';
import { passphraseOf } from '../store/driver.js';
import { readSetting } from '../store/repositories/settings.js';
import { SETTING } from './app-service.js';
import { exclusive, removeSidecars, writeBackup } from './backup-service.js';
import type { HandlerGroup } from './registry.js';

export const storeHandlers: HandlerGroup<'store.leaveDemo'> = {
  // Exclusive: it replaces the database file, which no backup, restore or long job (worker connection) may be using.
  'store.leaveDemo': (_input, ctx) => exclusive(ctx, async () => {
    if (readSetting(ctx.db, SETTING.demo, z.boolean()) !== true) {
      throw new AppError('illegal_transition', 'this store holds real data, not the demo; nothing was changed', { reason: 'not_demo' });
    }
    // The demo is kept (as a backup) before anything is removed: it can be restored from Settings.
    const kept = await writeBackup(ctx, 'manual');
    const passphrase = passphraseOf(ctx.db); // the empty store is protected like the demo was
    ctx.db.close();
    removeSidecars(ctx.databasePath);
    rmSync(ctx.databasePath, { force: true });
    ctx.db = openDatabase(ctx.databasePath, { passphrase });
    return { keptAsBackup: kept.fileName };
  }, 'leaving the demo'),
};
