import { useMemo } from 'react';
import { create } from 'zustand';
import { DEFAULT_TIME_ZONE } from '@shared/rules';
import { formatters, translator } from '../i18n';
import { refreshViews, type Views } from '../store/views';
import { whenBureauChanged } from './client';
import { createDeskSlice, deskViews, type DeskSlice } from './slices/desk-slice';
import { createMasterSlice, masterViews, type MasterSlice } from './slices/master-slice';
import { createOverviewSlice, overviewViews, type OverviewSlice } from './slices/overview-slice';
import { createProblemsSlice, problemsViews, type ProblemsSlice } from './slices/problems-slice';
import { createProjectsSlice, projectsViews, type ProjectsSlice } from './slices/projects-slice';
import { createReportsSlice, reportsViews, type ReportsSlice } from './slices/reports-slice';
import { createProjectPageSlice, projectPageViews, type ProjectPageSlice } from './slices/project-page-slice';
import { createRollCallSlice, rollCallViews, type RollCallSlice } from './slices/roll-call-slice';
import { createInboxSlice, inboxViews, type InboxSlice } from './slices/inbox-slice';
import { createSettingsSlice, settingsViews, type SettingsSlice } from './slices/settings-slice';

export { BUREAU_SCREENS, type BureauScreen, type BureauSettings } from './slices/desk-slice';
export type { DistrictSummary } from './slices/overview-slice';

/** The bureau desk's state: slices combined once (zustand's slices pattern), as the officer desk's store. */
export type BureauState = DeskSlice &
  OverviewSlice &
  ProjectsSlice &
  ProjectPageSlice &
  ProblemsSlice &
  RollCallSlice &
  InboxSlice &
  SettingsSlice &
  MasterSlice &
  ReportsSlice;

export const useBureau = create<BureauState>()((...a) => ({
  ...createDeskSlice(...a),
  ...createOverviewSlice(...a),
  ...createProjectsSlice(...a),
  ...createProjectPageSlice(...a),
  ...createProblemsSlice(...a),
  ...createRollCallSlice(...a),
  ...createInboxSlice(...a),
  ...createSettingsSlice(...a),
  ...createMasterSlice(...a),
  ...createReportsSlice(...a),
}));

/** Every view the bureau store keeps, by name, with the topics it reads (store/views.ts). */
export const BUREAU_VIEWS: Views<BureauState> = {
  ...overviewViews,
  ...projectsViews,
  ...projectPageViews,
  ...problemsViews,
  ...rollCallViews,
  ...inboxViews,
  ...deskViews,
  ...settingsViews,
  ...masterViews,
  ...reportsViews,
};

// The one refresh mechanism, as on the officer desk: after a write the client names what it changed (the
// operation's `changes`), and the loaded views reading it reload.
whenBureauChanged((changed) => refreshViews(BUREAU_VIEWS, useBureau.getState(), changed));

export function useBureauT() {
  const language = useBureau((s) => s.language);
  return useMemo(() => translator(language), [language]);
}

export function useBureauFormat() {
  const language = useBureau((s) => s.language);
  return useMemo(() => formatters(language), [language]);
}

/** The district's time zone (the desk's setting; the default until the settings have come): what "today" and a moment's day mean. */
export function useBureauZone() {
  return useBureau((s) => s.settings?.timeZone ?? DEFAULT_TIME_ZONE);
}
