import type { ProjectLevel } from '../domain/index.js';
import { roundTo } from '../rules/index.js';
import type { RankedSponsor } from './ranking.js';
import type { DistrictSummary, GroupFigures, SponsorActionFigures } from './summary.js';

/**
 * What both languages of the monthly bulletin (通报) share: the draft's shape, the caller's optional lights, and
 * how figures, counts and days are written. The sentences themselves are in bulletin-zh.ts and bulletin-en.ts.
 */

/** The bulletin's paragraphs, in order; a screen edits each paragraph's text before export. */
export type BulletinSection = 'headline' | 'sponsorship' | 'closedLoop' | 'ranking' | 'lights';

export interface BulletinParagraph {
  section: BulletinSection;
  text: string;
}

/** A project that shows a light, as the caller's traffic-light rules found it (the rule that set it, if given). */
export interface LitProject {
  name: string;
  sponsoringUnit: string;
  rule?: string;
}

/** The lights the caller computed (issue 14 point 3); the bulletin only words them, it sets none. */
export interface BulletinLights {
  red: readonly LitProject[];
  yellow: readonly LitProject[];
}

/**
 * One language's phrases: each words one sentence (or the title) from the summary; bulletin.ts decides which
 * sentences a paragraph has, so both languages always say the same things in the same order.
 */
export interface BulletinPhrases {
  /** What joins the sentences of a paragraph: nothing after "。", a space after ".". */
  join: string;
  title: (s: DistrictSummary) => string;
  noProjects: (year: number) => string;
  /** All projects: how many, of which levels, completion of the annual plan against the schedule. */
  overall: (s: DistrictSummary) => string;
  /** "其中": the provincial and municipal projects, then the district ones (only when both have projects). */
  byLevel: (s: DistrictSummary) => string;
  /** Leaders, units and projects sponsored one-to-one, and the tally of sponsor actions. */
  sponsors: (s: DistrictSummary, districtName: string | undefined) => string;
  /** The problems collected and how they are handled (the source's sentence), or that none were collected. */
  problems: (s: DistrictSummary) => string;
  noProblems: (s: DistrictSummary) => string;
  /** Resolved, closed, open and overdue problems. */
  resolution: (s: DistrictSummary) => string;
  actions: (a: SponsorActionFigures) => string;
  milestones: (s: DistrictSummary) => string;
  /** Projects at or ahead of the schedule and behind it. */
  projects: (all: GroupFigures) => string;
  /** The top sponsors of a kind and those behind the schedule. */
  sponsorRanks: (kind: 'unit' | 'leader', top: readonly RankedSponsor[], behind: readonly RankedSponsor[]) => string;
  noLights: (s: DistrictSummary) => string;
  lights: (s: DistrictSummary, lights: BulletinLights) => string;
}

/**
 * A percentage or points figure as the source prints it: to 0.1, without a trailing ".0" ("115.3%", "121%",
 * "29.3个百分点"; elsewhere in the source "增速15%" and "高于全市0.6个百分点" follow the same rule). The sign is
 * left to the words (超 / 落后, ahead / behind), so the magnitude is printed.
 */
export function figure(value: number): string {
  return String(roundTo(Math.abs(value), 1));
}

/**
 * A count of sponsor actions as the source words it: "累计开展帮包工作60余项" for a running tally, so a count of ten
 * or more that is not a whole ten is floored to tens and marked "about more than" (余 / over). Counts of things
 * (projects, problems, leaders, units) stay exact, as the source gives them (96个, 17个, 12名, 14个).
 */
export function tally(count: number): { base: number; more: boolean } {
  if (count < 10 || count % 10 === 0) return { base: count, more: false };
  return { base: Math.floor(count / 10) * 10, more: true };
}

/** The levels that have projects, in the source's order (省、市、区). */
export function levelsPresent(summary: DistrictSummary): ProjectLevel[] {
  return (['provincial', 'municipal', 'district'] as const).filter((level) => summary.projectsByLevel[level] > 0);
}

/** The reference day as parts, and whether it is its month's last day (the source writes 截至12月底). */
export function dayParts(day: string): { year: number; month: number; date: number; monthEnd: boolean } {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const monthEnd = new Date(Date.UTC(year, month, 0)).getUTCDate() === date;
  return { year, month, date, monthEnd };
}

/** How a sponsor's place moved since last month, for each language to word; null when there is nothing to say. */
export function movement(r: RankedSponsor): { kind: 'new' | 'same' | 'up' | 'down'; places: number } | null {
  if (r.isNew) return { kind: 'new', places: 0 };
  if (r.change === null) return null;
  return { kind: r.change === 0 ? 'same' : r.change > 0 ? 'up' : 'down', places: Math.abs(r.change) };
}
