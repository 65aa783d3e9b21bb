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

export const createProgressSlice: StateCreator<DeskState, [], [], ProgressSlice> = () => ({
  recordInvestment: (input) => call('investment.record', input),
  reportMilestone: (input) => call('milestones.report', input),
});
