import type { Officer } from '@shared/domain/index.js';
import type { WeeklyStats } from '@shared/operations/sync.js';
import { elapsedMonths, groupProgress, isProblemUnsolved, localDateTime, localDay, roundTo } from '@shared/rules/index.js';
import type { WeekOverview } from '@shared/operations/week.js';
import { reportingDay } from '../handlers/project-views.js';
import { weekOverview } from '../handlers/week.js';
import type { SqliteDatabase } from '../store/database.js';
import { readSetting } from '../store/repositories/settings.js';
import { acknowledgedChangeSeq } from '../store/repositories/sync.js';
import { CHECKLIST_ACTION_ZH, FILE_WORDS, LEVEL_ZH, PROBLEM_CATEGORY_ZH, PROBLEM_STATUS_ZH, STAGE_ZH, VISIT_KIND_ZH } from '@shared/i18n/vocabulary.js';
import { ledgerDataFromStore } from './ledger-rows.js';
import type { LedgerData } from './ledger-workbook.js';
import { Officer as OfficerSchema } from '@shared/domain/index.js';

/**
 * The week in numbers, the drafted summary paragraph (Chinese, editable by the officer before export) and
 * the printable report (report.html, self-contained, prints cleanly on A4). The week is the reporting week
 * of shared/rules/reporting-week.ts (Monday–Sunday holding today in the district's time zone) and what it
 * holds is exactly what the 本周工作 screen shows: both are read from weekOverview, so the screen, the
 * packet's `period` and the report cannot disagree.
 */

export interface WeeklyContext {
  officer: Officer | null;
  /** The store's time zone: the days below and every time the report prints are local there. */
  timeZone: string;
  today: string;
  stats: WeeklyStats;
  /** The 本周工作 screen's data for the same week and clock: the report lists what it lists. */
  week: WeekOverview;
  ledger: LedgerData;
}

export function weeklyContext(db: SqliteDatabase, now: Date): WeeklyContext {
  const officer = readSetting(db, 'officer', OfficerSchema);
  const ledger = ledgerDataFromStore(db, now, officer);
  const timeZone = ledger.timeZone;
  const { asOfMonth } = reportingDay(now, timeZone);
  const week = weekOverview(db, now);
  const { today, weekStart: from, weekEnd: to } = week;
  const active = ledger.projects.filter((p) => !p.archived);
  const activeCodes = new Set(active.map((p) => p.code));

  const { visits, checklist, problemSteps, problemsRaised, investment, milestones } = week.done;
  const closeOffs = checklist.filter((c) => c.action === 'close_off');
  const resolved = new Set(problemSteps.filter((s) => s.action === 'resolve' || s.action === 'verify_close').map((s) => s.problemId));
  const openProblems = ledger.problems.filter((p) => activeCodes.has(p.projectCode) && isProblemUnsolved(p.status));

  const year = active.reduce((y, p) => Math.max(y, p.planYear), 0) || Number(asOfMonth.slice(0, 4));
  // The district summary's group figures (shared/rules/progress.ts) over the officer's projects of the year.
  const figures = groupProgress(
    active.filter((p) => p.planYear === year).map((p) => ({ planned: p.annualPlannedInvestment, completed: p.completedInvestment })),
    elapsedMonths(year, asOfMonth),
  );

  const pendingChanges = (db.prepare('SELECT count(*) AS n FROM change_log WHERE seq > ?').get(acknowledgedChangeSeq(db)) as { n: number }).n;

  const stats: WeeklyStats = {
    from,
    to,
    projects: active.length,
    visits: visits.length,
    visitedProjects: new Set(visits.map((v) => v.projectCode)).size,
    closeOffs: closeOffs.length,
    problemsRaised: problemsRaised.length,
    problemsResolved: resolved.size,
    problemsOpen: openProblems.length,
    problemsOverdue: ledger.problems.filter((p) => activeCodes.has(p.projectCode) && p.overdue).length,
    // The week's open tasks past due (the 本周工作 screen's), so the report cannot disagree with it.
    itemsOverdue: week.due.checklist.filter((d) => d.overdue).length,
    investmentEntries: investment.length,
    asOfMonth,
    completedWan: figures.completed,
    plannedWan: figures.planned,
    completionPct: figures.completionPct,
    timeProportionalPct: figures.timeProportionalPct,
    aheadPoints: figures.aheadPoints,
    milestonesReached: milestones.length,
    pendingChanges,
  };
  return { officer, timeZone, today, stats, week, ledger };
}

