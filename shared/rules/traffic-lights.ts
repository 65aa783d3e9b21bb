import { LIFE_CYCLE_STAGES, type LifeCycleStage, type Milestone } from '../domain/project.js';
import type { Problem, ProblemStatus } from '../domain/problem.js';
import { isProblemOverdue } from './problem-state.js';
import { aheadOfSchedulePoints, completionPercent } from './progress.js';
import { daysBetween } from './schedule.js';
import {
  DEFAULT_TRAFFIC_LIGHT_THRESHOLDS,
  LIGHT_DIMENSIONS,
  TRAFFIC_LIGHTS,
  type LateThresholds,
  type LightDimension,
  type TrafficLight,
  type TrafficLightThresholds,
} from './traffic-light-thresholds.js';

// The thresholds and the sentences belong with the rule: shared/rules/index.ts exports the three through this file.
export * from './traffic-light-thresholds.js';
export * from './traffic-light-text.js';

/**
 * A project's traffic lights (红黄绿灯): one per dimension, each with the rule that set it, and the overall
 * light, the worst of them. One rule for both desks: it takes what the officer's home list and the bureau's
 * project table already hold (completed and planned investment through the reported month, the milestones
 * with the day each was reached, the problems with their due day and status) and the day judged, which is a
 * calendar day in the district's zone (local-time.ts `todayIn`, or the bureau's reference day).
 */
export interface TrafficLightFacts {
  /** The day judged, `YYYY-MM-DD` in the district's zone. */
  today: string;
  stage: LifeCycleStage;
  /** Cumulative completed investment through the reported month (with the bureau's figure, bureau-figure.ts) and the annual plan, in 万元. */
  completed: number;
  planned: number;
  /** Months of the plan year the completed figure covers (schedule.ts `elapsedMonths`). */
  elapsedMonths: number;
  /** Each milestone with the day its latest report says it was reached, null when not reported. */
  milestones: readonly (Pick<Milestone, 'id' | 'kind' | 'title' | 'plannedOn'> & { reachedOn: string | null })[];
  problems: readonly (Pick<Problem, 'id' | 'dueOn'> & { status: ProblemStatus })[];
}

/** Why a dimension shows its light. `none`: the dimension cannot be lit (no plan, no start milestone, not started). */
export type LightRule =
  | 'no_plan'
  | 'ahead'
  | 'behind'
  | 'no_milestone'
  | 'started'
  | 'by_stage'
  | 'not_due'
  | 'late'
  | 'not_started'
  | 'enrolled'
  | 'waiting'
  | 'none_overdue'
  | 'overdue'
  | 'none_late';

/**
 * One dimension's light and the rule that set it, machine-readable so a screen can say it
 * (traffic-light-text.ts: "红灯：落后序时进度 34.2 个百分点（超过 30）").
 */
export interface DimensionLight {
  dimension: LightDimension;
  light: TrafficLight | 'none';
  rule: LightRule;
  /**
   * What was measured: points behind the schedule (`behind`) or ahead of it (`ahead`), to 0.1; days late
   * (`late`, `overdue`); days since the start (`waiting`); null when nothing was measured.
   */
  figure: number | null;
  /** The threshold the figure reached (yellow or red) or stayed under (green): points, or months for the late kinds. */
  threshold: number | null;
  /** The day the rule names: planned start, actual start, enrolment, or the due day of the latest item. */
  date?: string | null;
  stage?: LifeCycleStage;
  /** How many problems or milestones are late, and the one late longest. */
  count?: number;
  subject?: { id: string; title?: string };
}

export interface ProjectLights {
  /** The worst light of any dimension (a dimension that is not rated never counts). */
  overall: TrafficLight;
  /** The dimensions that show the overall light, in LIGHT_DIMENSIONS order. */
  setBy: LightDimension[];
  dimensions: Record<LightDimension, DimensionLight>;
}

const severity = (light: TrafficLight) => TRAFFIC_LIGHTS.indexOf(light);
const worst = (lights: readonly TrafficLight[]) => lights.reduce<TrafficLight>((a, b) => (severity(b) > severity(a) ? b : a), 'green');
const pastStage = (stage: LifeCycleStage, than: LifeCycleStage) => LIFE_CYCLE_STAGES.indexOf(stage) > LIFE_CYCLE_STAGES.indexOf(than);

