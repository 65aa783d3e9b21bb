import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '@shared/errors.js';
import { openDatabase } from '../store/database.js';
import { passphraseOf } from '../store/driver.js';
import { isDemoStore } from '../sync/demo-guard.js';
import { backupsDir, exclusive, removeSidecars, writeBackup } from './backups.js';
import { demoPacketsInOutbox, readCarriedSettings, removeDemoPackets, writeCarriedSettings } from './leave-demo.js';
import type { HandlerGroup } from './registry.js';

export const storeHandlers: HandlerGroup<'store.leaveDemo'> = {
  // Exclusive: it replaces the database file, which no backup, restore or long job (worker connection) may be using.
  'store.leaveDemo': (_input, ctx) =>
    exclusive(
      ctx,
      async () => {
        if (!isDemoStore(ctx.db)) {
          throw new AppError('illegal_transition', 'this store holds real data, not the demo; nothing was changed', { reason: 'not_demo' });
        }
        // The demo is kept (as a backup) before anything is removed: it can be restored from Settings.
        const kept = await writeBackup(ctx, 'manual');
        const carried = readCarriedSettings(ctx.db); // the pinned bureau key and the like (leave-demo.ts)
        const demoPackets = demoPacketsInOutbox(ctx);
        const passphrase = passphraseOf(ctx.db); // the empty store is protected like the demo was
        ctx.db.close();
        removeSidecars(ctx.databasePath);
        rmSync(ctx.databasePath, { force: true });
        ctx.db = openDatabase(ctx.databasePath, { passphrase });
        writeCarriedSettings(ctx.db, carried);
        removeDemoPackets(demoPackets); // the demo's export history went with it: its packets go too
        return { keptAsBackup: kept.fileName, backupPath: join(backupsDir(ctx), kept.fileName), demoPacketsRemoved: demoPackets.length };
      },
      'leaving the demo',
    ),
};