const zhDay = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
const zhMonth = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
const wan = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/** The drafted summary paragraph of the week, in Chinese. The officer edits it before exporting. */
export function draftWeeklySummary(stats: WeeklyStats, officerName?: string | null): string {
  const who = officerName ? `帮包责任人${officerName}` : '本人';
  const parts: string[] = [];
  parts.push(`本周（${zhDay(stats.from)}至${zhDay(stats.to)}），${who}共帮包项目${stats.projects}个`);
  parts.push(stats.visits > 0 ? `开展帮包工作${stats.visits}次，涉及项目${stats.visitedProjects}个` : '本周未开展走访');
  parts.push(stats.closeOffs > 0 ? `完成清单事项销号${stats.closeOffs}项` : '无清单事项销号');
  if (stats.milestonesReached > 0) parts.push(`${stats.milestonesReached}个节点目标按期实现`);
  let text = `${parts.join('，')}。`;
  text += `新收集问题${stats.problemsRaised}个，化解问题${stats.problemsResolved}个，目前在办问题${stats.problemsOpen}个`;
  text += stats.problemsOverdue > 0 ? `，其中超过办结时限${stats.problemsOverdue}个。` : '。';
  if (stats.plannedWan > 0 && stats.completionPct !== null && stats.aheadPoints !== null) {
    const pace =
      stats.aheadPoints > 0
        ? `超序时进度${stats.aheadPoints}个百分点`
        : stats.aheadPoints < 0
          ? `落后序时进度${roundTo(-stats.aheadPoints, 1)}个百分点`
          : '与序时进度持平';
    text += `截至${zhMonth(stats.asOfMonth)}，所帮包项目累计完成投资${wan(stats.completedWan)}万元，占年度计划${wan(stats.plannedWan)}万元的${stats.completionPct}%，${pace}。`;
  }
  text += stats.itemsOverdue > 0 ? `目前有${stats.itemsOverdue}项清单事项超过时间节点未销号，需重点推进。` : '清单事项均在时间节点内推进。';
  return text;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Numbers right-aligned; dates and project codes never broken across lines. */
function cellClass(c: string | number | null): string {
  if (typeof c === 'number') return ' class="num"';
  if (typeof c === 'string' && (/^\d{4}-\d{2}(-\d{2})?$/.test(c) || /^[A-Za-z]{1,6}-[A-Za-z0-9-]{1,20}$/.test(c))) return ' class="nowrap"';
  return '';
}

function table(headers: readonly string[], rows: readonly (readonly (string | number | null)[])[], empty = '无'): string {
  if (rows.length === 0) return `<p class="empty">${empty}</p>`;
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td${cellClass(c)}>${escapeHtml(c === null ? '' : String(c))}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export interface ReportPacketInfo {
  sequence: number;
  createdAt: string;
  changeCount: number;
}

/** report.html: one self-contained page, no scripts, no external files; prints cleanly on A4. */
export function renderWeeklyReport(ctx: WeeklyContext, summary: string, packet: ReportPacketInfo): string {
  const { stats, ledger, officer } = ctx;
  const active = ledger.projects.filter((p) => !p.archived);
  const activeCodes = new Set(active.map((p) => p.code));
  // The rows the 本周工作 screen lists, in its order, with the ledger's columns.
  const done = ctx.week.done;
  const pick = <T extends { id: string }>(rows: readonly T[], ids: readonly string[]): T[] => {
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is T => r !== undefined);
  };
  const idOf = (r: { id: string }) => r.id;
  const visits = pick(ledger.visits, done.visits.map(idOf));
  const closeOffs = pick(ledger.closeOffs, done.checklist.map(idOf));
  const weekProblems = pick(ledger.problems, [...new Set([...done.problemsRaised.map((p) => p.id), ...done.problemSteps.map((s) => s.problemId)])]);
  const paragraphs = summary
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p class="summary">${escapeHtml(p)}</p>`)
    .join('\n');
  const title = `帮包工作周报（${zhDay(stats.from)}—${zhDay(stats.to)}）`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<title>${escapeHtml(title)}</title>
<style>
  @page { size: A4; margin: 18mm 15mm; }
  body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 11pt; line-height: 1.6; color: #000; margin: 0 auto; max-width: 190mm; padding: 8mm; }
  h1 { font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; font-size: 18pt; text-align: center; margin: 0 0 4mm; }
  h2 { font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; font-size: 13pt; margin: 6mm 0 2mm; page-break-after: avoid; }
  .meta { text-align: center; color: #333; margin-bottom: 6mm; }
  .summary { text-indent: 2em; margin: 0 0 2mm; }
  table { width: 100%; border-collapse: collapse; font-size: 9.5pt; margin-bottom: 3mm; }
  th, td { border: 1px solid #444; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }
  th { background: #eee; font-weight: bold; }
  td.num { text-align: right; white-space: nowrap; }
  td.nowrap { white-space: nowrap; }
  tr { page-break-inside: avoid; }
  thead { display: table-header-group; }
  .empty { color: #555; }
  footer { margin-top: 8mm; font-size: 9pt; color: #555; border-top: 1px solid #999; padding-top: 2mm; }
  @media print { body { padding: 0; max-width: none; } }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<div class="meta">帮包责任人：${escapeHtml(officer?.name ?? '')}　单位：${escapeHtml(officer?.unit ?? '')}　第${packet.sequence}期　${escapeHtml(localDay(packet.createdAt, ctx.timeZone))}</div>
<h2>本周工作小结</h2>
${paragraphs || '<p class="empty">（未填写）</p>'}
<h2>一、项目推进情况（截至${escapeHtml(zhMonth(stats.asOfMonth))}）</h2>
${table(
  ['项目编号', '项目名称', '级别', '阶段', '年度计划（万元）', '累计完成（万元）', '完成率（%）', '超序时（百分点）', '在办问题', '逾期事项'],
  active.map((p) => [
    p.code,
    p.name,
    LEVEL_ZH[p.level],
    STAGE_ZH[p.stage],
    p.annualPlannedInvestment,
    p.completedInvestment,
    p.completionPct,
    p.aheadPoints,
    p.openProblems,
    p.overdueItems,
  ]),
)}
<p>合计：年度计划投资${wan(stats.plannedWan)}万元，累计完成${wan(stats.completedWan)}万元，完成率${stats.completionPct ?? '—'}%，序时进度${stats.timeProportionalPct}%。</p>
<h2>二、本周帮包工作（${visits.length}次）</h2>
${table(
  ['日期', '项目', '方式', '工作内容', '发现问题', '后续事项'],
  visits.map((v) => [v.visitedOn, v.projectName, VISIT_KIND_ZH[v.kind], v.summary, v.findings, v.followUps]),
)}
<h2>三、本周清单销号（${closeOffs.filter((c) => c.action === 'close_off').length}项）</h2>
${table(
  ['项目', '清单事项', '时间节点', '操作', '日期', '佐证/说明'],
  closeOffs.map((c) => [c.projectName, c.itemTitle, c.dueOn, CHECKLIST_ACTION_ZH[c.action], c.effectiveOn, c.note]),
)}
<h2>四、问题收集与化解</h2>
${table(
  ['项目', '类别', '问题描述', '责任部门', '状态', '办结时限'],
  weekProblems.map((p) => [p.projectName, PROBLEM_CATEGORY_ZH[p.category], p.description, p.responsibleDepartment, PROBLEM_STATUS_ZH[p.status], p.dueOn]),
  '本周无新收集或办理的问题',
)}
<p>在办问题${stats.problemsOpen}个${stats.problemsOverdue > 0 ? `，其中超过办结时限${stats.problemsOverdue}个` : ''}。</p>
<h2>五、逾期事项</h2>
${table(
  ['项目', '清单事项', '时间节点', '逾期天数'],
  ctx.week.due.checklist.filter((i) => i.overdue).map((i) => [i.projectName, i.title, i.dueOn, i.daysOverdue]),
  '无逾期清单事项',
)}
${table(
  ['项目', '逾期问题', '责任部门', '办结时限'],
  ledger.problems.filter((p) => p.overdue && activeCodes.has(p.projectCode)).map((p) => [p.projectName, p.description, p.responsibleDepartment, p.dueOn]),
  '无逾期问题',
)}
<footer>本报告由 Sponsor Desk 生成，随第${packet.sequence}期${FILE_WORDS.weekly.zh}报送（含 ${packet.changeCount} 条变更记录及台账 ledger.xlsx）。生成时间：${escapeHtml(localDateTime(packet.createdAt, ctx.timeZone))}</footer>
</body>
</html>
`;
}
