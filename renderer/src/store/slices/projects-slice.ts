import type { StateCreator } from 'zustand';
import type { LifeCycleStage, ProjectLevel } from '../../../../shared/domain';
import type { ProjectDetail, ProjectSummary } from '../../../../shared/operations';
import { call } from '../../api/client';
import type { DeskState } from '../index';

export interface ProjectFilters {
  search: string;
  levels: ProjectLevel[];
  stages: LifeCycleStage[];
  overdueOnly: boolean;
  openProblemsOnly: boolean;
}

export const EMPTY_FILTERS: ProjectFilters = { search: '', levels: [], stages: [], overdueOnly: false, openProblemsOnly: false };

export interface ProjectsSlice {
  projects: ProjectSummary[] | null;
  projectsError: unknown;
  filters: ProjectFilters;
  detail: ProjectDetail | null;
  detailError: unknown;
  loadProjects(): Promise<void>;
  setFilters(patch: Partial<ProjectFilters>): void;
  loadDetail(projectId: string): Promise<void>;
}

export const createProjectsSlice: StateCreator<DeskState, [], [], ProjectsSlice> = (set) => ({
  projects: null,
  projectsError: null,
  filters: EMPTY_FILTERS,
  detail: null,
  detailError: null,
  async loadProjects() {
    try {
      set({ projects: await call('projects.list', {}), projectsError: null });
    } catch (error) {
      set({ projectsError: error });
    }
  },
  setFilters(patch) {
    set((state) => ({ filters: { ...state.filters, ...patch } }));
  },
  async loadDetail(projectId) {
    set({ detailError: null });
    try {
      set({ detail: await call('projects.get', { projectId }) });
    } catch (error) {
      set({ detail: null, detailError: error });
    }
  },
});

/** The home screen's filter, pure so it is tested without React. */
export function filterProjects(projects: readonly ProjectSummary[], filters: ProjectFilters): ProjectSummary[] {
  const needle = filters.search.trim().toLowerCase().replace(/\s+/g, '');
  return projects.filter(
    (p) =>
      (needle === '' || p.searchKey.replace(/\s+/g, ' ').split(' ').some((k) => k.includes(needle))) &&
      (filters.levels.length === 0 || filters.levels.includes(p.level)) &&
      (filters.stages.length === 0 || filters.stages.includes(p.stage)) &&
      (!filters.overdueOnly || p.overdueItems > 0) &&
      (!filters.openProblemsOnly || p.openProblems > 0),
  );
}
