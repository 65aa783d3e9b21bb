import type { RankedSponsor } from './ranking.js';
import type { DistrictSummary, GroupFigures } from './summary.js';
import { dayParts, figure, levelsPresent, movement, tally, type BulletinPhrases } from './bulletin-figures.js';

/**
 * The monthly bulletin in English, for the language switch: the same sentences and figures as bulletin-zh.ts in
 * the glossary's words (DOMAIN.md). Names of units, leaders and projects stay as recorded (Chinese).
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const monthRange = (months: number) => (months <= 1 ? 'January' : `January–${MONTHS[months - 1]}`);
const listed = (words: readonly string[]) => (words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`);

/** "by the end of December", "by 15 December", with the year when it is not the bulletin's. */
function byDay(s: DistrictSummary): string {
  const d = dayParts(s.referenceDay);
  const y = d.year === s.year ? '' : ` ${d.year}`;
  return d.monthEnd ? `by the end of ${MONTHS[d.month - 1]}${y}` : `by ${d.date} ${MONTHS[d.month - 1]}${y}`;
}

/** "By the end of December", to open a sentence. */
const ByDay = (s: DistrictSummary) => byDay(s).replace(/^b/, 'B');

function schedule(points: number): string {
  if (points === 0) return 'on schedule';
  return `${plural(Number(figure(points)), 'point')} ${points > 0 ? 'ahead of' : 'behind'} schedule`;
}

function progress(g: GroupFigures): string {
  if (g.completionPct === null || g.aheadPoints === null) return `completed ${figure(g.completed)} wan yuan, with no annual plan yet`;
  return `completed ${figure(g.completionPct)}% of the annual planned investment, ${schedule(g.aheadPoints)}`;
}

const MOVED = {
  new: () => ', new this month',
  same: () => ', same place as last month',
  up: (n: number) => `, up ${n} since last month`,
  down: (n: number) => `, down ${n} since last month`,
};

/** "区经济发展局 (130.2%, up 2 since last month)". */
function named(r: RankedSponsor): string {
  const moved = movement(r);
  return `${r.name} (${figure(r.completionPct ?? 0)}%${moved === null ? '' : MOVED[moved.kind](moved.places)})`;
}

export const BULLETIN_EN: BulletinPhrases = {
  join: ' ',
  title: (s) => `Key project progress bulletin, ${monthRange(s.elapsedMonths)} ${s.year}`,
  noProjects: (year) => `In ${year} there are no key projects yet.`,
  overall: (s) =>
    `In ${s.year}, ${plural(s.projectsByLevel.total, 'key project')} at ${listed(levelsPresent(s))} level were planned and carried out; ` +
    `in ${monthRange(s.elapsedMonths)} they ${progress(s.investment.all)}.`,
  byLevel: (s) =>
    `Of these, the ${plural(s.investment.provincialAndMunicipal.projects, 'provincial and municipal key project')} ${progress(s.investment.provincialAndMunicipal)}; ` +
    `the district key projects ${progress(s.investment.district)}.`,
  sponsors: (s, districtName) => {
    const opening = districtName === undefined ? '' : `In factor guarantee, ${districtName} applied whole-life-cycle management to its key projects: `;
    const { base, more } = tally(s.sponsorActions.total);
    const done =
      s.sponsorActions.total === 0
        ? `no sponsor actions had been carried out ${byDay(s)}`
        : `${more ? 'over ' : ''}${plural(base, 'sponsor action')} had been carried out ${byDay(s)}`;
    return `${opening}${plural(s.byLeader.length, 'district leader')} and ${plural(s.byUnit.length, 'sponsoring unit')} sponsor the ${plural(s.projectsByLevel.total, 'key project')} one-to-one through their whole life cycle; ${done}.`;
  },
  problems: (s) =>
    'Through a district meeting on factor guarantee and a closed loop of collecting and resolving problems, ' +
    `${plural(s.problems.collected, 'problem')} from ${plural(s.problems.projects, 'project')} (policy difficulties, approval blockages and others) were dispatched one-to-one, ` +
    'coordinated at the top level by district leaders and resolved measure by measure by the factor guarantee departments, clearing the way for construction.',
  noProblems: (s) => `A closed loop of collecting and resolving problems is in place; no problems had been collected ${byDay(s)}.`,
  resolution: (s) => {
    const p = s.problems;
    const overdue = p.overdue > 0 ? `, ${p.overdue} of them overdue` : '';
    const rate = figure((p.resolved / p.collected) * 100);
    return `${ByDay(s)}, ${p.resolved} of the ${plural(p.collected, 'problem')} had been resolved (${rate}%; ${p.closed} verified and closed); ${p.open} still in progress${overdue}.`;
  },
  actions: (a) =>
    `Sponsor actions: ${plural(a.siteVisits, 'site visit')}, ${plural(a.meetings, 'meeting')}, ${plural(a.calls, 'call')}, ${plural(a.coordination, 'coordination session')}.`,
  milestones: (s) =>
    `${plural(s.statisticsEnrolled, 'project')} enrolled in statistics, ${plural(s.productionStarted, 'project')} completed and started production.`,
  projects: (all) => `By project, ${all.projectsAhead} are at or ahead of schedule and ${all.projectsBehind} behind.`,
  sponsorRanks: (kind, top, behind) => {
    const word = kind === 'unit' ? 'sponsoring unit' : 'sponsoring leader';
    const tail =
      behind.length === 0
        ? `every ${word} is at or ahead of schedule`
        : `${listed(behind.map((r) => `${r.name} (${figure(r.aheadPoints ?? 0)} points behind)`))} ${behind.length === 1 ? 'is' : 'are'} behind schedule and must speed up`;
    return `Among ${word}s, ${listed(top.map(named))} lead in completion of the annual plan; ${tail}.`;
  },
  noLights: (s) => `No project shows a red or yellow light ${byDay(s)}.`,
  lights: (s, l) => {
    const red =
      l.red.length === 0
        ? 'no project shows a red light'
        : `${plural(l.red.length, 'project')} show${l.red.length === 1 ? 's' : ''} a red light: ${listed(l.red.map((p) => (p.rule ? `${p.name} (${p.rule})` : p.name)))}, ` +
          `sponsored by ${listed([...new Set(l.red.map((p) => p.sponsoringUnit))])}`;
    return `${ByDay(s)}, ${red}; ${plural(l.yellow.length, 'project')} with a yellow light. The sponsoring units and leaders concerned are to put each right and close it off.`;
  },
};
