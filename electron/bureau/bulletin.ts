import { draftBulletin, type BulletinDraft, type BulletinParagraph } from '@shared/bureau/bulletin.js';
import { previousMonthInput, rankSponsors, type SponsorRanking } from '@shared/bureau/ranking.js';
import { computeDistrictSummary, type DistrictSummary } from '@shared/bureau/summary.js';
import type { Language } from '@shared/domain/index.js';
import { AppError } from '@shared/errors.js';
import { BULLETIN_LIMITS } from '@shared/operations/bureau-bulletin.js';
import type { Lang } from '@shared/i18n/catalogue.js';
import type { BureauContext } from './context.js';
import { summaryInput, type SummaryOptions } from './summary.js';

/**
 * The monthly bulletin (通报) and the ranking on the bureau database: the month's district summary and last
 * month's (read as last month's bulletin read it, shared/bureau/ranking.ts `previousMonthInput`), the draft
 * `draftBulletin` makes of them, and the clerk's edited paragraphs checked before anything is printed or written.
 */

const { paragraphs: MAX_PARAGRAPHS, paragraphChars: MAX_PARAGRAPH_CHARS } = BULLETIN_LIMITS;
/** Control characters (other than tab and line breaks) are not text a clerk types: a pasted binary, a NUL that ends a string in C. */
const NOT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export interface BulletinSources {
  summary: DistrictSummary;
  /** Last month's summary; null in January (December belongs to another plan year). */
  previous: DistrictSummary | null;
  ranking: SponsorRanking;
}

export const bulletinLang = (language: Language | undefined): Lang => (language === 'en' ? 'en' : 'zh');

/** The month's summary, last month's and the ranking; a month not yet begun on the reference day has no figures and is refused. */
export function bulletinSources(ctx: BureauContext, dates: SummaryOptions): BulletinSources {
  const input = summaryInput(ctx, dates);
  if (input.asOfMonth > input.referenceDay.slice(0, 7)) {
    throw new AppError('invalid_input', `${input.asOfMonth} has not begun on ${input.referenceDay}: no figures for it yet`, {
      what: 'bulletin_month',
      month: input.asOfMonth,
    });
  }
  const summary = computeDistrictSummary(input);
  const previousInput = previousMonthInput(input);
  const previous = previousInput === null ? null : computeDistrictSummary(previousInput);
  return { summary, previous, ranking: rankSponsors(summary, previous ?? undefined) };
}

export function bulletinDraftOf(sources: BulletinSources, language: Language | undefined): BulletinDraft {
  return draftBulletin(sources.summary, { language: bulletinLang(language), ...(sources.previous ? { previous: sources.previous } : {}) });
}

/** The draft for the month asked, in the language asked. */
export function bulletinDraft(ctx: BureauContext, request: SummaryOptions & { language?: Language }): BulletinDraft {
  return bulletinDraftOf(bulletinSources(ctx, request), request.language);
}

function refuse(reason: string, message: string, params: Record<string, string | number> = {}): never {
  throw new AppError('invalid_input', message, { what: `bulletin_${reason}`, ...params });
}

/**
 * The paragraphs to print: the clerk's edits checked (a known section once each, bounded, text only), paragraphs
 * left empty dropped; the draft's own when none were sent. Refuses rather than trims: a bulletin cut short
 * without the clerk knowing is worse than being told to shorten it.
 */
export function editedParagraphs(draft: BulletinDraft, edited: readonly BulletinParagraph[] | undefined): BulletinParagraph[] {
  if (edited === undefined) return draft.paragraphs;
  if (edited.length > MAX_PARAGRAPHS) refuse('paragraphs', `at most ${MAX_PARAGRAPHS} paragraphs, not ${edited.length}`, { max: MAX_PARAGRAPHS });
  const seen = new Set<string>();
  for (const [i, p] of edited.entries()) {
    if (seen.has(p.section)) refuse('paragraphs', `the section ${p.section} appears twice`, { max: MAX_PARAGRAPHS });
    seen.add(p.section);
    if (p.text.length > MAX_PARAGRAPH_CHARS) {
      refuse('too_long', `paragraph ${i + 1} has ${p.text.length} characters; at most ${MAX_PARAGRAPH_CHARS}`, {
        paragraph: i + 1,
        length: p.text.length,
        max: MAX_PARAGRAPH_CHARS,
      });
    }
    if (NOT_TEXT.test(p.text)) refuse('not_text', `paragraph ${i + 1} holds control characters, not text`, { paragraph: i + 1 });
  }
  const kept = edited.map((p) => ({ section: p.section, text: p.text.trim() })).filter((p) => p.text !== '');
  if (kept.length === 0) refuse('empty', 'every paragraph is empty: nothing to print');
  return kept;
}
