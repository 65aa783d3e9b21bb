import type { Language } from '@shared/domain';
import type { OperationOutput } from '@shared/operations';

/**
 * The clerk's edits of a month's bulletin, kept in the reports slice by as-of month so that nothing typed is lost
 * when the screen re-renders, the language is switched or the figures reload. An edit remembers the draft it was
 * made on (`base`): when new packets are folded and the draft of that month reads differently, the screen says
 * so rather than silently keeping old figures or silently dropping the clerk's words.
 */

export type BulletinDraft = OperationOutput<'bureau.bulletin.draft'>;
export type BulletinParagraph = BulletinDraft['paragraphs'][number];

export interface BulletinEdit {
  /** The draft's language the clerk edited: the bulletin is printed in it, whatever the screen's language. */
  language: BulletinDraft['language'];
  /** The draft's paragraphs when the editing began. */
  base: BulletinParagraph[];
  paragraphs: BulletinParagraph[];
}

export type BulletinEdits = Record<string, BulletinEdit>;

const sameTexts = (a: readonly BulletinParagraph[], b: readonly BulletinParagraph[]) =>
  a.length === b.length && a.every((p, i) => p.section === b[i]!.section && p.text === b[i]!.text);

/** The desk's language (zh-CN, en) of a draft's language (zh, en): what a draft or an export is asked in. */
export const deskLanguage = (language: BulletinDraft['language']): Language => (language === 'en' ? 'en' : 'zh-CN');

/** The language the month's draft is asked in: the edits' own when there are any, else the screen's. */
export function draftLanguage(edits: BulletinEdits, month: string | undefined, screen: Language): Language {
  const edit = month === undefined ? undefined : edits[month];
  return edit ? deskLanguage(edit.language) : screen;
}

/** The edits with paragraph `index` of the draft's month changed; the month's edit dropped when it reads as the draft again. */
export function withEdit(edits: BulletinEdits, draft: BulletinDraft, index: number, text: string): BulletinEdits {
  const month = draft.asOfMonth;
  const edit = edits[month] ?? { language: draft.language, base: draft.paragraphs, paragraphs: draft.paragraphs };
  const paragraphs = edit.paragraphs.map((p, i) => (i === index ? { ...p, text } : p));
  const { [month]: _dropped, ...others } = edits;
  return sameTexts(paragraphs, edit.base) ? others : { ...others, [month]: { ...edit, paragraphs } };
}

export function withoutEdit(edits: BulletinEdits, month: string): BulletinEdits {
  const { [month]: _dropped, ...others } = edits;
  return others;
}

/** What the card shows for the draft's month: the paragraphs, whether they are edited, and whether the draft changed since. */
export function bulletinShown(edits: BulletinEdits, draft: BulletinDraft) {
  const edit = edits[draft.asOfMonth];
  if (!edit) return { paragraphs: draft.paragraphs, edited: false, stale: false, language: draft.language };
  // Compared only in the same language: a draft in the other language always reads differently.
  const stale = edit.language === draft.language && !sameTexts(edit.base, draft.paragraphs);
  return { paragraphs: edit.paragraphs, edited: true, stale, language: edit.language };
}
