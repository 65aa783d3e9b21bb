import { z } from 'zod';
import type { InvestmentEntry, Milestone, MilestoneReport, Problem, ProblemEvent, Project, ProjectLevel, Visit } from '../domain/index.js';
import {
  deriveProblemState,
  elapsedMonths,
  groupBy,
  groupProgress,
  isProblemOverdue,
  latestEntry,
  localDayEnd,
  progressFigures,
  projectProgress,
} from '../rules/index.js';

/**
 * The district figures the bureau reports (the press conference's table and its paragraph), computed from
 * the bureau's folded records. Pure: the bureau desk's `summary` command and the ledger's 汇总 sheet both
 * call `computeDistrictSummary`; docs/bureau.md states every definition.
 */

export const GroupFigures = z.object({
  projects: z.number().int(),
  planned: z.number(),
  completed: z.number(),
  /** Completion of the annual plan in percent, to 0.1; null without a plan. */
  completionPct: z.number().nullable(),
  timeProportionalPct: z.number(),
  /** Points ahead (+) or behind (−) the time-proportional schedule, to 0.1; null without a plan. */
  aheadPoints: z.number().nullable(),
  /** Projects at or ahead of the schedule on their own, and behind it (projects without a plan in neither). */
  projectsAhead: z.number().int(),
  projectsBehind: z.number().int(),
});
export type GroupFigures = z.infer<typeof GroupFigures>;

export const ProblemFigures = z.object({
  /** Every problem of the counted projects raised on or before the reference day. */
  collected: z.number().int(),
  /** Resolved (化解) or closed after verification (办结). */
  resolved: z.number().int(),
  closed: z.number().int(),
  /** Not yet resolved: raised, dispatched or being coordinated. collected = resolved + open. */
  open: z.number().int(),
  /** Open and past its due day on the reference day. */
  overdue: z.number().int(),
  /** How many projects the collected problems come from. */
  projects: z.number().int(),
});
export type ProblemFigures = z.infer<typeof ProblemFigures>;

export const SponsorActionFigures = z.object({
  total: z.number().int(),
  siteVisits: z.number().int(),
  meetings: z.number().int(),
  calls: z.number().int(),
  coordination: z.number().int(),
  /** Projects with at least one action. */
  projects: z.number().int(),
});
export type SponsorActionFigures = z.infer<typeof SponsorActionFigures>;

export const SponsorRow = z.object({
  name: z.string(),
  investment: GroupFigures,
  problems: ProblemFigures,
  sponsorActions: z.number().int(),
  statisticsEnrolled: z.number().int(),
  productionStarted: z.number().int(),
});
export type SponsorRow = z.infer<typeof SponsorRow>;

export const DistrictSummary = z.object({
  year: z.number().int(),
  asOfMonth: z.string(),
  /** The day problem states, overdue, actions and milestones are counted to. */
  referenceDay: z.string(),
  /** The district's IANA time zone (the bureau's setting): the reference day ends at its midnight there. */
  timeZone: z.string(),
  elapsedMonths: z.number().int(),
  timeProportionalPct: z.number(),
  projectsByLevel: z.object({ total: z.number().int(), provincial: z.number().int(), municipal: z.number().int(), district: z.number().int() }),
  investment: z.object({ all: GroupFigures, provincialAndMunicipal: GroupFigures, district: GroupFigures, provincial: GroupFigures, municipal: GroupFigures }),
  /** The same groups with their problems, actions and milestones, for the ledger's 汇总 sheet. */
  groups: z.object({ all: SponsorRow, provincialAndMunicipal: SponsorRow, district: SponsorRow, provincial: SponsorRow, municipal: SponsorRow }),
  problems: ProblemFigures,
  sponsorActions: SponsorActionFigures,
  statisticsEnrolled: z.number().int(),
  productionStarted: z.number().int(),
  byUnit: z.array(SponsorRow),
  byLeader: z.array(SponsorRow),
});
export type DistrictSummary = z.infer<typeof DistrictSummary>;

