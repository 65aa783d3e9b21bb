import type { StateCreator } from 'zustand';
import type { ProblemCategory, ProblemStatus } from '../../../../shared/domain';
import type { OperationInput, ProblemView } from '../../../../shared/operations';
import { call } from '../../api/client';
import type { DeskState } from '../index';

export interface LedgerFilters {
  statuses: ProblemStatus[];
  categories: ProblemCategory[];
  departments: string[];
  projectIds: string[];
  overdueOnly: boolean;
  search: string;
}

export const EMPTY_LEDGER_FILTERS: LedgerFilters = { statuses: [], categories: [], departments: [], projectIds: [], overdueOnly: false, search: '' };

export interface ProblemsSlice {
  ledger: ProblemView[] | null;
  ledgerError: unknown;
  ledgerFilters: LedgerFilters;
  loadLedger(): Promise<void>;
  setLedgerFilters(patch: Partial<LedgerFilters>): void;
  /** Raises a problem and refreshes whatever shows problems. Throws the ApiError for the form to show. */
  raiseProblem(input: OperationInput<'problems.raise'>): Promise<ProblemView>;
  /** One step of the closed loop; refreshes like raiseProblem. */
  actOnProblem(input: OperationInput<'problems.act'>): Promise<ProblemView>;
  /** After a write to a project's records: the open project page, the home list and the ledger, if loaded. */
  refreshAfterWrite(projectId: string): Promise<void>;
}

export const createProblemsSlice: StateCreator<DeskState, [], [], ProblemsSlice> = (set, get) => ({
  ledger: null,
  ledgerError: null,
  ledgerFilters: EMPTY_LEDGER_FILTERS,
  async loadLedger() {
    try {
      set({ ledger: await call('problems.ledger', {}), ledgerError: null });
    } catch (error) {
      set({ ledgerError: error });
    }
  },
  setLedgerFilters(patch) {
    set((state) => ({ ledgerFilters: { ...state.ledgerFilters, ...patch } }));
  },
  async raiseProblem(input) {
    const view = await call('problems.raise', input);
    await get().refreshAfterWrite(view.projectId);
    return view;
  },
  async actOnProblem(input) {
    const view = await call('problems.act', input);
    await get().refreshAfterWrite(view.projectId);
    return view;
  },
  async refreshAfterWrite(projectId) {
    const s = get();
    await Promise.all([
      s.detail?.project.id === projectId ? s.loadDetail(projectId) : null,
      s.projects !== null ? s.loadProjects() : null,
      s.ledger !== null ? s.loadLedger() : null,
    ]);
  },
});

/** The ledger's filter, pure so it is tested without React. */
export function filterLedger(rows: readonly ProblemView[], f: LedgerFilters): ProblemView[] {
  const needle = f.search.trim().toLowerCase();
  return rows.filter(
    (p) =>
      (f.statuses.length === 0 || f.statuses.includes(p.status)) &&
      (f.categories.length === 0 || f.categories.includes(p.category)) &&
      (f.departments.length === 0 || f.departments.includes(p.currentDepartment)) &&
      (f.projectIds.length === 0 || f.projectIds.includes(p.projectId)) &&
      (!f.overdueOnly || p.overdue) &&
      (needle === '' || p.description.toLowerCase().includes(needle) || p.projectName.toLowerCase().includes(needle)),
  );
}

/** The counts at the top of the ledger: collected = resolved or closed + still open. */
export function ledgerCounts(rows: readonly ProblemView[]) {
  let done = 0;
  let overdue = 0;
  for (const p of rows) {
    if (p.status === 'resolved' || p.status === 'closed') done++;
    if (p.overdue) overdue++;
  }
  return { collected: rows.length, done, open: rows.length - done, overdue };
}
