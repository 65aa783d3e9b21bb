import { z } from 'zod';
import { fill, type Lang } from '../i18n/catalogue.js';
import { LIGHT_DIMENSION_WORDS, LIGHT_WORDS } from '../i18n/vocabulary.js';

/**
 * The thresholds of the traffic lights (红黄绿灯, DOMAIN.md "The bureau's practice"). The bureau sets them and
 * the assignment carries them, so both desks light a project alike; until then the defaults are 银川 2025's:
 * yellow 10–30 points behind the time-proportional schedule, red more than 30; statistics enrolment yellow one
 * month after the start without enrolment, red after two. A set the bureau types is checked here, and every
 * refusal is said in both languages (THRESHOLD_ISSUE_TEXT) with what to do next.
 */

/** The lights, mildest first: the overall light is the last of these any dimension shows. */
export const TRAFFIC_LIGHTS = ['green', 'yellow', 'red'] as const;
export type TrafficLight = (typeof TRAFFIC_LIGHTS)[number];

/** What a project is lit on: investment against the schedule, construction start, statistics enrolment, overdue problems, late milestones. */
export const LIGHT_DIMENSIONS = ['investment', 'start', 'enrolment', 'problems', 'milestones'] as const;
export type LightDimension = (typeof LIGHT_DIMENSIONS)[number];

/** Points behind can be at most 100 (completion is never below 0 %, the schedule never above 100 %). */
const MAX_POINTS = 100;
/** Two years: a month count beyond that is a typing slip, not a rule. */
const MAX_MONTHS = 24;

/** The figures are printed to 0.1 point, so a finer threshold could not be told apart on paper. */
const oneDecimal = (v: number) => Math.abs(Math.round(v * 10) - v * 10) < 1e-9;

const points = (fallback: number) => z.number().min(0, 'negative').max(MAX_POINTS, 'too_large').refine(oneDecimal, 'too_many_decimals').default(fallback);
const months = (fallback: number) => z.number().min(0, 'negative').max(MAX_MONTHS, 'too_large').int('not_whole').default(fallback);

/** Yellow must come on no later than red; the refusal is put on the yellow threshold. */
const YELLOW_ABOVE_RED = (yellow: string) => ({ error: 'yellow_above_red', path: [yellow] });

/** Points behind the schedule: yellow from `yellowBehind` (inclusive), red above `redBehind`. */
const InvestmentThresholds = z
  .strictObject({ yellowBehind: points(10), redBehind: points(30) })
  .refine((t) => t.yellowBehind <= t.redBehind, YELLOW_ABOVE_RED('yellowBehind'));

/**
 * Months late: the light comes on the day that many calendar months after the day counted from (the planned
 * day of a start, a milestone or a problem's due day; the start for enrolment), and never before the day after it.
 */
const lateThresholds = (yellow: number, red: number) =>
  z.strictObject({ yellowMonths: months(yellow), redMonths: months(red) }).refine((t) => t.yellowMonths <= t.redMonths, YELLOW_ABOVE_RED('yellowMonths'));
export type LateThresholds = z.infer<ReturnType<typeof lateThresholds>>;

export const TrafficLightThresholds = z.strictObject({
  investment: InvestmentThresholds.prefault({}),
  /** From the planned start day: yellow the day after, red a month later. */
  start: lateThresholds(0, 1).prefault({}),
  /** From the actual start: yellow one month without enrolment, red two (银川 2025). */
  enrolment: lateThresholds(1, 2).prefault({}),
  /** From the due day of an unsolved problem. */
  problems: lateThresholds(0, 1).prefault({}),
  /** From the planned day of a milestone not yet reached (other than the start, which is lit on its own). */
  milestones: lateThresholds(0, 1).prefault({}),
});
export type TrafficLightThresholds = z.infer<typeof TrafficLightThresholds>;

export const DEFAULT_TRAFFIC_LIGHT_THRESHOLDS: TrafficLightThresholds = TrafficLightThresholds.parse({});

/** Every refusal of a threshold set, in both languages; `{field}` is a threshold's name, `{unit}` its unit. */
export const THRESHOLD_ISSUE_TEXT = {
  not_a_set: {
    zh: '红黄绿灯阈值应是一组设置（每个评价维度的黄灯和红灯阈值），现在不是。请按说明重新填写阈值。',
    en: 'The traffic light thresholds must be a set (a yellow and a red threshold per dimension); this is not one. Fill in the thresholds again as described.',
  },
  unknown_key: {
    zh: '“{key}”不是红黄绿灯阈值的设置项（可设置：{known}）。请删去或改正它。',
    en: '"{key}" is not a traffic light threshold (known: {known}). Remove or correct it.',
  },
  not_a_number: { zh: '{field}应为数字，现为“{value}”。请填写数字。', en: '{field} must be a number, not "{value}". Enter a number.' },
  negative: { zh: '{field}不能为负数（现为 {value}）。请填写 0 或更大的数。', en: '{field} cannot be negative (it is {value}). Enter 0 or more.' },
  too_large: {
    zh: '{field}不能超过 {max} {unit}（现为 {value}）。请填写不超过 {max} 的数。',
    en: '{field} cannot exceed {max} {unit} (it is {value}). Enter {max} or less.',
  },
  too_many_decimals: {
    zh: '{field}最多一位小数（现为 {value}）：超序时进度按 0.1 个百分点计。请改为一位小数。',
    en: '{field} takes one decimal at most (it is {value}): points ahead are counted to 0.1. Round it to one decimal.',
  },
  not_whole: {
    zh: '{field}应为整数个月（现为 {value}）。请填写 0、1、2 这样的整数。',
    en: '{field} must be whole months (it is {value}). Enter 0, 1, 2 and so on.',
  },
  yellow_above_red: {
    zh: '{dimension}的黄灯阈值（{yellow} {unit}）大于红灯阈值（{red} {unit}）：黄灯应先于红灯亮起。请把黄灯阈值改为不大于 {red}，或调大红灯阈值。',
    en: 'The yellow threshold of {dimension} ({yellow} {unit}) is above its red threshold ({red} {unit}): yellow must come on first. Lower the yellow threshold to {red} or less, or raise the red one.',
  },
} as const satisfies Record<string, { zh: string; en: string }>;
export type ThresholdIssueCode = keyof typeof THRESHOLD_ISSUE_TEXT;

