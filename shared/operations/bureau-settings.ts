import { z } from 'zod';
import { counts, defineOperations, texts, TOPICS } from './define.js';

/**
 * The bureau desk's settings (issue 12) beside the entries of ./bureau.ts they use (officers and their keys,
 * backup, restore): what the settings screen shows of the desk, handing its public key to officers, and
 * leaving the demo district.
 */

const optionalText = z.string().optional();

export const BureauDeskAbout = z.object({
  ...texts('bureauName', 'timeZone', 'dbPath', 'publicKeyPath', 'backupsDir'),
  /** The signing key's fingerprint as recorded at init (64 hex digits in groups of four); null before init. */
  fingerprint: z.string().nullable(),
  /** The desk holds the demo district (electron/demo/bureau-district.ts): the shell says so and offers to leave it. */
  demo: z.boolean(),
  ...counts('projects', 'officers'),
});
export type BureauDeskAbout = z.infer<typeof BureauDeskAbout>;

export const bureauSettingsOperations = defineOperations({
  /** The desk as the settings screen and the shell show it: name, zone, files, key fingerprint, demo or not, how much it holds. */
  'bureau.desk.about': { input: z.object({}), output: BureauDeskAbout },
  /** Writes the public key (bureau.pub) into a chosen folder or the outbox, for officers to pin; never the private key. */
  'bureau.key.give': { input: z.object({ folder: optionalText }), output: z.object({ file: z.string(), fingerprint: z.string() }), changes: [] },
  /**
   * Leaves the demo district: the demo desk (database and key) is kept aside in backups/ as a verified backup,
   * and an empty desk with a NEW signing key takes its place (electron/bureau/leave-demo.ts says why). Refused
   * unless the desk is the demo; nothing changes when it fails.
   */
  'bureau.demo.leave': {
    input: z.object({}),
    output: z.object({ ...texts('keptAside', 'fingerprint', 'demoFingerprint', 'bureauName'), keyKeptAside: z.string().nullable() }),
    changes: TOPICS,
  },
});
