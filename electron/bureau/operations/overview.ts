import { computeDistrictSummary, type SponsorRow, type SummaryInput } from '@shared/bureau/summary.js';
import type { InvestmentEntry, Project } from '@shared/domain/index.js';
import type { OperationParsedInput } from '@shared/operations/index.js';
import type { BureauProblemView } from '@shared/operations/bureau.js';
import { PROBLEM_FIGURES, type OverviewFigure, type OverviewScope } from '@shared/operations/bureau-overview.js';
import { groupBy, groupProgress, projectProgress, roundTo, TRAFFIC_LIGHTS } from '@shared/rules/index.js';
import type { HandlerGroup } from '../../handlers/registry.js';
import type { BureauContext } from '../context.js';
import { bureauLightThresholds, districtLights, lightsInput } from '../lights.js';
import { listBureauProblems } from '../problems.js';
import { listBureauProjects, listFolded } from '../repository.js';
import { resolveSummaryDates, summaryInput } from '../summary.js';
import { bureauTimeZone } from '../time-zone.js';

/**
 * The district overview's reads beside the summary. No figure is defined again here: the series sums each
 * project's own progress (the rule the summary sums), and the rows behind a figure come from the summary
 * computed with every project as its own sponsoring unit (as the project table does), so a project is behind
 * a figure exactly when the summary counts it there.
 */

type Dates = { asOfMonth?: string; referenceDay?: string };

/** The counted projects (plan year of the month, not withdrawn) and each one's own summary row. */
function perProject(input: SummaryInput) {
  const summary = computeDistrictSummary({ ...input, projects: input.projects.map((p) => ({ ...p, sponsoringUnit: p.id })) });
  const rows = new Map(summary.byUnit.map((row) => [row.name, row]));
  return { summary, counted: input.projects.filter((p) => rows.has(p.id)).map((p) => ({ project: p, row: rows.get(p.id)! })) };
}

const GROUP_LEVELS = {
  all: ['provincial', 'municipal', 'district'],
  provincialAndMunicipal: ['provincial', 'municipal'],
  district: ['district'],
  provincial: ['provincial'],
  municipal: ['municipal'],
} as const;

function inScope(scope: OverviewScope, p: Project): boolean {
  if (scope.kind === 'unit') return p.sponsoringUnit === scope.name;
  if (scope.kind === 'leader') return p.sponsoringLeader === scope.name;
  return (GROUP_LEVELS[scope.kind] as readonly string[]).includes(p.level);
}

type LightFigure = (typeof TRAFFIC_LIGHTS)[number];
const PROJECT_TEST: Record<Exclude<OverviewFigure, (typeof PROBLEM_FIGURES)[number] | LightFigure>, (row: SponsorRow) => boolean> = {
  projects: () => true,
  ahead: (r) => r.investment.projectsAhead > 0,
  behind: (r) => r.investment.projectsBehind > 0,
  withProblems: (r) => r.problems.projects > 0,
  withActions: (r) => r.sponsorActions > 0,
  enrolled: (r) => r.statisticsEnrolled > 0,
  started: (r) => r.productionStarted > 0,
};

const isProblemFigure = (figure: OverviewFigure): figure is (typeof PROBLEM_FIGURES)[number] => (PROBLEM_FIGURES as readonly string[]).includes(figure);
const isLightFigure = (figure: OverviewFigure): figure is LightFigure => (TRAFFIC_LIGHTS as readonly string[]).includes(figure);

/** How many projects of the scope show each overall light: the lights' own records only, read once (lights.ts). */
export function overviewLights(ctx: BureauContext, input: OperationParsedInput<'bureau.overview.lights'>) {
  const read = lightsInput(ctx, input);
  const lights = districtLights(read, bureauLightThresholds(ctx));
  const counts = { red: 0, yellow: 0, green: 0 };
  for (const project of read.projects) {
    const own = lights.get(project.id);
    if (own && inScope(input.scope, project)) counts[own.overall]++;
  }
  return { asOfMonth: read.asOfMonth, referenceDay: read.referenceDay, ...counts };
}

/** The ids of the projects, or of the problems, that one figure of the overview counts. */
export function rowsBehind(ctx: BureauContext, input: OperationParsedInput<'bureau.overview.rowsBehind'>) {
  const read = summaryInput(ctx, input);
  const { summary, counted } = perProject(read);
  const scoped = counted.filter((c) => inScope(input.scope, c.project));
  const figure = input.figure;
  if (isLightFigure(figure)) {
    const lights = districtLights(read, bureauLightThresholds(ctx));
    return { rows: 'projects' as const, ids: scoped.filter((c) => lights.get(c.project.id)?.overall === figure).map((c) => c.project.id) };
  }
  if (!isProblemFigure(figure)) return { rows: 'projects' as const, ids: scoped.filter((c) => PROJECT_TEST[figure](c.row)).map((c) => c.project.id) };
  // The ledger's own rows and states, as the ledger shows them: those the summary collects (its projects, raised by the day).
  const projects = new Set(scoped.map((c) => c.project.id));
  const collected = listBureauProblems(ctx).filter((p) => projects.has(p.projectId) && p.raisedOn <= summary.referenceDay);
  const resolved = (p: BureauProblemView) => p.status === 'resolved' || p.status === 'closed';
  const keep = { collected: () => true, resolved, open: (p: BureauProblemView) => !resolved(p), overdue: (p: BureauProblemView) => p.overdue }[figure];
  return { rows: 'problems' as const, ids: collected.filter(keep).map((p) => p.id) };
}

/** Months 1..asOf: the counted projects' cumulative completed investment beside the time-proportional share of their plan. */
export function overviewMonths(ctx: BureauContext, dates: Dates) {
  // Only projects and investment are read: the series needs no problem, visit or milestone (the summary's slow part).
  const input: SummaryInput = {
    ...resolveSummaryDates(ctx, dates),
    timeZone: bureauTimeZone(ctx.db),
    projects: listBureauProjects(ctx.db),
    investment: listFolded<InvestmentEntry>(ctx.db, 'investment_entry'),
    ...{ problems: [], problemEvents: [], visits: [], milestones: [], milestoneReports: [] },
  };
  const { summary, counted } = perProject(input);
  const entries = groupBy(input.investment, (e) => e.projectId);
  const planned = summary.investment.all.planned;
  const months = Array.from({ length: summary.elapsedMonths }, (_, i) => {
    const month = `${summary.year}-${String(i + 1).padStart(2, '0')}`;
    const figures = groupProgress(
      counted.map(({ project }) => ({
        planned: project.annualPlannedInvestment,
        completed: projectProgress(project, entries.get(project.id) ?? [], month).completed,
      })),
      i + 1,
    );
    return {
      month,
      completed: figures.completed,
      schedule: roundTo((planned * (i + 1)) / 12, 4),
      completionPct: figures.completionPct,
      timeProportionalPct: figures.timeProportionalPct,
    };
  });
  return { year: summary.year, asOfMonth: summary.asOfMonth, planned, months };
}

export const overviewHandlers: HandlerGroup<'bureau.overview.months' | 'bureau.overview.rowsBehind' | 'bureau.overview.lights'> = {
  'bureau.overview.months': (dates, ctx) => overviewMonths(ctx, dates),
  'bureau.overview.lights': (input, ctx) => overviewLights(ctx, input),
  'bureau.overview.rowsBehind': (input, ctx) => rowsBehind(ctx, input),
};