/** `day` moved `months` calendar months on; a day the month lacks becomes its last (31 Jan + 1 month = 28 or 29 Feb). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The light of something counted from `from` (a planned day, a due day, the start): green up to and on that
 * day, then yellow from the day `yellowMonths` months after it, red from the day `redMonths` months after it.
 */
export function lateLight(from: string, today: string, t: LateThresholds): TrafficLight {
  if (today <= from) return 'green';
  if (today >= addMonths(from, t.redMonths)) return 'red';
  return today >= addMonths(from, t.yellowMonths) ? 'yellow' : 'green';
}

/** The threshold a late light reached, or the one it has not reached yet. */
const lateThreshold = (light: TrafficLight, t: LateThresholds) => (light === 'red' ? t.redMonths : t.yellowMonths);

/**
 * Investment against the time-proportional schedule. The gap is computed from the unrounded completion and
 * then rounded to 0.1 (DOMAIN.md "Arithmetic"), and the thresholds are compared with that printed figure, so
 * the sentence never contradicts its light: yellow from `yellowBehind` points behind, red above `redBehind`.
 */
export function investmentLight(
  facts: Pick<TrafficLightFacts, 'completed' | 'planned' | 'elapsedMonths'>,
  t = DEFAULT_TRAFFIC_LIGHT_THRESHOLDS.investment,
): DimensionLight {
  const pct = completionPercent(facts.completed, facts.planned);
  if (pct === null) return { dimension: 'investment', light: 'none', rule: 'no_plan', figure: null, threshold: null };
  const ahead = aheadOfSchedulePoints(pct, facts.elapsedMonths);
  if (ahead >= 0) return { dimension: 'investment', light: 'green', rule: 'ahead', figure: ahead, threshold: null };
  const behind = -ahead;
  const light: TrafficLight = behind > t.redBehind ? 'red' : behind >= t.yellowBehind ? 'yellow' : 'green';
  return { dimension: 'investment', light, rule: 'behind', figure: behind, threshold: light === 'red' ? t.redBehind : t.yellowBehind };
}

/** Construction start against its milestone's planned day. */
export function startLight(facts: Pick<TrafficLightFacts, 'today' | 'stage' | 'milestones'>, t = DEFAULT_TRAFFIC_LIGHT_THRESHOLDS.start): DimensionLight {
  const own = facts.milestones.filter((m) => m.kind === 'construction_start');
  const started = startDay(facts);
  if (started !== null) return { dimension: 'start', light: 'green', rule: 'started', figure: null, threshold: null, date: started };
  if (pastStage(facts.stage, 'construction'))
    return { dimension: 'start', light: 'green', rule: 'by_stage', figure: null, threshold: null, stage: facts.stage };
  if (own.length === 0) return { dimension: 'start', light: 'none', rule: 'no_milestone', figure: null, threshold: null };
  const planned = own.map((m) => m.plannedOn).sort()[0]!;
  if (facts.today <= planned) return { dimension: 'start', light: 'green', rule: 'not_due', figure: null, threshold: null, date: planned };
  const light = lateLight(planned, facts.today, t);
  return { dimension: 'start', light, rule: 'late', figure: daysBetween(planned, facts.today), threshold: lateThreshold(light, t), date: planned };
}

/** The first day a construction start milestone was reached, by `today`; null when none was. */
function startDay(facts: Pick<TrafficLightFacts, 'today' | 'milestones'>): string | null {
  const days = facts.milestones.filter((m) => m.kind === 'construction_start' && m.reachedOn !== null && m.reachedOn <= facts.today).map((m) => m.reachedOn!);
  return days.sort()[0] ?? null;
}

