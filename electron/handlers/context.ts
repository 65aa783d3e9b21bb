import type { ProgressCallback } from '../packets/progress.js';
import type { SqliteDatabase } from '../store/database.js';

/** What every service call may use. Built once per open store; tests build their own. */
export interface ServiceContext {
  db: SqliteDatabase;
  databasePath: string;
  /** Folder beside the database for photos and evidence files. */
  attachmentsDir: string;
  appVersion: string;
  /** The clock, injectable so tests can stand at "end of November". */
  now(): Date;
  /**
   * True while a protected store waits for its passphrase: `db` is then a stand-in that refuses every use
   * and the registry answers every operation but store.lockState and store.unlock with store_locked.
   */
  locked?: boolean;
  /** Where long work run in place reports its progress: the CLI's terminal line (jobs report through their worker). */
  onProgress?: ProgressCallback;
}
