import { z } from 'zod';
import { defineOperations } from './define.js';

/** Files travel as base64 through the table, so the same screen works over IPC and the preview bridge. */
export const MAX_RECEIVED_FILE_BYTES = 64 * 1024 * 1024;
/** The length of the base64 text of a file of `bytes` bytes. */
export const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;

/**
 * A file or folder as the page names it: an opaque handle handed out by files.receive (an upload) or
 * files.choose (the desktop's native dialog), never a filesystem path. Paths such as /etc/passwd, ../../x
 * or C:\x are refused here, before any service sees them (electron/files/file-handles.ts).
 */
export const FileHandle = z.string().regex(/^h_[A-Za-z0-9_-]{32}$/, 'must be a handle from an upload or a file dialog, not a path');

/**
 * What a native dialog is shown for: an assignment file to open, the folder a weekly packet goes to, the
 * folder a full backup goes to (a USB stick), or a full backup file to restore from.
 */
export const FilePurpose = z.enum(['assignment', 'exportFolder', 'backupFolder', 'backupFile']);
/** Purposes whose answer is a folder (the others are a file). */
export const FOLDER_PURPOSES: readonly FilePurpose[] = ['exportFolder', 'backupFolder'];
export type FilePurpose = z.infer<typeof FilePurpose>;

/** Where things are, for display (the settings screen, the sync screen); never sent back as input. */
export const FileLocations = z.object({
  dataDir: z.string(),
  /** Files the officer opened in the app (assignments, key files), kept as received. */
  inboxDir: z.string(),
  /** Where weekly packets go when the officer chooses no folder (the preview: the folder it was started with). */
  outboxDir: z.string(),
  backupsDir: z.string(),
  attachmentsDir: z.string(),
});

export const fileOperations = defineOperations({
  'files.locations': { input: z.object({}), output: FileLocations },
  /**
   * Keeps a file the officer picked (an assignment from a USB stick, say) in the inbox and returns a handle
   * to it for the sync operations. The name is reduced to a safe base name; the content is stored as received.
   */
  'files.receive': {
    input: z.object({
      fileName: z.string().min(1).max(255),
      contentBase64: z
        .string()
        .max(base64Length(MAX_RECEIVED_FILE_BYTES), 'file is too large')
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
    }),
    output: z.object({ file: FileHandle, fileName: z.string(), bytes: z.number().int(), sha256: z.string() }),
    changes: [],
  },
  /**
   * The desktop's native open dialog, shown by the main process: a handle to what the officer chose, or null
   * when they cancelled. Where there is no dialog (the preview, a test), refused with not_found / file_dialog.
   */
  'files.choose': { input: z.object({ purpose: FilePurpose }), output: z.object({ handle: FileHandle, name: z.string() }).nullable() },
});
