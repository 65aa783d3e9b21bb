import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '@shared/errors.js';
import type { BackupInfo } from '@shared/operations/settings.js';
import { openDatabase } from '../store/database.js';
import { copyDatabase, hasPlainHeader, isEncryptedFile, openConnection, passphraseOf, rekeyFile, type SqliteDatabase } from '../store/driver.js';
import { mkdirPrivate } from '../store/private-files.js';
import { mergeKeyRing, readKeyRing, reconcileAttachmentFiles } from '../files/attachment-files.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import { applyContinuity, captureContinuity } from '../backups/restore-continuity.js';
import type { ServiceContext } from './context.js';
import type { HandlerGroup } from './registry.js';
import { DEFAULT_TIME_ZONE, localStamp, zonedTimeToMillis } from '@shared/rules/local-time.js';
import { storeTimeZone } from '../store/time-zone.js';

/**
 * Backups of the officer's store: consistent copies made with SQLite's online backup API into a `backups`
 * folder beside the database, and restore from one of them. These copies hold the database alone: photos and
 * evidence files live in the attachments folder, named by id, and a restore leaves them where they are. Full
 * backups (database and photos in one zip, for a USB stick or another computer) are backup-archive*.ts; they
 * are listed here too, with kind 'archive'.
 */

/** `sponsor-desk-[before-restore-]<stamp>.sqlite` (the database alone) or `sponsor-desk-backup-<stamp>.zip` (a full backup, backup-archive.ts). */
const NAME =
  /^sponsor-desk-(before-restore-)?(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d+))?\.sqlite$|^sponsor-desk-(backup-)(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d+))?\.zip$/;

export function backupsDir(ctx: Pick<ServiceContext, 'databasePath'>): string {
  return join(dirname(ctx.databasePath), 'backups');
}

/**
 * The zone backup names are written and read in: the store's (names say `YYYYMMDD-HHmmss` local time there,
 * never the computer's zone); the default zone while a protected store waits for its passphrase.
 */
function namingZone(ctx: Pick<ServiceContext, 'databasePath'> & Partial<Pick<ServiceContext, 'db' | 'locked'>>): string {
  return ctx.db && !ctx.locked && ctx.db.open ? storeTimeZone(ctx.db) : DEFAULT_TIME_ZONE;
}

function infoOf(dir: string, fileName: string, zone: string): BackupInfo | null {
  const m = NAME.exec(fileName);
  if (!m) return null;
  const path = join(dir, fileName);
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return null;
  }
  if (!stats.isFile()) return null;
  const archive = m[9] !== undefined;
  const [beforeRestore, y, mo, d, h, mi, s] = archive ? [undefined, ...m.slice(10, 16)] : m.slice(1, 8);
  let named = Number.NaN;
  try {
    named = zonedTimeToMillis(`${y}-${mo}-${d}`, zone, Number(h), Number(mi), Number(s));
  } catch {
    // not a real day (20261399-…): the file's time instead
  }
  const createdAt = Number.isNaN(named) || Number(mo) > 12 || Number(d) > 31 ? stats.mtime : new Date(named);
  return { fileName, bytes: stats.size, createdAt: createdAt.toISOString(), kind: archive ? 'archive' : beforeRestore ? 'before_restore' : 'manual' };
}

/** Every backup in the folder, newest first. */
export function listBackups(ctx: Pick<ServiceContext, 'databasePath'> & Partial<Pick<ServiceContext, 'db' | 'locked'>>): BackupInfo[] {
  const dir = backupsDir(ctx);
  if (!existsSync(dir)) return [];
  const zone = namingZone(ctx);
  return readdirSync(dir)
    .map((name) => infoOf(dir, name, zone))
    .filter((b): b is BackupInfo => b !== null)
    .sort((a, b) => (a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.fileName < b.fileName ? 1 : -1));
}

