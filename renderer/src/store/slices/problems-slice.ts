import type { StateCreator } from 'zustand';
import type { ProblemCategory, ProblemStatus } from '@shared/domain';
import type { LedgerPage, LedgerSortKey, OperationInput, ProblemView } from '@shared/operations';
import { call } from '../../api/client';
import type { DeskState } from '../index';
import type { Views } from '../views';

export interface LedgerFilters {
  statuses: ProblemStatus[];
  categories: ProblemCategory[];
  departments: string[];
  projectIds: string[];
  overdueOnly: boolean;
  search: string;
}

export const EMPTY_LEDGER_FILTERS: LedgerFilters = { statuses: [], categories: [], departments: [], projectIds: [], overdueOnly: false, search: '' };

/** The ledger as far as it has been fetched: `rows[i]` is row i of the filtered, sorted ledger once its page came. */
export interface LedgerWindow {
  rows: (ProblemView | undefined)[];
  total: number;
  counts: LedgerPage['counts'];
  departments: string[];
  projects: LedgerPage['projects'];
}

export interface LedgerSort {
  key: LedgerSortKey;
  order: 'asc' | 'desc';
}

export const DEFAULT_LEDGER_SORT: LedgerSort = { key: 'lastMoved', order: 'desc' };
/** Rows per request: a few screens' worth, so scrolling rarely waits. */
export const LEDGER_PAGE = 100;

export interface ProblemsSlice {
  ledger: LedgerWindow | null;
  ledgerError: unknown;
  ledgerFilters: LedgerFilters;
  ledgerSort: LedgerSort;
  /** Fetches the first page for the current filters and sort (the store filters, sorts and counts). */
  loadLedger(): Promise<void>;
  /** Fetches whatever pages rows `from`…`to` fall on and are not loaded or loading (as the user scrolls). */
  ensureLedgerRows(from: number, to: number): Promise<void>;
  setLedgerFilters(patch: Partial<LedgerFilters>): void;
  setLedgerSort(sort: LedgerSort): void;
  /** Raises a problem and refreshes whatever shows problems. Throws the ApiError for the form to show. */
  raiseProblem(input: OperationInput<'problems.raise'>): Promise<ProblemView>;
  /** One step of the closed loop; refreshes like raiseProblem. */
  actOnProblem(input: OperationInput<'problems.act'>): Promise<ProblemView>;
}

export const problemsViews = {
  ledger: { reads: ['project', 'problem', 'timeZone'], loaded: (s) => s.ledger !== null, reload: (s) => s.loadLedger() },
} satisfies Views;

/** The ledger's request counter: bumped by every new query, so a page answered for an older filter or sort is dropped. */
let generation = 0;
const loading = new Set<number>();

function query(s: Pick<ProblemsSlice, 'ledgerFilters' | 'ledgerSort'>, offset: number, limit: number): OperationInput<'problems.ledger'> {
  return { ...s.ledgerFilters, offset, limit, sort: s.ledgerSort.key, order: s.ledgerSort.order };
}

export const createProblemsSlice: StateCreator<DeskState, [], [], ProblemsSlice> = (set, get) => ({
  ledger: null,
  ledgerError: null,
  ledgerFilters: EMPTY_LEDGER_FILTERS,
  ledgerSort: DEFAULT_LEDGER_SORT,
  async loadLedger() {
    const mine = ++generation;
    loading.clear();
    try {
      const page = await call('problems.ledger', query(get(), 0, LEDGER_PAGE));
      if (mine !== generation) return;
      const rows: (ProblemView | undefined)[] = new Array(page.total);
      page.rows.forEach((r, i) => (rows[i] = r));
      set({ ledger: { rows, total: page.total, counts: page.counts, departments: page.departments, projects: page.projects }, ledgerError: null });
    } catch (error) {
      if (mine === generation) set({ ledgerError: error });
    }
  },
  async ensureLedgerRows(from, to) {
    const ledger = get().ledger;
    if (!ledger || ledger.total === 0) return;
    const mine = generation;
    const first = Math.max(0, Math.floor(from / LEDGER_PAGE));
    const last = Math.floor(Math.min(ledger.total - 1, Math.max(0, to)) / LEDGER_PAGE);
    const wanted: number[] = [];
    for (let p = first; p <= last; p++) if (!loading.has(p) && ledger.rows[p * LEDGER_PAGE] === undefined) wanted.push(p);
    await Promise.all(
      wanted.map(async (p) => {
        loading.add(p);
        try {
          const page = await call('problems.ledger', query(get(), p * LEDGER_PAGE, LEDGER_PAGE));
          const current = get().ledger;
          if (mine !== generation || !current) return;
          const rows = current.rows.slice();
          page.rows.forEach((r, i) => (rows[p * LEDGER_PAGE + i] = r));
          set({ ledger: { ...current, rows, counts: page.counts } });
        } catch (error) {
          if (mine === generation) set({ ledgerError: error });
        } finally {
          if (mine === generation) loading.delete(p);
        }
      }),
    );
  },
  setLedgerFilters(patch) {
    set((state) => ({ ledgerFilters: { ...state.ledgerFilters, ...patch } }));
    void get().loadLedger();
  },
  setLedgerSort(ledgerSort) {
    set({ ledgerSort });
    void get().loadLedger();
  },
  raiseProblem: (input) => call('problems.raise', input),
  actOnProblem: (input) => call('problems.act', input),
});
