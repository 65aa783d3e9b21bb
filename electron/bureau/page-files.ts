import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { AppError } from '@shared/errors.js';
import { localDay } from '@shared/rules/local-time.js';
import { BUREAU_FOLDER_PURPOSES, type BureauFilePurpose } from '@shared/operations/bureau-files.js';
import { grantFile, grantFolder, resolveHandle, type HandleKind } from '../files/file-handles.js';
import { safeFileName } from '../handlers/files.js';
import { newId } from '../store/ids.js';
import { mkdirPrivate, writeFilePrivate } from '../store/private-files.js';
import type { BureauContext } from './context.js';
import { bureauTimeZone } from './time-zone.js';

/**
 * Which files a bureau operation may touch depends on who calls it. The command line (and the tests) pass
 * paths: the person at the terminal names them. A page (the desktop window, the preview in a browser) is
 * served through `servePage`, and from then on every file or folder it names must be a handle this process
 * handed out (an upload kept in the inbox, a native dialog's answer; electron/files/file-handles.ts): a raw
 * path from a page is refused before anything is read or written, as on the officer desk (issue 9, point 7).
 * What a page has the desk write goes to a folder it chose, else to the desk's outbox.
 */

/** Asks the clerk for files or a folder (the desktop's native dialog); null when they cancelled. */
export type BureauFileChooser = (purpose: BureauFilePurpose) => Promise<string[] | null>;

interface PageHost {
  outboxDir: string;
  chooser: BureauFileChooser | null;
}

const pages = new WeakMap<BureauContext, PageHost>();

/** The default outbox beside the database: what the desk writes when the page names no folder. */
export const defaultBureauOutbox = (ctx: Pick<BureauContext, 'dir'>) => join(ctx.dir, 'outbox');

/** From now on this desk answers a page: handles only. `outboxDir`: the preview's `--outbox`; `chooser`: the desktop's dialogs. */
export function servePage(ctx: BureauContext, options: { outboxDir?: string; chooser?: BureauFileChooser } = {}): void {
  pages.set(ctx, { outboxDir: resolve(options.outboxDir ?? defaultBureauOutbox(ctx)), chooser: options.chooser ?? null });
}

const pageOf = (ctx: BureauContext) => pages.get(ctx) ?? null;

/** A page may not name a path: the refusal every path-taking field gives it. */
function rawPathRefused(field: string): AppError {
  return new AppError('invalid_input', `${field} must be a file or folder chosen in the window, not a path`, { what: 'file_handle', reason: 'raw_path' });
}

/** The file or folder an input names: the path itself from the command line; from a page, the path behind its handle. */
export function fileFrom(ctx: BureauContext, ref: string, kind: HandleKind | 'any', field = 'file'): string {
  const page = pageOf(ctx);
  if (!page) return ref;
  if (!/^h_[A-Za-z0-9_-]{32}$/.test(ref)) throw rawPathRefused(field);
  return resolveHandle(ctx, ref, kind);
}

/**
 * Where a written file goes. The command line names it (`out`, required there: `missing` says what for);
 * a page names a chosen folder's handle (`folder`) or nothing (the outbox), never `out`.
 * `fileName` names the file inside a folder.
 */
export function outputPath(ctx: BureauContext, input: { out?: string; folder?: string }, fileName: string | null, missing: string): string {
  const page = pageOf(ctx);
  if (!page) {
    if (!input.out) throw new AppError('invalid_input', `${missing} is required`, { what: 'out' });
    return input.out;
  }
  if (input.out !== undefined) throw rawPathRefused('out');
  const dir = input.folder ? fileFrom(ctx, input.folder, 'folder', 'folder') : ensureBureauOutbox(ctx, page);
  return fileName === null ? dir : freeName(dir, fileName);
}

function ensureBureauOutbox(ctx: BureauContext, page: PageHost): string {
  mkdirPrivate(page.outboxDir, { own: page.outboxDir === resolve(defaultBureauOutbox(ctx)) });
  return page.outboxDir;
}

/** `name`, or `name (2)` … when a file of that name is already there: a written file never replaces another. */
function freeName(dir: string, name: string): string {
  const ext = extname(name);
  const stem = basename(name, ext);
  for (let n = 1; ; n++) {
    const candidate = join(dir, n === 1 ? name : `${stem} (${n})${ext}`);
    if (!existsSync(candidate)) return candidate;
  }
}

export function bureauFileLocations(ctx: BureauContext) {
  return { dataDir: ctx.dir, inboxDir: join(ctx.dir, 'inbox'), outboxDir: pageOf(ctx)?.outboxDir ?? defaultBureauOutbox(ctx), filesDir: ctx.filesDir };
}

/** Keeps an uploaded file in the inbox (0600, never over another: a unique prefix) and hands the page a handle to it. */
export function receiveBureauFile(ctx: BureauContext, fileName: string, contentBase64: string) {
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length === 0) throw new AppError('invalid_input', 'the file is empty', { what: 'file' });
  const { inboxDir } = bureauFileLocations(ctx);
  mkdirPrivate(inboxDir, { own: true });
  const target = join(inboxDir, `${localDay(ctx.now(), bureauTimeZone(ctx.db))}-${newId().slice(0, 8)}-${safeFileName(fileName)}`);
  writeFilePrivate(target, bytes);
  return { file: grantFile(ctx, target), fileName: basename(target), bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Shows the host's dialog and hands out a handle per chosen file or folder; null when the clerk cancelled. */
export async function chooseBureauFiles(ctx: BureauContext, purpose: BureauFilePurpose) {
  const chooser = pageOf(ctx)?.chooser;
  if (!chooser) throw new AppError('not_found', 'no file dialog here: upload the file instead', { what: 'file_dialog' });
  const paths = await chooser(purpose);
  if (paths === null || paths.length === 0) return null;
  const folder = BUREAU_FOLDER_PURPOSES.includes(purpose);
  return { chosen: paths.map((path) => ({ handle: folder ? grantFolder(ctx, path) : grantFile(ctx, path), name: basename(path) })) };
}
