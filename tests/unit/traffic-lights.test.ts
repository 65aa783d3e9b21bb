import { describe, expect, it } from 'vitest';
import { LIGHT_DIMENSION_WORDS, LIGHT_WORDS } from '@shared/i18n/vocabulary.js';
import { progressFigures } from '@shared/rules/progress.js';
import {
  addMonths,
  checkTrafficLightThresholds,
  DEFAULT_TRAFFIC_LIGHT_THRESHOLDS,
  enrolmentLight,
  investmentLight,
  LIGHT_DIMENSIONS,
  LIGHT_REASON_TEXT,
  lightText,
  milestonesLight,
  problemsLight,
  projectLights,
  startLight,
  THRESHOLD_ISSUE_TEXT,
  thresholdIssueText,
  todayIn,
  TRAFFIC_LIGHTS,
  type TrafficLightFacts,
} from '@shared/rules/index.js';

/**
 * Issue 14 point 3: the traffic lights (红黄绿灯) both desks compute from the same facts. Boundaries are tested
 * on both sides; the thresholds a bureau may type are refused with a sentence in both languages.
 */

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const milestone = (n: number, kind: TrafficLightFacts['milestones'][number]['kind'], plannedOn: string, reachedOn: string | null = null) => ({
  id: id(n),
  kind,
  title: `节点${n}`,
  plannedOn,
  reachedOn,
});

/** A project on schedule with nothing late, to change one fact at a time. */
const facts = (over: Partial<TrafficLightFacts> = {}): TrafficLightFacts => ({
  today: '2026-07-15',
  stage: 'construction',
  completed: 500,
  planned: 1000,
  elapsedMonths: 6,
  milestones: [],
  problems: [],
  ...over,
});

/** At the end of June the schedule is exactly 50 %, so completion c% is (50 − c) points behind. */
const investmentAt = (completed: number, elapsedMonths = 6) => investmentLight({ completed, planned: 1000, elapsedMonths });

describe('investment against the time-proportional schedule', () => {
  it('the DOMAIN test vectors are green, ahead by the quoted points', () => {
    for (const [completed, points] of [
      [1153, 23.6],
      [1126, 20.9],
      [1210, 29.3],
    ] as const) {
      expect(investmentAt(completed, 11)).toEqual({ dimension: 'investment', light: 'green', rule: 'ahead', figure: points, threshold: null });
    }
  });

  it('measures the gap from the unrounded completion (629.0 ÷ 647.4 after ten months is 13.8 ahead, not 13.9)', () => {
    expect(investmentLight({ completed: 629, planned: 647.4, elapsedMonths: 10 }).figure).toBe(13.8);
    // 81.72 % after eleven months is 9.95 behind, printed 9.9: green (rounding the rate first would say 10.0);
    // the tables' figure is the same rule's, so a light and the figure beside it agree.
    expect(investmentAt(817.2, 11)).toMatchObject({ light: 'green', figure: 9.9, threshold: 10 });
    expect(progressFigures(817.2, 1000, 11).aheadPoints).toBe(-9.9);
  });

  it('yellow from exactly 10 points behind, red only above 30', () => {
    expect(investmentAt(401)).toMatchObject({ light: 'green', rule: 'behind', figure: 9.9, threshold: 10 });
    expect(investmentAt(400)).toMatchObject({ light: 'yellow', figure: 10, threshold: 10 });
    expect(investmentAt(399)).toMatchObject({ light: 'yellow', figure: 10.1, threshold: 10 });
    expect(investmentAt(200)).toMatchObject({ light: 'yellow', figure: 30, threshold: 10 });
    expect(investmentAt(199)).toMatchObject({ light: 'red', figure: 30.1, threshold: 30 });
    expect(investmentAt(0)).toMatchObject({ light: 'red', figure: 50, threshold: 30 });
  });

  it('compares the printed figure: 30.04 behind prints 30.0 and is yellow, 30.06 prints 30.1 and is red', () => {
    expect(investmentAt(199.6)).toMatchObject({ light: 'yellow', figure: 30 });
    expect(investmentAt(199.4)).toMatchObject({ light: 'red', figure: 30.1 });
    expect(investmentAt(399.6)).toMatchObject({ light: 'yellow', figure: 10 });
    expect(investmentAt(400.6)).toMatchObject({ light: 'green', figure: 9.9 });
  });

  it('on or ahead of schedule is green; before the year starts nothing is behind; without a plan it is not rated', () => {
    expect(investmentAt(500)).toMatchObject({ light: 'green', rule: 'ahead', figure: 0 });
    expect(investmentAt(0, 0)).toMatchObject({ light: 'green', rule: 'ahead', figure: 0 });
    expect(investmentLight({ completed: 30, planned: 0, elapsedMonths: 6 })).toMatchObject({ light: 'none', rule: 'no_plan', figure: null });
  });

  it('follows the thresholds it is given', () => {
    const t = { yellowBehind: 5, redBehind: 20 };
    expect(investmentLight({ completed: 451, planned: 1000, elapsedMonths: 6 }, t).light).toBe('green');
    expect(investmentLight({ completed: 450, planned: 1000, elapsedMonths: 6 }, t).light).toBe('yellow');
    expect(investmentLight({ completed: 299, planned: 1000, elapsedMonths: 6 }, t)).toMatchObject({ light: 'red', threshold: 20 });
    // Equal thresholds leave no yellow band above them: exactly 30 is yellow, 30.1 red.
    expect(investmentLight({ completed: 200, planned: 1000, elapsedMonths: 6 }, { yellowBehind: 30, redBehind: 30 }).light).toBe('yellow');
  });
});

