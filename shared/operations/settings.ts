import { z } from 'zod';
import { Officer, RequiredText, Text, Timestamp } from '../domain/index.js';
import { isValidTimeZone } from '../rules/local-time.js';
import { defineOperations, TOPICS } from './define.js';

/** Where the officer's data lives and who they are, as the settings screen shows it. */
export const SettingsView = z.object({
  officer: Officer.nullable(),
  /** 'assignment' when the bureau's assignment file set the identity (then it is read-only here). */
  identitySource: z.enum(['officer', 'assignment']),
  databasePath: z.string(),
  attachmentsDir: z.string(),
  backupsDir: z.string(),
  schemaVersion: z.number().int(),
  /** The district's IANA time zone: every day, week and month is counted on its calendar (default Asia/Shanghai). */
  timeZone: z.string(),
});
export type SettingsView = z.infer<typeof SettingsView>;

/** One backup file in the backups folder beside the database. */
export const BackupInfo = z.object({
  fileName: z.string(),
  bytes: z.number().int().nonnegative(),
  /** When the copy was taken (from its name; the file's time when the name carries none). */
  createdAt: Timestamp,
  /**
   * 'before_restore': the store as it was just before a restore replaced it; 'archive': a full backup (a zip
   * of the database and the photos, shared/operations/backups.ts).
   */
  kind: z.enum(['manual', 'before_restore', 'archive']),
});
export type BackupInfo = z.infer<typeof BackupInfo>;

/** What a restore put in place, and the store as it was, kept aside as a 'before_restore' backup. */
export const RestoredBackup = z.object({ restored: BackupInfo, keptAside: BackupInfo, schemaVersion: z.number().int(), restoredAt: Timestamp });

/** An IANA time zone name this runtime knows, such as `Asia/Shanghai` or `Europe/Berlin`. */
export const TimeZoneName = z.string().trim().min(1).max(64).refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Shanghai');

/** A backup file's name: a plain name inside the backups folder, never a path. */
const isPlainName = (name: string) => !/[\\/]/.test(name) && name !== '.' && name !== '..' && !name.includes('\0');
export const BackupFileName = z.string().min(1).max(200).refine(isPlainName, 'must be a file name, not a path');

export const settingsOperations = defineOperations({
  'settings.get': { input: z.object({}), output: SettingsView },
  /** Sets the officer's name, unit and phone; keeps the officer's id (a new one when there was none). */
  'settings.setOfficer': {
    input: z.object({ name: RequiredText(100), unit: RequiredText(100), phone: Text(40).default('') }),
    output: Officer,
    changes: ['officer'],
  },
  /** Sets the district's time zone; today, this week and every date the app derives from a moment follow it. */
  'settings.setTimeZone': { input: z.object({ timeZone: TimeZoneName }), output: z.object({ timeZone: z.string() }), changes: ['timeZone'] },
  /** A consistent copy of the store (SQLite's online backup) into the backups folder. */
  'backup.create': { input: z.object({}), output: BackupInfo, changes: ['backup'] },
  'backup.list': { input: z.object({}), output: z.array(BackupInfo) },
  /**
   * Replaces the store with a backup: the backup is verified first (opens, integrity check, schema not
   * newer), the current store is kept aside as a 'before_restore' backup, then the copy is put in place.
   */
  'backup.restore': { input: z.object({ backupFileName: BackupFileName }), output: RestoredBackup, changes: TOPICS },
});
