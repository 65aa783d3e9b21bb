import type { Lang } from '../i18n/catalogue.js';
import { BULLETIN_EN } from './bulletin-en.js';
import type { BulletinLights, BulletinParagraph, BulletinPhrases } from './bulletin-figures.js';
import { BULLETIN_ZH } from './bulletin-zh.js';
import { rankSponsors, type SponsorRanking } from './ranking.js';
import type { DistrictSummary } from './summary.js';

export type { BulletinLights, BulletinParagraph, BulletinSection, LitProject } from './bulletin-figures.js';

/**
 * The drafted monthly bulletin (通报), generated from the district summary in the source's official phrasing
 * (seed/press-release-zh.txt): plain data, a title and paragraphs of text, so a screen can edit any paragraph
 * before the bulletin is printed or exported. Pure; docs/bureau.md "Ranking and the monthly bulletin".
 */

export interface BulletinDraft {
  language: Lang;
  year: number;
  asOfMonth: string;
  referenceDay: string;
  title: string;
  paragraphs: BulletinParagraph[];
}

export interface BulletinOptions {
  /** Chinese (the default) or English (the language switch). */
  language?: Lang;
  /** The district's short name as its bulletins call it (高新区): opens the sponsorship paragraph as the source does. */
  districtName?: string;
  /** Last month's summary, for each unit's and leader's change of rank; without it the ranking shows no changes. */
  previous?: DistrictSummary;
  /** How many units and leaders the ranking paragraph names at the top (default 3). */
  top?: number;
  /** The traffic lights the caller computed; without them the bulletin has no lights paragraph. */
  lights?: BulletinLights;
}

const PHRASES: Record<Lang, BulletinPhrases> = { zh: BULLETIN_ZH, en: BULLETIN_EN };

/** The sentences that apply, joined as the language joins them. */
const paragraph = (words: BulletinPhrases, sentences: readonly (string | false)[]) => sentences.filter((t) => t !== false).join(words.join);

/** The ranking paragraph: projects ahead and behind, then the top units and leaders and those behind the schedule. */
function rankingText(words: BulletinPhrases, summary: DistrictSummary, ranking: SponsorRanking, top: number): string {
  const all = summary.investment.all;
  const kinds = (['unit', 'leader'] as const).map((kind) => {
    const ranked = (kind === 'unit' ? ranking.units : ranking.leaders).filter((r) => r.rank !== null);
    const behind = ranked.filter((r) => r.aheadPoints !== null && r.aheadPoints < 0);
    return ranked.length > 0 && words.sponsorRanks(kind, ranked.slice(0, top), behind);
  });
  return paragraph(words, [all.projectsAhead + all.projectsBehind > 0 && words.projects(all), ...kinds]);
}

function lightsText(words: BulletinPhrases, summary: DistrictSummary, lights: BulletinLights): string {
  return lights.red.length === 0 && lights.yellow.length === 0 ? words.noLights(summary) : words.lights(summary, lights);
}

export function draftBulletin(summary: DistrictSummary, options: BulletinOptions = {}): BulletinDraft {
  const language = options.language ?? 'zh';
  const words = PHRASES[language];
  const s = summary;
  const draft = { language, year: s.year, asOfMonth: s.asOfMonth, referenceDay: s.referenceDay, title: words.title(s) };
  // With no projects there is nothing to sponsor, rank or light: the headline says so and stands alone.
  if (s.projectsByLevel.total === 0) return { ...draft, paragraphs: [{ section: 'headline', text: words.noProjects(s.year) }] };
  const bothGroups = s.investment.provincialAndMunicipal.projects > 0 && s.investment.district.projects > 0;
  const collected = s.problems.collected > 0;
  const paragraphs: BulletinParagraph[] = [
    { section: 'headline', text: paragraph(words, [words.overall(s), bothGroups && words.byLevel(s)]) },
    { section: 'sponsorship', text: paragraph(words, [words.sponsors(s, options.districtName), collected ? words.problems(s) : words.noProblems(s)]) },
    {
      section: 'closedLoop',
      text: paragraph(words, [collected && words.resolution(s), s.sponsorActions.total > 0 && words.actions(s.sponsorActions), words.milestones(s)]),
    },
    { section: 'ranking', text: rankingText(words, s, rankSponsors(s, options.previous), Math.max(1, options.top ?? 3)) },
  ];
  if (options.lights !== undefined) paragraphs.push({ section: 'lights', text: lightsText(words, s, options.lights) });
  return { ...draft, paragraphs };
}

/** The draft as one text: the title, then each paragraph on its own line (as edited, if a screen edited them). */
export function bulletinText(draft: Pick<BulletinDraft, 'title' | 'paragraphs'>): string {
  return [draft.title, ...draft.paragraphs.map((p) => p.text)].join('\n\n');
}
