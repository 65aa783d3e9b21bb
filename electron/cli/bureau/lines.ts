import type { DistrictSummary, GroupFigures, SponsorRow } from '@shared/bureau/summary.js';
import { fill } from '@shared/i18n/catalogue.js';
import { LEVEL_WORDS, ORIGIN_WORDS, PROBLEM_ACTION_WORDS, PROBLEM_STATUS_WORDS, VISIT_KIND_WORDS } from '@shared/i18n/vocabulary.js';
import { localDateTime } from '@shared/rules/local-time.js';
import type { MasterImportResult } from '../../bureau/import-master.js';
import type { IngestFileResult } from '../../bureau/ingest.js';
import { pendingIngestLines } from './key-lines.js';
import { describeErrorShape, sayIn, type Lang } from './messages.js';
import type { BureauProblemView } from '../../bureau/problems.js';

/**
 * What the bureau CLI prints for each command's result, in Chinese and English: the lines only, so cli.ts
 * stays the argument parsing and dispatch. Domain words come from the vocabulary in either language.
 */
const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`);
const pts = (v: number | null) => (v === null ? '—' : `${v >= 0 ? '+' : ''}${v.toFixed(1)}`);
const wan = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 4 });

/** The vocabulary's word for a code in `lang`, or the code itself when it is none the vocabulary knows. */
export const wordOf = (words: Readonly<Record<string, { zh: string; en: string }>>, code: unknown, lang: Lang): string =>
  words[String(code)]?.[lang] ?? String(code);

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

/** A folded packet's warnings (ingest.ts), `{name}` standing for the warning's params. */
const INGEST_WARNINGS: Readonly<Record<string, { zh: string; en: string }>> = {
  project_not_assigned: {
    zh: '含有项目 {code} 移交前的记录，该项目现已移交其他责任人',
    en: 'records made before project {code} was handed over to another officer',
  },
  problem_step_illegal: {
    zh: '问题 {problem} 的“{action}”步骤在当时状态（{status}）下不合规，已保留但未生效（conflicts 表）',
    en: 'step "{action}" {id} of problem {problem} is not legal when the problem is {status}: kept, not applied (conflicts table)',
  },
  sequence_reused: {
    zh: '序号 #{sequence} 已有另一个数据包（责任人可能恢复过备份）',
    en: 'sequence #{sequence} was already used by another packet (restored backup?)',
  },
  officer_details_differ: {
    zh: '数据包中的责任人信息为 {name}（{unit}），与本局登记不同',
    en: "the packet names the officer {name} ({unit}), unlike the bureau's record",
  },
  missing_photos: {
    zh: '{count} 张照片未随包发送（责任人电脑上找不到文件）',
    en: "{count} photo(s) were not in the packet (missing on the officer's computer)",
  },
};

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
    const text = INGEST_WARNINGS[w.code];
    if (!text) continue;
    const words = { action: wordOf(PROBLEM_ACTION_WORDS, w.params.action, lang), status: wordOf(PROBLEM_STATUS_WORDS, w.params.status, lang) };
    lines.push(say('  注意：', '  note: ') + fill(text[lang], { ...w.params, ...words }));
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

export function problemLines(p: BureauProblemView, lang: Lang, zone: string): string[] {
  const say = sayIn(lang);
  const status = wordOf(PROBLEM_STATUS_WORDS, p.status, lang);
  const lines = [
    `${p.id}  ${p.projectCode} ${p.projectName}  [${status}]${p.overdue ? say('（逾期）', ' (overdue)') : ''}  ${say('提出方', 'by')} ${p.origin === 'bureau' ? ORIGIN_WORDS.bureau[lang] : p.raisedBy} ${p.raisedOn}`,
    `    ${p.description}`,
    `    ${say('责任部门', 'department')} ${p.currentDepartment || '—'}  ${say('协调领导', 'leader')} ${p.coordinatingLeader || '—'}  ${say('办结时限', 'due')} ${p.dueOn ?? '—'}  ${say('责任人', 'officer')} ${p.officerName || '—'}`,
  ];
  for (const e of p.events) {
    const detail = [e.department, e.resolution, e.note].filter((x) => x).join('；');
    const skipped = p.skippedEventIds.includes(e.id) ? say('（未生效）', ' (not applied)') : '';
    const byBureau = e.origin === 'bureau' ? say('（经发局）', ' (bureau)') : '';
    lines.push(
      `      ${localDateTime(e.at, zone)}  ${wordOf(PROBLEM_ACTION_WORDS, e.action, lang)}${skipped}  ${e.by}${byBureau}${detail ? `  ${detail}` : ''}`,
    );
  }
  return lines;
}

function groupLine(label: string, g: GroupFigures, lang: Lang): string {
  return lang === 'zh'
    ? `  ${label}：${g.projects} 个，计划 ${wan(g.planned)} 万元，完成 ${wan(g.completed)} 万元，完成年度计划的 ${pct(g.completionPct)}，超序时进度 ${pts(g.aheadPoints)} 个百分点（超序时 ${g.projectsAhead} 个，滞后 ${g.projectsBehind} 个）`
    : `  ${label}: ${g.projects} projects, plan ${wan(g.planned)}, completed ${wan(g.completed)} (万元), ${pct(g.completionPct)} of the annual plan, ${pts(g.aheadPoints)} points vs schedule (${g.projectsAhead} ahead, ${g.projectsBehind} behind)`;
}

function sponsorLine(r: SponsorRow, lang: Lang): string {
  const i = r.investment;
  return lang === 'zh'
    ? `  ${r.name}：${i.projects} 个项目，完成 ${pct(i.completionPct)}（${pts(i.aheadPoints)}），问题 ${r.problems.collected}/已化解 ${r.problems.resolved}/逾期 ${r.problems.overdue}，帮包工作 ${r.sponsorActions} 次，纳统 ${r.statisticsEnrolled}，投产 ${r.productionStarted}`
    : `  ${r.name}: ${i.projects} projects, ${pct(i.completionPct)} (${pts(i.aheadPoints)}), problems ${r.problems.collected}/resolved ${r.problems.resolved}/overdue ${r.problems.overdue}, ${r.sponsorActions} actions, ${r.statisticsEnrolled} enrolled, ${r.productionStarted} producing`;
}

export function summaryLines(s: DistrictSummary, lang: Lang): string[] {
  const say = sayIn(lang);
  const p = s.problems;
  const a = s.sponsorActions;
  const counted = (pairs: readonly (readonly [string, number])[]) => pairs.map(([word, n]) => `${word} ${n}`).join(say('，', ', '));
  const levels = counted((['provincial', 'municipal', 'district'] as const).map((l) => [LEVEL_WORDS[l][lang], s.projectsByLevel[l]]));
  const kinds = { site_visit: a.siteVisits, meeting: a.meetings, call: a.calls, coordination: a.coordination };
  const actions = counted(Object.entries(kinds).map(([kind, n]) => [wordOf(VISIT_KIND_WORDS, kind, lang), n]));
  return [
    say(`${s.year} 年重点项目 ${s.projectsByLevel.total} 个（${levels}）`, `${s.year}: ${s.projectsByLevel.total} key projects (${levels})`),
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
    say(`帮包工作 ${a.total} 次（${actions}），覆盖 ${a.projects} 个项目`, `Sponsor actions: ${a.total} (${actions}) on ${a.projects} projects`),
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
