import { useContext, useMemo } from 'react';
import type { Language } from '@shared/domain';
import { create } from 'zustand';
import { whenChanged } from '../api/client';
import { translator, formatters } from '../i18n';
import { appViews, createAppSlice, type AppSlice } from './slices/app-slice';
import { createSyncSlice, syncViews, type SyncSlice } from './slices/sync-slice';
import { createProjectsSlice, projectsViews, type ProjectsSlice } from './slices/projects-slice';
import { createWeekSlice, weekViews, type WeekSlice } from './slices/week-slice';
import { createSettingsSlice, settingsViews, type SettingsSlice } from './slices/settings-slice';
import { createProblemsSlice, problemsViews, type ProblemsSlice } from './slices/problems-slice';
import { createProgressSlice, type ProgressSlice } from './slices/progress-slice';
import { createFieldworkSlice, fieldworkViews, type FieldworkSlice } from './slices/fieldwork-slice';
import { createProtectionSlice, protectionViews, type ProtectionSlice } from './slices/protection-slice';
import { refreshViews, type Views } from './views';
import { DeskLocaleContext } from './desk-locale';

/** The renderer's state: slices combined once (zustand's slices pattern). Components read through selectors. */
export type DeskState = AppSlice & SyncSlice & ProjectsSlice & ProblemsSlice & ProgressSlice & FieldworkSlice & WeekSlice & SettingsSlice & ProtectionSlice;

export const useDesk = create<DeskState>()((...a) => ({
  ...createAppSlice(...a),
  ...createSyncSlice(...a),
  ...createProjectsSlice(...a),
  ...createWeekSlice(...a),
  ...createSettingsSlice(...a),
  ...createProblemsSlice(...a),
  ...createProgressSlice(...a),
  ...createFieldworkSlice(...a),
  ...createProtectionSlice(...a),
}));

/** Every view the store keeps, by name, with the topics it reads (store/views.ts). */
export const VIEWS: Views = {
  ...appViews,
  ...syncViews,
  ...projectsViews,
  ...weekViews,
  ...settingsViews,
  ...problemsViews,
  ...fieldworkViews,
  ...protectionViews,
};

// The one refresh mechanism: after a successful write the client names what it changed, and the views reading it reload.
whenChanged((changed) => refreshViews(VIEWS, useDesk.getState(), changed));

/** The language of the desk drawing: the one a DeskLocaleContext provides (the bureau desk), else this store's. */
export function useDeskLanguage(): Language {
  const provided = useContext(DeskLocaleContext);
  const own = useDesk((s) => s.language);
  return provided?.language ?? own;
}

/** The district's time zone as the desk drawing knows it (provided, or this store's once app.info has come). */
export function useDeskTimeZone(): string | undefined {
  const provided = useContext(DeskLocaleContext);
  const own = useDesk((s) => s.info?.timeZone);
  return provided?.timeZone ?? own;
}

/** The translate function of the current language. */
export function useT() {
  const language = useDeskLanguage();
  return useMemo(() => translator(language), [language]);
}

export function useFormat() {
  const language = useDeskLanguage();
  return useMemo(() => formatters(language), [language]);
}
