import { LEVEL_ZH, PROBLEM_ACTION_ZH as ACTION_WORDS, PROBLEM_STATUS_ZH as STATUS_WORDS } from '@shared/i18n/vocabulary.js';
import type { DistrictSummary, GroupFigures, SponsorRow } from '@shared/bureau/summary.js';
import { localDateTime } from '@shared/rules/local-time.js';
import type { MasterImportResult } from './import-master.js';
import type { IngestFileResult } from './ingest.js';
import { pendingIngestLines } from './key-cli.js';
import { describeErrorShape, sayIn, type Lang } from './messages.js';
import type { BureauProblemView } from './problems.js';

/**
 * What the bureau CLI prints for each command's result, in Chinese and English: the lines only, so cli.ts
 * stays the argument parsing and dispatch.
 */
export const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);
export const pts = (v: number | null) => (v === null ? '—' : `${v >= 0 ? '+' : ''}${v.toFixed(1)}`);
export const wan = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 4 });

export function importLines(r: MasterImportResult, lang: Lang): string[] {
  const say = sayIn(lang);
  const lines = [
    r.applied
      ? say(`已导入 ${r.fileName}：${r.rows} 个项目`, `Imported ${r.fileName}: ${r.rows} projects`)
      : say(`试导入（未写入）${r.fileName}：${r.rows} 个项目`, `Dry run (nothing written) of ${r.fileName}: ${r.rows} projects`),
    say(
      `  新增 ${r.added}，更新 ${r.updated}，未变 ${r.unchanged}，撤回 ${r.withdrawn}，恢复 ${r.restored}`,
      `  added ${r.added}, updated ${r.updated}, unchanged ${r.unchanged}, withdrawn ${r.withdrawn}, restored ${r.restored}`,
    ),
  ];
  for (const o of r.officersCreated) lines.push(say(`  新登记责任人 ${o.name}（${o.unit}）：${o.id}`, `  new officer ${o.name} (${o.unit}): ${o.id}`));
  for (const p of r.projects) {
    if (p.change === 'unchanged' || p.change === 'added') continue;
    const label = { updated: say('更新', 'updated'), withdrawn: say('撤回', 'withdrawn'), restored: say('恢复', 'restored') }[p.change];
    lines.push(`  ${label} ${p.code} ${p.name}${p.change === 'updated' ? `: ${p.fields.join(', ')}` : ''}`);
  }
  if (r.ignoredColumns.length > 0)
    lines.push(say(`  未识别的列（已忽略）：${r.ignoredColumns.join('、')}`, `  columns not recognised (ignored): ${r.ignoredColumns.join(', ')}`));
  return lines;
}

