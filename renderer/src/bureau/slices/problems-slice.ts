import type { StateCreator } from 'zustand';
import type { Origin, ProblemStatus } from '@shared/domain';
import type { BureauProblemView } from '@shared/operations/bureau';
import type { OperationInput } from '@shared/operations';
import { loadField, requestCounter, type Views } from '../../store/views';
import { callBureau } from '../client';
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
}

export const problemsViews = {
  problems: { reads: ['project', 'problem'], loaded: (s) => s.problems !== null, reload: (s) => s.loadProblems() },
} satisfies Views<BureauState>;

const counter = requestCounter();

export const createProblemsSlice: StateCreator<BureauState, [], [], ProblemsSlice> = (set, get) => ({
  problems: null,
  problemsError: null,
  problemFilters: { openOnly: false, origin: null, statuses: [] },
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
});