/** A refusal: the threshold it is about (`investment.redBehind`, '' for the whole set), its code and the figures it names. */
export interface ThresholdIssue {
  path: string;
  code: ThresholdIssueCode;
  params: Readonly<Record<string, string | number>>;
}

export type ThresholdCheck = { ok: true; thresholds: TrafficLightThresholds } | { ok: false; issues: ThresholdIssue[] };

const UNIT = { points: { zh: '个百分点', en: 'points' }, months: { zh: '个月', en: 'months' } } as const;
const unitOf = (key: string) => (key.endsWith('Months') ? UNIT.months : UNIT.points);
const isDimension = (key: unknown): key is LightDimension => LIGHT_DIMENSIONS.includes(key as LightDimension);

/** The codes zod reports, as this catalogue's; a refinement's message is already one of its codes. */
function issueCode(issue: z.core.$ZodIssue): ThresholdIssueCode {
  if (issue.message in THRESHOLD_ISSUE_TEXT) return issue.message as ThresholdIssueCode;
  if (issue.code === 'unrecognized_keys') return 'unknown_key';
  return issue.code === 'invalid_type' && issue.expected === 'number' ? 'not_a_number' : 'not_a_set';
}

/** Checks a threshold set and says every refusal; a threshold not given takes its default, and no set at all is the defaults. */
export function checkTrafficLightThresholds(input: unknown): ThresholdCheck {
  const parsed = TrafficLightThresholds.safeParse(input ?? {});
  if (parsed.success) return { ok: true, thresholds: parsed.data };
  const issues = parsed.error.issues.flatMap((issue) => {
    const code = issueCode(issue);
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys.map((key) => {
      const path = [...issue.path, ...(key === undefined ? [] : [key])].map(String);
      return { path: path.join('.'), code, params: issueParams(input, path, code) };
    });
  });
  // One sentence per threshold; and the order of a pair is only worth saying once both figures are right
  // (zod compares the pair even when one of them was refused: -1 would also read as "above the yellow").
  const dimensionOf = (path: string) => path.split('.')[0];
  const kept = issues.filter(
    (issue, i) =>
      issues.findIndex((other) => other.path === issue.path) === i &&
      !(issue.code === 'yellow_above_red' && issues.some((other) => other !== issue && dimensionOf(other.path) === dimensionOf(issue.path))),
  );
  return { ok: false, issues: kept };
}

function valueAt(input: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), input);
}

/** The figures a refusal names: the value typed, the bound, the pair that disagrees (defaults filled in). */
function issueParams(input: unknown, path: readonly string[], code: ThresholdIssueCode): Record<string, string | number> {
  const [dimension, key] = path;
  const value = valueAt(input, path);
  // NaN and Infinity are said as such (JSON would write null); other values as typed.
  const shown = typeof value === 'string' || typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? '');
  const params: Record<string, string | number> = { value: shown };
  if (code === 'unknown_key') {
    const known =
      dimension !== undefined && path.length > 1 ? Object.keys(DEFAULT_TRAFFIC_LIGHT_THRESHOLDS[dimension as LightDimension] ?? {}) : LIGHT_DIMENSIONS;
    return { key: path.join('.'), known: known.join(', ') };
  }
  if (isDimension(dimension) && key !== undefined) {
    params.dimension = dimension;
    params.threshold = key;
    params.max = key.endsWith('Months') ? MAX_MONTHS : MAX_POINTS;
    if (code === 'yellow_above_red') {
      const given = { ...DEFAULT_TRAFFIC_LIGHT_THRESHOLDS[dimension], ...(valueAt(input, [dimension]) as object) } as Record<string, number>;
      const [yellow, red] = Object.keys(DEFAULT_TRAFFIC_LIGHT_THRESHOLDS[dimension]);
      Object.assign(params, { yellow: given[yellow!]!, red: given[red!]! });
    }
  }
  return params;
}

/** A refusal as a whole sentence in `lang`, with what to do next. */
export function thresholdIssueText(issue: ThresholdIssue, lang: Lang): string {
  const { dimension, threshold } = issue.params;
  const words: Record<string, string | number> = { ...issue.params };
  if (isDimension(dimension) && typeof threshold === 'string') {
    const dim = LIGHT_DIMENSION_WORDS[dimension][lang];
    const light = LIGHT_WORDS[threshold.startsWith('yellow') ? 'yellow' : 'red'][lang];
    words.dimension = lang === 'zh' ? dim : dim.toLowerCase();
    words.field = lang === 'zh' ? `${dim}${light}阈值` : `The ${light.toLowerCase()} threshold of ${dim.toLowerCase()}`;
    words.unit = unitOf(threshold)[lang];
  }
  return fill(THRESHOLD_ISSUE_TEXT[issue.code][lang], words);
}
