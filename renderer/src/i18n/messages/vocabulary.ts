import type { Lang } from '@shared/i18n/catalogue';
import {
  CHECKLIST_ACTION_WORDS,
  CHECKLIST_STATE_WORDS,
  LEVEL_WORDS,
  MILESTONE_KIND_WORDS,
  messageKeys,
  PROBLEM_ACTION_WORDS,
  PROBLEM_CATEGORY_WORDS,
  PROBLEM_STATUS_WORDS,
  STAGE_WORDS,
  VISIT_KIND_WORDS,
} from '@shared/i18n/vocabulary';

/**
 * The domain's words as the app's message keys, taken from the one vocabulary (shared/i18n/vocabulary.ts)
 * that the CLIs, the ledger workbooks and the printable report use too: the screens never spell them again.
 */
function labels(lang: Lang) {
  return {
    ...messageKeys('level', LEVEL_WORDS, lang),
    ...messageKeys('stage', STAGE_WORDS, lang),
    ...messageKeys('problem.status', PROBLEM_STATUS_WORDS, lang),
    ...messageKeys('problem.category', PROBLEM_CATEGORY_WORDS, lang),
    ...messageKeys('problem.action', PROBLEM_ACTION_WORDS, lang),
    ...messageKeys('visits.kind', VISIT_KIND_WORDS, lang),
    ...messageKeys('week.visitKind', VISIT_KIND_WORDS, lang),
    ...messageKeys('checklist.status', CHECKLIST_STATE_WORDS, lang),
    'checklist.action.closeOff': CHECKLIST_ACTION_WORDS.close_off[lang],
    'checklist.action.reopen': CHECKLIST_ACTION_WORDS.reopen[lang],
    'milestone.status.statistics_enrolment': MILESTONE_KIND_WORDS.statistics_enrolment[lang],
    'milestone.status.production_start': MILESTONE_KIND_WORDS.production_start[lang],
  };
}

export const vocabularyMessages = { zh: labels('zh'), en: labels('en') };
