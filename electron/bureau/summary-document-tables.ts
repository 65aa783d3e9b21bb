import type { DistrictSummary, SponsorRow } from '@shared/bureau/summary.js';
import type { Language } from '@shared/domain/index.js';
import { LEVEL_WORDS, VISIT_KIND_WORDS } from '@shared/i18n/vocabulary.js';
import type { SummarySay } from './summary-document-words.js';

/**
 * The tables of the printable district summary, as HTML. Every text goes through `escapeHtml` (a project,
 * unit or leader name is the clerk's or an officer's text, never markup), and every figure cell carries
 * `data-f`, the path of the figure in the district summary it prints, so a test reads the document's figures
 * back and compares them with the summary's (tests/integration/bureau-summary-document.test.ts).
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** How the document writes figures: the overview's way (one decimal for percentages and points, amounts with separators). */
export interface FigureFormat {
  pct(v: number | null): string;
  /** Signed points (+23.6, −4.1), as the overview's tables show them. */
  points(v: number | null): string;
  amount(v: number): string;
  count(v: number): string;
}

export function figureFormat(language: Language): FigureFormat {
  const amount = new Intl.NumberFormat(language === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 2 });
  return {
    pct: (v) => (v === null ? '—' : `${v.toFixed(1)}%`),
    points: (v) => (v === null ? '—' : v > 0 ? `+${v.toFixed(1)}` : v < 0 ? `−${Math.abs(v).toFixed(1)}` : '0.0'),
    amount: (v) => amount.format(v),
    count: (v) => String(v),
  };
}

/** A cell: a text (escaped), or a figure with the path of the summary field it prints. */
type Cell = string | { figure: string; path: string };

function cellHtml(cell: Cell): string {
  return typeof cell === 'string' ? `<td>${escapeHtml(cell)}</td>` : `<td class="num" data-f="${escapeHtml(cell.path)}">${escapeHtml(cell.figure)}</td>`;
}

