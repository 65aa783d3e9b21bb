import type { RankedSponsor } from './ranking.js';
import type { DistrictSummary, GroupFigures } from './summary.js';
import { dayParts, figure, levelsPresent, movement, tally, type BulletinPhrases } from './bulletin-figures.js';

/**
 * The monthly bulletin in Chinese, in the source's words (DOMAIN.md's seed/press-release-zh.txt): the headline and
 * the sponsorship paragraph reproduce its sentences for its figures character for character; the closed-loop,
 * ranking and lights paragraphs add what the data holds in the same register.
 *
 * Punctuation follows the source: it prints the comma, semicolon and colon half-width (",", ";", ":") and the
 * enumeration comma, full stop and quotation marks full-width ("、", "。", "“”"), "1-11月" with an ASCII hyphen.
 * The bulletin does the same, brackets half-width like the other half-width marks, so its sentences match.
 */

const LEVEL_CHAR = { provincial: '省', municipal: '市', district: '区' } as const;
const COUNT_CHAR = ['', '一', '两', '三'] as const;

/** "1-11月", or "1月" in January. */
const monthRange = (months: number) => (months <= 1 ? '1月' : `1-${months}月`);

/** "12月底", "12月15日", with the year when it is not the bulletin's (a January reading of December's figures). */
function asOf(s: DistrictSummary): string {
  const d = dayParts(s.referenceDay);
  return `${d.year === s.year ? '' : `${d.year}年`}${d.month}月${d.monthEnd ? '底' : `${d.date}日`}`;
}

/** "三级" (or 两级) when several levels, "区级" when one: the source's 帮包96个三级重点项目. */
function levelCount(s: DistrictSummary): string {
  const levels = levelsPresent(s);
  return levels.length === 1 ? `${LEVEL_CHAR[levels[0]!]}级` : `${COUNT_CHAR[levels.length]}级`;
}

/** 超序时进度 / 落后序时进度 / 与序时进度持平. */
function schedule(points: number): string {
  if (points === 0) return '与序时进度持平';
  return `${points > 0 ? '超' : '落后'}序时进度${figure(points)}个百分点`;
}

/** "完成年度计划投资的115.3%,超序时进度23.6个百分点", or what was completed when there is no plan. */
function progress(g: GroupFigures): string {
  if (g.completionPct === null || g.aheadPoints === null) return `完成投资${figure(g.completed)}万元,尚无年度计划投资`;
  return `完成年度计划投资的${figure(g.completionPct)}%,${schedule(g.aheadPoints)}`;
}

const MOVED = { new: () => ',本月新增', same: () => ',排名与上月持平', up: (n: number) => `,较上月上升${n}位`, down: (n: number) => `,较上月下降${n}位` };

/** "区经济发展局(130.2%,较上月上升2位)". */
function named(r: RankedSponsor): string {
  const moved = movement(r);
  return `${r.name}(${figure(r.completionPct ?? 0)}%${moved === null ? '' : MOVED[moved.kind](moved.places)})`;
}

const KIND = { unit: '帮包单位', leader: '帮包领导' } as const;

export const BULLETIN_ZH: BulletinPhrases = {
  join: '',
  title: (s) => `${s.year}年${monthRange(s.elapsedMonths)}全区重点项目建设情况通报`,
  noProjects: (year) => `${year}年暂无重点项目。`,
  overall: (s) => {
    const levels = levelsPresent(s).map((l) => LEVEL_CHAR[l]);
    const kinds = levels.length === 1 ? '' : levels.join('、');
    return `${s.year}年共谋划实施${kinds}${levelCount(s)}重点项目${s.projectsByLevel.total}个,${monthRange(s.elapsedMonths)}${progress(s.investment.all)}。`;
  },
  byLevel: (s) =>
    `其中,${s.investment.provincialAndMunicipal.projects}个省市重点项目${progress(s.investment.provincialAndMunicipal)};区重点项目${progress(s.investment.district)}。`,
  sponsors: (s, districtName) => {
    const opening = districtName === undefined ? '' : `在要素保障方面,${districtName}深入实施重点项目全生命周期管理服务,`;
    const { base, more } = tally(s.sponsorActions.total);
    const done = s.sponsorActions.total === 0 ? `截至${asOf(s)}尚未开展帮包工作` : `截至${asOf(s)}累计开展帮包工作${base}${more ? '余' : ''}项`;
    return `${opening}明确${s.byLeader.length}名区领导、${s.byUnit.length}个帮包单位,全流程“一对一”帮包${s.projectsByLevel.total}个${levelCount(s)}重点项目,${done}。`;
  },
  problems: (s) =>
    `通过召开全区项目建设要素保障工作会议,建立问题收集、化解闭环机制,聚焦${s.problems.projects}个项目的政策难点、审批堵点等各类问题${s.problems.collected}个,` +
    '实行“一对一精准调度、点对点把脉问诊”,由区领导顶格协调、要素保障部门逐项落实解决方案,为项目建设扫清障碍。',
  noProblems: (s) => `建立问题收集、化解闭环机制,截至${asOf(s)}尚未收集到项目问题。`,
  resolution: (s) => {
    const p = s.problems;
    const overdue = p.overdue > 0 ? `,其中超期${p.overdue}个` : '';
    const rate = figure((p.resolved / p.collected) * 100);
    return `截至${asOf(s)},${p.collected}个问题已化解${p.resolved}个(其中验证办结${p.closed}个),化解率${rate}%;尚在推进${p.open}个${overdue}。`;
  },
  actions: (a) => `帮包工作中,现场走访${a.siteVisits}次、会议${a.meetings}次、电话${a.calls}次、协调会${a.coordination}次。`,
  milestones: (s) => `入库纳统项目${s.statisticsEnrolled}个,竣工投产项目${s.productionStarted}个。`,
  projects: (all) => `从项目看,${all.projectsAhead}个项目达到或超过序时进度,${all.projectsBehind}个项目落后序时进度。`,
  sponsorRanks: (kind, top, behind) => {
    const tail =
      behind.length === 0
        ? `各${KIND[kind]}均达到或超过序时进度`
        : `${behind.map((r) => `${r.name}(落后${figure(r.aheadPoints ?? 0)}个百分点)`).join('、')}落后序时进度,需加快推进`;
    return `${KIND[kind]}中,${top.map(named).join('、')}完成年度计划投资比例位居前列;${tail}。`;
  },
  noLights: (s) => `截至${asOf(s)},无亮红灯、黄灯项目。`,
  lights: (s, l) => {
    const units = [...new Set(l.red.map((p) => p.sponsoringUnit))].join('、');
    const red =
      l.red.length === 0
        ? '无亮红灯项目'
        : `亮红灯项目${l.red.length}个:${l.red.map((p) => (p.rule ? `${p.name}(${p.rule})` : p.name)).join('、')},涉及帮包单位${units}`;
    return `截至${asOf(s)},${red};亮黄灯项目${l.yellow.length}个。请相关帮包单位和帮包领导对照亮灯原因逐项整改、销号。`;
  },
};
