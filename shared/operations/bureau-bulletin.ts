import { z } from 'zod';
import { Language } from '../domain/index.js';
import { defineOperations } from './define.js';

/**
 * The bureau desk's ranking and monthly bulletin (排名与月度通报, issue 14 point 4), on the reports screen: the
 * sponsors ranked for an as-of month with their change of rank since the month before (shared/bureau/ranking.ts),
 * the bulletin drafted from the district summary (shared/bureau/bulletin.ts), and the bulletin as the clerk
 * edited it, printed (`bureau.bulletin.document`) or written as an A4 page or a workbook (`bureau.bulletin.export`).
 * The edited paragraphs are plain text the desk checks itself (count, length, no control characters), so each
 * refusal has its own reason and message (electron/bureau/bulletin.ts).
 */

/**
 * The edited bulletin's bounds, checked by the desk and shown by the screen: at most this many paragraphs (the
 * draft has four or five) and characters in one. A bulletin is a page or two, not a file's worth of text.
 */
export const BULLETIN_LIMITS = { paragraphs: 10, paragraphChars: 2000 } as const;

const optionalText = z.string().optional();
const dates = { asOfMonth: optionalText, referenceDay: optionalText };
const figure = z.number().nullable();

export const BulletinSection = z.enum(['headline', 'sponsorship', 'closedLoop', 'ranking', 'lights']);
export const BulletinParagraph = z.object({ section: BulletinSection, text: z.string() });

export const RankedSponsor = z.object({
  name: z.string(),
  rank: z.number().int().nullable(),
  previousRank: z.number().int().nullable(),
  change: z.number().int().nullable(),
  isNew: z.boolean(),
  projects: z.number().int(),
  completionPct: figure,
  aheadPoints: figure,
  projectsBehind: z.number().int(),
});

export const SponsorRanking = z.object({
  asOfMonth: z.string(),
  previousAsOfMonth: z.string().nullable(),
  units: z.array(RankedSponsor),
  leaders: z.array(RankedSponsor),
});

export const BulletinDraft = z.object({
  language: z.enum(['zh', 'en']),
  year: z.number().int(),
  asOfMonth: z.string(),
  referenceDay: z.string(),
  title: z.string(),
  paragraphs: z.array(BulletinParagraph),
});

/** The bulletin as the clerk edited it: the draft's language and paragraphs (absent: the draft as drafted). */
const edited = { ...dates, language: Language.optional(), paragraphs: z.array(BulletinParagraph).optional() };

export const bureauBulletinOperations = defineOperations({
  /** Units and leaders ranked for the month, with the change of rank since the month before. */
  'bureau.ranking': { input: z.object(dates), output: SponsorRanking },
  /** The drafted bulletin for the month, in the language asked (Chinese by default). */
  'bureau.bulletin.draft': { input: z.object({ ...dates, language: Language.optional() }), output: BulletinDraft },
  /** The edited bulletin as the A4 page the export writes, for the window's print view. */
  'bureau.bulletin.document': {
    input: z.object(edited),
    output: z.object({ html: z.string(), fileName: z.string(), asOfMonth: z.string(), referenceDay: z.string() }),
  },
  /** Writes the edited bulletin as an A4 page (html) or a workbook (xlsx) into `folder` or the outbox; `out`, a path, from the command line only. */
  'bureau.bulletin.export': {
    input: z.object({ out: optionalText, folder: optionalText, format: z.enum(['html', 'xlsx']).optional(), ...edited }),
    output: z.object({ file: z.string(), bytes: z.number().int(), format: z.enum(['html', 'xlsx']), asOfMonth: z.string(), referenceDay: z.string() }),
    // A file in a folder, nothing a view shows.
    changes: [],
  },
});
