import { randomUUID } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError } from '@shared/errors.js';
import type { OperationOutput } from '@shared/operations/index.js';
import { isDemoDistrict } from '../demo/bureau-district.js';
import { writePublicKeyFile } from '../packets/keys.js';
import { mkdirPrivate } from '../store/private-files.js';
import { backupBureau, removeSidecars } from './backup.js';
import type { BureauContext } from './context.js';
import { openBureauDatabase } from './database.js';
import { bureauBackupsDir } from './desk-settings.js';
import { initBureau, signingKey } from './init.js';
import { freeName, stamp } from './restore.js';
import { bureauTimeZone, setBureauTimeZone } from './time-zone.js';

/**
 * Leaving the demo district (`bureau.demo.leave`): the demo desk is kept aside and an empty desk takes its place,
 * ready for the real master list.
 *
 * The empty desk gets a NEW signing key, never the demo's. Officers pin the bureau's key from the first
 * assignment they apply and from then on trust whatever it signs. The demo key signed invented projects for
 * invented officers, and while in the demo the clerk may well have tried writing assignments or handing out
 * bureau.pub from the settings: any such file, signed by a key that stayed in force, would be accepted by a
 * real officer's desk as the bureau's word. With a new key every demo file is refused by desks that pin the
 * real key, and the first real key an officer sees is the one the clerk hands out after leaving. Nothing real
 * was ever signed with the demo key, so no officer loses anything by its retirement.
 *
 * Order, so that nothing is half done: the demo (database and key) is written as a verified backup into
 * backups/ first (restorable from the settings like any backup); the empty desk is made whole in a folder of
 * its own; only then the files are swapped, the database last. If a step of the swap fails, the demo's key and
 * public key are put back and the demo database, not yet replaced, is opened again.
 */

export type LeaveDemoResult = OperationOutput<'bureau.demo.leave'>;

export async function leaveDemo(ctx: BureauContext): Promise<LeaveDemoResult> {
  if (!isDemoDistrict(ctx)) {
    throw new AppError('illegal_transition', 'this desk holds real data, not the demo district; nothing was changed', { reason: 'not_demo' });
  }
  const demo = signingKey(ctx.db, ctx.privateKeyPath); // a missing or foreign key file is refused before anything moves
  const timeZone = bureauTimeZone(ctx.db);
  const at = stamp(ctx.now());
  const backupsDir = bureauBackupsDir(ctx);
  mkdirPrivate(backupsDir);
  const keptAside = freeName(backupsDir, `bureau-demo-${at}`, '.sqlite');
  await backupBureau(ctx, keptAside);

  const staging = join(ctx.dir, `.leave-demo-${randomUUID()}`);
  try {
    mkdirPrivate(staging);
    const fresh = initBureau(join(staging, basename(ctx.dbPath)), { now: ctx.now });
    const db = openBureauDatabase(fresh.dbPath);
    try {
      setBureauTimeZone(db, timeZone); // the district's clock is not demo data
    } finally {
      db.close();
    }
    const keyKeptAside = freeName(backupsDir, `bureau.key.demo-${at}`, '');
    swapInto(ctx, fresh, keyKeptAside, demo.keys.publicKeyPem);
    return { keptAside, keyKeptAside, fingerprint: fresh.fingerprint, demoFingerprint: demo.fingerprint, bureauName: fresh.bureauName };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Puts the fresh desk's key and database in the demo's place (the demo key moved aside, never deleted); undone on failure. */
function swapInto(ctx: BureauContext, fresh: { dbPath: string; privateKeyPath: string; publicKeyPath: string }, keyKeptAside: string, demoPublicPem: string) {
  ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  ctx.db.close();
  let keyMoved = false;
  try {
    renameSync(ctx.privateKeyPath, keyKeptAside);
    keyMoved = true;
    renameSync(fresh.privateKeyPath, ctx.privateKeyPath);
    renameSync(fresh.publicKeyPath, ctx.publicKeyPath);
    removeSidecars(ctx.dbPath);
    renameSync(fresh.dbPath, ctx.dbPath); // the one step that makes the new desk the desk
  } catch (error) {
    if (keyMoved) {
      bestEffort(() => renameSync(keyKeptAside, ctx.privateKeyPath));
      bestEffort(() => writePublicKeyFile(ctx.publicKeyPath, demoPublicPem));
    }
    ctx.db = openBureauDatabase(ctx.dbPath); // the demo database, never replaced: the swap's last step did not happen
    throw error;
  }
  ctx.db = openBureauDatabase(ctx.dbPath);
}

/** An undo step that may fail in turn (the disk that refused the swap): the demo is whole in the kept backup either way. */
function bestEffort(step: () => void): void {
  try {
    step();
  } catch {
    // the error reported is the swap's own
  }
}
