import { z } from 'zod';
import { defineOperations } from './define.js';

/** Files travel as base64 through the table, so the same screen works over IPC and the preview bridge. */
export const MAX_RECEIVED_FILE_BYTES = 64 * 1024 * 1024;

export const FileLocations = z.object({
  dataDir: z.string(),
  /** Files the officer opened in the app (assignments, key files), kept as received. */
  inboxDir: z.string(),
  /** The default folder weekly packets are written to. */
  outboxDir: z.string(),
  backupsDir: z.string(),
  attachmentsDir: z.string(),
});
export type FileLocations = z.infer<typeof FileLocations>;

export const fileOperations = defineOperations({
  'files.locations': { input: z.object({}), output: FileLocations },
  /**
   * Keeps a file the officer picked (an assignment from a USB stick, say) in the inbox and returns its path
   * for the sync operations. The name is reduced to a safe base name; the content is stored as received.
   */
  'files.receive': {
    input: z.object({
      fileName: z.string().min(1).max(255),
      contentBase64: z
        .string()
        .max(Math.ceil(MAX_RECEIVED_FILE_BYTES / 3) * 4, 'file is too large')
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
    }),
    output: z.object({ filePath: z.string(), bytes: z.number().int(), sha256: z.string() }),
  },
});