/** Statistics enrolment after the start: the months since the start without enrolment. */
export function enrolmentLight(
  facts: Pick<TrafficLightFacts, 'today' | 'stage' | 'milestones'>,
  t = DEFAULT_TRAFFIC_LIGHT_THRESHOLDS.enrolment,
): DimensionLight {
  const enrolled = facts.milestones
    .filter((m) => m.kind === 'statistics_enrolment' && m.reachedOn !== null && m.reachedOn <= facts.today)
    .map((m) => m.reachedOn!)
    .sort()[0];
  if (enrolled !== undefined) return { dimension: 'enrolment', light: 'green', rule: 'enrolled', figure: null, threshold: null, date: enrolled };
  if (pastStage(facts.stage, 'statistics_enrolment')) {
    return { dimension: 'enrolment', light: 'green', rule: 'by_stage', figure: null, threshold: null, stage: facts.stage };
  }
  const started = startDay(facts);
  if (started === null) return { dimension: 'enrolment', light: 'none', rule: 'not_started', figure: null, threshold: null };
  const light = lateLight(started, facts.today, t);
  return { dimension: 'enrolment', light, rule: 'waiting', figure: daysBetween(started, facts.today), threshold: lateThreshold(light, t), date: started };
}

/** The light of late items (unsolved problems past their due day, milestones past their planned day): the one late longest sets it. */
function lateItemsLight(
  dimension: 'problems' | 'milestones',
  late: readonly { id: string; title?: string; from: string }[],
  today: string,
  t: LateThresholds,
): DimensionLight {
  if (late.length === 0)
    return { dimension, light: 'green', rule: dimension === 'problems' ? 'none_overdue' : 'none_late', figure: null, threshold: null, count: 0 };
  // The earliest due day is late longest, and its light is the worst: a later day is never further past its months.
  const first = [...late].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.id < b.id ? -1 : 1))[0]!;
  const light = lateLight(first.from, today, t);
  const subject = first.title === undefined ? { id: first.id } : { id: first.id, title: first.title };
  return {
    dimension,
    light,
    rule: dimension === 'problems' ? 'overdue' : 'late',
    figure: daysBetween(first.from, today),
    threshold: lateThreshold(light, t),
    date: first.from,
    count: late.length,
    subject,
  };
}

/** Problems still unsolved after their due day (due today is not overdue, as overdue.ts says). */
export function problemsLight(facts: Pick<TrafficLightFacts, 'today' | 'problems'>, t = DEFAULT_TRAFFIC_LIGHT_THRESHOLDS.problems): DimensionLight {
  const late = facts.problems.filter((p) => isProblemOverdue(p.dueOn, p.status, facts.today)).map((p) => ({ id: p.id, from: p.dueOn! }));
  return lateItemsLight('problems', late, facts.today, t);
}

/** Milestones not reached by their planned day; the construction start is lit on its own and not counted twice. */
export function milestonesLight(facts: Pick<TrafficLightFacts, 'today' | 'milestones'>, t = DEFAULT_TRAFFIC_LIGHT_THRESHOLDS.milestones): DimensionLight {
  const late = facts.milestones
    .filter((m) => m.kind !== 'construction_start' && facts.today > m.plannedOn && (m.reachedOn === null || m.reachedOn > facts.today))
    .map((m) => ({ id: m.id, title: m.title, from: m.plannedOn }));
  return lateItemsLight('milestones', late, facts.today, t);
}

/** Every light of a project and the overall one, under the bureau's thresholds (the defaults until it sets its own). */
export function projectLights(facts: TrafficLightFacts, thresholds: TrafficLightThresholds = DEFAULT_TRAFFIC_LIGHT_THRESHOLDS): ProjectLights {
  const dimensions: Record<LightDimension, DimensionLight> = {
    investment: investmentLight(facts, thresholds.investment),
    start: startLight(facts, thresholds.start),
    enrolment: enrolmentLight(facts, thresholds.enrolment),
    problems: problemsLight(facts, thresholds.problems),
    milestones: milestonesLight(facts, thresholds.milestones),
  };
  const lit = LIGHT_DIMENSIONS.filter((d) => dimensions[d].light !== 'none');
  const overall = worst(lit.map((d) => dimensions[d].light as TrafficLight));
  return { overall, setBy: lit.filter((d) => dimensions[d].light === overall), dimensions };
}