describe('statistics enrolment after the start', () => {
  const started = (startOn: string, today: string, more: TrafficLightFacts['milestones'] = []) =>
    enrolmentLight(facts({ today, milestones: [milestone(1, 'construction_start', '2026-01-01', startOn), ...more] }));

  it('yellow one month after the start without enrolment, red after two', () => {
    expect(started('2026-01-15', '2026-01-15')).toMatchObject({ light: 'green', rule: 'waiting', figure: 0, threshold: 1, date: '2026-01-15' });
    expect(started('2026-01-15', '2026-02-14')).toMatchObject({ light: 'green', figure: 30, threshold: 1 });
    expect(started('2026-01-15', '2026-02-15')).toMatchObject({ light: 'yellow', figure: 31, threshold: 1 });
    expect(started('2026-01-15', '2026-03-14')).toMatchObject({ light: 'yellow' });
    expect(started('2026-01-15', '2026-03-15')).toMatchObject({ light: 'red', threshold: 2 });
  });

  it('a start on a day the later month lacks counts to that month’s last day', () => {
    expect(started('2026-01-31', '2026-02-27').light).toBe('green');
    expect(started('2026-01-31', '2026-02-28').light).toBe('yellow');
    expect(started('2026-01-31', '2026-03-30').light).toBe('yellow');
    expect(started('2026-01-31', '2026-03-31').light).toBe('red');
    expect(started('2028-01-31', '2028-02-28').light).toBe('green');
    expect(started('2028-01-31', '2028-02-29').light).toBe('yellow');
    expect(started('2026-03-31', '2026-04-30').light).toBe('yellow');
    expect(started('2026-12-15', '2027-01-14').light).toBe('green');
    expect(started('2026-12-15', '2027-01-15').light).toBe('yellow');
    expect(started('2026-12-15', '2027-02-15').light).toBe('red');
    const moved = [addMonths('2026-01-31', 1), addMonths('2028-01-31', 1), addMonths('2026-11-30', 3), addMonths('2026-05-31', 0)];
    expect(moved.join(' ')).toBe('2026-02-28 2028-02-29 2027-02-28 2026-05-31');
  });

  it('the day judged is the district’s: 00:30 on 15 February in Beijing is still 14 February in UTC', () => {
    const now = '2026-02-14T16:30:00.000Z';
    expect(started('2026-01-15', todayIn('Asia/Shanghai', now)).light).toBe('yellow');
    expect(started('2026-01-15', todayIn('UTC', now)).light).toBe('green');
    expect(started('2026-01-15', todayIn('America/New_York', now)).light).toBe('green');
  });

  it('enrolled is green; a stage after enrolment is green; not started is not rated', () => {
    const enrolled = milestone(2, 'statistics_enrolment', '2026-03-01', '2026-03-20');
    expect(started('2026-01-15', '2026-05-01', [enrolled])).toMatchObject({ light: 'green', rule: 'enrolled', date: '2026-03-20' });
    // On a day before the enrolment was reached (the bureau's reference day), it was still waiting.
    expect(started('2026-01-15', '2026-03-19', [enrolled])).toMatchObject({ light: 'red', rule: 'waiting' });
    expect(enrolmentLight(facts({ stage: 'production_start' }))).toMatchObject({ light: 'green', rule: 'by_stage', stage: 'production_start' });
    expect(enrolmentLight(facts({ milestones: [milestone(1, 'construction_start', '2026-01-01')] }))).toMatchObject({ light: 'none', rule: 'not_started' });
    expect(started('2026-08-01', '2026-07-15')).toMatchObject({ light: 'none', rule: 'not_started' });
  });
});

