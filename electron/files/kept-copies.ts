import { existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { AppError } from '@shared/errors.js';
import { isEncrypted } from '../store/driver.js';
import { mkdirPrivate, writeFileAtomically, writeFilePrivate } from '../store/private-files.js';
import { attachmentSealer, ensureAttachmentKey, fileIsSealed, openSealed, readKeyRing, sealBytes } from './attachment-files.js';
import type { ServiceContext } from '../handlers/context.js';

/**
 * The copies of exchanged files kept in the data folder: the inbox (assignment files the officer picked in
 * the app, kept by files.receive) and the data folder's own outbox. With a passphrase set, nothing in the
 * data folder may show the officer's data in plain (docs/security.md, "Data at rest"), so:
 * - an inbox copy is sealed with the store's data key, like the photos (attachment-files.ts); the import
 *   reads it through `withPlainFile`, which opens it into a private temporary folder (0700, under the
 *   system's temporary folder) for the length of the read and removes it straight after;
 * - a weekly packet is never written into the data folder of a protected store: it is a deliverable the
 *   officer sends on, so sealing it would make it useless. The export goes to a folder the officer chose
 *   (the desktop's dialog, the CLI's --out, the folder the preview was started with) and is refused inside
 *   the data folder with a reason saying so;
 * - turning protection on seals what the inbox and outbox already hold; removing it opens them again.
 */

const KEPT_FOLDERS = ['inbox', 'outbox'] as const;

/** The data folder's inbox and outbox (not an outbox the preview was started with: that one is the officer's choice). */
export function keptFolders(ctx: Pick<ServiceContext, 'databasePath'>): string[] {
  return KEPT_FOLDERS.map((name) => join(dirname(ctx.databasePath), name));
}

/** Keeps `bytes` at `path` (0600, written whole or not at all), sealed when the store is protected. */
export function writeKeptCopy(ctx: Pick<ServiceContext, 'db' | 'now'>, path: string, bytes: Buffer): void {
  mkdirPrivate(dirname(path));
  writeFileAtomically(path, attachmentSealer(ctx)(bytes));
}

/**
 * Runs `read` on a plain form of the file at `path`: the file itself when it is plain; when it is a sealed
 * copy, its opened bytes in a private temporary file that is removed as soon as `read` settles.
 */
export async function withPlainFile<T>(ctx: Pick<ServiceContext, 'db' | 'locked'>, path: string, read: (plainPath: string) => Promise<T>): Promise<T> {
  if (!existsSync(path) || !statSync(path).isFile() || !fileIsSealed(path)) return read(path);
  if (ctx.locked) throw new AppError('store_locked', 'the store is locked: enter the passphrase first', { reason: 'locked' });
  const plain = openSealed(readFileSync(path), readKeyRing(ctx.db), basename(path));
  const dir = mkdtempSync(join(tmpdir(), 'sponsor-desk-')); // mkdtemp makes it 0700
  try {
    const copy = join(dir, basename(path));
    writeFilePrivate(copy, plain);
    return await read(copy);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** True when `path` is the folder `root` or inside it (links followed where they exist). */
function isWithin(root: string, path: string): boolean {
  const rel = relative(realOrResolved(root), realOrResolved(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Refuses to write a weekly packet into the data folder of a protected store (see above). */
export function refusePlainCopyInDataFolder(ctx: Pick<ServiceContext, 'db' | 'databasePath'>, outDir: string): void {
  if (!isEncrypted(ctx.db)) return;
  const dataDir = dirname(ctx.databasePath);
  if (!isWithin(dataDir, outDir)) return;
  throw new AppError(
    'invalid_input',
    `this store is protected with a passphrase, so weekly packets are not written into its data folder (${dataDir}): choose another folder`,
    { what: 'protected_data_folder', path: outDir },
  );
}

/**
 * Brings the inbox's and outbox's files to the store's protection: sealed with the newest data key when
 * protected, opened when not (with the key ring, so run this before the attachments' reconcile clears it).
 * Each file is replaced atomically, one at a time; an interrupted run is finished by the next. Returns how
 * many files changed.
 */
export function reconcileKeptCopies(ctx: Pick<ServiceContext, 'db' | 'databasePath' | 'now'>): number {
  const key = isEncrypted(ctx.db) ? ensureAttachmentKey(ctx.db, ctx.now()) : null;
  const ring = key ? [] : readKeyRing(ctx.db);
  if (!key && ring.length === 0) return 0; // never protected, or already opened: nothing is sealed
  let changed = 0;
  for (const dir of keptFolders(ctx)) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      // Dot-files are an export or write under way (renamed when complete); they are not copies yet.
      if (name.startsWith('.') || !statSync(path).isFile()) continue;
      const sealed = fileIsSealed(path);
      if (key && !sealed) writeFileAtomically(path, sealBytes(readFileSync(path), key));
      else if (!key && sealed) writeFileAtomically(path, openSealed(readFileSync(path), ring, name));
      else continue;
      changed += 1;
    }
  }
  return changed;
}
