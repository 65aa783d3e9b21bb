import type { StateCreator } from 'zustand';
import type { Officer } from '@shared/domain';
import type { BackupInfo, SettingsView } from '@shared/operations/settings';
import type { OperationOutput } from '@shared/operations';
import { call } from '../../api/client';
import type { DeskState } from '../index';

export interface SettingsSlice {
  settings: SettingsView | null;
  settingsError: unknown;
  backups: BackupInfo[] | null;
  backupsError: unknown;
  loadSettings(): Promise<void>;
  /** Stores the officer at once and refreshes the shell's header. Throws an ApiError when refused. */
  saveOfficer(officer: Omit<Officer, 'id'>): Promise<Officer>;
  /** Sets the district's time zone, then reloads what is counted by day (today, the week, the projects). */
  saveTimeZone(timeZone: string): Promise<string>;
  loadBackups(): Promise<void>;
  createBackup(): Promise<BackupInfo>;
  /** Replaces the store with a backup, then reloads everything the screens show from the restored store. */
  restoreBackup(fileName: string): Promise<OperationOutput<'backup.restore'>>;
}

export const createSettingsSlice: StateCreator<DeskState, [], [], SettingsSlice> = (set, get) => ({
  settings: null,
  settingsError: null,
  backups: null,
  backupsError: null,
  async loadSettings() {
    try {
      set({ settings: await call('settings.get', {}), settingsError: null });
    } catch (error) {
      set({ settingsError: error });
    }
  },
  async saveOfficer(officer) {
    const saved = await call('settings.setOfficer', officer);
    set((s) => ({ settings: s.settings ? { ...s.settings, officer: saved } : s.settings }));
    await get().loadInfo();
    return saved;
  },
  async saveTimeZone(timeZone) {
    const saved = await call('settings.setTimeZone', { timeZone });
    set((s) => ({ settings: s.settings ? { ...s.settings, timeZone: saved.timeZone } : s.settings, week: null }));
    await Promise.all([get().loadInfo(), get().loadProjects()]);
    return saved.timeZone;
  },
  async loadBackups() {
    try {
      set({ backups: await call('backup.list', {}), backupsError: null });
    } catch (error) {
      set({ backupsError: error });
    }
  },
  async createBackup() {
    const created = await call('backup.create', {});
    await get().loadBackups();
    return created;
  },
  async restoreBackup(fileName) {
    // A full backup (database and photos, kind 'archive') is restored by its own operation, which also puts the photos back.
    const archive = get().backups?.find((b) => b.fileName === fileName)?.kind === 'archive';
    const result = archive ? await call('backup.restoreFile', { backupFileName: fileName }) : await call('backup.restore', { backupFileName: fileName });
    // Everything shown came from the old store: read it all again.
    set({ projects: null, detail: null, week: null });
    await Promise.all([get().loadInfo(), get().loadSettings(), get().loadBackups(), get().loadProjects()]);
    return result;
  },
});
