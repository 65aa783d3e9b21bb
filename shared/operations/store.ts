import { z } from 'zod';
import { defineOperations, TOPICS } from './define.js';

/** A passphrase as the officer types it: at least 8 characters (any script), at most 256. */
export const Passphrase = z.string().min(8).max(256);
/** A passphrase typed to open a protected store or backup: checked by opening it, never stored. */
export const TypedPassphrase = z.string().min(1).max(256);

export const LockState = z.object({
  /** The store is protected and waits for its passphrase: every other operation answers store_locked. */
  locked: z.boolean(),
  /** The store is encrypted with a passphrase (its backups and photos too). */
  protected: z.boolean(),
});
export type LockState = z.infer<typeof LockState>;

export const ProtectionResult = LockState.extend({
  /** Backups in the backups folder re-keyed to match the store. */
  backupsRekeyed: z.number().int().min(0),
  /** Backups left as they were (protected with some other passphrase, or not a database). */
  backupsLeft: z.number().int().min(0),
  /** Photo and evidence files sealed or opened. */
  filesChanged: z.number().int().min(0),
});
export type ProtectionResult = z.infer<typeof ProtectionResult>;

/** The operations a locked store answers; every other one is refused with store_locked until unlocked. */
export const OPERATIONS_WHILE_LOCKED: readonly string[] = ['store.lockState', 'store.unlock'];

export const storeOperations = defineOperations({
  /** Whether the store is protected, and whether it still waits for its passphrase (the first screen asks). */
  'store.lockState': { input: z.object({}), output: LockState },
  /** Opens a protected store with its passphrase. Wrong: store_locked / wrong_passphrase, nothing written. */
  'store.unlock': { input: z.object({ passphrase: TypedPassphrase }), output: LockState, changes: ['protection'] },
  /** Protects the store: the database, its backups and its photos are encrypted with the passphrase. */
  'store.setPassphrase': { input: z.object({ passphrase: Passphrase }), output: ProtectionResult, changes: ['protection', 'backup'] },
  /** A new passphrase (the current one is asked again); the database and its backups are re-keyed. */
  'store.changePassphrase': { input: z.object({ current: TypedPassphrase, passphrase: Passphrase }), output: ProtectionResult, changes: ['protection'] },
  /** Removes protection, for a computer whose disk is already encrypted: everything is decrypted. */
  'store.removePassphrase': { input: z.object({ current: TypedPassphrase }), output: ProtectionResult, changes: ['protection', 'backup'] },
  /**
   * Leaves the demo: the demo store is kept as a backup and an empty store takes its place, ready for the
   * first assignment from the bureau, with the pinned bureau key, the officer's key, the language and the time
   * zone carried over; packets the demo left in the outbox are removed. Refused unless the open store is the
   * demo (real data is never set aside here).
   */
  'store.leaveDemo': {
    input: z.object({}),
    output: z.object({ keptAsBackup: z.string(), backupPath: z.string(), demoPacketsRemoved: z.number().int().min(0) }),
    changes: TOPICS,
  },
});
