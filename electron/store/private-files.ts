import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { isMainThread } from 'node:worker_threads';

/**
 * Files are the owner's alone: every file the desks keep (the officer's store and its SQLite -wal/-shm, its
 * backups, photos, inbox and outbox; the bureau's database, signing key, received files) is created 0600 in
 * folders created 0700, so another user of the same machine can read nothing (the officer's private signing
 * key is inside the store). Two layers, because either alone misses something:
 * - each place that creates a file or folder goes through this module, which sets the mode explicitly
 *   (open's mode and mkdir's mode are masked by the umask, and SQLite creates its files 0644);
 * - the entry points (the `sponsor-desk` command, the Electron main process, the preview server) set the
 *   process umask to 0o077, which also covers files written by libraries (SQLite's journals, Chromium's
 *   profile in the desktop's data folder).
 * SQLite creates a database's -wal, -shm and -journal with the mode of the database file itself, so a
 * database file that is 0600 before SQLite first opens it keeps its sidecars 0600 too.
 *
 * On Windows every function here is a no-op: POSIX modes do not exist there (chmod only toggles read-only);
 * the per-user profile folder's ACL is what keeps other users out.
 */

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

const posix = process.platform !== 'win32';

/** Sets the process umask to 0o077 (new files 0600, folders 0700). Entry points only: workers may not change it. */
export function restrictUmask(): void {
  if (posix && isMainThread) process.umask(0o077);
}

/**
 * Makes an existing file or folder private. A missing path is skipped; so is one that is not ours to change
 * (EPERM: another user's file we may only read), which then keeps the mode its owner gave it.
 */
export function chmodPrivate(path: string, mode: number = PRIVATE_FILE_MODE): void {
  if (!posix) return;
  try {
    chmodSync(path, mode);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EPERM' && code !== 'EROFS') throw error;
  }
}

/**
 * `mkdir -p` where every folder it creates is 0700. `own: true` (the default, for the folders the app names
 * itself: attachments, backups, inbox, outbox, the bureau's files) also makes an existing folder 0700, which
 * fixes a store created by an older version. The folder holding the database may be one the user chose and
 * shares (a project folder, /tmp): it is made private only when this call creates it (`own: false`).
 */
export function mkdirPrivate(dir: string, options: { own?: boolean } = {}): void {
  const first = mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!posix) return;
  const target = resolve(dir);
  if (first !== undefined) {
    // mkdir's mode is masked by the umask: set it on each folder created, from the first down to the target.
    let path = resolve(first);
    chmodPrivate(path, PRIVATE_DIR_MODE);
    for (const part of relative(path, target).split(sep).filter(Boolean)) {
      path = resolve(path, part);
      chmodPrivate(path, PRIVATE_DIR_MODE);
    }
  } else if (options.own ?? true) {
    chmodPrivate(target, PRIVATE_DIR_MODE);
  }
}

/**
 * Opens a new file for writing with mode 0600 (set explicitly after open: the umask may have masked it).
 * `flag` as for fs.openSync ('wx' by default: never overwrites). Returns the descriptor; the caller closes it.
 */
export function openPrivate(path: string, flag = 'wx'): number {
  const fd = openSync(path, flag, PRIVATE_FILE_MODE);
  chmodPrivate(path);
  return fd;
}

/** Writes a whole file 0600 and fsyncs it (not atomic: `writeFileAtomically` is). */
export function writeFilePrivate(path: string, data: Uint8Array, flag = 'wx'): void {
  const fd = openPrivate(path, flag);
  try {
    let offset = 0;
    while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes a file so it is either wholly there under its name or not at all: a temporary name (0600), fsync, rename. */
export function writeFileAtomically(path: string, data: Uint8Array): void {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFilePrivate(temp, data);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** fsyncs a file written through a stream, before it is renamed into place. */
export function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** fsyncs a folder so the renames in it are durable; best effort (Windows cannot open a folder for it). */
export function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // a platform without folder fsync: the rename is as durable as it gets there
  }
}

/**
 * Before SQLite opens a database for writing: a missing file is created empty with mode 0600 (SQLite treats
 * an empty file as a new database, and creates its -wal/-shm with the file's mode); an existing one is made
 * 0600 (a store created by an older version was 0644).
 */
export function prepareDatabaseFile(path: string): void {
  if (!path || path === ':memory:') return;
  if (!existsSync(path)) {
    mkdirPrivate(dirname(path), { own: false });
    closeSync(openPrivate(path, 'wx'));
  } else {
    chmodPrivate(path);
  }
}

/** After a database is open in WAL mode: its -wal and -shm (which an older version may have left 0644) are made 0600. */
export function privateSidecars(path: string): void {
  if (!path || path === ':memory:') return;
  for (const suffix of ['', '-wal', '-shm', '-journal']) chmodPrivate(path + suffix);
}

/**
 * Makes a folder the app names itself (attachments, backups, inbox, outbox) and every file in it private:
 * what an older version left readable by others becomes the owner's alone when the store is next opened.
 * Only modes that differ are changed; a missing folder is skipped.
 */
export function makeFolderPrivate(dir: string): void {
  if (!posix || !existsSync(dir)) return;
  chmodPrivate(dir, PRIVATE_DIR_MODE);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const want = entry.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
    if (!entry.isDirectory() && !entry.isFile()) continue;
    if ((statSync(path).mode & 0o777) !== want) chmodPrivate(path, want);
  }
}
