import { z } from 'zod';
import { TRAFFIC_LIGHTS } from '../rules/traffic-light-thresholds.js';
import { counts, defineOperations } from './define.js';

/**
 * The district overview's reads beside `bureau.summary` (issue 12): the month-by-month series its investment
 * chart draws, and the rows behind any one of its figures (what a click on the figure opens). Both count the
 * way the summary counts (shared/bureau/summary.ts), on the same resolved dates.
 */

const optionalText = z.string().optional();
const summaryDates = { asOfMonth: optionalText, referenceDay: optionalText };

/** Which projects a figure is about: a group of the summary, or one sponsoring unit or leader by name. */
export const OverviewScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['all', 'provincialAndMunicipal', 'district', 'provincial', 'municipal']) }),
  z.object({ kind: z.enum(['unit', 'leader']), name: z.string() }),
]);
export type OverviewScope = z.infer<typeof OverviewScope>;

/** Figures counted in projects: the table (项目库) opens on them. The lights count projects by their overall light (红黄绿灯). */
export const PROJECT_FIGURES = ['projects', 'ahead', 'behind', 'withProblems', 'withActions', 'enrolled', 'started', ...TRAFFIC_LIGHTS] as const;
/** Figures counted in problems: the ledger (问题台账) opens on them. */
export const PROBLEM_FIGURES = ['collected', 'resolved', 'open', 'overdue'] as const;
export const OverviewFigure = z.enum([...PROJECT_FIGURES, ...PROBLEM_FIGURES]);
export type OverviewFigure = z.infer<typeof OverviewFigure>;

export const MonthFigures = z.object({
  month: z.string(),
  /** Cumulative completed investment January through this month, 万元. */
  completed: z.number(),
  /** The time-proportional share of the annual plan at the end of this month (plan × m ÷ 12), 万元. */
  schedule: z.number(),
  completionPct: z.number().nullable(),
  timeProportionalPct: z.number(),
});
export type MonthFigures = z.infer<typeof MonthFigures>;

export const bureauOverviewOperations = defineOperations({
  /** Months 1..asOf of the plan year: every counted project's cumulative completed investment against the schedule line. */
  'bureau.overview.months': {
    input: z.object(summaryDates),
    output: z.object({ year: z.number().int(), asOfMonth: z.string(), planned: z.number(), months: z.array(MonthFigures) }),
  },
  /** How many counted projects show each overall light (红灯, 黄灯, 绿灯) in the scope, by the lights of the project table's rows. */
  'bureau.overview.lights': {
    input: z.object({ ...summaryDates, scope: OverviewScope.default({ kind: 'all' }) }),
    output: z.object({ asOfMonth: z.string(), referenceDay: z.string(), ...counts(...TRAFFIC_LIGHTS) }),
  },
  /** The projects or the problems one figure of the overview counts, by id (the count is their number). */
  'bureau.overview.rowsBehind': {
    input: z.object({ ...summaryDates, scope: OverviewScope, figure: OverviewFigure }),
    output: z.object({ rows: z.enum(['projects', 'problems']), ids: z.array(z.string()) }),
  },
});
