import type { DistrictSummary, GroupFigures } from '@shared/bureau/summary.js';
import type { Language } from '@shared/domain/index.js';
import { localDateTime, localDay } from '@shared/rules/local-time.js';
import type { BureauContext } from './context.js';
import { bureauName } from './desk-settings.js';
import { districtSummary, type SummaryOptions } from './summary.js';
import { escapeHtml, figureFormat, summaryTables, type FigureFormat } from './summary-document-tables.js';
import { summaryWords, type SummarySay } from './summary-document-words.js';

/**
 * The printable district summary (全区重点项目建设情况汇总): one self-contained HTML page, A4 portrait, with the
 * figures of the district overview as `districtSummary` computes them (the opening sentence in the source's
 * shape, then their tables), the bureau's name, the period and the day it was made. Nothing is fetched (no
 * scripts, no images, no web fonts: the system's CJK fonts, as the app uses them), so it opens and prints
 * offline, in a browser or from the desk's own print view.
 */

/** The app's font stack (renderer/src/components/DeskTheme.tsx): the system's own CJK fonts. */
export const FONT_FAMILY =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";

const STYLE = `
  @page { size: A4 portrait; margin: 16mm 14mm 16mm; }
  html { background: #fff; }
  body { font-family: ${FONT_FAMILY}; font-size: 10pt; line-height: 1.5; color: #000; margin: 0 auto; max-width: 182mm; padding: 10mm 0; }
  h1 { font-size: 17pt; text-align: center; margin: 0 0 2mm; letter-spacing: 0.05em; }
  .period { text-align: center; color: #333; font-size: 9pt; margin: 0 0 5mm; }
  p.lead { text-indent: 2em; margin: 0 0 2mm; }
  h2 { font-size: 11.5pt; margin: 4mm 0 1.5mm; break-after: avoid; page-break-after: avoid; }
  table { width: 100%; border-collapse: collapse; font-size: 9pt; margin: 0 0 2mm; }
  th, td { border: 0.6pt solid #555; padding: 0.8mm 1.4mm; vertical-align: middle; }
  th { background: #eee; font-weight: bold; text-align: center; line-height: 1.3; word-break: keep-all; }
  td { text-align: left; }
  td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
  td:first-child, table.ranked td:nth-child(2) { white-space: nowrap; }
  table.ranked td:first-child { text-align: center; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .empty { color: #555; }
  .notes { font-size: 8.5pt; color: #333; margin-top: 4mm; }
  footer { margin-top: 3mm; font-size: 8.5pt; color: #555; border-top: 0.6pt solid #999; padding-top: 1.5mm; text-align: right; }
  @media print { body { padding: 0; max-width: none; } }
`;

/** The page's own policy: nothing fetched, nothing run (its styles are inline). */
export const HEAD = [
  '<meta charset="utf-8">',
  '<meta name="viewport" content="width=device-width, initial-scale=1">',
  `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`,
].join('\n');

export interface SummaryDocumentOptions {
  bureauName: string;
  language: Language;
  /** When the document is made (its date and the footer's moment), on the district's clock. */
  madeAt: Date;
}

/** "2026年12月2日" / "2 December 2026": a day as the document's language writes it. */
function dayText(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${iso}T00:00:00Z`),
  );
}

/** "超序时进度 23.6 个百分点", "落后序时进度 4.1 个百分点", …: how far a group is from the schedule. */
function pace(g: GroupFigures, say: SummarySay): string {
  if (g.aheadPoints === null) return say('noPlan');
  if (g.aheadPoints === 0) return say('level');
  return say(g.aheadPoints > 0 ? 'ahead' : 'behind', { points: Math.abs(g.aheadPoints).toFixed(1) });
}

/** The two opening paragraphs, in the source's shape (the press release's first and second paragraphs). */
export function openingSentences(s: DistrictSummary, say: SummarySay, f: FigureFormat, day: string): string[] {
  const { all, provincialAndMunicipal: pm, district } = s.investment;
  return [
    say('opening', {
      total: s.projectsByLevel.total,
      month: s.elapsedMonths,
      completion: f.pct(all.completionPct),
      pace: pace(all, say),
      pm: pm.projects,
      pmCompletion: f.pct(pm.completionPct),
      pmPace: pace(pm, say),
      district: district.projects,
      districtCompletion: f.pct(district.completionPct),
      districtPace: pace(district, say),
    }),
    say('sponsors', {
      leaders: s.byLeader.length,
      units: s.byUnit.length,
      total: s.projectsByLevel.total,
      day,
      actions: s.sponsorActions.total,
      problemProjects: s.problems.projects,
      collected: s.problems.collected,
      resolved: s.problems.resolved,
      open: s.problems.open,
      overdue: s.problems.overdue,
      enrolled: s.statisticsEnrolled,
      started: s.productionStarted,
    }),
  ];
}

/** The document for `summary`: a whole HTML page (no scripts, nothing fetched), every name escaped. */
export function renderSummaryDocument(summary: DistrictSummary, options: SummaryDocumentOptions): string {
  const { language } = options;
  const say = summaryWords(language);
  const f = figureFormat(language);
  const made = localDay(options.madeAt, summary.timeZone);
  const reference = dayText(summary.referenceDay, language);
  const title = say('title', { bureau: options.bureauName });
  const period = say('period', {
    year: summary.year,
    month: summary.elapsedMonths,
    schedule: f.pct(summary.timeProportionalPct),
    day: reference,
    made: dayText(made, language),
  });
  const lead = openingSentences(summary, say, f, reference)
    .map((p) => `<p class="lead">${escapeHtml(p)}</p>`)
    .join('\n');
  const sections = summaryTables(summary, say, f, language)
    .map((t) => `<section>\n<h2>${escapeHtml(t.heading)}</h2>\n${t.html}\n</section>`)
    .join('\n');
  const notes = say('notes', { month: summary.elapsedMonths, schedule: f.pct(summary.timeProportionalPct) });
  const footer = say('footer', { bureau: options.bureauName, at: localDateTime(options.madeAt, summary.timeZone), zone: summary.timeZone });
  return `<!DOCTYPE html>
<html lang="${language === 'en' ? 'en' : 'zh-CN'}">
<head>
${HEAD}
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body data-as-of="${escapeHtml(summary.asOfMonth)}" data-reference-day="${escapeHtml(summary.referenceDay)}">
<h1>${escapeHtml(title)}</h1>
<p class="period">${escapeHtml(period)}</p>
${lead}
${sections}
<p class="notes">${escapeHtml(notes)}</p>
<footer>${escapeHtml(footer)}</footer>
</body>
</html>
`;
}

export interface SummaryDocumentRequest extends SummaryOptions {
  language?: Language;
}

/** The summary document of the bureau database for the dates asked, and the file name it is saved under. */
export function summaryDocument(ctx: BureauContext, request: SummaryDocumentRequest = {}) {
  const summary = districtSummary(ctx, request);
  const language = request.language ?? 'zh-CN';
  const html = renderSummaryDocument(summary, { bureauName: bureauName(ctx.db), language, madeAt: ctx.now() });
  const fileName = language === 'en' ? `district-summary-${summary.asOfMonth}.html` : `重点项目汇总-${summary.asOfMonth}.html`;
  return { html, fileName, asOfMonth: summary.asOfMonth, referenceDay: summary.referenceDay };
}
