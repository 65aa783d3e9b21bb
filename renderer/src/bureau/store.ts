import type { Language } from '@shared/domain';
import type { OperationOutput } from '@shared/operations';
import { useMemo } from 'react';
import { create } from 'zustand';
import { formatters, translator } from '../i18n';
import { callBureau } from './client';

export type BureauScreen = 'overview' | 'projects' | 'inbox' | 'problems' | 'master' | 'reports';
export const BUREAU_SCREENS: readonly BureauScreen[] = ['overview', 'projects', 'inbox', 'problems', 'master', 'reports'];

export type DistrictSummary = OperationOutput<'bureau.summary'>;
export type BureauSettings = OperationOutput<'bureau.settings.get'>;

const LANGUAGE_KEY = 'sponsor-desk.bureau.language';

/**
 * The bureau desk's state: the screen shown, the language (kept in this browser: the bureau database has no
 * language setting yet), the desk's settings and the district summary for the chosen month. Each load takes a
 * number; an answer arriving after a newer request for the same view is dropped.
 */
export interface BureauState {
  screen: BureauScreen;
  language: Language;
  settings: BureauSettings | null;
  summary: DistrictSummary | null;
  /** The month asked for; null: the desk's default (the last full month). */
  asOfMonth: string | null;
  /** The desk's default month (the last full one), from its first answer: the latest the month picker offers. */
  latestMonth: string | null;
  summaryError: unknown;
  navigate(screen: BureauScreen): void;
  setLanguage(language: Language): void;
  loadSettings(): Promise<void>;
  loadSummary(asOfMonth?: string | null): Promise<void>;
}

const storedLanguage = (): Language => (localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'zh-CN');
let summaryRequest = 0;

export const useBureau = create<BureauState>()((set, get) => ({
  screen: 'overview',
  language: storedLanguage(),
  settings: null,
  summary: null,
  asOfMonth: null,
  latestMonth: null,
  summaryError: null,
  navigate: (screen) => set({ screen }),
  setLanguage: (language) => {
    localStorage.setItem(LANGUAGE_KEY, language);
    set({ language });
  },
  loadSettings: async () => set({ settings: await callBureau('bureau.settings.get', {}) }),
  loadSummary: async (asOfMonth = get().asOfMonth) => {
    const request = ++summaryRequest;
    set({ asOfMonth, summaryError: null });
    try {
      const summary = await callBureau('bureau.summary', asOfMonth ? { asOfMonth } : {});
      if (request === summaryRequest) set({ summary, ...(asOfMonth === null ? { latestMonth: summary.asOfMonth } : {}) });
    } catch (error) {
      if (request === summaryRequest) set({ summaryError: error });
    }
  },
}));

export function useBureauT() {
  const language = useBureau((s) => s.language);
  return useMemo(() => translator(language), [language]);
}

export function useBureauFormat() {
  const language = useBureau((s) => s.language);
  return useMemo(() => formatters(language), [language]);
}