describe('construction start against its milestone', () => {
  const planned = (today: string, reachedOn: string | null = null) =>
    startLight(facts({ today, milestones: [milestone(1, 'construction_start', '2026-03-01', reachedOn)] }));

  it('due on its planned day, yellow the day after, red a month later', () => {
    expect(planned('2026-03-01')).toMatchObject({ light: 'green', rule: 'not_due', date: '2026-03-01' });
    expect(planned('2026-03-02')).toMatchObject({ light: 'yellow', rule: 'late', figure: 1, threshold: 0 });
    expect(planned('2026-03-31')).toMatchObject({ light: 'yellow', figure: 30 });
    expect(planned('2026-04-01')).toMatchObject({ light: 'red', figure: 31, threshold: 1 });
  });

  it('started is green however late; a later stage is green; without the milestone it is not rated', () => {
    expect(planned('2026-06-01', '2026-05-20')).toMatchObject({ light: 'green', rule: 'started', date: '2026-05-20' });
    expect(planned('2026-05-19', '2026-05-20')).toMatchObject({ light: 'red', rule: 'late' });
    expect(startLight(facts({ stage: 'statistics_enrolment' }))).toMatchObject({ light: 'green', rule: 'by_stage' });
    expect(startLight(facts())).toMatchObject({ light: 'none', rule: 'no_milestone' });
  });
});

describe('overdue problems and late milestones', () => {
  const problem = (n: number, dueOn: string | null, status: TrafficLightFacts['problems'][number]['status'] = 'dispatched') => ({ id: id(n), dueOn, status });

  it('a problem unsolved after its due day is yellow, a month after it red; the earliest sets the light', () => {
    const one = (today: string) => problemsLight({ today, problems: [problem(1, '2026-05-10')] });
    expect(one('2026-05-10')).toMatchObject({ light: 'green', rule: 'none_overdue', count: 0 });
    expect(one('2026-05-11')).toMatchObject({ light: 'yellow', rule: 'overdue', figure: 1, count: 1, subject: { id: id(1) } });
    expect(one('2026-06-09').light).toBe('yellow');
    expect(one('2026-06-10')).toMatchObject({ light: 'red', figure: 31, threshold: 1 });
    const many = problemsLight({
      today: '2026-06-20',
      problems: [problem(1, '2026-06-10'), problem(2, '2026-05-01'), problem(3, null), problem(4, '2026-01-01', 'resolved')],
    });
    expect(many).toMatchObject({ light: 'red', count: 2, figure: 50, date: '2026-05-01', subject: { id: id(2) } });
    expect(problemsLight({ today: '2026-06-20', problems: [problem(4, '2026-01-01', 'closed')] }).light).toBe('green');
  });

  it('a milestone not reached by its planned day is late; the start is lit on its own, not here', () => {
    const late = (today: string, reachedOn: string | null = null) =>
      milestonesLight({ today, milestones: [milestone(1, 'production_start', '2026-06-30', reachedOn), milestone(2, 'construction_start', '2026-01-01')] });
    expect(late('2026-06-30')).toMatchObject({ light: 'green', rule: 'none_late', count: 0 });
    expect(late('2026-07-01')).toMatchObject({ light: 'yellow', rule: 'late', count: 1, subject: { id: id(1), title: '节点1' } });
    // A month after 30 June is 30 July.
    expect(late('2026-07-29').light).toBe('yellow');
    expect(late('2026-07-30')).toMatchObject({ light: 'red', figure: 30, threshold: 1 });
    expect(late('2026-07-10', '2026-07-05').light).toBe('green');
    expect(late('2026-07-04', '2026-07-05').light).toBe('yellow');
  });
});

