import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openDatabase } from '../store/database.js';
import { isEncryptedFile } from '../store/driver.js';
import { makeFolderPrivate, mkdirPrivate } from '../store/private-files.js';
import { lockedDatabase, settleProtection } from '../protection/protection.js';
import { listProjects } from '../store/repositories/projects.js';
import { seedDemoDataset } from '../demo/demo-dataset.js';
import type { ServiceContext } from '../handlers/context.js';
import { APP_VERSION } from './version.js';

export interface OpenStoreOptions {
  databasePath: string;
  /**
   * Seed the demo dataset when the store is created, so the first screen is not empty. Only a brand-new file:
   * a store the officer emptied on purpose (leaving the demo) stays empty.
   */
  seedDemoWhenEmpty?: boolean;
  now?: () => Date;
  /**
   * The passphrase of a protected store (the CLI reads it from SPONSOR_DESK_PASSPHRASE). Without it a
   * protected store opens locked: the app's first screen asks for it (store.unlock).
   */
  passphrase?: string | null;
}

/** Opens the officer's store and builds the context services run in. Used by Electron, the preview and tests. */
export function openOfficerStore(options: OpenStoreOptions): ServiceContext {
  // The data folder is made 0700 when this creates it; a folder the user chose and already had keeps its mode.
  mkdirPrivate(dirname(options.databasePath), { own: false });
  const isNewFile = !existsSync(options.databasePath);
  const now = options.now ?? (() => new Date());
  const attachmentsDir = join(dirname(options.databasePath), 'attachments');
  mkdirPrivate(attachmentsDir);
  // What an older version left readable by others (0644 files, 0755 folders) becomes the officer's alone.
  for (const name of ['attachments', 'backups', 'inbox', 'outbox']) makeFolderPrivate(join(dirname(options.databasePath), name));
  if (!options.passphrase && isEncryptedFile(options.databasePath)) {
    return { db: lockedDatabase(), databasePath: options.databasePath, attachmentsDir, appVersion: APP_VERSION, now, locked: true };
  }
  const db = openDatabase(options.databasePath, { passphrase: options.passphrase });
  if (options.seedDemoWhenEmpty && isNewFile && listProjects(db, true).length === 0) seedDemoDataset(db, now());
  const ctx: ServiceContext = { db, databasePath: options.databasePath, attachmentsDir, appVersion: APP_VERSION, now };
  settleProtection(ctx);
  return ctx;
}
