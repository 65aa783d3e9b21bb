import type { BulletinParagraph } from '@shared/bureau/bulletin.js';
import type { RankedSponsor, SponsorRanking } from '@shared/bureau/ranking.js';
import type { DistrictSummary } from '@shared/bureau/summary.js';
import type { Lang } from '@shared/i18n/catalogue.js';
import { localDateTime, localDay } from '@shared/rules/local-time.js';
import { bulletinWords, type BulletinWords } from './bulletin-words.js';
import { FONT_FAMILY, HEAD } from './summary-document.js';
import { escapeHtml, figureFormat } from './summary-document-tables.js';

/**
 * The monthly bulletin as a printable page: one self-contained HTML file, A4 portrait, like the district summary
 * (summary-document.ts: no scripts, nothing fetched, the system's CJK fonts), with the title, the paragraphs as
 * the clerk edited them, and the two rankings the bulletin's ranking paragraph speaks of. Every text is escaped:
 * the paragraphs are the clerk's typing and the names the master list's, never markup.
 */

const STYLE = `
  @page { size: A4 portrait; margin: 18mm 16mm 18mm; }
  html { background: #fff; }
  body { font-family: ${FONT_FAMILY}; font-size: 11pt; line-height: 1.7; color: #000; margin: 0 auto; max-width: 178mm; padding: 10mm 0; }
  h1 { font-size: 18pt; text-align: center; margin: 0 0 2mm; letter-spacing: 0.05em; }
  .period { text-align: center; color: #333; font-size: 9pt; margin: 0 0 6mm; }
  p.text { text-indent: 2em; margin: 0 0 3mm; white-space: pre-wrap; text-align: justify; }
  h2 { font-size: 11.5pt; margin: 5mm 0 1.5mm; break-after: avoid; page-break-after: avoid; }
  table { width: 100%; border-collapse: collapse; font-size: 9pt; line-height: 1.4; margin: 0 0 2mm; }
  th, td { border: 0.6pt solid #555; padding: 0.8mm 1.4mm; }
  th { background: #eee; text-align: center; word-break: keep-all; }
  td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
  td.mark { text-align: center; white-space: nowrap; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .notes { font-size: 8.5pt; color: #333; margin-top: 2mm; }
  footer { margin-top: 4mm; font-size: 8.5pt; color: #555; border-top: 0.6pt solid #999; padding-top: 1.5mm; text-align: right; }
  @media print { body { padding: 0; max-width: none; } }
`;

export interface BulletinPage {
  title: string;
  paragraphs: readonly BulletinParagraph[];
  summary: DistrictSummary;
  ranking: SponsorRanking;
  language: Lang;
  bureauName: string;
  madeAt: Date;
}

function rankingTable(rows: readonly RankedSponsor[], nameHeading: string, w: BulletinWords, lang: Lang): string {
  const f = figureFormat(lang === 'en' ? 'en' : 'zh-CN');
  const c = w.columns;
  const head = [c.rank, nameHeading, c.projects, c.completion, c.ahead, c.behind, c.change].map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((r) => {
      const cells = [
        `<td class="mark">${r.rank ?? '—'}</td>`,
        `<td>${escapeHtml(r.name)}</td>`,
        `<td class="num">${r.projects}</td>`,
        `<td class="num">${escapeHtml(f.pct(r.completionPct))}</td>`,
        `<td class="num">${escapeHtml(f.points(r.aheadPoints))}</td>`,
        `<td class="num">${r.projectsBehind}</td>`,
        `<td class="mark" data-change="${r.change ?? ''}">${escapeHtml(w.change(r))}</td>`,
      ];
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** "2025年11月" / "November 2025". */
export function monthText(month: string, lang: Lang): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return lang === 'en' ? new Date(Date.UTC(year, m - 1, 1)).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }) : `${year}年${m}月`;
}

/** The page's period line: whose, which month, counted to which day, made which day. */
export function bulletinPeriod(page: Pick<BulletinPage, 'summary' | 'language' | 'bureauName' | 'madeAt'>): string {
  const s = page.summary;
  return bulletinWords(page.language).period({
    bureau: page.bureauName,
    month: monthText(s.asOfMonth, page.language),
    day: s.referenceDay,
    made: localDay(page.madeAt, s.timeZone),
  });
}

export function renderBulletinDocument(page: BulletinPage): string {
  const w = bulletinWords(page.language);
  const s = page.summary;
  const text = page.paragraphs.map((p) => `<p class="text" data-section="${escapeHtml(p.section)}">${escapeHtml(p.text)}</p>`).join('\n');
  const tables = [
    `<section data-ranking="units">\n<h2>${escapeHtml(w.units)}</h2>\n${rankingTable(page.ranking.units, w.columns.unit, w, page.language)}\n</section>`,
    `<section data-ranking="leaders">\n<h2>${escapeHtml(w.leaders)}</h2>\n${rankingTable(page.ranking.leaders, w.columns.leader, w, page.language)}\n</section>`,
  ].join('\n');
  const footer = w.footer({ bureau: page.bureauName, at: localDateTime(page.madeAt, s.timeZone), zone: s.timeZone });
  return `<!DOCTYPE html>
<html lang="${page.language === 'en' ? 'en' : 'zh-CN'}">
<head>
${HEAD}
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
</head>
<body data-as-of="${escapeHtml(s.asOfMonth)}" data-reference-day="${escapeHtml(s.referenceDay)}">
<h1>${escapeHtml(page.title)}</h1>
<p class="period">${escapeHtml(bulletinPeriod(page))}</p>
${text}
${tables}
<p class="notes">${escapeHtml(w.since(page.ranking.previousAsOfMonth))}</p>
<footer>${escapeHtml(footer)}</footer>
</body>
</html>
`;
}