describe('the overall light', () => {
  it('is the worst lit dimension, naming every dimension that shows it', () => {
    const all = projectLights(facts());
    expect(all.overall).toBe('green');
    expect(all.setBy).toEqual(['investment', 'problems', 'milestones']);
    expect(all.dimensions.start.light).toBe('none');

    const mixed = projectLights(
      facts({
        completed: 380,
        problems: [{ id: id(9), dueOn: '2026-07-01', status: 'raised' }],
        milestones: [milestone(1, 'construction_start', '2026-03-01', '2026-03-01')],
      }),
    );
    expect(mixed.overall).toBe('red');
    expect(mixed.setBy).toEqual(['enrolment']);
    expect(LIGHT_DIMENSIONS.map((d) => mixed.dimensions[d].light)).toEqual(['yellow', 'green', 'red', 'yellow', 'green']);
  });

  it('a dimension that is not rated never counts, and the thresholds apply per dimension', () => {
    const lights = projectLights(facts({ planned: 0, completed: 0 }));
    expect(lights.overall).toBe('green');
    expect(lights.setBy).not.toContain('investment');
    const strict = checkTrafficLightThresholds({ investment: { yellowBehind: 0, redBehind: 0 } });
    if (!strict.ok) throw new Error('thresholds refused');
    expect(projectLights(facts({ completed: 499 }), strict.thresholds).overall).toBe('red');
    expect(projectLights(facts({ completed: 499 })).overall).toBe('green');
  });
});

describe('the sentence of a light', () => {
  it('says the rule in both languages', () => {
    const red = investmentLight({ completed: 158, planned: 1000, elapsedMonths: 6 });
    expect(lightText(red, 'zh')).toBe('红灯：落后序时进度 34.2 个百分点（超过 30）');
    expect(lightText(red, 'en')).toBe('Red: 34.2 points behind schedule (more than 30)');
    expect(lightText(investmentAt(400), 'zh')).toBe('黄灯：落后序时进度 10.0 个百分点（达到 10）');
    expect(lightText(investmentAt(450), 'zh')).toBe('绿灯：落后序时进度 5.0 个百分点（不足 10）');
    expect(lightText(investmentLight({ completed: 1, planned: 0, elapsedMonths: 6 }), 'zh')).toBe('不评灯：没有年度计划投资，无法对照序时进度');
    const enrolment = enrolmentLight(facts({ today: '2026-03-20', milestones: [milestone(1, 'construction_start', '2026-01-01', '2026-01-15')] }));
    expect(lightText(enrolment, 'zh')).toBe('红灯：2026-01-15 开工，64 天仍未入库纳统（满 2 个月）');
    expect(lightText(enrolment, 'en')).toBe('Red: started on 2026-01-15, not enrolled in statistics after 64 days (2 months or more)');
    const start = startLight(facts({ today: '2026-03-02', milestones: [milestone(1, 'construction_start', '2026-03-01')] }));
    expect(lightText(start, 'zh')).toBe('黄灯：计划 2026-03-01 开工，已逾期 1 天');
    expect(lightText(start, 'en')).toBe('Yellow: planned to start on 2026-03-01, 1 day late');
    const late = milestonesLight({ today: '2026-08-01', milestones: [milestone(1, 'production_start', '2026-07-01')] });
    expect(lightText(late, 'zh')).toBe('红灯：1 个里程碑逾期未完成，其中「节点1」逾期最久，31 天（满 1 个月）');
    expect(lightText(late, 'en')).toBe('Red: late milestones: 1, the longest "节点1", 31 days late (1 month or more)');
  });

  it('has both languages for every rule, with the same parameters, and leaves none unfilled', () => {
    for (const [key, text] of Object.entries(LIGHT_REASON_TEXT)) {
      const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((p) => p !== 'dayWord');
      expect(params(text.en).sort(), key).toEqual(params(text.zh).sort());
    }
    const samples = [
      projectLights(facts()),
      projectLights(facts({ stage: 'design_output', completed: 100, planned: 0 })),
      projectLights(
        facts({
          today: '2026-09-01',
          completed: 100,
          problems: [{ id: id(3), dueOn: '2026-06-01', status: 'in_progress' }],
          milestones: [milestone(1, 'construction_start', '2026-02-01', '2026-02-03'), milestone(2, 'statistics_enrolment', '2026-05-01', '2026-06-01')],
        }),
      ),
      projectLights(facts({ milestones: [milestone(1, 'construction_start', '2026-08-01'), milestone(2, 'other', '2026-07-01')] })),
    ];
    const seen = new Set<string>();
    for (const lights of samples)
      for (const d of LIGHT_DIMENSIONS) {
        const reason = lights.dimensions[d];
        seen.add(`${d}.${reason.rule}`);
        for (const lang of ['zh', 'en'] as const) expect(lightText(reason, lang)).not.toMatch(/[{}]|undefined|null/);
      }
    expect([...seen].sort()).toEqual(
      Object.keys(LIGHT_REASON_TEXT)
        .filter((k) => seen.has(k))
        .sort(),
    );
    expect(seen.size).toBeGreaterThanOrEqual(12);
  });

  it('the vocabulary has one word per light and per dimension in each language', () => {
    for (const words of [LIGHT_WORDS, LIGHT_DIMENSION_WORDS])
      for (const lang of ['zh', 'en'] as const) {
        const values = Object.values(words).map((w) => w[lang]);
        expect(new Set(values).size).toBe(values.length);
      }
    expect(Object.keys(LIGHT_WORDS).sort()).toEqual([...TRAFFIC_LIGHTS, 'none'].sort());
    expect(LIGHT_DIMENSION_WORDS.start.zh).toBe('开工建设');
  });
});

