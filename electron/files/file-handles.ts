import { randomBytes } from 'node:crypto';
import { basename, dirname, resolve } from 'node:path';
import { AppError } from '@shared/errors.js';
import { FOLDER_PURPOSES, type FilePurpose } from '@shared/operations/files.js';
import { mkdirPrivate } from '../store/private-files.js';
import type { ServiceContext } from '../handlers/context.js';

/**
 * Files and folders the page may name, as opaque handles. The page (a renderer that might one day run an
 * injected script, or a browser tab of the preview) never sends a filesystem path to an operation: each file
 * or folder it works with was handed to it here, as a random id mapped to a path in this process only.
 *
 * Where a handle comes from: an upload kept in the inbox (files.receive), the desktop's native dialog run by
 * the main process (files.choose, through the chooser the main process installs), or nothing at all: an
 * export without a folder goes to the default outbox (the data folder's, or the one the preview server was
 * started with). The CLI and the tests call the service functions with paths directly; they are not the page.
 *
 * Handles live in memory, per open store, until the process ends; the oldest are forgotten past MAX_HANDLES.
 */

export type HandleKind = 'file' | 'folder';

/** Asks the person for a file or folder (the desktop's native dialog); null when they cancelled. */
export type FileChooser = (purpose: FilePurpose) => Promise<string | null>;

interface Grant {
  kind: HandleKind;
  path: string;
}

interface FileAccess {
  grants: Map<string, Grant>;
  outboxDir: string | null;
  chooser: FileChooser | null;
}

export const MAX_HANDLES = 256;

/** Whose handles: an officer store, or the bureau desk open in a window (electron/bureau/page-files.ts). */
export type HandleOwner = object;

const stores = new WeakMap<HandleOwner, FileAccess>();

function accessOf(ctx: HandleOwner): FileAccess {
  let access = stores.get(ctx);
  if (!access) {
    access = { grants: new Map(), outboxDir: null, chooser: null };
    stores.set(ctx, access);
  }
  return access;
}

/**
 * What the host allows for this store: the outbox folder (the preview's `--outbox`), and the chooser that
 * shows a native dialog (the desktop's main process). Without a chooser, files.choose is refused.
 */
export function configureFileAccess(ctx: ServiceContext, options: { outboxDir?: string; chooser?: FileChooser }): void {
  const access = accessOf(ctx);
  if (options.outboxDir !== undefined) access.outboxDir = resolve(options.outboxDir);
  if (options.chooser !== undefined) access.chooser = options.chooser;
}

/** The folder a weekly packet goes to when the page names none: the configured outbox, else the data folder's. */
export function outboxDir(ctx: ServiceContext): string {
  const configured = stores.get(ctx)?.outboxDir;
  return configured ?? resolve(dirname(ctx.databasePath), 'outbox');
}

/**
 * The default outbox, created when missing (the export refuses a folder that does not exist): 0700 when it is
 * the data folder's own; a folder named on the preview's command line keeps the mode its owner gave it.
 */
export function ensureOutbox(ctx: ServiceContext): string {
  const dir = outboxDir(ctx);
  mkdirPrivate(dir, { own: stores.get(ctx)?.outboxDir == null });
  return dir;
}

function grant(ctx: HandleOwner, kind: HandleKind, path: string): string {
  const { grants } = accessOf(ctx);
  const handle = `h_${randomBytes(24).toString('base64url')}`;
  grants.set(handle, { kind, path: resolve(path) });
  while (grants.size > MAX_HANDLES) grants.delete(grants.keys().next().value!);
  return handle;
}

/** A handle for a file this process chose or wrote (an upload in the inbox, a dialog's answer). */
export function grantFile(ctx: HandleOwner, path: string): string {
  return grant(ctx, 'file', path);
}

/** A handle for a folder this process chose (a dialog's answer). */
export function grantFolder(ctx: HandleOwner, path: string): string {
  return grant(ctx, 'folder', path);
}

/**
 * The path behind a handle. Unknown (never handed out, or forgotten) is not_found; a file's handle where a
 * folder is wanted, or the other way round, is invalid_input. Nothing is touched on disk either way.
 */
export function resolveHandle(ctx: HandleOwner, handle: string, kind: HandleKind | 'any'): string {
  const found = accessOf(ctx).grants.get(handle);
  if (!found) throw new AppError('not_found', 'no such file handle: choose the file or folder again', { what: 'file_handle' });
  if (kind !== 'any' && found.kind !== kind)
    throw new AppError('invalid_input', `that handle names a ${found.kind}, not a ${kind}`, { what: 'file_handle_kind', path: '' });
  return found.path;
}

/** Shows the host's dialog and hands out a handle for the answer; null when the person cancelled. */
export async function chooseWithDialog(ctx: ServiceContext, purpose: FilePurpose): Promise<{ handle: string; name: string } | null> {
  const chooser = accessOf(ctx).chooser;
  if (!chooser) throw new AppError('not_found', 'no file dialog here: upload the file instead', { what: 'file_dialog' });
  const path = await chooser(purpose);
  if (path === null) return null;
  const kind: HandleKind = FOLDER_PURPOSES.includes(purpose) ? 'folder' : 'file';
  return { handle: grant(ctx, kind, path), name: basename(path) };
}
