import { z } from 'zod';
import { defineOperations } from './define.js';
import { FileHandle, fileOperations } from './files.js';

/**
 * Files on the bureau desk's screens. As on the officer desk, the page never names a path: a file comes in as
 * an upload kept in the bureau's inbox (`bureau.files.receive`: a dropped packet, a master list) or through the
 * desktop's native dialog (`bureau.files.choose`), and either way the operations get an opaque handle. What the
 * desk writes (assignments, the ledger, the summary, a backup) goes to a folder the clerk chose, or to the
 * desk's outbox, which the preview offers as downloads. The command line still passes paths
 * (electron/bureau/page-files.ts says which host is which).
 */

/** What a dialog is shown for: a master list, weekly packets (several at once), a folder of them, an officer's key, a bureau backup, the folder written files go to. */
export const BureauFilePurpose = z.enum(['masterList', 'packets', 'packetFolder', 'officerKey', 'bureauBackup', 'outputFolder']);
export type BureauFilePurpose = z.infer<typeof BureauFilePurpose>;
export const BUREAU_FOLDER_PURPOSES: readonly BureauFilePurpose[] = ['packetFolder', 'outputFolder'];

const Chosen = z.object({ handle: FileHandle, name: z.string() });

export const bureauFilesOperations = defineOperations({
  /** Where the desk keeps what it was handed and what it writes, for display (the settings, a receipt); never sent back. */
  'bureau.files.locations': {
    input: z.object({}),
    output: z.object({ dataDir: z.string(), inboxDir: z.string(), outboxDir: z.string(), filesDir: z.string() }),
  },
  /** Keeps an uploaded or dropped file in the bureau's inbox (0600, a unique name) and answers a handle to it. */
  'bureau.files.receive': { input: fileOperations['files.receive'].input, output: fileOperations['files.receive'].output, changes: [] },
  /** The desktop's native dialog: handles to what the clerk chose (several for `packets`), or null when cancelled; refused where there is no dialog. */
  'bureau.files.choose': { input: z.object({ purpose: BureauFilePurpose }), output: z.object({ chosen: z.array(Chosen) }).nullable() },
});