/** A table with its header; `rowKeys` name each row (data-row) for a reader of the figures. */
function table(headers: readonly string[], rows: readonly Cell[][], rowKeys: readonly string[], className = ''): string {
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r, i) => `<tr data-row="${escapeHtml(rowKeys[i] ?? '')}">${r.map(cellHtml).join('')}</tr>`).join('\n');
  return `<table${className ? ` class="${className}"` : ''}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** Units or leaders ranked by their projects' completion, those without a plan last (the overview's order, RankTable). */
export function rankedRows(rows: readonly SponsorRow[]): SponsorRow[] {
  const key = (r: SponsorRow) => r.investment.completionPct ?? -Infinity;
  return [...rows].sort((a, b) => key(b) - key(a) || a.name.localeCompare(b.name, 'zh-CN'));
}

const GROUPS = ['all', 'provincialAndMunicipal', 'district', 'provincial', 'municipal'] as const;
const MAIN_GROUPS = GROUPS.slice(0, 3);

/** The summary's tables in order: projects by level, investment, units, leaders, problems, sponsor actions, milestones. */
export function summaryTables(s: DistrictSummary, say: SummarySay, f: FigureFormat, language: Language): { heading: string; html: string }[] {
  const lang = language === 'en' ? 'en' : 'zh';
  const n = (path: string, v: number): Cell => ({ figure: f.count(v), path });
  const levels = (['provincial', 'municipal', 'district'] as const).map((l) => LEVEL_WORDS[l][lang]);
  const byLevel = s.projectsByLevel;

  const investmentRow = (g: (typeof GROUPS)[number]): Cell[] => {
    const i = s.investment[g];
    const at = (field: string) => `investment.${g}.${field}`;
    return [
      say(`g.${g}`),
      n(at('projects'), i.projects),
      { figure: f.amount(i.planned), path: at('planned') },
      { figure: f.amount(i.completed), path: at('completed') },
      { figure: f.pct(i.completionPct), path: at('completionPct') },
      { figure: f.pct(i.timeProportionalPct), path: at('timeProportionalPct') },
      { figure: f.points(i.aheadPoints), path: at('aheadPoints') },
      n(at('projectsAhead'), i.projectsAhead),
      n(at('projectsBehind'), i.projectsBehind),
    ];
  };

  const sponsorTable = (kind: 'byUnit' | 'byLeader') => {
    const rows = rankedRows(s[kind]);
    const cells = rows.map((r, index): Cell[] => {
      const at = (field: string) => `${kind}[${r.name}].${field}`;
      return [
        String(index + 1),
        r.name,
        n(at('investment.projects'), r.investment.projects),
        { figure: f.amount(r.investment.planned), path: at('investment.planned') },
        { figure: f.amount(r.investment.completed), path: at('investment.completed') },
        { figure: f.pct(r.investment.completionPct), path: at('investment.completionPct') },
        { figure: f.points(r.investment.aheadPoints), path: at('investment.aheadPoints') },
        n(at('problems.open'), r.problems.open),
        n(at('problems.overdue'), r.problems.overdue),
        n(at('sponsorActions'), r.sponsorActions),
      ];
    });
    const name = say(kind === 'byUnit' ? 'c.unit' : 'c.leader');
    const headers = [
      say('c.rank'),
      name,
      say('c.projects'),
      say('c.planned'),
      say('c.completed'),
      say('c.completion'),
      say('c.ahead'),
      say('c.open'),
      say('c.overdue'),
      say('c.actions'),
    ];
    return rows.length === 0
      ? `<p class="empty">${escapeHtml(say('none'))}</p>`
      : table(
          headers,
          cells,
          rows.map((r) => r.name),
          'ranked',
        );
  };

  const a = s.sponsorActions;
  const kinds = ['siteVisits', 'meetings', 'calls', 'coordination'] as const;
  const kindWords = { siteVisits: 'site_visit', meetings: 'meeting', calls: 'call', coordination: 'coordination' } as const;

  return [
    {
      heading: say('h.levels'),
      html: table(
        [say('c.total'), ...levels, say('g.provincialAndMunicipal')],
        [
          [
            n('projectsByLevel.total', byLevel.total),
            n('projectsByLevel.provincial', byLevel.provincial),
            n('projectsByLevel.municipal', byLevel.municipal),
            n('projectsByLevel.district', byLevel.district),
            n('investment.provincialAndMunicipal.projects', s.investment.provincialAndMunicipal.projects),
          ],
        ],
        ['levels'],
      ),
    },
    {
      heading: say('h.investment'),
      html: table(
        [
          say('c.group'),
          say('c.projects'),
          say('c.planned'),
          say('c.completed'),
          say('c.completion'),
          say('c.schedule'),
          say('c.ahead'),
          say('c.projectsAhead'),
          say('c.projectsBehind'),
        ],
        GROUPS.map(investmentRow),
        [...GROUPS],
      ),
    },
    { heading: say('h.units'), html: sponsorTable('byUnit') },
    { heading: say('h.leaders'), html: sponsorTable('byLeader') },
    {
      heading: say('h.problems'),
      html: table(
        [say('c.group'), say('c.collected'), say('c.problemProjects'), say('c.resolved'), say('c.closed'), say('c.open'), say('c.overdue')],
        MAIN_GROUPS.map((g) => {
          const p = s.groups[g].problems;
          const at = (field: string) => `groups.${g}.problems.${field}`;
          return [
            say(`g.${g}`),
            n(at('collected'), p.collected),
            n(at('projects'), p.projects),
            n(at('resolved'), p.resolved),
            n(at('closed'), p.closed),
            n(at('open'), p.open),
            n(at('overdue'), p.overdue),
          ];
        }),
        [...MAIN_GROUPS],
      ),
    },
    {
      heading: say('h.actions'),
      html: table(
        [say('c.total'), ...kinds.map((k) => VISIT_KIND_WORDS[kindWords[k]][lang]), say('c.actionProjects')],
        [[n('sponsorActions.total', a.total), ...kinds.map((k) => n(`sponsorActions.${k}`, a[k])), n('sponsorActions.projects', a.projects)]],
        ['actions'],
      ),
    },
    {
      heading: say('h.milestones'),
      html: table(
        [say('c.group'), say('c.projects'), say('c.enrolled'), say('c.started')],
        MAIN_GROUPS.map((g) => {
          const r = s.groups[g];
          return [
            say(`g.${g}`),
            n(`groups.${g}.investment.projects`, r.investment.projects),
            n(`groups.${g}.statisticsEnrolled`, r.statisticsEnrolled),
            n(`groups.${g}.productionStarted`, r.productionStarted),
          ];
        }),
        [...MAIN_GROUPS],
      ),
    },
  ];
}
