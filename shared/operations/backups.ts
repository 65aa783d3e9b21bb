import { z } from 'zod';
import { defineOperations, TOPICS } from './define.js';
import { FileHandle } from './files.js';
import { BackupInfo, BackupFileName, RestoredBackup } from './settings.js';
import { TypedPassphrase } from './store.js';

/**
 * Full backups: one zip file that carries the database and the attachments folder (photos, thumbnails,
 * evidence files) with a manifest of SHA-256s, so the store can be restored on another computer. Written
 * beside the store (the backups folder, listed with kind 'archive') or into a folder the officer chose (a USB
 * stick). A protected store's archive keeps the database encrypted and the photos sealed: it is restored with
 * the passphrase (electron/backups/backup-archive*.ts).
 */
export const BackupArchiveInfo = BackupInfo.extend({
  /** Attachment files (photos, thumbnails, evidence) in the archive. */
  files: z.number().int().nonnegative(),
  /** The database inside is encrypted and the photos sealed: restoring needs the passphrase. */
  protected: z.boolean(),
  /** 'backups': the backups folder beside the store (the preview offers it as a download); 'folder': the chosen folder. */
  location: z.enum(['backups', 'folder']),
});
export type BackupArchiveInfo = z.infer<typeof BackupArchiveInfo>;

export const RestoreResult = RestoredBackup.extend({
  /** Attachment files put back (0 for a backup of the database alone). */
  files: z.number().int().nonnegative(),
});
export type RestoreResult = z.infer<typeof RestoreResult>;

export const backupArchiveOperations = defineOperations({
  /**
   * Writes a full backup (database and photos): into the folder behind `folder` (a handle from the desktop's
   * folder dialog), else into the backups folder beside the store. Also a job kind, with progress.
   */
  'backup.export': { input: z.object({ folder: FileHandle.optional() }), output: BackupArchiveInfo, changes: ['backup'] },
  /**
   * Restores the store from a full backup file the officer chose or uploaded (a handle), or from one in the
   * backups folder (`backupFileName`). Everything is verified before anything is replaced: each entry's
   * SHA-256, the database opens and passes its integrity check and is an officer store. The current store is
   * kept aside as a 'before_restore' backup. `passphrase` opens a protected backup on a computer whose store
   * is not protected with the same one.
   */
  'backup.restoreFile': {
    input: z
      .object({ file: FileHandle.optional(), backupFileName: BackupFileName.optional(), passphrase: TypedPassphrase.optional() })
      .refine((i) => (i.file === undefined) !== (i.backupFileName === undefined), 'name either a file handle or a backup in the list'),
    output: RestoreResult,
    changes: TOPICS,
  },
});
