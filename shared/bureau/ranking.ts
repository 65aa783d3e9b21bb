import { addDays } from '../rules/index.js';
import { computeDistrictSummary, type DistrictSummary, type SponsorRow, type SummaryInput } from './summary.js';

/**
 * Sponsoring units and sponsoring leaders ranked by their projects' completion of the annual plan (比学赶超), with
 * the change of rank since the previous month: the figures are the district summary's own rows (byUnit, byLeader),
 * so the ranking, the summary and the bulletin never disagree. Pure; docs/bureau.md "Ranking and the monthly bulletin".
 */

export interface RankedSponsor {
  name: string;
  /**
   * Place from 1, best first. Equal completion figures share a place (1, 2, 2, 4): the bulletin and the ledger
   * print completion to 0.1, and two units printed with the same figure cannot be told apart by a reader, so
   * they must not be told apart by digits the reader never sees. Null without an annual plan (nothing to rank).
   */
  rank: number | null;
  /** The place last month; null when the sponsor was not ranked then (new this month, or no plan then). */
  previousRank: number | null;
  /** Places moved up (+) or down (−) since last month; null when either month has no place. */
  change: number | null;
  /** Not among last month's rows at all (a unit or leader new this month); false when no previous month was given. */
  isNew: boolean;
  projects: number;
  completionPct: number | null;
  aheadPoints: number | null;
  projectsBehind: number;
}

export interface SponsorRanking {
  asOfMonth: string;
  /** The month the changes are measured from; null when none was given (every change is then null). */
  previousAsOfMonth: string | null;
  units: RankedSponsor[];
  leaders: RankedSponsor[];
}

const byName = (a: SponsorRow, b: SponsorRow) => a.name.localeCompare(b.name, 'zh-CN');

/**
 * The order: completion of the annual plan (to 0.1, as printed), highest first. Points ahead are not a second
 * key: every sponsor is measured against the same time-proportional schedule in a month, so points ahead follow
 * completion one for one and could never break a tie. Within a tie (same place): fewer projects behind the
 * schedule first (the figure the bureau presses on next), then the name in Chinese collation, so the list
 * never depends on the order the rows came in. Sponsors without a plan come last, unranked, by name.
 */
function compareRows(a: SponsorRow, b: SponsorRow): number {
  const pa = a.investment.completionPct;
  const pb = b.investment.completionPct;
  if (pa === null || pb === null) return pa === pb ? byName(a, b) : pa === null ? 1 : -1;
  return pb - pa || a.investment.projectsBehind - b.investment.projectsBehind || byName(a, b);
}

/** Competition places (1, 2, 2, 4) by name, for rows already in ranking order. */
function places(sorted: readonly SponsorRow[]): Map<string, number | null> {
  const result = new Map<string, number | null>();
  sorted.forEach((row, i) => {
    const pct = row.investment.completionPct;
    const before = sorted[i - 1];
    const tied = before !== undefined && pct !== null && before.investment.completionPct === pct;
    result.set(row.name, pct === null ? null : tied ? result.get(before.name)! : i + 1);
  });
  return result;
}

/** One kind of sponsor ranked, with the change since `previousRows` (last month's rows of the same kind) when given. */
export function rankSponsorRows(rows: readonly SponsorRow[], previousRows?: readonly SponsorRow[]): RankedSponsor[] {
  const sorted = [...rows].sort(compareRows);
  const now = places(sorted);
  const before = previousRows === undefined ? undefined : places([...previousRows].sort(compareRows));
  return sorted.map((row) => {
    const rank = now.get(row.name) ?? null;
    const previousRank = before?.get(row.name) ?? null;
    return {
      name: row.name,
      rank,
      previousRank,
      change: rank === null || previousRank === null ? null : previousRank - rank,
      isNew: before !== undefined && !before.has(row.name),
      projects: row.investment.projects,
      completionPct: row.investment.completionPct,
      aheadPoints: row.investment.aheadPoints,
      projectsBehind: row.investment.projectsBehind,
    };
  });
}

/** Units and leaders of `summary` ranked, with the change since `previous` (last month's summary) when given. */
export function rankSponsors(summary: DistrictSummary, previous?: DistrictSummary): SponsorRanking {
  return {
    asOfMonth: summary.asOfMonth,
    previousAsOfMonth: previous?.asOfMonth ?? null,
    units: rankSponsorRows(summary.byUnit, previous?.byUnit),
    leaders: rankSponsorRows(summary.byLeader, previous?.byLeader),
  };
}

/**
 * Last month's summary input: the same records as of the month before, read as last month's bulletin read them,
 * at the end of the month after that as-of month (figures for October are reported in November), never after
 * this input's reference day. Null in January: the month before belongs to another plan year, whose projects
 * are not this year's, so a change of rank would compare different lists.
 */
export function previousMonthInput(input: SummaryInput): SummaryInput | null {
  const [year, month] = input.asOfMonth.split('-').map(Number) as [number, number];
  if (month <= 1) return null;
  const asOfMonth = `${year}-${String(month - 1).padStart(2, '0')}`;
  // The last day of this input's as-of month: the first of the month after it, less a day.
  const reportedBy = addDays(month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`, -1);
  return { ...input, asOfMonth, referenceDay: reportedBy < input.referenceDay ? reportedBy : input.referenceDay };
}

/** The ranking from the summary's own inputs: this month's, and last month's (previousMonthInput) unless given. */
export function sponsorRanking(input: SummaryInput, previousInput: SummaryInput | null = previousMonthInput(input)): SponsorRanking {
  const previous = previousInput === null ? undefined : computeDistrictSummary(previousInput);
  return rankSponsors(computeDistrictSummary(input), previous);
}