describe('the thresholds', () => {
  const refusal = (input: unknown) => {
    const check = checkTrafficLightThresholds(input);
    if (check.ok) throw new Error(`accepted: ${JSON.stringify(input)}`);
    return check.issues.map((issue) => ({ ...issue, zh: thresholdIssueText(issue, 'zh'), en: thresholdIssueText(issue, 'en') }));
  };

  it('default to 银川 2025 and take a partial set, filling in the rest', () => {
    expect(DEFAULT_TRAFFIC_LIGHT_THRESHOLDS).toEqual({
      investment: { yellowBehind: 10, redBehind: 30 },
      start: { yellowMonths: 0, redMonths: 1 },
      enrolment: { yellowMonths: 1, redMonths: 2 },
      problems: { yellowMonths: 0, redMonths: 1 },
      milestones: { yellowMonths: 0, redMonths: 1 },
    });
    expect(checkTrafficLightThresholds(undefined)).toEqual({ ok: true, thresholds: DEFAULT_TRAFFIC_LIGHT_THRESHOLDS });
    const partial = checkTrafficLightThresholds({ investment: { redBehind: 25.5 }, enrolment: { redMonths: 3 } });
    expect(partial).toMatchObject({
      ok: true,
      thresholds: { investment: { yellowBehind: 10, redBehind: 25.5 }, enrolment: { yellowMonths: 1, redMonths: 3 } },
    });
    expect(checkTrafficLightThresholds({ investment: { yellowBehind: 0, redBehind: 100 }, start: { yellowMonths: 24, redMonths: 24 } }).ok).toBe(true);
  });

  it('refuses yellow above red, naming both figures (the default for the one not given) in both languages', () => {
    const [issue, ...rest] = refusal({ investment: { yellowBehind: 40 } });
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ path: 'investment.yellowBehind', code: 'yellow_above_red', params: { yellow: 40, red: 30 } });
    expect(issue!.zh).toBe('投资进度的黄灯阈值（40 个百分点）大于红灯阈值（30 个百分点）：黄灯应先于红灯亮起。请把黄灯阈值改为不大于 30，或调大红灯阈值。');
    expect(issue!.en).toBe(
      'The yellow threshold of investment progress (40 points) is above its red threshold (30 points): yellow must come on first. Lower the yellow threshold to 30 or less, or raise the red one.',
    );
    expect(refusal({ enrolment: { yellowMonths: 3, redMonths: 2 } })[0]).toMatchObject({
      path: 'enrolment.yellowMonths',
      zh: expect.stringContaining('入库纳统的黄灯阈值（3 个月）'),
    });
  });

  it('refuses negative, too large, non-numbers, more than one decimal and part months, each said in both languages', () => {
    const cases: [unknown, string, string, RegExp, RegExp][] = [
      [{ investment: { redBehind: -1 } }, 'investment.redBehind', 'negative', /投资进度红灯阈值不能为负数（现为 -1）/, /cannot be negative/],
      [{ investment: { redBehind: 100.5 } }, 'investment.redBehind', 'too_large', /不能超过 100 个百分点/, /cannot exceed 100 points/],
      [{ problems: { redMonths: 25 } }, 'problems.redMonths', 'too_large', /逾期问题红灯阈值不能超过 24 个月/, /exceed 24 months/],
      [{ investment: { yellowBehind: '10' } }, 'investment.yellowBehind', 'not_a_number', /应为数字，现为“10”/, /must be a number, not "10"/],
      [{ investment: { yellowBehind: Number.NaN } }, 'investment.yellowBehind', 'not_a_number', /应为数字，现为“NaN”/, /must be a number/],
      [{ investment: { yellowBehind: Number.POSITIVE_INFINITY } }, 'investment.yellowBehind', 'not_a_number', /应为数字/, /must be a number/],
      [{ investment: { yellowBehind: 10.25 } }, 'investment.yellowBehind', 'too_many_decimals', /最多一位小数（现为 10.25）/, /one decimal at most/],
      [{ milestones: { yellowMonths: 0.5 } }, 'milestones.yellowMonths', 'not_whole', /逾期里程碑黄灯阈值应为整数个月/, /whole months/],
      [{ lights: {} }, 'lights', 'unknown_key', /“lights”不是红黄绿灯阈值的设置项（可设置：investment, start/, /"lights" is not a traffic light threshold/],
      [{ start: { yellow: 1 } }, 'start.yellow', 'unknown_key', /可设置：yellowMonths, redMonths/, /known: yellowMonths, redMonths/],
      ['红灯', '', 'not_a_set', /应是一组设置/, /must be a set/],
      [{ start: 1 }, 'start', 'not_a_set', /应是一组设置/, /must be a set/],
    ];
    for (const [input, path, code, zh, en] of cases) {
      const issues = refusal(input);
      expect(issues, JSON.stringify(input)).toHaveLength(1);
      expect(issues[0], JSON.stringify(input)).toMatchObject({ path, code, zh: expect.stringMatching(zh), en: expect.stringMatching(en) });
      // Chinese to its end, with what to do next; no parameter left unfilled.
      expect(issues[0]!.zh).toMatch(/请.*。$/);
      expect(`${issues[0]!.zh}${issues[0]!.en}`).not.toMatch(/\{\w+\}/);
    }
  });

  it('has every refusal in both languages with the same parameters', () => {
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [code, text] of Object.entries(THRESHOLD_ISSUE_TEXT)) expect(params(text.en), code).toEqual(params(text.zh));
  });
});

