import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../shared/errors.js';
import type { ServiceContext } from './context.js';
import { newId } from './ids.js';
import type { HandlerGroup } from './registry.js';

export function fileLocations(ctx: ServiceContext) {
  const dataDir = dirname(ctx.databasePath);
  return {
    dataDir,
    inboxDir: join(dataDir, 'inbox'),
    outboxDir: join(dataDir, 'outbox'),
    backupsDir: join(dataDir, 'backups'),
    attachmentsDir: ctx.attachmentsDir,
  };
}

/** A base name that is safe on Windows and Linux: no folders, no reserved characters, never empty. */
export function safeFileName(name: string): string {
  const base = basename(name.replace(/\\/g, '/'))
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_')
    .replace(/^\.+/, '')
    .trim();
  return base.slice(-150) || 'file';
}

export const fileHandlers: HandlerGroup<'files.locations' | 'files.receive'> = {
  'files.locations': (_input, ctx) => {
    // The default folders exist before the officer is offered them.
    const locations = fileLocations(ctx);
    for (const dir of [locations.inboxDir, locations.outboxDir]) mkdirSync(dir, { recursive: true });
    return locations;
  },

  'files.receive': ({ fileName, contentBase64 }, ctx) => {
    const bytes = Buffer.from(contentBase64, 'base64');
    if (bytes.length === 0) throw new AppError('invalid_input', 'the file is empty', { what: 'file' });
    const { inboxDir } = fileLocations(ctx);
    mkdirSync(inboxDir, { recursive: true });
    // A unique prefix: the same file name arriving twice (it happens) never overwrites the first.
    const target = join(inboxDir, `${ctx.now().toISOString().slice(0, 10)}-${newId().slice(0, 8)}-${safeFileName(fileName)}`);
    const temp = `${target}.part`;
    const fd = openSync(temp, 'wx');
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
    return { filePath: target, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  },
};
