import type { StateCreator } from 'zustand';
import type { Origin, ProblemStatus } from '@shared/domain';
import type { BureauProblemView } from '@shared/operations/bureau';
import type { OperationInput } from '@shared/operations';
import { loadField, requestCounter, type Views } from '../../store/views';
import { callBureau } from '../client';
import type { RowScope } from '../overview/row-scope';
import type { BureauState } from '../store';

export interface ProblemLedgerFilters {
  openOnly: boolean;
  origin: Origin | null;
  statuses: ProblemStatus[];
}

/** The district problem ledger (问题台账): every problem the bureau holds, and the bureau's steps on them. */
export interface ProblemsSlice {
  problems: BureauProblemView[] | null;
  problemsError: unknown;
  problemFilters: ProblemLedgerFilters;
  loadProblems(): Promise<void>;
  /** Open only and origin are asked of the desk; the states are picked from its answer. */
  setProblemFilters(patch: Partial<ProblemLedgerFilters>): void;
  /** One step of the closed loop; the views reading problems reload before it answers. Throws the ApiError for the dialog. */
  actOnProblem(input: OperationInput<'bureau.problems.act'>): Promise<BureauProblemView>;
  /** The bureau raises a problem on a project; refreshes like actOnProblem. */
  raiseProblem(input: OperationInput<'bureau.problems.raise'>): Promise<BureauProblemView>;
  /** The problems behind a figure of the overview: the ledger opens on them alone (filters cleared); null shows all again. */
  problemScope: RowScope | null;
  showProblems(scope: RowScope | null): void;
}

export const problemsViews = {
  problems: { reads: ['project', 'problem', 'timeZone'], loaded: (s) => s.problems !== null, reload: (s) => s.loadProblems() },
} satisfies Views<BureauState>;

const counter = requestCounter();
const NO_FILTERS: ProblemLedgerFilters = { openOnly: false, origin: null, statuses: [] };

export const createProblemsSlice: StateCreator<BureauState, [], [], ProblemsSlice> = (set, get) => ({
  problems: null,
  problemsError: null,
  problemFilters: NO_FILTERS,
  loadProblems: () => {
    const { openOnly, origin } = get().problemFilters;
    return loadField<ProblemsSlice, 'problems'>(set, counter, 'problems', 'problemsError', () =>
      callBureau('bureau.problems.list', { openOnly, ...(origin ? { origin } : {}) }),
    );
  },
  setProblemFilters: (patch) => {
    const before = get().problemFilters;
    set({ problemFilters: { ...before, ...patch } });
    if ('openOnly' in patch || 'origin' in patch) void get().loadProblems();
  },
  actOnProblem: (input) => callBureau('bureau.problems.act', input),
  raiseProblem: (input) => callBureau('bureau.problems.raise', input),
  problemScope: null,
  showProblems: (problemScope) => {
    if (!problemScope) return set({ problemScope });
    // The figure counts every problem of its kind: a ledger narrowed on the desk (open only, origin) is widened first.
    const { openOnly, origin } = get().problemFilters;
    set({ problemScope, problemFilters: NO_FILTERS });
    if (openOnly || origin) void get().loadProblems();
    get().navigate('problems');
  },
});
