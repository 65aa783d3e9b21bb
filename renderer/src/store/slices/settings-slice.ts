import type { StateCreator } from 'zustand';
import type { Officer } from '@shared/domain';
import type { BackupInfo, SettingsView } from '@shared/operations/settings';
import type { JobView } from '@shared/operations/jobs';
import type { OperationOutput } from '@shared/operations';
import { call } from '../../api/client';
import { runJob } from '../../api/jobs';
import type { DeskState } from '../index';
import { loadField, requestCounter, type Views } from '../views';

export interface SettingsSlice {
  settings: SettingsView | null;
  settingsError: unknown;
  backups: BackupInfo[] | null;
  backupsError: unknown;
  loadSettings(): Promise<void>;
  /** Stores the officer at once (the shell's header follows). Throws an ApiError when refused. */
  saveOfficer(officer: Omit<Officer, 'id'>): Promise<Officer>;
  /** Sets the district's time zone (what is counted by day follows: today, the week, the projects). */
  saveTimeZone(timeZone: string): Promise<string>;
  loadBackups(): Promise<void>;
  createBackup(): Promise<BackupInfo>;
  /** Replaces the store with a backup (every view is read again from the restored store). */
  restoreBackup(fileName: string): Promise<OperationOutput<'backup.restore'>>;
  /** A full backup (database and photos) into the chosen folder or the backups folder, as a job. */
  exportFullBackup(folder: string | undefined, onProgress: (job: JobView) => void): Promise<OperationOutput<'backup.export'>>;
  /** Restores a full backup file (a handle); every view is read again from the restored store. */
  restoreFullBackup(file: string, passphrase: string): Promise<OperationOutput<'backup.restoreFile'>>;
}

export const settingsViews = {
  settings: { reads: ['officer', 'timeZone'], loaded: (s) => s.settings !== null, reload: (s) => s.loadSettings() },
  backups: { reads: ['backup'], loaded: (s) => s.backups !== null, reload: (s) => s.loadBackups() },
} satisfies Views;

const settingsRequest = requestCounter();
const backupsRequest = requestCounter();

export const createSettingsSlice: StateCreator<DeskState, [], [], SettingsSlice> = (set, get) => ({
  settings: null,
  settingsError: null,
  backups: null,
  backupsError: null,
  loadSettings: () => loadField<SettingsSlice, 'settings'>(set, settingsRequest, 'settings', 'settingsError', () => call('settings.get', {})),
  saveOfficer: (officer) => call('settings.setOfficer', officer),
  saveTimeZone: async (timeZone) => (await call('settings.setTimeZone', { timeZone })).timeZone,
  loadBackups: () => loadField<SettingsSlice, 'backups'>(set, backupsRequest, 'backups', 'backupsError', () => call('backup.list', {})),
  createBackup: () => call('backup.create', {}),
  async restoreBackup(fileName) {
    // A full backup (database and photos, kind 'archive') is restored by its own operation, which also puts the photos back.
    const archive = get().backups?.find((b) => b.fileName === fileName)?.kind === 'archive';
    return archive ? await call('backup.restoreFile', { backupFileName: fileName }) : await call('backup.restore', { backupFileName: fileName });
  },
  exportFullBackup: (folder, onProgress) => runJob('backup.export', { folder }, onProgress),
  restoreFullBackup: (file, passphrase) => call('backup.restoreFile', { file, ...(passphrase ? { passphrase } : {}) }),
});