export function removeSidecars(path: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

/**
 * Contexts with a backup, restore, passphrase change or long job under way (what it is, for the message):
 * a second one waits its turn (the UI says "busy").
 */
const running = new WeakMap<object, string>();

/** Takes the store's one exclusive slot for `what` until the returned release is called; busy when taken. */
export function holdExclusive(ctx: ServiceContext, what: string): () => void {
  const holder = running.get(ctx);
  if (holder !== undefined) throw new AppError('busy', `${holder} is already running; try again when it has finished`, { running: holder });
  running.set(ctx, what);
  return () => {
    if (running.get(ctx) === what) running.delete(ctx);
  };
}

export async function exclusive<T>(ctx: ServiceContext, work: () => Promise<T>, what = 'a backup or restore'): Promise<T> {
  const release = holdExclusive(ctx, what);
  try {
    return await work();
  } finally {
    release();
  }
}

/**
 * Writes a consistent copy of the open store (SQLite's online backup: other writes may go on meanwhile)
 * to `backups/sponsor-desk[-before-restore]-YYYYMMDD-HHmmss.sqlite`. The copy is written under a temporary
 * name and renamed when complete, so a crash never leaves a half backup that looks whole.
 */
export async function writeBackup(
  ctx: ServiceContext,
  kind: BackupInfo['kind'] = 'manual',
  onProgress?: (done: number, total: number) => void,
): Promise<BackupInfo> {
  const dir = backupsDir(ctx);
  mkdirPrivate(dir); // 0700, the copy itself 0600 (copyDatabase)
  const zone = namingZone(ctx);
  const base = `sponsor-desk-${kind === 'before_restore' ? 'before-restore-' : ''}${localStamp(ctx.now(), zone)}`;
  let fileName = `${base}.sqlite`;
  for (let n = 2; existsSync(join(dir, fileName)); n++) fileName = `${base}-${n}.sqlite`;
  const partial = join(dir, `.${fileName}.${randomUUID()}.partial`);
  try {
    await copyDatabase(ctx.db, partial, onProgress); // encrypted with the store's key when the store is protected
    renameSync(partial, join(dir, fileName));
  } finally {
    rmSync(partial, { force: true });
    removeSidecars(partial);
  }
  const info = infoOf(dir, fileName, zone);
  if (!info) throw new AppError('internal', `backup ${fileName} was not written`);
  return info;
}

/** Tables every Sponsor Desk store has since the first schema. */
const REQUIRED_TABLES = ['settings', 'projects', 'checklist_items', 'visits', 'problems', 'investment_entries', 'change_log'];

/**
 * Checks a candidate file before it may replace the store: it opens as SQLite, passes the full integrity
 * check, is a Sponsor Desk store, and its schema is not newer than this app's. A protected backup is opened
 * with the store's passphrase (`passphrase`); one protected with another passphrase is store_locked.
 */
export function verifyBackupFile(path: string, passphrase: string | null = null): number {
  let db: SqliteDatabase | undefined;
  try {
    if (!hasPlainHeader(path) && isEncryptedFile(path)) {
      if (passphrase === null) {
        throw new AppError('database_corrupt', 'the backup cannot be opened: it is damaged, or protected with a passphrase and this store is not', {
          reason: 'backup_protected',
        });
      }
      try {
        db = openConnection(path, { fileMustExist: true, passphrase });
      } catch (error) {
        if (error instanceof AppError && error.code === 'store_locked') {
          throw new AppError('store_locked', 'the backup is protected with another passphrase than the store (or is damaged)', {
            reason: 'backup_other_passphrase',
          });
        }
        throw error;
      }
    } else {
      db = openConnection(path, { fileMustExist: true });
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new AppError('database_newer', `backup schema version ${version} is newer than this app supports (${MIGRATIONS.length})`, {
        found: version,
        supported: MIGRATIONS.length,
      });
    }
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new AppError('database_corrupt', `backup failed its integrity check: ${String(check)}`);
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (version < 1 || missing.length > 0) {
      throw new AppError('database_corrupt', `not a Sponsor Desk store (missing ${missing.join(', ') || 'schema version'})`);
    }
    return version;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError('database_corrupt', `backup cannot be opened: ${message}`);
  } finally {
    db?.close();
  }
}

/**
 * Replaces the store with a backup. Order: verify a private copy of the backup; keep the current store
 * aside as a 'before_restore' backup; checkpoint and close; put the verified copy in place by rename;
 * reopen (migrating if the backup is older) and swap `ctx.db`, which every later call uses. If reopening
 * fails the kept-aside copy is put back, so the officer is never left without a store.
 */
export async function restoreBackup(ctx: ServiceContext, backupFileName: string) {
  const dir = backupsDir(ctx);
  const restored = listBackups(ctx).find((b) => b.fileName === backupFileName);
  if (!restored) throw new AppError('not_found', `no backup named ${backupFileName}`, { what: 'backup', id: backupFileName });
  if (restored.kind === 'archive') {
    throw new AppError('invalid_input', `${backupFileName} is a full backup: restore it with backup.restoreFile`, { reason: 'backup_is_archive', path: '' });
  }

  const candidate = join(dirname(ctx.databasePath), `.restore-${randomUUID()}.sqlite`);
  // A protected store stays protected with the same passphrase; the photo keys it holds go on into the restored copy.
  const passphrase = passphraseOf(ctx.db);
  try {
    copyFileSync(join(dir, backupFileName), candidate);
    verifyBackupFile(candidate, passphrase);
    removeSidecars(candidate);
    if (passphrase !== null && hasPlainHeader(candidate)) rekeyFile(candidate, null, passphrase);
    const keptAside = await swapInStore(ctx, candidate, passphrase);
    reconcileAttachmentFiles(ctx);
    return { restored, keptAside, schemaVersion: ctx.db.pragma('user_version', { simple: true }) as number, restoredAt: ctx.now().toISOString() };
  } finally {
    rmSync(candidate, { force: true });
    removeSidecars(candidate);
  }
}

/**
 * Puts a verified database file (`candidate`, keyed with `passphrase`, beside the store) in place of the
 * store: the current store is kept aside as a 'before_restore' backup, its WAL folded in and closed, the
 * candidate renamed over it and reopened (migrated when older) as `ctx.db`. If reopening fails the kept-aside
 * copy is put back with the store's own passphrase. The restored store keeps the photo keys and the exchange
 * continuity (restore-continuity.ts) of the store it replaces.
 */
export async function swapInStore(ctx: ServiceContext, candidate: string, passphrase: string | null): Promise<BackupInfo> {
  const currentPassphrase = passphraseOf(ctx.db);
  const keysBefore = readKeyRing(ctx.db);
  const keptAside = await writeBackup(ctx, 'before_restore');
  const continuity = captureContinuity(ctx.db);

  // Everything in the WAL is in the kept-aside copy (the backup API reads through it); fold it in and close.
  ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  ctx.db.close();
  try {
    removeSidecars(ctx.databasePath);
    renameSync(candidate, ctx.databasePath);
    ctx.db = openDatabase(ctx.databasePath, { passphrase });
  } catch (error) {
    // Put the store back as it was before the restore began.
    copyFileSync(join(backupsDir(ctx), keptAside.fileName), ctx.databasePath);
    removeSidecars(ctx.databasePath);
    ctx.db = openDatabase(ctx.databasePath, { passphrase: currentPassphrase });
    throw error;
  }
  if (passphrase !== null) mergeKeyRing(ctx.db, keysBefore, ctx.now());
  applyContinuity(ctx.db, continuity);
  return keptAside;
}

export const backupHandlers: HandlerGroup<'backup.create' | 'backup.list' | 'backup.restore'> = {
  'backup.create': (_input, ctx) => exclusive(ctx, () => writeBackup(ctx, 'manual')),
  'backup.list': (_input, ctx) => listBackups(ctx),
  'backup.restore': ({ backupFileName }, ctx) => exclusive(ctx, () => restoreBackup(ctx, backupFileName)),
};
