import type { StateCreator } from 'zustand';
import type { BureauProjectPage } from '@shared/operations/bureau-project';
import { loadField, requestCounter, type Views } from '../../store/views';
import { callBureau } from '../client';
import type { BureauState } from '../store';

/** The project page (项目页) opened from the project table: which project, and its one answer. */
export interface ProjectPageSlice {
  /** The project shown (its id), null while the table is shown. */
  projectPageId: string | null;
  projectPage: BureauProjectPage | null;
  projectPageError: unknown;
  /** Shows a project's page instead of the table; the table's filters, sort and search stay as they were for the way back. */
  openProjectPage(projectId: string): void;
  closeProjectPage(): void;
  loadProjectPage(): Promise<void>;
}

export const projectPageViews = {
  projectPage: {
    // Everything the page shows: a fold brings records of every kind, a problem step changes a timeline.
    reads: ['project', 'milestone', 'checklist', 'visit', 'problem', 'investment', 'officer', 'exchange', 'timeZone'],
    loaded: (s) => s.projectPage !== null,
    reload: (s) => s.loadProjectPage(),
  },
} satisfies Views<BureauState>;

const counter = requestCounter();

export const createProjectPageSlice: StateCreator<BureauState, [], [], ProjectPageSlice> = (set, get) => ({
  projectPageId: null,
  projectPage: null,
  projectPageError: null,
  // The page loads itself when it opens (and again when the screen is opened again, for the overview's month).
  openProjectPage: (projectPageId) => set({ projectPageId, projectPage: null, projectPageError: null }),
  closeProjectPage: () => {
    counter(); // an answer still on its way is not applied
    set({ projectPageId: null, projectPage: null, projectPageError: null });
  },
  loadProjectPage: () => {
    const { projectPageId: project, asOfMonth } = get();
    if (project === null) return Promise.resolve();
    return loadField<ProjectPageSlice, 'projectPage'>(set, counter, 'projectPage', 'projectPageError', () =>
      callBureau('bureau.projects.get', asOfMonth ? { project, asOfMonth } : { project }),
    );
  },
});
