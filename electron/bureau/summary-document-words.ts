import type { Language } from '@shared/domain/index.js';
import { fill } from '@shared/i18n/catalogue.js';

/**
 * The printable district summary's words, in Chinese (the document the office files and hands upward) and
 * English (when the desk's language is English). Domain words come from the shared vocabulary where it has
 * them (levels, sponsor-action kinds); the sentences follow the source's shape (DOMAIN.md, "Ranking and 通报"):
 * "共有重点项目N个，1-M月完成年度计划投资的X%，超序时进度Y个百分点。其中，…".
 */

const ZH = {
  title: '{bureau}重点项目建设情况汇总',
  period: '投资统计：{year}年1-{month}月（序时进度 {schedule}）　问题与帮包工作统计至：{day}　制表日期：{made}',
  opening:
    '共有重点项目 {total} 个，1-{month}月完成年度计划投资的 {completion}，{pace}。其中，省市重点项目 {pm} 个，完成年度计划投资的 {pmCompletion}，{pmPace}；区重点项目 {district} 个，完成年度计划投资的 {districtCompletion}，{districtPace}。',
  ahead: '超序时进度 {points} 个百分点',
  behind: '落后序时进度 {points} 个百分点',
  level: '与序时进度持平',
  noPlan: '尚无年度计划投资',
  sponsors:
    '明确 {leaders} 名帮包领导、{units} 个帮包单位，“一对一”帮包 {total} 个重点项目，截至 {day} 累计开展帮包工作 {actions} 次。收集 {problemProjects} 个项目的各类问题 {collected} 个，已化解 {resolved} 个，未化解 {open} 个（其中逾期 {overdue} 个）；入库纳统 {enrolled} 个，竣工投产 {started} 个。',
  'h.levels': '一、重点项目数量',
  'h.investment': '二、投资完成情况',
  'h.units': '三、按帮包单位（按完成率排名）',
  'h.leaders': '四、按帮包领导（按完成率排名）',
  'h.problems': '五、问题收集与化解',
  'h.actions': '六、帮包工作',
  'h.milestones': '七、入库纳统与竣工投产',
  'c.level': '级别',
  'c.group': '类别',
  'c.projects': '项目数',
  'c.share': '占比',
  'c.planned': '年度计划投资（万元）',
  'c.completed': '累计完成投资（万元）',
  'c.completion': '完成率',
  'c.schedule': '序时进度',
  'c.ahead': '超序时进度（百分点）',
  'c.projectsAhead': '超序时项目',
  'c.projectsBehind': '滞后项目',
  'c.rank': '排名',
  'c.unit': '帮包单位',
  'c.leader': '帮包领导',
  'c.collected': '收集问题',
  'c.resolved': '已化解',
  'c.closed': '其中办结',
  'c.open': '未化解',
  'c.overdue': '逾期未化解',
  'c.problemProjects': '涉及项目',
  'c.actions': '帮包工作（次）',
  'c.actionProjects': '涉及项目',
  'c.total': '合计',
  'c.enrolled': '入库纳统',
  'c.started': '竣工投产',
  'g.all': '全部重点项目',
  'g.provincialAndMunicipal': '省市重点项目',
  'g.district': '区重点项目',
  'g.provincial': '其中：省级',
  'g.municipal': '其中：市级',
  notes:
    '说明：完成率 = 1-{month}月累计完成投资 ÷ 年度计划投资；序时进度 = 已过月数 ÷ 12 = {schedule}；超序时进度 = 完成率 − 序时进度（百分点，由未取整的完成率算出后保留一位小数）。金额单位为万元。数据来自各帮包责任人报送并经本局汇入的工作包。',
  footer: '{bureau} · 导出于 {at}（{zone} 时间）',
  none: '无',
} as const;

type Key = keyof typeof ZH;

const EN: Record<Key, string> = {
  title: '{bureau}: key projects, district summary',
  period: 'Investment: {year}, months 1–{month} (time-proportional schedule {schedule})   Problems and sponsor actions to: {day}   Made on: {made}',
  opening:
    '{total} key projects completed {completion} of the annual plan in months 1–{month}, {pace}. Of these, {pm} provincial and municipal projects completed {pmCompletion}, {pmPace}; {district} district projects completed {districtCompletion}, {districtPace}.',
  ahead: '{points} points ahead of schedule',
  behind: '{points} points behind schedule',
  level: 'on schedule',
  noPlan: 'with no annual plan yet',
  sponsors:
    '{leaders} sponsoring leaders and {units} sponsoring units sponsor the {total} key projects one-to-one; {actions} sponsor actions were logged to {day}. {collected} problems were collected from {problemProjects} projects: {resolved} resolved, {open} open ({overdue} overdue). {enrolled} projects are enrolled in statistics and {started} started production.',
  'h.levels': '1. Key projects',
  'h.investment': '2. Investment',
  'h.units': '3. By sponsoring unit (ranked by completion)',
  'h.leaders': '4. By sponsoring leader (ranked by completion)',
  'h.problems': '5. Problems collected and resolved',
  'h.actions': '6. Sponsor actions',
  'h.milestones': '7. Statistics enrolment and production start',
  'c.level': 'Level',
  'c.group': 'Group',
  'c.projects': 'Projects',
  'c.share': 'Share',
  'c.planned': 'Annual plan (10k yuan)',
  'c.completed': 'Completed (10k yuan)',
  'c.completion': 'Completion',
  'c.schedule': 'Schedule',
  'c.ahead': 'Ahead (points)',
  'c.projectsAhead': 'Ahead',
  'c.projectsBehind': 'Behind',
  'c.rank': 'Rank',
  'c.unit': 'Sponsoring unit',
  'c.leader': 'Sponsoring leader',
  'c.collected': 'Collected',
  'c.resolved': 'Resolved',
  'c.closed': 'of which closed',
  'c.open': 'Open',
  'c.overdue': 'Overdue',
  'c.problemProjects': 'Projects',
  'c.actions': 'Sponsor actions',
  'c.actionProjects': 'Projects',
  'c.total': 'Total',
  'c.enrolled': 'Enrolled in statistics',
  'c.started': 'Started production',
  'g.all': 'All key projects',
  'g.provincialAndMunicipal': 'Provincial and municipal',
  'g.district': 'District projects',
  'g.provincial': 'of which provincial',
  'g.municipal': 'of which municipal',
  notes:
    'Notes: completion = investment completed in months 1–{month} ÷ annual planned investment; time-proportional schedule = months elapsed ÷ 12 = {schedule}; ahead of schedule = completion − schedule, in points (from the unrounded completion, then rounded to 0.1). Amounts in 10,000 yuan. The figures come from the weekly packets the sponsor officers sent and the bureau folded.',
  footer: '{bureau} · made {at} ({zone} time)',
  none: 'None',
};

export type SummaryWordKey = Key;
export type SummarySay = (key: Key, params?: Record<string, string | number>) => string;

/** The document's words in `language`, with `{name}` placeholders filled. */
export function summaryWords(language: Language): SummarySay {
  const words: Record<Key, string> = language === 'en' ? EN : ZH;
  return (key, params = {}) => fill(words[key], params);
}