export interface SummaryInput {
  /** Investment is counted January through this month (YYYY-MM); its year picks the projects. */
  asOfMonth: string;
  /** Problems, actions and milestones are counted to the end of this day (YYYY-MM-DD). */
  referenceDay: string;
  /** The district's IANA time zone (the bureau's setting): a moment counts on its local day there. */
  timeZone: string;
  /** Active (not withdrawn) projects; those of other plan years are left out here. */
  projects: readonly Project[];
  investment: readonly InvestmentEntry[];
  problems: readonly Problem[];
  problemEvents: readonly ProblemEvent[];
  visits: readonly Visit[];
  milestones: readonly Milestone[];
  milestoneReports: readonly MilestoneReport[];
}

interface ProjectFacts {
  project: Project;
  completed: number;
  aheadPoints: number | null;
  problemsCollected: number;
  problemsResolved: number;
  problemsClosed: number;
  problemsOverdue: number;
  actions: number;
  enrolled: boolean;
  started: boolean;
}

const projectOf = (record: { projectId: string }) => record.projectId;

function groupFigures(facts: readonly ProjectFacts[], months: number): GroupFigures {
  const figures = groupProgress(
    facts.map((f) => ({ planned: f.project.annualPlannedInvestment, completed: f.completed })),
    months,
  );
  return {
    projects: facts.length,
    planned: figures.planned,
    completed: figures.completed,
    completionPct: figures.completionPct,
    timeProportionalPct: figures.timeProportionalPct,
    aheadPoints: figures.aheadPoints,
    projectsAhead: facts.filter((f) => f.aheadPoints !== null && f.aheadPoints >= 0).length,
    projectsBehind: facts.filter((f) => f.aheadPoints !== null && f.aheadPoints < 0).length,
  };
}

function problemFigures(facts: readonly ProjectFacts[]): ProblemFigures {
  const collected = facts.reduce((s, f) => s + f.problemsCollected, 0);
  const resolved = facts.reduce((s, f) => s + f.problemsResolved, 0);
  return {
    collected,
    resolved,
    closed: facts.reduce((s, f) => s + f.problemsClosed, 0),
    open: collected - resolved,
    overdue: facts.reduce((s, f) => s + f.problemsOverdue, 0),
    projects: facts.filter((f) => f.problemsCollected > 0).length,
  };
}

function sponsorRow(name: string, own: readonly ProjectFacts[], months: number): SponsorRow {
  return {
    name,
    investment: groupFigures(own, months),
    problems: problemFigures(own),
    sponsorActions: own.reduce((s, f) => s + f.actions, 0),
    statisticsEnrolled: own.filter((f) => f.enrolled).length,
    productionStarted: own.filter((f) => f.started).length,
  };
}

function sponsorRows(facts: readonly ProjectFacts[], key: (p: Project) => string, months: number): SponsorRow[] {
  return [...groupBy(facts, (f) => key(f.project))].sort(([a], [b]) => a.localeCompare(b, 'zh-CN')).map(([name, own]) => sponsorRow(name, own, months));
}

/** Whether a milestone of `kind` was reached by `day`: its latest report (by recording time, then id) says so. */
function reached(milestones: readonly Milestone[], reportsByMilestone: Map<string, MilestoneReport[]>, kind: Milestone['kind'], day: string): boolean {
  return milestones.some((m) => {
    if (m.kind !== kind) return false;
    const latest = latestEntry(reportsByMilestone.get(m.id) ?? []);
    return latest !== undefined && latest.reachedOn <= day;
  });
}

