import type { StateCreator } from 'zustand';
import type { WeekOverview } from '@shared/operations/week';
import { call } from '../../api/client';
import { PROJECT_RECORDS } from '@shared/operations/define';
import type { DeskState } from '../index';
import { loadView, requestCounter, type Views } from '../views';

export interface WeekSlice {
  week: WeekOverview | null;
  weekError: unknown;
  /** Any day of the week shown; null: this week. */
  weekOf: string | null;
  loadWeek(weekOf?: string | null): Promise<void>;
}

export const weekViews = { week: { reads: [...PROJECT_RECORDS, 'timeZone'], loaded: (s) => s.week !== null, reload: (s) => s.loadWeek() } } satisfies Views;

const weekRequest = requestCounter();

export const createWeekSlice: StateCreator<DeskState, [], [], WeekSlice> = (set, get) => ({
  week: null,
  weekError: null,
  weekOf: null,
  async loadWeek(weekOf) {
    const target = weekOf === undefined ? get().weekOf : weekOf;
    set({ weekOf: target, weekError: null });
    await loadView(
      weekRequest,
      () => call('week.overview', target ? { weekOf: target } : {}),
      (week) => set({ week }),
      (weekError) => set({ weekError }),
    );
  },
});
