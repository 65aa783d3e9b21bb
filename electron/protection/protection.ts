import { createHash, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { AppError } from '@shared/errors.js';
import type { LockState, ProtectionResult } from '@shared/operations/store.js';
import { openDatabase } from '../store/database.js';
import {
  hasPlainHeader,
  isEncrypted,
  isEncryptedFile,
  openConnection,
  passphraseOf,
  rekeyConnection,
  rekeyFile,
  type SqliteDatabase,
} from '../store/driver.js';
import { reconcileAttachmentFiles } from '../files/attachment-files.js';
import { backupsDir, exclusive, listBackups } from '../handlers/backups.js';
import type { ServiceContext } from '../handlers/context.js';
import { reconcileKeptCopies } from '../files/kept-copies.js';
import type { HandlerGroup } from '../handlers/registry.js';

/**
 * Protecting the officer's store with a passphrase (data at rest). The database is encrypted by SQLite
 * itself (SQLCipher 4 format, see store/driver.ts); its backups always have the same protection as the
 * store (turning protection on, changing the passphrase and removing it re-key every backup in the backups
 * folder too, so an old passphrase opens nothing left behind); photos and evidence files are sealed with
 * a data key kept inside the encrypted database (attachment-files.ts), and so are the inbox's and outbox's
 * copies (kept-copies.ts). The passphrase itself is never
 * written anywhere: it lives in this process's memory while the store is open.
 */

const lockedError = () => new AppError('store_locked', 'the store is locked: enter the passphrase first', { reason: 'locked' });

/**
 * Stands in for the database of a locked store: any use is refused with store_locked. `open` is false and
 * `close` does nothing, so shutting down a locked app is quiet.
 */
export function lockedDatabase(): SqliteDatabase {
  return new Proxy(
    {},
    {
      get(_target, property) {
        if (property === 'open') return false;
        if (property === 'close') return () => undefined;
        if (property === 'then' || typeof property === 'symbol') return undefined;
        throw lockedError();
      },
    },
  ) as SqliteDatabase;
}

export function lockState(ctx: ServiceContext): LockState {
  if (ctx.locked) return { locked: true, protected: true };
  return { locked: false, protected: isEncrypted(ctx.db) };
}

function samePassphrase(a: string, b: string | null): boolean {
  if (b === null) return false;
  const digest = (s: string) => createHash('sha256').update(s.normalize('NFC'), 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

function requireUnlocked(ctx: ServiceContext): void {
  if (ctx.locked) throw lockedError();
}

function requireCurrent(ctx: ServiceContext, current: string): string {
  const passphrase = passphraseOf(ctx.db);
  if (passphrase === null) throw new AppError('store_locked', 'this store is not protected with a passphrase', { reason: 'not_protected' });
  if (!samePassphrase(current, passphrase)) {
    throw new AppError('store_locked', 'the current passphrase is wrong; nothing was changed', { reason: 'wrong_passphrase' });
  }
  return passphrase;
}

/**
 * Brings every backup in the folder to the store's protection: a plain backup is encrypted with `to`; an
 * encrypted one is re-keyed from `from` to `to` (or decrypted when `to` is null). A backup that `from` does
 * not open (protected with some other passphrase, or not a database) is left as it is and counted.
 */
function alignBackups(ctx: ServiceContext, from: string | null, to: string | null): { rekeyed: number; left: number } {
  const dir = backupsDir(ctx);
  let rekeyed = 0;
  let left = 0;
  const attempt = (path: string, key: string | null, next: string | null): boolean => {
    try {
      rekeyFile(path, key, next);
      return true;
    } catch {
      return false;
    }
  };
  for (const backup of databaseBackups(ctx)) {
    const path = join(dir, backup.fileName);
    if (hasPlainHeader(path)) {
      if (to === null) continue;
      if (attempt(path, null, to)) rekeyed += 1;
      else left += 1;
    } else if (from !== null && from !== to && attempt(path, from, to)) {
      rekeyed += 1;
    } else if (to === null || !opensWith(path, to)) {
      // Protected with some other passphrase, or not a database at all: left as it is.
      left += 1;
    }
  }
  return { rekeyed, left };
}

/**
 * The backups of the database alone: a full backup (a zip, backup-archive.ts) keeps the protection it was
 * written with, as a copy on a USB stick does; restoring it asks for the passphrase it was written under.
 */
function databaseBackups(ctx: ServiceContext) {
  return listBackups(ctx).filter((b) => b.kind !== 'archive');
}

function opensWith(path: string, passphrase: string): boolean {
  try {
    openConnection(path, { fileMustExist: true, readonly: true, passphrase }).close();
    return true;
  } catch {
    return false;
  }
}

/**
 * What opening or unlocking a store finishes: photo files sealed or opened to match the store (an
 * interrupted protection change is completed), and plain backups of a protected store encrypted.
 */
export function settleProtection(ctx: ServiceContext): void {
  if (ctx.locked) return;
  reconcileKeptCopies(ctx); // before the photos: when they end protection, the key ring is dropped
  reconcileAttachmentFiles(ctx);
  const passphrase = passphraseOf(ctx.db);
  if (passphrase === null) return;
  for (const backup of databaseBackups(ctx)) {
    const path = join(backupsDir(ctx), backup.fileName);
    if (!hasPlainHeader(path)) continue;
    try {
      rekeyFile(path, null, passphrase);
    } catch {
      // not a database: restore refuses it with its own reason
    }
  }
}

/**
 * Opens a locked store with its passphrase and swaps it into the context (every later call uses it). A
 * wrong passphrase is store_locked / wrong_passphrase and nothing is written. Unlocking an open store
 * changes nothing.
 */
export function unlockStore(ctx: ServiceContext, passphrase: string): LockState {
  if (!ctx.locked) return lockState(ctx);
  if (!isEncryptedFile(ctx.databasePath)) {
    throw new AppError('internal', 'the store file is no longer protected; restart the app');
  }
  ctx.db = openDatabase(ctx.databasePath, { passphrase });
  ctx.locked = false;
  settleProtection(ctx);
  return lockState(ctx);
}

/** Protects an unprotected store: the database, then its backups, then its photos. */
export function setPassphrase(ctx: ServiceContext, passphrase: string): ProtectionResult {
  requireUnlocked(ctx);
  if (isEncrypted(ctx.db))
    throw new AppError('illegal_transition', 'the store is already protected; change the passphrase instead', { reason: 'already_protected' });
  rekeyConnection(ctx.db, passphrase);
  const backups = alignBackups(ctx, null, passphrase);
  const files = reconcileKeptCopies(ctx) + reconcileAttachmentFiles(ctx);
  return { ...lockState(ctx), backupsRekeyed: backups.rekeyed, backupsLeft: backups.left, filesChanged: files };
}

/** A new passphrase for the database and its backups; photos keep their data key (it lives in the database). */
export function changePassphrase(ctx: ServiceContext, current: string, passphrase: string): ProtectionResult {
  requireUnlocked(ctx);
  const old = requireCurrent(ctx, current);
  rekeyConnection(ctx.db, passphrase);
  const backups = alignBackups(ctx, old, passphrase);
  return { ...lockState(ctx), backupsRekeyed: backups.rekeyed, backupsLeft: backups.left, filesChanged: 0 };
}

/**
 * Removes protection (for a machine with full-disk encryption): the database is decrypted, then every
 * photo opened with the data key still in it (the keys are dropped once no sealed file is left), then
 * the backups.
 */
export function removePassphrase(ctx: ServiceContext, current: string): ProtectionResult {
  requireUnlocked(ctx);
  const old = requireCurrent(ctx, current);
  rekeyConnection(ctx.db, null);
  const files = reconcileKeptCopies(ctx) + reconcileAttachmentFiles(ctx);
  const backups = alignBackups(ctx, old, null);
  return { ...lockState(ctx), backupsRekeyed: backups.rekeyed, backupsLeft: backups.left, filesChanged: files };
}

export const protectionHandlers: HandlerGroup<
  'store.lockState' | 'store.unlock' | 'store.setPassphrase' | 'store.changePassphrase' | 'store.removePassphrase'
> = {
  'store.lockState': (_input, ctx) => lockState(ctx),
  'store.unlock': ({ passphrase }, ctx) => unlockStore(ctx, passphrase),
  'store.setPassphrase': ({ passphrase }, ctx) => exclusive(ctx, async () => setPassphrase(ctx, passphrase)),
  'store.changePassphrase': ({ current, passphrase }, ctx) => exclusive(ctx, async () => changePassphrase(ctx, current, passphrase)),
  'store.removePassphrase': ({ current }, ctx) => exclusive(ctx, async () => removePassphrase(ctx, current)),
};
