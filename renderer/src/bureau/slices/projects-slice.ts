import type { StateCreator } from 'zustand';
import type { OperationOutput } from '@shared/operations';
import { loadField, requestCounter, type Views } from '../../store/views';
import { callBureau } from '../client';
import { NO_PROJECT_FILTERS, type ProjectSort, type ProjectTableFilters } from '../project-rows';
import type { RowScope } from '../overview/row-scope';
import type { BureauState } from '../store';

export type BureauProjectList = OperationOutput<'bureau.projects.list'>;

/** The project table (项目库): every project of the district for the overview's month, with the table's filters and sort. */
export interface ProjectsSlice {
  projectList: BureauProjectList | null;
  projectListError: unknown;
  projectFilters: ProjectTableFilters;
  projectSort: ProjectSort;
  loadProjectList(): Promise<void>;
  setProjectFilters(patch: Partial<ProjectTableFilters>): void;
  setProjectSort(sort: ProjectSort): void;
  /** The projects behind a figure of the overview: the table opens on them alone (filters cleared); null shows all again. */
  projectScope: RowScope | null;
  showProjects(scope: RowScope | null): void;
}

export const projectsViews = {
  projectList: {
    // The lights read the milestones and their reports too.
    reads: ['project', 'milestone', 'problem', 'investment', 'officer', 'exchange', 'timeZone'],
    loaded: (s) => s.projectList !== null,
    reload: (s) => s.loadProjectList(),
  },
} satisfies Views<BureauState>;

const counter = requestCounter();

export const createProjectsSlice: StateCreator<BureauState, [], [], ProjectsSlice> = (set, get) => ({
  projectList: null,
  projectListError: null,
  projectFilters: NO_PROJECT_FILTERS,
  projectSort: { key: null, order: null },
  loadProjectList: () => {
    const asOfMonth = get().asOfMonth;
    return loadField<ProjectsSlice, 'projectList'>(set, counter, 'projectList', 'projectListError', () =>
      callBureau('bureau.projects.list', asOfMonth ? { asOfMonth } : {}),
    );
  },
  setProjectFilters: (patch) => set((s) => ({ projectFilters: { ...s.projectFilters, ...patch } })),
  setProjectSort: (projectSort) => set({ projectSort }),
  projectScope: null,
  showProjects: (projectScope) => {
    // The rows behind a figure are shown in the table, not under a project's page left open.
    if (projectScope) get().closeProjectPage();
    set(projectScope ? { projectScope, projectFilters: NO_PROJECT_FILTERS } : { projectScope });
    if (projectScope) get().navigate('projects');
  },
});
