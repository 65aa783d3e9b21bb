import type * as domain from '../domain/index.js';
import type { LightDimension, TrafficLight } from '../rules/traffic-light-thresholds.js';
import type { Lang } from './catalogue.js';

/**
 * The one word for each domain concept, in Chinese and English: what the app shows, what both CLIs print,
 * what the ledger workbooks and the printable report write, and what the master list accepts first.
 * Words come from DOMAIN.md's glossary (the domain brief) where it has one (走访, 销号, 办结, 帮包责任人 …), else from
 * what the app showed (协调中, 建设实施, 重新打开, 任务文件, 工作包). To change a word, change it here:
 * tests/unit/vocabulary-surfaces.test.ts compares the app's labels with the files and the CLI.
 */
export type Words<K extends string> = Readonly<Record<K, { readonly zh: string; readonly en: string }>>;

export const LEVEL_WORDS: Words<domain.ProjectLevel> = {
  provincial: { zh: '省级', en: 'Provincial' },
  municipal: { zh: '市级', en: 'Municipal' },
  district: { zh: '区级', en: 'District' },
};

export const STAGE_WORDS: Words<domain.LifeCycleStage> = {
  preliminary_approval: { zh: '前期审批', en: 'Preliminary approvals' },
  factor_guarantee: { zh: '要素保障', en: 'Factor guarantee' },
  construction: { zh: '建设实施', en: 'Construction' },
  statistics_enrolment: { zh: '入库纳统', en: 'Statistics enrolment' },
  production_start: { zh: '竣工投产', en: 'Production start' },
  design_output: { zh: '达产达效', en: 'Design output' },
};

/** The milestones the bureau counts by their title; any other title is `other`. */
export const MILESTONE_KIND_WORDS: Words<Exclude<domain.MilestoneKind, 'other'>> = {
  construction_start: { zh: '开工建设', en: 'Construction start' },
  statistics_enrolment: { zh: '入库纳统', en: 'Statistics enrolment' },
  production_start: { zh: '竣工投产', en: 'Production start' },
  design_output: { zh: '达产达效', en: 'Design output' },
};

export const PROBLEM_STATUS_WORDS: Words<domain.ProblemStatus> = {
  raised: { zh: '已收集', en: 'Raised' },
  dispatched: { zh: '已交办', en: 'Dispatched' },
  in_progress: { zh: '协调中', en: 'In progress' },
  resolved: { zh: '已化解', en: 'Resolved' },
  closed: { zh: '已办结', en: 'Closed' },
};

export const PROBLEM_ACTION_WORDS: Words<domain.ProblemAction> = {
  dispatch: { zh: '交办', en: 'Dispatch' },
  coordinate: { zh: '协调推进', en: 'Coordinate' },
  resolve: { zh: '化解', en: 'Resolve' },
  verify_close: { zh: '核实办结', en: 'Verify and close' },
  reopen: { zh: '重新打开', en: 'Reopen' },
  note: { zh: '备注', en: 'Add note' },
};

export const PROBLEM_CATEGORY_WORDS: Words<domain.ProblemCategory> = {
  policy: { zh: '政策难点', en: 'Policy' },
  approval: { zh: '审批堵点', en: 'Approval' },
  land: { zh: '土地', en: 'Land' },
  capital: { zh: '资金', en: 'Capital' },
  energy_quota: { zh: '能耗指标', en: 'Energy quota' },
  power_water: { zh: '水电', en: 'Power / water' },
  labour: { zh: '用工', en: 'Labour' },
  other: { zh: '其他', en: 'Other' },
};

export const VISIT_KIND_WORDS: Words<domain.VisitKind> = {
  site_visit: { zh: '走访', en: 'Site visit' },
  meeting: { zh: '会议', en: 'Meeting' },
  call: { zh: '电话', en: 'Call' },
  coordination: { zh: '协调会', en: 'Coordination session' },
};

export const CHECKLIST_ACTION_WORDS: Words<domain.ChecklistEvent['action']> = {
  close_off: { zh: '销号', en: 'Close off' },
  reopen: { zh: '重新打开', en: 'Reopen' },
};

/** A checklist item's state as a list shows it (overdue carries a count of days, so it stays with its screen). */
export const CHECKLIST_STATE_WORDS: Words<'closed' | 'open' | 'withdrawn'> = {
  closed: { zh: '已销号', en: 'Closed off' },
  open: { zh: '未销号', en: 'Open' },
  withdrawn: { zh: '局里已撤销', en: 'Withdrawn by the bureau' },
};

