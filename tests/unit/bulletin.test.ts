import { describe, expect, it } from 'vitest';
import { bulletinText, draftBulletin, type BulletinDraft, type BulletinOptions, type BulletinSection } from '@shared/bureau/bulletin.js';
import { figure, tally } from '@shared/bureau/bulletin-figures.js';
import { computeDistrictSummary } from '@shared/bureau/summary.js';
import { evenly, sketchInput, type SketchProject } from '../helpers/summary-input.js';

/** The drafted monthly bulletin from small districts (the source year itself: tests/integration/bulletin-source.test.ts). */
const draft = (asOfMonth: string, sketches: readonly SketchProject[], options: BulletinOptions & { referenceDay?: string } = {}) =>
  draftBulletin(computeDistrictSummary(sketchInput(asOfMonth, sketches, options.referenceDay)), options);
const text = (d: BulletinDraft, section: BulletinSection) => d.paragraphs.find((p) => p.section === section)?.text;

/** Two district projects at half their plan by November: 50 % against 91.7 %. */
const BEHIND: SketchProject[] = [
  { unit: '区商务局', leader: '陈静', plan: 1000, monthly: evenly(500, 11) },
  { unit: '区财政局', leader: '周敏', plan: 3000, monthly: evenly(1500, 11) },
];

describe('the monthly bulletin: figures and counts as the source writes them', () => {
  it('prints figures to 0.1 without a trailing .0, the sign left to the words', () => {
    expect([figure(121), figure(115.3), figure(121.04), figure(115.25), figure(-29.3), figure(0.04), figure(1e-9)]).toEqual([
      '121',
      '115.3',
      '121',
      '115.3',
      '29.3',
      '0',
      '0',
    ]);
  });

  it('words a tally of sponsor actions as 60余 for 63, exact below ten and on whole tens', () => {
    expect([63, 60, 69, 17, 10, 9, 0].map(tally)).toEqual([
      { base: 60, more: true },
      { base: 60, more: false },
      { base: 60, more: true },
      { base: 10, more: true },
      { base: 10, more: false },
      { base: 9, more: false },
      { base: 0, more: false },
    ]);
  });
});