export function ingestLines(r: IngestFileResult, lang: Lang): string[] {
  const say = sayIn(lang);
  const who = r.officerName ? `${r.officerName} #${r.sequence}` : '';
  if (r.status === 'refused') {
    return [say(`拒收 ${r.file}${who ? `（${who}）` : ''}：`, `REFUSED ${r.file}${who ? ` (${who})` : ''}: `) + describeErrorShape(r.error!, lang)];
  }
  if (r.status === 'duplicate') return [say(`重复 ${r.file}（${who}）：此前已汇入，未作改动`, `duplicate ${r.file} (${who}): already folded, nothing changed`)];
  if (r.status === 'pending') return pendingIngestLines(r, lang);
  const lines = [
    say(
      `汇入 ${r.file}（${who}）：新记录 ${r.newRecords}，重复 ${r.duplicateRecords}，冲突 ${r.conflicts}，照片 ${r.photosStored}`,
      `folded ${r.file} (${who}): ${r.newRecords} new, ${r.duplicateRecords} duplicate, ${r.conflicts} conflicting, ${r.photosStored} photos`,
    ),
  ];
  for (const w of r.warnings) {
    if (w.code === 'project_not_assigned')
      lines.push(
        say(
          `  注意：含有项目 ${w.params.code} 移交前的记录，该项目现已移交其他责任人`,
          `  note: records made before project ${w.params.code} was handed over to another officer`,
        ),
      );
    else if (w.code === 'problem_step_illegal')
      lines.push(
        say(
          `  注意：问题 ${w.params.problem} 的“${PROBLEM_ACTION_ZH[String(w.params.action)] ?? w.params.action}”步骤在当时状态（${PROBLEM_STATUS_ZH[String(w.params.status)] ?? w.params.status}）下不合规，已保留但未生效（conflicts 表）`,
          `  note: step "${w.params.action}" ${w.params.id} of problem ${w.params.problem} is not legal when the problem is ${w.params.status}: kept, not applied (conflicts table)`,
        ),
      );
    else if (w.code === 'sequence_reused')
      lines.push(
        say(
          `  注意：序号 #${w.params.sequence} 已有另一个数据包（责任人可能恢复过备份）`,
          `  note: sequence #${w.params.sequence} was already used by another packet (restored backup?)`,
        ),
      );
    else if (w.code === 'officer_details_differ')
      lines.push(
        say(
          `  注意：数据包中的责任人信息为 ${w.params.name}（${w.params.unit}），与本局登记不同`,
          `  note: the packet names the officer ${w.params.name} (${w.params.unit}), unlike the bureau's record`,
        ),
      );
    else if (w.code === 'missing_photos')
      lines.push(
        say(
          `  注意：${w.params.count} 张照片未随包发送（责任人电脑上找不到文件）`,
          `  note: ${w.params.count} photo(s) were not in the packet (missing on the officer's computer)`,
        ),
      );
  }
  if (r.conflicts > 0)
    lines.push(
      say(
        '  冲突记录已保留两个版本（conflicts 表），以先收到的为准',
        '  conflicting records: both versions kept (conflicts table); the first received stays in force',
      ),
    );
  return lines;
}

export const PROBLEM_STATUS_ZH: Record<string, string> = STATUS_WORDS;
export const PROBLEM_ACTION_ZH: Record<string, string> = ACTION_WORDS;

export function problemLines(p: BureauProblemView, lang: Lang, zone: string): string[] {
  const say = sayIn(lang);
  const status = lang === 'zh' ? (PROBLEM_STATUS_ZH[p.status] ?? p.status) : p.status;
  const lines = [
    `${p.id}  ${p.projectCode} ${p.projectName}  [${status}]${p.overdue ? say('（逾期）', ' (overdue)') : ''}  ${say('提出方', 'by')} ${p.origin === 'bureau' ? say('经发局', 'bureau') : p.raisedBy} ${p.raisedOn}`,
    `    ${p.description}`,
    `    ${say('责任部门', 'department')} ${p.currentDepartment || '—'}  ${say('协调领导', 'leader')} ${p.coordinatingLeader || '—'}  ${say('办结时限', 'due')} ${p.dueOn ?? '—'}  ${say('责任人', 'officer')} ${p.officerName || '—'}`,
  ];
  for (const e of p.events) {
    const action = lang === 'zh' ? (PROBLEM_ACTION_ZH[e.action] ?? e.action) : e.action;
    const detail = [e.department, e.resolution, e.note].filter((x) => x).join('；');
    const skipped = p.skippedEventIds.includes(e.id) ? say('（未生效）', ' (not applied)') : '';
    lines.push(
      `      ${localDateTime(e.at, zone)}  ${action}${skipped}  ${e.by}${e.origin === 'bureau' ? say('（经发局）', ' (bureau)') : ''}${detail ? `  ${detail}` : ''}`,
    );
  }
  return lines;
}

export function groupLine(label: string, g: GroupFigures, lang: Lang): string {
  return lang === 'zh'
    ? `  ${label}：${g.projects} 个，计划 ${wan(g.planned)} 万元，完成 ${wan(g.completed)} 万元，完成年度计划的 ${pct(g.completionPct)}，超序时进度 ${pts(g.aheadPoints)} 个百分点（超序时 ${g.projectsAhead} 个，滞后 ${g.projectsBehind} 个）`
    : `  ${label}: ${g.projects} projects, plan ${wan(g.planned)}, completed ${wan(g.completed)} (万元), ${pct(g.completionPct)} of the annual plan, ${pts(g.aheadPoints)} points vs schedule (${g.projectsAhead} ahead, ${g.projectsBehind} behind)`;
}

