import type { StateCreator } from 'zustand';
import type { OperationOutput } from '@shared/operations';
import type { Views } from '../../store/views';
import { callBureau } from '../client';
import type { BureauState } from '../store';

export type DistrictSummary = OperationOutput<'bureau.summary'>;

/** The district overview: the district summary for the chosen month. */
export interface OverviewSlice {
  summary: DistrictSummary | null;
  /** The month asked for; null: the desk's default (the last full month). */
  asOfMonth: string | null;
  /** The desk's default month (the last full one), from its first answer: the latest the month picker offers. */
  latestMonth: string | null;
  summaryError: unknown;
  loadSummary(asOfMonth?: string | null): Promise<void>;
}

export const overviewViews = {
  summary: { reads: ['project', 'problem', 'investment', 'visit', 'milestone'], loaded: (s) => s.summary !== null, reload: (s) => s.loadSummary() },
} satisfies Views<BureauState>;

// Each load takes a number; an answer arriving after a newer request is dropped.
let summaryRequest = 0;

export const createOverviewSlice: StateCreator<BureauState, [], [], OverviewSlice> = (set, get) => ({
  summary: null,
  asOfMonth: null,
  latestMonth: null,
  summaryError: null,
  loadSummary: async (asOfMonth = get().asOfMonth) => {
    const request = ++summaryRequest;
    set({ asOfMonth, summaryError: null });
    try {
      const summary = await callBureau('bureau.summary', asOfMonth ? { asOfMonth } : {});
      if (request === summaryRequest) set({ summary, ...(asOfMonth === null ? { latestMonth: summary.asOfMonth } : {}) });
    } catch (error) {
      if (request === summaryRequest) set({ summaryError: error });
    }
  },
});
