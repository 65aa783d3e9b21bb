import type { StateCreator } from 'zustand';
import type { OperationOutput } from '@shared/operations';
import type { OverviewFigure, OverviewScope } from '@shared/operations/bureau-overview';
import { loadField, requestCounter, type Views } from '../../store/views';
import { callBureau } from '../client';
import type { RowScope } from '../overview/row-scope';
import type { BureauState } from '../store';

export type DistrictSummary = OperationOutput<'bureau.summary'>;
export type OverviewMonths = OperationOutput<'bureau.overview.months'>;
export type OverviewLights = OperationOutput<'bureau.overview.lights'>;

/** The district overview: the district summary for the chosen month, and its month-by-month investment series. */
export interface OverviewSlice {
  summary: DistrictSummary | null;
  /** Months 1..asOf of the summary's month: cumulative completed investment against the schedule line. */
  overviewMonths: OverviewMonths | null;
  /** The month asked for; null: the desk's default (the last full month). */
  asOfMonth: string | null;
  /** The desk's default month (the last full one), from its first answer: the latest the month picker offers. */
  latestMonth: string | null;
  summaryError: unknown;
  overviewMonthsError: unknown;
  /** How many projects show each overall traffic light (红黄绿灯) for the month. */
  overviewLights: OverviewLights | null;
  overviewLightsError: unknown;
  loadOverviewLights(): Promise<void>;
  loadSummary(asOfMonth?: string | null): Promise<void>;
  loadOverviewMonths(): Promise<void>;
  /** The figures and the series together, for a month (default: the one asked for last): what the screen and its picker load. */
  loadOverview(asOfMonth?: string | null): Promise<void>;
  /**
   * A figure clicked: the desk names the projects or problems it counts, and the project table or the problem
   * ledger opens on exactly those (`label` says which figure, on the screen that opens).
   */
  openRowsBehind(scope: OverviewScope, figure: OverviewFigure, label: string): Promise<void>;
}

export const overviewViews = {
  summary: { reads: ['project', 'problem', 'investment', 'visit', 'milestone', 'timeZone'], loaded: (s) => s.summary !== null, reload: (s) => s.loadSummary() },
  // The series reads investment only: a problem's step does not ask for it again.
  overviewMonths: { reads: ['project', 'investment', 'timeZone'], loaded: (s) => s.overviewMonths !== null, reload: (s) => s.loadOverviewMonths() },
  // The lights read milestones (their reports), problems and investment; not the visits.
  overviewLights: {
    reads: ['project', 'milestone', 'problem', 'investment', 'timeZone'],
    loaded: (s) => s.overviewLights !== null,
    reload: (s) => s.loadOverviewLights(),
  },
} satisfies Views<BureauState>;

// Each load takes a number; an answer arriving after a newer request is dropped.
let summaryRequest = 0;
const monthsCounter = requestCounter();
const lightsCounter = requestCounter();

export const createOverviewSlice: StateCreator<BureauState, [], [], OverviewSlice> = (set, get) => ({
  summary: null,
  overviewMonths: null,
  asOfMonth: null,
  latestMonth: null,
  summaryError: null,
  overviewMonthsError: null,
  overviewLights: null,
  overviewLightsError: null,
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
  loadOverviewMonths: () => {
    const asOfMonth = get().asOfMonth;
    return loadField<OverviewSlice, 'overviewMonths'>(set, monthsCounter, 'overviewMonths', 'overviewMonthsError', () =>
      callBureau('bureau.overview.months', asOfMonth ? { asOfMonth } : {}),
    );
  },
  loadOverviewLights: () => {
    const asOfMonth = get().asOfMonth;
    return loadField<OverviewSlice, 'overviewLights'>(set, lightsCounter, 'overviewLights', 'overviewLightsError', () =>
      callBureau('bureau.overview.lights', asOfMonth ? { asOfMonth } : {}),
    );
  },
  loadOverview: async (asOfMonth = get().asOfMonth) => {
    // loadSummary sets the month before it first waits, so the series and the lights are asked for the same month.
    await Promise.all([get().loadSummary(asOfMonth), get().loadOverviewMonths(), get().loadOverviewLights()]);
  },
  openRowsBehind: async (scope, figure, label) => {
    const summary = get().summary;
    const dates = summary ? { asOfMonth: summary.asOfMonth, referenceDay: summary.referenceDay } : {};
    const behind = await callBureau('bureau.overview.rowsBehind', { ...dates, scope, figure });
    const rowScope: RowScope = { label, ids: behind.ids };
    if (behind.rows === 'projects') get().showProjects(rowScope);
    else get().showProblems(rowScope);
  },
});
