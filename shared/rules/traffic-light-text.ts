import { fill, type Lang } from '../i18n/catalogue.js';
import { LIGHT_WORDS, STAGE_WORDS } from '../i18n/vocabulary.js';
import type { DimensionLight } from './traffic-lights.js';

/**
 * The sentence that says why a dimension shows its light, in both languages: "红灯：落后序时进度 34.2 个百分点
 * （超过 30）". The rule's figures come from traffic-lights.ts; the words of the lights, stages and milestones
 * from the vocabulary. Keys are `dimension.rule`; `{limit}` is the threshold the figure reached or stayed under.
 */
export const LIGHT_REASON_TEXT = {
  'investment.no_plan': { zh: '没有年度计划投资，无法对照序时进度', en: 'no annual planned investment to measure against the schedule' },
  'investment.ahead': { zh: '超序时进度 {points} 个百分点', en: '{points} points ahead of schedule' },
  'investment.behind': { zh: '落后序时进度 {points} 个百分点{limit}', en: '{points} points behind schedule{limit}' },
  'start.no_milestone': { zh: '没有开工建设里程碑', en: 'no construction start milestone' },
  'start.started': { zh: '{date} 已开工', en: 'started on {date}' },
  'start.by_stage': { zh: '已处于{stage}阶段', en: 'already at the stage {stage}' },
  'start.not_due': { zh: '计划 {date} 开工，尚未到期', en: 'planned to start on {date}, not yet due' },
  'start.late': { zh: '计划 {date} 开工，已逾期 {days} 天{limit}', en: 'planned to start on {date}, {days} {dayWord} late{limit}' },
  'enrolment.not_started': { zh: '尚未开工，暂不评入库纳统', en: 'not started yet, so enrolment is not rated' },
  'enrolment.enrolled': { zh: '{date} 已入库纳统', en: 'enrolled in statistics on {date}' },
  'enrolment.by_stage': { zh: '已处于{stage}阶段', en: 'already at the stage {stage}' },
  'enrolment.waiting': { zh: '{date} 开工，{days} 天仍未入库纳统{limit}', en: 'started on {date}, not enrolled in statistics after {days} {dayWord}{limit}' },
  'problems.none_overdue': { zh: '没有逾期未化解的问题', en: 'no overdue problems' },
  'problems.overdue': { zh: '{count} 个问题逾期未化解，最长逾期 {days} 天{limit}', en: 'overdue problems: {count}, the longest {days} {dayWord} late{limit}' },
  'milestones.none_late': { zh: '没有逾期未完成的里程碑', en: 'no late milestones' },
  'milestones.late': {
    zh: '{count} 个里程碑逾期未完成，其中「{title}」逾期最久，{days} 天{limit}',
    en: 'late milestones: {count}, the longest "{title}", {days} {dayWord} late{limit}',
  },
} as const satisfies Record<string, { zh: string; en: string }>;
export type LightReasonKey = keyof typeof LIGHT_REASON_TEXT;

/** How the threshold is named: reached ("超过 30"), or not yet reached ("不足 10"). */
const LIMIT_TEXT = {
  points: {
    green: { zh: '（不足 {threshold}）', en: ' (under {threshold})' },
    yellow: { zh: '（达到 {threshold}）', en: ' ({threshold} or more)' },
    red: { zh: '（超过 {threshold}）', en: ' (more than {threshold})' },
  },
  months: {
    green: { zh: '（不足 {threshold} 个月）', en: ' (under {threshold} {monthWord})' },
    yellow: { zh: '（满 {threshold} 个月）', en: ' ({threshold} {monthWord} or more)' },
    red: { zh: '（满 {threshold} 个月）', en: ' ({threshold} {monthWord} or more)' },
  },
} as const;

/** The limit's words, or '' when there is none to name (a light that comes on the day after, threshold 0). */
function limitText(reason: DimensionLight, lang: Lang): string {
  if (reason.light === 'none' || reason.threshold === null) return '';
  const unit = reason.dimension === 'investment' ? 'points' : 'months';
  if (unit === 'months' && reason.threshold === 0) return '';
  return fill(LIMIT_TEXT[unit][reason.light][lang], { threshold: reason.threshold, monthWord: reason.threshold === 1 ? 'month' : 'months' });
}

/** Why the dimension shows its light, without the light: "落后序时进度 34.2 个百分点（超过 30）". */
export function lightReasonText(reason: DimensionLight, lang: Lang): string {
  const key = `${reason.dimension}.${reason.rule}` as LightReasonKey;
  const template = LIGHT_REASON_TEXT[key];
  if (!template) throw new RangeError(`no words for the light rule ${key}`);
  return fill(template[lang], {
    points: reason.figure === null ? null : reason.figure.toFixed(1),
    days: reason.figure,
    dayWord: reason.figure === 1 ? 'day' : 'days',
    date: reason.date ?? null,
    stage: reason.stage ? STAGE_WORDS[reason.stage][lang] : null,
    count: reason.count ?? null,
    title: reason.subject?.title ?? null,
    limit: limitText(reason, lang),
  });
}

/** The light and why: "红灯：落后序时进度 34.2 个百分点（超过 30）", "Red: 34.2 points behind schedule (more than 30)". */
export function lightText(reason: DimensionLight, lang: Lang): string {
  return `${LIGHT_WORDS[reason.light][lang]}${lang === 'zh' ? '：' : ': '}${lightReasonText(reason, lang)}`;
}