export function sponsorLine(r: SponsorRow, lang: Lang): string {
  const i = r.investment;
  return lang === 'zh'
    ? `  ${r.name}：${i.projects} 个项目，完成 ${pct(i.completionPct)}（${pts(i.aheadPoints)}），问题 ${r.problems.collected}/已化解 ${r.problems.resolved}/逾期 ${r.problems.overdue}，帮包工作 ${r.sponsorActions} 次，纳统 ${r.statisticsEnrolled}，投产 ${r.productionStarted}`
    : `  ${r.name}: ${i.projects} projects, ${pct(i.completionPct)} (${pts(i.aheadPoints)}), problems ${r.problems.collected}/resolved ${r.problems.resolved}/overdue ${r.problems.overdue}, ${r.sponsorActions} actions, ${r.statisticsEnrolled} enrolled, ${r.productionStarted} producing`;
}

export function summaryLines(s: DistrictSummary, lang: Lang): string[] {
  const say = sayIn(lang);
  const p = s.problems;
  const a = s.sponsorActions;
  return [
    say(
      `${s.year} 年重点项目 ${s.projectsByLevel.total} 个（${LEVEL_ZH.provincial} ${s.projectsByLevel.provincial}，${LEVEL_ZH.municipal} ${s.projectsByLevel.municipal}，${LEVEL_ZH.district} ${s.projectsByLevel.district}）`,
      `${s.year}: ${s.projectsByLevel.total} key projects (provincial ${s.projectsByLevel.provincial}, municipal ${s.projectsByLevel.municipal}, district ${s.projectsByLevel.district})`,
    ),
    say(
      `投资：1–${s.elapsedMonths} 月（截至 ${s.asOfMonth}），序时进度 ${s.timeProportionalPct.toFixed(1)}%`,
      `Investment January–${s.asOfMonth}, time-proportional progress ${s.timeProportionalPct.toFixed(1)}%`,
    ),
    groupLine(say('全部重点项目', 'all key projects'), s.investment.all, lang),
    groupLine(say('省市重点项目', 'provincial and municipal'), s.investment.provincialAndMunicipal, lang),
    groupLine(say('区重点项目', 'district'), s.investment.district, lang),
    say(
      `问题（截至 ${s.referenceDay}）：收集 ${p.collected} 个，来自 ${p.projects} 个项目；已化解 ${p.resolved}（其中办结 ${p.closed}），未化解 ${p.open}，逾期 ${p.overdue}`,
      `Problems (to ${s.referenceDay}): ${p.collected} collected from ${p.projects} projects; ${p.resolved} resolved (${p.closed} closed), ${p.open} open, ${p.overdue} overdue`,
    ),
    say(
      `帮包工作 ${a.total} 次（现场走访 ${a.siteVisits}，座谈会议 ${a.meetings}，电话联系 ${a.calls}，协调会 ${a.coordination}），覆盖 ${a.projects} 个项目`,
      `Sponsor actions: ${a.total} (site visits ${a.siteVisits}, meetings ${a.meetings}, calls ${a.calls}, coordination ${a.coordination}) on ${a.projects} projects`,
    ),
    say(
      `入库纳统 ${s.statisticsEnrolled} 个，竣工投产 ${s.productionStarted} 个`,
      `Enrolled in statistics: ${s.statisticsEnrolled}; started production: ${s.productionStarted}`,
    ),
    say('按帮包单位：', 'By sponsoring unit:'),
    ...s.byUnit.map((r) => sponsorLine(r, lang)),
    say('按帮包领导：', 'By sponsoring leader:'),
    ...s.byLeader.map((r) => sponsorLine(r, lang)),
  ];
}

/** `sponsor-desk bureau …`, wired into electron/cli/main.ts. */
