import type { StateCreator } from 'zustand';
import type { OperationInput, OperationOutput } from '@shared/operations';
import { call } from '../../api/client';
import type { DeskState } from '../index';

/** The officer's progress reports: monthly investment figures and milestones reached. */
export interface ProgressSlice {
  /** Records a month's completed investment, then refreshes what shows it. Throws the ApiError. */
  recordInvestment(input: OperationInput<'investment.record'>): Promise<OperationOutput<'investment.record'>>;
  /** Reports a milestone reached (or corrects the date), then refreshes. Throws the ApiError. */
  reportMilestone(input: OperationInput<'milestones.report'>): Promise<OperationOutput<'milestones.report'>>;
}

export const createProgressSlice: StateCreator<DeskState, [], [], ProgressSlice> = (_set, get) => ({
  async recordInvestment(input) {
    const result = await call('investment.record', input);
    if (result.written) await get().refreshAfterWrite(input.projectId);
    return result;
  },
  async reportMilestone(input) {
    const result = await call('milestones.report', input);
    await get().refreshAfterWrite(result.projectId);
    return result;
  },
});