/** Who recorded a record: the ledgers' 提出方 and 来源 columns. */
export const ORIGIN_WORDS: Words<domain.Origin> = { bureau: { zh: '经发局', en: 'bureau' }, officer: { zh: '帮包责任人', en: 'sponsor officer' } };

/** The two files of the exchange (docs/packets.md), on the screen and in the CLIs alike. */
export const FILE_WORDS: Words<'assignment' | 'weekly'> = {
  assignment: { zh: '任务文件', en: 'assignment file' },
  weekly: { zh: '工作包', en: 'weekly packet' },
};

/** A traffic light (红黄绿灯), and `none` for a dimension that cannot be lit (no plan, not started). */
export const LIGHT_WORDS: Words<TrafficLight | 'none'> = {
  red: { zh: '红灯', en: 'Red' },
  yellow: { zh: '黄灯', en: 'Yellow' },
  green: { zh: '绿灯', en: 'Green' },
  none: { zh: '不评灯', en: 'Not rated' },
};

/** What a project is lit on; the start and enrolment are the milestones' own words. */
export const LIGHT_DIMENSION_WORDS: Words<LightDimension> = {
  investment: { zh: '投资进度', en: 'Investment progress' },
  start: MILESTONE_KIND_WORDS.construction_start,
  enrolment: MILESTONE_KIND_WORDS.statistics_enrolment,
  problems: { zh: '逾期问题', en: 'Overdue problems' },
  milestones: { zh: '逾期里程碑', en: 'Late milestones' },
};

/** Every concept's words by name, for the tests and for surfaces that list them all. */
export const VOCABULARY = {
  level: LEVEL_WORDS,
  stage: STAGE_WORDS,
  milestoneKind: MILESTONE_KIND_WORDS,
  problemStatus: PROBLEM_STATUS_WORDS,
  problemAction: PROBLEM_ACTION_WORDS,
  problemCategory: PROBLEM_CATEGORY_WORDS,
  visitKind: VISIT_KIND_WORDS,
  checklistAction: CHECKLIST_ACTION_WORDS,
  checklistState: CHECKLIST_STATE_WORDS,
  origin: ORIGIN_WORDS,
  file: FILE_WORDS,
  light: LIGHT_WORDS,
  lightDimension: LIGHT_DIMENSION_WORDS,
} as const;

/** One language's words of a concept: `wordsIn('zh', STAGE_WORDS).construction` is 建设实施. */
export function wordsIn<K extends string>(lang: Lang, words: Words<K>): Record<K, string> {
  return Object.fromEntries(Object.entries<{ zh: string; en: string }>(words).map(([k, w]) => [k, w[lang]])) as Record<K, string>;
}

/** The Chinese words, for the surfaces that are always Chinese (the ledger workbooks, the printable report). */
export const LEVEL_ZH = wordsIn('zh', LEVEL_WORDS);
export const STAGE_ZH = wordsIn('zh', STAGE_WORDS);
export const MILESTONE_KIND_ZH = wordsIn('zh', MILESTONE_KIND_WORDS);
export const PROBLEM_STATUS_ZH = wordsIn('zh', PROBLEM_STATUS_WORDS);
export const PROBLEM_ACTION_ZH = wordsIn('zh', PROBLEM_ACTION_WORDS);
export const PROBLEM_CATEGORY_ZH = wordsIn('zh', PROBLEM_CATEGORY_WORDS);
export const VISIT_KIND_ZH = wordsIn('zh', VISIT_KIND_WORDS);
export const CHECKLIST_ACTION_ZH = wordsIn('zh', CHECKLIST_ACTION_WORDS);
export const ORIGIN_ZH = wordsIn('zh', ORIGIN_WORDS);

/**
 * A concept's words as message keys, `prefix.code` (the app's catalogue takes its labels from here):
 * `messageKeys('stage', STAGE_WORDS, 'zh')['stage.construction']` is 建设实施.
 */
export function messageKeys<P extends string, K extends string>(prefix: P, words: Words<K>, lang: Lang): Record<`${P}.${K}`, string> {
  return Object.fromEntries(Object.entries<{ zh: string; en: string }>(words).map(([k, w]) => [`${prefix}.${k}`, w[lang]])) as Record<`${P}.${K}`, string>;
}
