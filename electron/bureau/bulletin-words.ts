import type { BulletinSection } from '@shared/bureau/bulletin.js';
import type { RankedSponsor } from '@shared/bureau/ranking.js';
import type { Lang } from '@shared/i18n/catalogue.js';

/**
 * The words around the bulletin's own sentences in its printed page and its workbook: headings, columns and the
 * change-of-rank marks, in the bulletin's language (the sentences themselves come from shared/bureau/bulletin-*.ts).
 * Domain words as the shared vocabulary has them: 帮包单位, 帮包领导, 完成年度计划, 超序时进度.
 */

export interface BulletinWords {
  period(p: { bureau: string; month: string; day: string; made: string }): string;
  footer(p: { bureau: string; at: string; zone: string }): string;
  units: string;
  leaders: string;
  columns: { rank: string; unit: string; leader: string; projects: string; completion: string; ahead: string; behind: string; change: string };
  /** ↑2, ↓1, 新, 持平, or — when either month has no place. */
  change(r: Pick<RankedSponsor, 'change' | 'isNew'>): string;
  /** Since which month the change is counted, or that there is no month before (January). */
  since(previous: string | null): string;
  sheet: { text: string; units: string; leaders: string };
  textColumns: { section: string; text: string };
  sections: Record<BulletinSection, string>;
  fileStem: string;
}

const arrows = (change: number) => (change > 0 ? `↑${change}` : `↓${-change}`);

const ZH: BulletinWords = {
  period: (p) => `${p.bureau}　投资统计截至 ${p.month}　问题与帮包工作统计至 ${p.day}　制发日期 ${p.made}`,
  footer: (p) => `${p.bureau}　生成于 ${p.at}（${p.zone} 时间）`,
  units: '帮包单位排名',
  leaders: '帮包领导排名',
  columns: {
    rank: '排名',
    unit: '帮包单位',
    leader: '帮包领导',
    projects: '项目数',
    completion: '完成年度计划（%）',
    ahead: '超序时进度（百分点）',
    behind: '滞后项目数',
    change: '名次变化',
  },
  change: (r) => (r.isNew ? '新' : r.change === null ? '—' : r.change === 0 ? '持平' : arrows(r.change)),
  since: (previous) => (previous === null ? '名次变化：无上月可比（1月为计划年度第一个月）。' : `名次变化与 ${previous} 相比；“新”为本月新增。`),
  sheet: { text: '通报', units: '帮包单位排名', leaders: '帮包领导排名' },
  textColumns: { section: '部分', text: '内容' },
  sections: { headline: '总体情况', sponsorship: '帮包与要素保障', closedLoop: '问题闭环', ranking: '比学赶超', lights: '红黄绿灯' },
  fileStem: '重点项目月度通报',
};

const EN: BulletinWords = {
  period: (p) => `${p.bureau} · investment as of ${p.month} · problems and sponsor actions to ${p.day} · issued ${p.made}`,
  footer: (p) => `${p.bureau} · made ${p.at} (${p.zone} time)`,
  units: 'Sponsoring units ranked',
  leaders: 'Sponsoring leaders ranked',
  columns: {
    rank: 'Rank',
    unit: 'Sponsoring unit',
    leader: 'Sponsoring leader',
    projects: 'Projects',
    completion: 'Annual plan completed (%)',
    ahead: 'Ahead of schedule (points)',
    behind: 'Projects behind',
    change: 'Change of rank',
  },
  change: (r) => (r.isNew ? 'new' : r.change === null ? '—' : r.change === 0 ? 'same' : arrows(r.change)),
  since: (previous) =>
    previous === null
      ? 'Change of rank: no month before to compare (January opens the plan year).'
      : `Change of rank since ${previous}; "new": new this month.`,
  sheet: { text: 'Bulletin', units: 'Units ranked', leaders: 'Leaders ranked' },
  textColumns: { section: 'Part', text: 'Text' },
  sections: { headline: 'Overall', sponsorship: 'Sponsorship', closedLoop: 'Closed loop', ranking: 'Ranking', lights: 'Traffic lights' },
  fileStem: 'monthly-bulletin',
};

export const bulletinWords = (lang: Lang): BulletinWords => (lang === 'en' ? EN : ZH);
