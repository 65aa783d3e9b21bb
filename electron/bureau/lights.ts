import type { SummaryInput } from '@shared/bureau/summary.js';
import type { InvestmentEntry, Milestone } from '@shared/domain/index.js';
import {
  DEFAULT_TRAFFIC_LIGHT_THRESHOLDS,
  deriveProblemState,
  elapsedMonths,
  groupBy,
  latestEntry,
  localDayEnd,
  projectLights,
  projectProgress,
  LIGHT_DIMENSIONS,
  type DimensionLight,
  type LightDimension,
  type ProjectLights,
  type TrafficLightThresholds,
} from '@shared/rules/index.js';
import type { BureauLights } from '@shared/operations/bureau.js';
import type { BureauContext } from './context.js';
import { summaryInput, type SummaryOptions } from './summary.js';

/**
 * The traffic lights (红黄绿灯, issue 14) of the bureau's projects, by the one shared rule
 * (shared/rules/traffic-lights.ts) the officer's desk uses too. Computed set-wise: the milestones, their
 * reports and the problems with their events are read once for the whole district and grouped by project,
 * never a statement per project. Counted as the overview counts (shared/bureau/summary.ts): the projects of the
 * plan year not withdrawn, investment through the overview's month, and what was known by the end of the
 * reference day in the district's zone (a report or a step recorded later is not yet known on that day).
 */

/**
 * The thresholds the bureau lights projects by. One place: the defaults (银川 2025) until the bureau sets its
 * own and the assignment carries them; that step changes only where this reads them from.
 */
export function bureauLightThresholds(_ctx: BureauContext): TrafficLightThresholds {
  return DEFAULT_TRAFFIC_LIGHT_THRESHOLDS;
}

/** What the lights read: the summary's input without the visits (the lights do not count sponsor actions). */
export type LightsInput = Omit<SummaryInput, 'visits'>;

/** The lights' records for the whole district, read once (the overview's counts; the project table passes its summary input). */
export function lightsInput(ctx: BureauContext, options: SummaryOptions = {}): LightsInput {
  // The summary's own read, the visits (a district holds tens of thousands) left unread.
  const { visits: _, ...input } = summaryInput(ctx, options, { visits: [] });
  return input;
}

/** A milestone the master list withdrew is no longer in the plan: it is never late. */
const inForce = (m: Milestone) => (m as Milestone & { withdrawnAt?: string | null }).withdrawnAt == null;

/** Each counted project's lights, by project id. */
export function districtLights(input: LightsInput, thresholds: TrafficLightThresholds): Map<string, ProjectLights> {
  const year = Number(input.asOfMonth.slice(0, 4));
  const today = input.referenceDay;
  const dayEnd = Date.parse(localDayEnd(today, input.timeZone));
  // A moment in the canonical UTC form (what the desks record) compares as text, in time order; any other form is parsed.
  const dayEndText = new Date(dayEnd).toISOString();
  const knownBy = (moment: string) => (moment.length === 24 && moment.endsWith('Z') ? moment < dayEndText : Date.parse(moment) < dayEnd);
  const projects = input.projects.filter((p) => p.planYear === year && p.archivedAt === null);
  const ids = new Set(projects.map((p) => p.id));
  const counted = <T extends { projectId: string }>(records: readonly T[], keep: (r: T) => boolean) =>
    groupBy(
      records.filter((r) => ids.has(r.projectId) && keep(r)),
      (r) => r.projectId,
    );

  const entries = counted(input.investment, () => true);
  const milestones = counted(input.milestones, inForce);
  const reports = groupBy(
    input.milestoneReports.filter((r) => knownBy(r.recordedAt)),
    (r) => r.milestoneId,
  );
  // Only a problem past its due day can be overdue, whatever its state: the others cannot change a light, so
  // neither they nor their steps are derived (most of the district's problems; the summary derives them all).
  const problems = counted(input.problems, (p) => p.raisedOn <= today && p.dueOn !== null && p.dueOn < today);
  const pastDue = new Set([...problems.values()].flat().map((p) => p.id));
  const events = groupBy(
    input.problemEvents.filter((e) => pastDue.has(e.problemId) && knownBy(e.at)),
    (e) => e.problemId,
  );

  const lights = new Map<string, ProjectLights>();
  for (const project of projects) {
    const { completed, planned, elapsedMonths } = progressOf(project, entries.get(project.id) ?? [], input.asOfMonth);
    lights.set(
      project.id,
      projectLights(
        {
          today,
          stage: project.stage,
          completed,
          planned,
          elapsedMonths,
          // Only the fields the rule reads: a copy of every record was most of the lights' time at district scale.
          milestones: (milestones.get(project.id) ?? []).map(({ id, kind, title, plannedOn }) => ({
            id,
            kind,
            title,
            plannedOn,
            reachedOn: latestEntry(reports.get(id) ?? [])?.reachedOn ?? null,
          })),
          // The state the bureau's problem views and the summary derive (the same rule), from the steps known on the day.
          problems: (problems.get(project.id) ?? []).map((p) => ({
            id: p.id,
            dueOn: p.dueOn,
            status: deriveProblemState(p.responsibleDepartment, events.get(p.id) ?? []).status,
          })),
        },
        thresholds,
      ),
    );
  }
  return lights;
}

/** Completed and planned investment through the month, as the project table and the overview measure them (with the bureau's figure). */
function progressOf(project: LightsInput['projects'][number], entries: readonly InvestmentEntry[], asOfMonth: string) {
  const { completed } = projectProgress(project, entries, asOfMonth);
  return { completed, planned: project.annualPlannedInvestment, elapsedMonths: elapsedMonths(project.planYear, asOfMonth) };
}

/** The lights as a row carries them (shared/operations/bureau.ts BureauLights): nulls left out, the late item by its title. */
export function compactLights(lights: ProjectLights): BureauLights {
  const compact = ({ dimension: _, subject, ...rest }: DimensionLight) => {
    const kept = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== null));
    return (subject?.title === undefined ? kept : { ...kept, title: subject.title }) as BureauLights['dimensions'][LightDimension];
  };
  return {
    overall: lights.overall,
    dimensions: Object.fromEntries(LIGHT_DIMENSIONS.map((d) => [d, compact(lights.dimensions[d])])) as BureauLights['dimensions'],
  };
}