describe('the monthly bulletin in Chinese', () => {
  it('says behind the schedule when behind, for one level without the 其中 sentence', () => {
    const d = draft('2026-11', BEHIND);
    expect(text(d, 'headline')).toBe('2026年共谋划实施区级重点项目2个,1-11月完成年度计划投资的50%,落后序时进度41.7个百分点。');
    expect(d.title).toBe('2026年1-11月全区重点项目建设情况通报');
  });

  it('says level with the schedule when exactly on it, and 1月 in January', () => {
    expect(
      text(
        draft(
          '2026-06',
          BEHIND.map((p) => ({ ...p, monthly: evenly(p.plan / 2, 6) })),
        ),
        'headline',
      ),
    ).toContain('1-6月完成年度计划投资的50%,与序时进度持平。');
    const january = draft('2026-01', [{ unit: '区商务局', plan: 1000, monthly: [200] }], { referenceDay: '2026-02-10' });
    expect(text(january, 'headline')).toBe('2026年共谋划实施区级重点项目1个,1月完成年度计划投资的20%,超序时进度11.7个百分点。');
    expect(january.title).toBe('2026年1月全区重点项目建设情况通报');
  });

  it('names two levels as 两级 and splits provincial and municipal from district, each ahead or behind', () => {
    const d = draft('2026-11', [{ unit: '区商务局', leader: '陈静', level: 'provincial', plan: 1000, monthly: evenly(1100, 11) }, ...BEHIND]);
    expect(text(d, 'headline')).toBe(
      '2026年共谋划实施省、区两级重点项目3个,1-11月完成年度计划投资的62%,落后序时进度29.7个百分点。' +
        '其中,1个省市重点项目完成年度计划投资的110%,超序时进度18.3个百分点;区重点项目完成年度计划投资的50%,落后序时进度41.7个百分点。',
    );
    expect(text(d, 'sponsorship')).toMatch(/^明确2名区领导、2个帮包单位,全流程“一对一”帮包3个两级重点项目,截至12月底尚未开展帮包工作。/);
  });

  it('says when no problems were collected, and counts to a reference day that is not a month end, in another year', () => {
    const d = draft('2026-12', BEHIND, { referenceDay: '2027-01-10', districtName: '高新区' });
    expect(text(d, 'sponsorship')).toBe(
      '在要素保障方面,高新区深入实施重点项目全生命周期管理服务,明确2名区领导、2个帮包单位,全流程“一对一”帮包2个区级重点项目,截至2027年1月10日尚未开展帮包工作。' +
        '建立问题收集、化解闭环机制,截至2027年1月10日尚未收集到项目问题。',
    );
    expect(text(d, 'closedLoop')).toBe('入库纳统项目0个,竣工投产项目0个。');
  });

  it('ranks the units and leaders, names those behind with their points, and the change since last month', () => {
    const now: SketchProject[] = [...BEHIND, { unit: '区科技创新局', leader: '陈静', plan: 1000, monthly: evenly(1200, 11) }];
    // October: 区财政局 45.3 % (1360 of 3000) before 区商务局 45 % (450 of 1000); 周敏 before 陈静 likewise.
    const previous = computeDistrictSummary(sketchInput('2026-10', BEHIND, '2026-11-30'));
    const d = draft('2026-11', now, { previous, top: 2 });
    expect(text(draft('2026-11', now, { previous, top: 3 }), 'ranking')).toContain('区商务局(50%,排名与上月持平)完成');
    // November: both units at 50 % share 2nd, 区财政局 (cái) before 区商务局 (shāng) by name; 区商务局 keeps its place.
    expect(text(d, 'ranking')).toBe(
      '从项目看,1个项目达到或超过序时进度,2个项目落后序时进度。' +
        '帮包单位中,区科技创新局(120%,本月新增)、区财政局(50%,较上月下降1位)完成年度计划投资比例位居前列;' +
        '区财政局(落后41.7个百分点)、区商务局(落后41.7个百分点)落后序时进度,需加快推进。' +
        '帮包领导中,陈静(85%,较上月上升1位)、周敏(50%,较上月下降1位)完成年度计划投资比例位居前列;' +
        '陈静(落后6.7个百分点)、周敏(落后41.7个百分点)落后序时进度,需加快推进。',
    );
  });

  it('words the lights only when the caller gives them: red projects with their rule and units, yellow counted', () => {
    expect(text(draft('2026-11', BEHIND), 'lights')).toBeUndefined();
    expect(text(draft('2026-11', BEHIND, { lights: { red: [], yellow: [] } }), 'lights')).toBe('截至12月底,无亮红灯、黄灯项目。');
    const lit = draft('2026-11', BEHIND, {
      lights: {
        red: [
          { name: '储能电池项目', sponsoringUnit: '区商务局', rule: '落后序时进度41.7个百分点' },
          { name: '物流园项目', sponsoringUnit: '区商务局' },
        ],
        yellow: [{ name: '新材料项目', sponsoringUnit: '区财政局' }],
      },
    });
    expect(text(lit, 'lights')).toBe(
      '截至12月底,亮红灯项目2个:储能电池项目(落后序时进度41.7个百分点)、物流园项目,涉及帮包单位区商务局;亮黄灯项目1个。请相关帮包单位和帮包领导对照亮灯原因逐项整改、销号。',
    );
  });

  it('with no projects says so in one paragraph', () => {
    const d = draft('2026-11', []);
    expect(d.paragraphs).toEqual([{ section: 'headline', text: '2026年暂无重点项目。' }]);
    expect(draft('2026-11', [], { language: 'en' }).paragraphs).toEqual([{ section: 'headline', text: 'In 2026 there are no key projects yet.' }]);
  });

  it('is plain data a screen can edit: it survives JSON, and the text is the edited paragraphs', () => {
    const d = draft('2026-11', BEHIND);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
    expect(d.paragraphs.map((p) => p.section)).toEqual(['headline', 'sponsorship', 'closedLoop', 'ranking']);
    const edited = { ...d, paragraphs: d.paragraphs.map((p) => (p.section === 'closedLoop' ? { ...p, text: '(已删改)' } : p)) };
    expect(bulletinText(edited).split('\n\n')).toEqual([d.title, text(d, 'headline'), text(d, 'sponsorship'), '(已删改)', text(d, 'ranking')]);
  });
});

describe('the monthly bulletin in English', () => {
  it('gives the same figures in the glossary words, behind and ahead', () => {
    const d = draft('2026-11', [{ unit: '区商务局', leader: '陈静', level: 'municipal', plan: 1000, monthly: evenly(1100, 11) }, ...BEHIND], {
      language: 'en',
    });
    expect(d.language).toBe('en');
    expect(d.title).toBe('Key project progress bulletin, January–November 2026');
    expect(text(d, 'headline')).toBe(
      'In 2026, 3 key projects at municipal and district level were planned and carried out; in January–November they completed 62% of the annual planned investment, 29.7 points behind schedule. ' +
        'Of these, the 1 provincial and municipal key project completed 110% of the annual planned investment, 18.3 points ahead of schedule; ' +
        'the district key projects completed 50% of the annual planned investment, 41.7 points behind schedule.',
    );
    expect(text(d, 'sponsorship')).toBe(
      '2 district leaders and 2 sponsoring units sponsor the 3 key projects one-to-one through their whole life cycle; no sponsor actions had been carried out by the end of December. ' +
        'A closed loop of collecting and resolving problems is in place; no problems had been collected by the end of December.',
    );
    expect(text(d, 'ranking')).toContain(
      'Among sponsoring units, 区商务局 (80%) and 区财政局 (50%) lead in completion of the annual plan; 区商务局 (11.7 points behind)',
    );
  });

  it('says on schedule and words the lights', () => {
    const d = draft('2026-06', [{ unit: '区商务局', plan: 1200, monthly: evenly(600, 6) }], {
      language: 'en',
      lights: { red: [{ name: '储能电池项目', sponsoringUnit: '区商务局' }], yellow: [] },
    });
    expect(text(d, 'headline')).toContain('completed 50% of the annual planned investment, on schedule.');
    expect(text(d, 'lights')).toBe(
      'By the end of December, 1 project shows a red light: 储能电池项目, sponsored by 区商务局; 0 projects with a yellow light. The sponsoring units and leaders concerned are to put each right and close it off.',
    );
  });
});