export function computeDistrictSummary(input: SummaryInput): DistrictSummary {
  const year = Number(input.asOfMonth.slice(0, 4));
  const months = elapsedMonths(year, input.asOfMonth);
  // "Known by the reference day" is the local calendar day of each moment in the district's zone, not the
  // UTC day nor the process's: in Beijing a step at 07:30 on 1 December is 23:30 UTC on 30 November.
  // Read as one instant (the end of the reference day there): a local day for every moment was most of the summary's time at district scale.
  const dayEnd = Date.parse(localDayEnd(input.referenceDay, input.timeZone));
  const knownBy = (moment: string) => Date.parse(moment) < dayEnd;
  const projects = input.projects.filter((p) => p.planYear === year && p.archivedAt === null);
  const ids = new Set(projects.map((p) => p.id));

  /** The records of the counted projects that `keep` keeps, by project. */
  const byProject = <T extends { projectId: string }>(records: readonly T[], keep: (r: T) => boolean = () => true) =>
    groupBy(
      records.filter((r) => ids.has(r.projectId) && keep(r)),
      projectOf,
    );
  const entries = byProject(input.investment);
  const events = groupBy(
    input.problemEvents.filter((e) => knownBy(e.at)),
    (e) => e.problemId,
  );
  const problems = byProject(input.problems, (p) => p.raisedOn <= input.referenceDay);
  const visits = byProject(input.visits, (v) => v.visitedOn.startsWith(`${year}-`) && v.visitedOn <= input.referenceDay);
  const milestones = byProject(input.milestones);
  // A report recorded after the reference day (a later correction, say) is not yet known on that day.
  const reports = groupBy(
    input.milestoneReports.filter((r) => knownBy(r.recordedAt)),
    (r) => r.milestoneId,
  );

  const facts: ProjectFacts[] = projects.map((project) => {
    // The bureau's own figure and the officer's entries by the one shared rule: neither counted twice.
    const { completed, aheadPoints } = projectProgress(project, entries.get(project.id) ?? [], input.asOfMonth);
    const own = (problems.get(project.id) ?? []).map((p) => ({ ...p, status: deriveProblemState(p.responsibleDepartment, events.get(p.id) ?? []).status }));
    const ms = milestones.get(project.id) ?? [];
    return {
      project,
      completed,
      aheadPoints,
      problemsCollected: own.length,
      problemsResolved: own.filter((p) => p.status === 'resolved' || p.status === 'closed').length,
      problemsClosed: own.filter((p) => p.status === 'closed').length,
      problemsOverdue: own.filter((p) => isProblemOverdue(p.dueOn, p.status, input.referenceDay)).length,
      actions: visits.get(project.id)?.length ?? 0,
      enrolled: reached(ms, reports, 'statistics_enrolment', input.referenceDay),
      started: reached(ms, reports, 'production_start', input.referenceDay),
    };
  });

  const byLevel = (levels: readonly ProjectLevel[]) => facts.filter((f) => levels.includes(f.project.level));
  const allVisits = [...visits.values()].flat();
  const countKind = (kind: Visit['kind']) => allVisits.filter((v) => v.kind === kind).length;
  const groups: DistrictSummary['groups'] = {
    all: sponsorRow('全部重点项目', facts, months),
    provincialAndMunicipal: sponsorRow('省市重点项目', byLevel(['provincial', 'municipal']), months),
    district: sponsorRow('区重点项目', byLevel(['district']), months),
    provincial: sponsorRow('省级重点项目', byLevel(['provincial']), months),
    municipal: sponsorRow('市级重点项目', byLevel(['municipal']), months),
  };

  return {
    year,
    asOfMonth: input.asOfMonth,
    referenceDay: input.referenceDay,
    timeZone: input.timeZone,
    elapsedMonths: months,
    timeProportionalPct: progressFigures(0, 1, months).timeProportionalPct,
    projectsByLevel: {
      total: facts.length,
      provincial: byLevel(['provincial']).length,
      municipal: byLevel(['municipal']).length,
      district: byLevel(['district']).length,
    },
    // The investment figures of each group are its row's (the ledger's 汇总 sheet prints the rows).
    investment: Object.fromEntries(Object.entries(groups).map(([key, row]) => [key, row.investment])) as DistrictSummary['investment'],
    groups,
    problems: problemFigures(facts),
    sponsorActions: {
      total: allVisits.length,
      siteVisits: countKind('site_visit'),
      meetings: countKind('meeting'),
      calls: countKind('call'),
      coordination: countKind('coordination'),
      projects: visits.size,
    },
    statisticsEnrolled: facts.filter((f) => f.enrolled).length,
    productionStarted: facts.filter((f) => f.started).length,
    byUnit: sponsorRows(facts, (p) => p.sponsoringUnit, months),
    byLeader: sponsorRows(facts, (p) => p.sponsoringLeader, months),
  };
}
