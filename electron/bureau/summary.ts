import { computeDistrictSummary, type DistrictSummary, type SummaryInput } from '@shared/bureau/summary.js';
import type { InvestmentEntry, MilestoneReport, Problem, ProblemEvent, Visit } from '@shared/domain/index.js';
import { IsoDate, IsoMonth } from '@shared/domain/index.js';
import { AppError } from '@shared/errors.js';
import { lastReportedMonth, localDay } from '@shared/rules/index.js';
import type { BureauContext } from './context.js';
import { listBureauMilestones, listBureauProjects, listFolded } from './repository.js';
import { bureauTimeZone } from './time-zone.js';

export interface SummaryOptions {
  /** YYYY-MM: investment January through this month; default the last full month before the reference day. */
  asOfMonth?: string;
  /** YYYY-MM-DD: problems, actions and milestones counted to this day; default today. */
  referenceDay?: string;
}

export function resolveSummaryDates(ctx: BureauContext, options: SummaryOptions): { asOfMonth: string; referenceDay: string } {
  if (options.asOfMonth !== undefined && !IsoMonth.safeParse(options.asOfMonth).success) {
    throw new AppError('invalid_input', `--as-of must be YYYY-MM, not "${options.asOfMonth}"`, { what: 'as-of', value: options.asOfMonth });
  }
  if (options.referenceDay !== undefined && !IsoDate.safeParse(options.referenceDay).success) {
    throw new AppError('invalid_input', `--on must be a date YYYY-MM-DD, not "${options.referenceDay}"`, { what: 'on', value: options.referenceDay });
  }
  const referenceDay = options.referenceDay ?? localDay(ctx.now(), bureauTimeZone(ctx.db));
  return { asOfMonth: options.asOfMonth ?? lastReportedMonth(referenceDay), referenceDay };
}

/** The district figures from the bureau database (definitions in shared/bureau/summary.ts and docs/bureau.md). */
export function districtSummary(ctx: BureauContext, options: SummaryOptions = {}): DistrictSummary {
  return computeDistrictSummary(summaryInput(ctx, options));
}

/** The problems, their steps and the visits, as the summary reads them. */
export type SummaryRecords = Pick<SummaryInput, 'problems' | 'problemEvents' | 'visits'>;

/**
 * What the district figures are computed from: the dates resolved, every record of the bureau database (the
 * problems, steps and visits `held` when given, each on its own: the ledger export reads only the fields the
 * figures use, the lights need no visits).
 */
export function summaryInput(ctx: BureauContext, options: SummaryOptions = {}, held: Partial<SummaryRecords> = {}): SummaryInput {
  const { db } = ctx;
  return {
    ...resolveSummaryDates(ctx, options),
    timeZone: bureauTimeZone(db),
    projects: listBureauProjects(db),
    investment: listFolded<InvestmentEntry>(db, 'investment_entry'),
    problems: held.problems ?? listFolded<Problem>(db, 'problem'),
    problemEvents: held.problemEvents ?? listFolded<ProblemEvent>(db, 'problem_event'),
    visits: held.visits ?? listFolded<Visit>(db, 'visit'),
    milestones: listBureauMilestones(db),
    milestoneReports: listFolded<MilestoneReport>(db, 'milestone_report'),
  };
}
