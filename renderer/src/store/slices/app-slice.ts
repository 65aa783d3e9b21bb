import type { StateCreator } from 'zustand';
import type { Language } from '@shared/domain';
import type { OperationInput, OperationOutput } from '@shared/operations';
import { call } from '../../api/client';
import { receiveFile } from '../../api/files';
import type { DeskState } from '../index';
import { requestCounter, type Views } from '../views';
import type { ProjectTab } from '../../screens/project/ProjectScreen';

export type Route =
  | { screen: 'home' }
  | { screen: 'project'; projectId: string; tab?: ProjectTab }
  | { screen: 'problems' }
  | { screen: 'week' }
  | { screen: 'sync' }
  | { screen: 'settings' };

export interface AppSlice {
  info: OperationOutput<'app.info'> | null;
  language: Language;
  route: Route;
  /** The Ctrl/Cmd+K command palette. */
  paletteOpen: boolean;
  loadInfo(): Promise<void>;
  setLanguage(language: Language): Promise<void>;
  navigate(route: Route): void;
  setPaletteOpen(open: boolean): void;
  /** The due reminders, for the notice above every screen (which decides when to show them again). */
  dueReminders(): Promise<OperationOutput<'reminders.due'>>;
  /** Where the store keeps its files (the demo's leave dialog names the backups folder). */
  locateFiles(): Promise<OperationOutput<'files.locations'>>;
  /** Leaves the demo for a fresh store; every view is read again. */
  leaveDemo(): Promise<OperationOutput<'store.leaveDemo'>>;
  /** The desktop's native dialog (null: cancelled). */
  chooseFile(purpose: OperationInput<'files.choose'>['purpose']): Promise<OperationOutput<'files.choose'>>;
  /** Hands an uploaded file to the store: its handle and name. */
  receiveFile(file: File): Promise<{ handle: string; name: string }>;
}

const infoRequest = requestCounter();

export const appViews = { info: { reads: ['officer', 'timeZone'], loaded: (s) => s.info !== null, reload: (s) => s.loadInfo() } } satisfies Views;

export const createAppSlice: StateCreator<DeskState, [], [], AppSlice> = (set) => ({
  info: null,
  language: 'zh-CN',
  route: { screen: 'home' },
  paletteOpen: false,
  async loadInfo() {
    const latest = infoRequest();
    const info = await call('app.info', {});
    if (latest()) set({ info, language: info.language });
  },
  async setLanguage(language) {
    set({ language }); // switch at once; the store remembers it for next start
    await call('settings.setLanguage', { language });
  },
  navigate(route) {
    set({ route });
  },
  setPaletteOpen(open) {
    set({ paletteOpen: open });
  },
  dueReminders: () => call('reminders.due', {}),
  locateFiles: () => call('files.locations', {}),
  leaveDemo: () => call('store.leaveDemo', {}),
  chooseFile: (purpose) => call('files.choose', { purpose }),
  receiveFile,
});