describe('lights are monotone (seeded)', () => {
  /** A small deterministic generator (mulberry32), so a failure can be replayed from its seed. */
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rank = (light: string) => ['none', ...TRAFFIC_LIGHTS].indexOf(light);

  it('more points behind never gives a milder light, under any valid thresholds', () => {
    const next = random(20261202);
    for (let run = 0; run < 300; run++) {
      const a = Math.round(next() * 1000) / 10;
      const b = Math.round(next() * 1000) / 10;
      const check = checkTrafficLightThresholds({ investment: { yellowBehind: Math.min(a, b), redBehind: Math.max(a, b) } });
      if (!check.ok) throw new Error(`refused ${a} ${b}`);
      const t = check.thresholds.investment;
      const months = 1 + Math.floor(next() * 12);
      const planned = 1 + Math.round(next() * 1e6) / 100;
      const completed = [0, 1, 2, 3, 4, 5].map(() => Math.round(next() * planned * 150) / 100).sort((x, y) => y - x);
      const lights = completed.map((c) => investmentLight({ completed: c, planned, elapsedMonths: months }, t));
      for (let i = 1; i < lights.length; i++) {
        expect(rank(lights[i]!.light), `seed run ${run}`).toBeGreaterThanOrEqual(rank(lights[i - 1]!.light));
        if (lights[i]!.rule === 'behind') expect(lights[i]!.light === 'red').toBe(lights[i]!.figure! > t.redBehind);
      }
    }
  });

  it('a later day never gives a milder light for the same late item', () => {
    const next = random(14);
    for (let run = 0; run < 200; run++) {
      const yellowMonths = Math.floor(next() * 4);
      const t = { yellowMonths, redMonths: yellowMonths + Math.floor(next() * 4) };
      const due = addMonths('2026-01-01', Math.floor(next() * 12)).replace(/-01$/, `-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`);
      let previous = 0;
      for (let day = 0; day < 240; day += 1 + Math.floor(next() * 5)) {
        const today = new Date(Date.parse(`${due}T00:00:00Z`) + day * 86_400_000).toISOString().slice(0, 10);
        const light = problemsLight({ today, problems: [{ id: id(1), dueOn: due, status: 'raised' }] }, t).light;
        expect(rank(light), `${due} ${today} ${JSON.stringify(t)}`).toBeGreaterThanOrEqual(previous);
        previous = rank(light);
      }
    }
  });
});
