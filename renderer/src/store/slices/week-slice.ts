import type { StateCreator } from 'zustand';
import type { WeekOverview } from '@shared/operations/week';
import { call } from '../../api/client';
import type { DeskState } from '../index';

export interface WeekSlice {
  week: WeekOverview | null;
  weekError: unknown;
  /** Any day of the week shown; null: this week. */
  weekOf: string | null;
  loadWeek(weekOf?: string | null): Promise<void>;
}

export const createWeekSlice: StateCreator<DeskState, [], [], WeekSlice> = (set, get) => ({
  week: null,
  weekError: null,
  weekOf: null,
  async loadWeek(weekOf) {
    const target = weekOf === undefined ? get().weekOf : weekOf;
    set({ weekOf: target, weekError: null });
    try {
      const week = await call('week.overview', target ? { weekOf: target } : {});
      // A slower answer for a week no longer asked for is dropped.
      if (get().weekOf === target) set({ week });
    } catch (error) {
      set({ weekError: error });
    }
  },
});
