import { AppError } from '@shared/errors.js';
import { writeBackupArchive } from '../backups/backup-archive.js';
import { restoreArchive } from '../backups/backup-archive-restore.js';
import { backupsDir, exclusive, listBackups } from './backups.js';
import { resolveHandle } from '../files/file-handles.js';
import type { ServiceContext } from './context.js';
import type { HandlerGroup } from './registry.js';
import { join } from 'node:path';

/** Where a full backup goes: the chosen folder's handle, else the backups folder beside the store. */
export function archiveTarget(ctx: ServiceContext, folder: string | undefined): string {
  return folder ? resolveHandle(ctx, folder, 'folder') : backupsDir(ctx);
}

export const backupArchiveHandlers: HandlerGroup<'backup.export' | 'backup.restoreFile'> = {
  'backup.export': ({ folder }, ctx) => {
    const target = archiveTarget(ctx, folder); // an unknown handle is refused before anything is written
    return exclusive(ctx, () => writeBackupArchive(ctx, target));
  },
  'backup.restoreFile': ({ file, backupFileName, passphrase }, ctx) =>
    exclusive(ctx, async () => {
      if (file !== undefined) return restoreArchive(ctx, resolveHandle(ctx, file, 'file'), { passphrase });
      const listed = listBackups(ctx).find((b) => b.fileName === backupFileName && b.kind === 'archive');
      if (!listed) throw new AppError('not_found', `no full backup named ${backupFileName}`, { what: 'backup', id: backupFileName ?? '' });
      return restoreArchive(ctx, join(backupsDir(ctx), listed.fileName), { passphrase, listed });
    }),
};
