import { LIFE_CYCLE_STAGES, type LifeCycleStage, type ProjectLevel } from '@shared/domain';
import type { ProjectSummary } from '@shared/operations';

/**
 * The home table's rules, pure so they are tested without React or a browser: search (name, company,
 * code, pinyin and pinyin initials through the server's searchKey), filters and sorting.
 */

export interface ProjectFilters {
  search: string;
  levels: ProjectLevel[];
  stages: LifeCycleStage[];
  overdueOnly: boolean;
  openProblemsOnly: boolean;
}

export const EMPTY_FILTERS: ProjectFilters = { search: '', levels: [], stages: [], overdueOnly: false, openProblemsOnly: false };

export function hasFilters(filters: ProjectFilters): boolean {
  return filters.search.trim() !== '' || filters.levels.length > 0 || filters.stages.length > 0 || filters.overdueOnly || filters.openProblemsOnly;
}

/** The words of a search: lower case, split on white space ("xwd 二期" is two words, both must match). */
export function searchTerms(search: string): string[] {
  return search.trim().toLowerCase().split(/\s+/).filter(Boolean);
}

/**
 * Every term is found inside some token of the searchKey the service sends with each row (text, full pinyin
 * and pinyin initials of name, company and code, space-separated): "xwd" finds 欣旺达 (initials), "xinwang" its
 * pinyin, "gx-2026" its code. A term has no space, so it cannot match across two tokens: one substring search
 * in the key is the same test, with nothing split or computed per search (issue 11: fast per keystroke).
 */
export function matchesSearch(p: ProjectSummary, terms: readonly string[]): boolean {
  for (const term of terms) if (!p.searchKey.includes(term)) return false;
  return true;
}

export function filterProjects(projects: readonly ProjectSummary[], filters: ProjectFilters): ProjectSummary[] {
  const terms = searchTerms(filters.search);
  return projects.filter(
    (p) =>
      (filters.levels.length === 0 || filters.levels.includes(p.level)) &&
      (filters.stages.length === 0 || filters.stages.includes(p.stage)) &&
      (!filters.overdueOnly || p.overdueItems > 0) &&
      (!filters.openProblemsOnly || p.openProblems > 0) &&
      matchesSearch(p, terms),
  );
}

export type SortKey = 'name' | 'level' | 'stage' | 'leader' | 'unit' | 'completion' | 'ahead' | 'openProblems' | 'overdueItems' | 'lastVisit';

export interface SortState {
  key: SortKey | null;
  order: 'ascend' | 'descend' | null;
}

export const DEFAULT_SORT: SortState = { key: null, order: null };

const LEVEL_ORDER: readonly ProjectLevel[] = ['provincial', 'municipal', 'district'];
const collator = new Intl.Collator('zh-CN');
const text = (a: string, b: string) => collator.compare(a, b);
/** Missing numbers (no plan, never visited) sort after every number, whichever the direction. */
const nullableNumber = (a: number | null, b: number | null, direction: 1 | -1) =>
  a === null && b === null ? 0 : a === null ? 1 : b === null ? -1 : (a - b) * direction;

type Comparator = (a: ProjectSummary, b: ProjectSummary, direction: 1 | -1) => number;

const COMPARATORS: Record<SortKey, Comparator> = {
  name: (a, b, d) => text(a.name, b.name) * d,
  level: (a, b, d) => (LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level)) * d,
  stage: (a, b, d) => (LIFE_CYCLE_STAGES.indexOf(a.stage) - LIFE_CYCLE_STAGES.indexOf(b.stage)) * d,
  leader: (a, b, d) => text(a.sponsoringLeader, b.sponsoringLeader) * d,
  unit: (a, b, d) => text(a.sponsoringUnit, b.sponsoringUnit) * d,
  completion: (a, b, d) => nullableNumber(a.progress.completionPct, b.progress.completionPct, d),
  ahead: (a, b, d) => nullableNumber(a.progress.aheadPoints, b.progress.aheadPoints, d),
  openProblems: (a, b, d) => (a.openProblems - b.openProblems) * d,
  overdueItems: (a, b, d) => (a.overdueItems - b.overdueItems) * d,
  // Sorting by "days since last visit": never visited counts as longest ago.
  lastVisit: (a, b, d) =>
    (a.daysSinceLastVisit ?? Number.MAX_SAFE_INTEGER) === (b.daysSinceLastVisit ?? Number.MAX_SAFE_INTEGER)
      ? 0
      : ((a.daysSinceLastVisit ?? Number.MAX_SAFE_INTEGER) - (b.daysSinceLastVisit ?? Number.MAX_SAFE_INTEGER)) * d,
};

/** Sorted copy; ties (and no sort) keep the server's order, which is by code. */
export function sortProjects(rows: readonly ProjectSummary[], sort: SortState): ProjectSummary[] {
  if (!sort.key || !sort.order) return [...rows];
  const compare = COMPARATORS[sort.key];
  const direction = sort.order === 'ascend' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => compare(a.row, b.row, direction) || a.index - b.index)
    .map((x) => x.row);
}

/** The next highlighted row for ↑/↓ (clamped; from nothing, ↓ starts at the top and ↑ at the bottom). */
export function moveHighlight(current: number, delta: number, count: number): number {
  if (count === 0) return -1;
  if (current < 0 || current >= count) return delta > 0 ? 0 : count - 1;
  return Math.min(count - 1, Math.max(0, current + delta));
}
