import type { StateCreator } from 'zustand';
import type { Language } from '@shared/domain';
import type { OperationOutput } from '@shared/operations';
import { call } from '../../api/client';
import type { DeskState } from '../index';
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
}

export const createAppSlice: StateCreator<DeskState, [], [], AppSlice> = (set) => ({
  info: null,
  language: 'zh-CN',
  route: { screen: 'home' },
  paletteOpen: false,
  async loadInfo() {
    const info = await call('app.info', {});
    set({ info, language: info.language });
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
});
