import type { StateCreator } from 'zustand';
import type { ProjectDetail, ProjectSummary } from '@shared/operations';
import { call } from '../../api/client';
import { PROJECT_RECORDS } from '@shared/operations/define';
import type { DeskState } from '../index';
import { loadField, loadView, requestCounter, type Views } from '../views';
import { DEFAULT_SORT, EMPTY_FILTERS, filterProjects, type ProjectFilters, type SortState } from '../../screens/home/project-table';

export type { ProjectFilters, SortState };
export { EMPTY_FILTERS, filterProjects };

export interface ProjectsSlice {
  projects: ProjectSummary[] | null;
  projectsError: unknown;
  filters: ProjectFilters;
  /** The home table's sort, kept while the officer visits a project and comes back. */
  sort: SortState;
  /** The row the keyboard highlights on the home table (and the last project opened from it). */
  highlightedProjectId: string | null;
  detail: ProjectDetail | null;
  detailError: unknown;
  loadProjects(): Promise<void>;
  /** Starts loading the list early (at start, before the home screen mounts); the next loadProjects() uses it. */
  prefetchProjects(): void;
  setFilters(patch: Partial<ProjectFilters>): void;
  setSort(sort: SortState): void;
  setHighlightedProject(projectId: string | null): void;
  loadDetail(projectId: string): Promise<void>;
}

/** The home list and the project page read all of a project's records; overdue and "days since" follow the time zone. */
const PROJECT_VIEW_READS = [...PROJECT_RECORDS, 'timeZone'] as const;

export const projectsViews = {
  projects: { reads: PROJECT_VIEW_READS, loaded: (s) => s.projects !== null, reload: (s) => s.loadProjects() },
  detail: { reads: PROJECT_VIEW_READS, loaded: (s) => s.detail !== null, reload: (s) => s.loadDetail(s.detail!.project.id) },
} satisfies Views;

/** The list requested as soon as the store is open, in parallel with the officer's info (issue 11: first screen fast). */
let prefetched: Promise<void> | null = null;
const listRequest = requestCounter();
const detailRequest = requestCounter();

function loadList(set: (partial: Partial<ProjectsSlice>) => void): Promise<void> {
  return loadField<ProjectsSlice, 'projects'>(set, listRequest, 'projects', 'projectsError', () => call('projects.list', {}));
}

export const createProjectsSlice: StateCreator<DeskState, [], [], ProjectsSlice> = (set) => ({
  projects: null,
  projectsError: null,
  filters: EMPTY_FILTERS,
  sort: DEFAULT_SORT,
  highlightedProjectId: null,
  detail: null,
  detailError: null,
  loadProjects() {
    // The list asked for at start (prefetchProjects) serves the first load, which is the home screen mounting;
    // every later load asks afresh, so a load after a change never gets an answer from before it.
    const pending = prefetched;
    prefetched = null;
    return pending ?? loadList(set);
  },
  prefetchProjects() {
    prefetched ??= loadList(set);
  },
  setFilters(patch) {
    set((state) => ({ filters: { ...state.filters, ...patch } }));
  },
  setSort(sort) {
    set({ sort });
  },
  setHighlightedProject(projectId) {
    set({ highlightedProjectId: projectId });
  },
  async loadDetail(projectId) {
    set({ detailError: null });
    await loadView(
      detailRequest,
      () => call('projects.get', { projectId }),
      (detail) => set({ detail }),
      (detailError) => set({ detail: null, detailError }),
    );
  },
});
