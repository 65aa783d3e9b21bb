import { useMemo } from 'react';
import { create } from 'zustand';
import { translator, formatters } from '../i18n';
import { createAppSlice, type AppSlice } from './slices/app-slice';
import { createSyncSlice, type SyncSlice } from './slices/sync-slice';
import { createProjectsSlice, type ProjectsSlice } from './slices/projects-slice';
import { createWeekSlice, type WeekSlice } from './slices/week-slice';
import { createSettingsSlice, type SettingsSlice } from './slices/settings-slice';
import { createProblemsSlice, type ProblemsSlice } from './slices/problems-slice';
import { createProgressSlice, type ProgressSlice } from './slices/progress-slice';
import { createFieldworkSlice, type FieldworkSlice } from './slices/fieldwork-slice';
import { createProtectionSlice, type ProtectionSlice } from './slices/protection-slice';

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

/** The translate function of the current language. */
export function useT() {
  const language = useDesk((s) => s.language);
  return useMemo(() => translator(language), [language]);
}

export function useFormat() {
  const language = useDesk((s) => s.language);
  return useMemo(() => formatters(language), [language]);
}
