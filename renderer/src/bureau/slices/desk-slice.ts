import type { StateCreator } from 'zustand';
import type { Language } from '@shared/domain';
import type { OperationOutput } from '@shared/operations';
import type { Views } from '../../store/views';
import { callBureau } from '../client';
import type { BureauState } from '../store';

export type BureauScreen = 'overview' | 'projects' | 'inbox' | 'problems' | 'master' | 'reports';
export const BUREAU_SCREENS: readonly BureauScreen[] = ['overview', 'projects', 'inbox', 'problems', 'master', 'reports'];

export type BureauSettings = OperationOutput<'bureau.settings.get'>;

const LANGUAGE_KEY = 'sponsor-desk.bureau.language';
const storedLanguage = (): Language => (localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'zh-CN');

/** The desk itself: the screen shown, the language (kept in this browser: the bureau database has none) and its settings. */
export interface DeskSlice {
  screen: BureauScreen;
  language: Language;
  settings: BureauSettings | null;
  navigate(screen: BureauScreen): void;
  setLanguage(language: Language): void;
  loadSettings(): Promise<void>;
  /** Sets the district's time zone; answers the zone stored. */
  saveTimeZone(timeZone: string): Promise<string>;
}

export const deskViews = {
  // The bureau's name changes only with the whole database (a restore, leaving the demo), which names every topic.
  settings: { reads: ['timeZone'], loaded: (s) => s.settings !== null, reload: (s) => s.loadSettings() },
} satisfies Views<BureauState>;

export const createDeskSlice: StateCreator<BureauState, [], [], DeskSlice> = (set, get) => ({
  screen: 'overview',
  language: storedLanguage(),
  settings: null,
  navigate: (screen) => {
    // The menu's 项目库 shows the table, even when a project's page was open on it (the table keeps its filters).
    if (screen === 'projects' && get().projectPageId !== null) get().closeProjectPage();
    set({ screen });
  },
  setLanguage: (language) => {
    localStorage.setItem(LANGUAGE_KEY, language);
    set({ language });
  },
  loadSettings: async () => set({ settings: await callBureau('bureau.settings.get', {}) }),
  saveTimeZone: async (timeZone) => (await callBureau('bureau.settings.set', { timeZone })).timeZone,
});
