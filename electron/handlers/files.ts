import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { AppError } from '@shared/errors.js';
import { mkdirPrivate } from '../store/private-files.js';
import type { ServiceContext } from './context.js';
import { keptFolders, writeKeptCopy } from '../files/kept-copies.js';
import { chooseWithDialog, grantFile, outboxDir } from '../files/file-handles.js';
import { newId } from '../store/ids.js';
import type { HandlerGroup } from './registry.js';
import { localDay } from '@shared/rules/local-time.js';
import { storeTimeZone } from '../store/time-zone.js';

export function fileLocations(ctx: ServiceContext) {
  const dataDir = dirname(ctx.databasePath);
  return { dataDir, inboxDir: join(dataDir, 'inbox'), outboxDir: outboxDir(ctx), backupsDir: join(dataDir, 'backups'), attachmentsDir: ctx.attachmentsDir };
}

/** A base name that is safe on Windows and Linux: no folders, no reserved characters, never empty. */
export function safeFileName(name: string): string {
  const base = basename(name.replace(/\\/g, '/'))
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_')
    .replace(/^\.+/, '')
    .trim();
  return base.slice(-150) || 'file';
}

export const fileHandlers: HandlerGroup<'files.locations' | 'files.receive' | 'files.choose'> = {
  'files.locations': (_input, ctx) => {
    // The default folders exist before the officer is offered them.
    const locations = fileLocations(ctx);
    // 0700; a folder the officer named for the outbox (the preview's) keeps its mode (private-files.ts).
    for (const dir of [locations.inboxDir, locations.outboxDir]) mkdirPrivate(dir, { own: keptFolders(ctx).includes(dir) });
    return locations;
  },

  'files.receive': ({ fileName, contentBase64 }, ctx) => {
    const bytes = Buffer.from(contentBase64, 'base64');
    if (bytes.length === 0) throw new AppError('invalid_input', 'the file is empty', { what: 'file' });
    const { inboxDir } = fileLocations(ctx);
    // A unique prefix: the same file name arriving twice (it happens) never overwrites the first.
    // Dated by the district's calendar (the store's zone), like every other file the app names.
    const target = join(inboxDir, `${localDay(ctx.now(), storeTimeZone(ctx.db))}-${newId().slice(0, 8)}-${safeFileName(fileName)}`);
    // 0600, written whole or not at all, sealed with the data key when the store is protected (kept-copies.ts).
    writeKeptCopy(ctx, target, bytes);
    // The page gets a handle to the kept copy, never its path (file-handles.ts).
    return { file: grantFile(ctx, target), fileName: basename(target), bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  },

  'files.choose': ({ purpose }, ctx) => chooseWithDialog(ctx, purpose),
};
