import { LIFE_CYCLE_STAGES, type LifeCycleStage, type ProjectLevel } from '@shared/domain';
import type { BureauProjectRow } from '@shared/operations/bureau';
import { groupProgress, type TrafficLight } from '@shared/rules';
import { searchTerms } from '../screens/home/project-table';

/**
 * The bureau's project table's rules, pure: filters, pinyin search (through the searchKey each row carries, as
 * on the officer's home list), sorting and the totals row (the shown projects measured as one group).
 */

export interface ProjectTableFilters {
  search: string;
  levels: ProjectLevel[];
  stages: LifeCycleStage[];
  units: string[];
  leaders: string[];
  officers: string[];
  /** The overall traffic lights shown (红黄绿灯); none chosen: every light. */
  lights: TrafficLight[];
}

export const NO_PROJECT_FILTERS: ProjectTableFilters = { search: '', levels: [], stages: [], units: [], leaders: [], officers: [], lights: [] };

export function hasProjectFilters(f: ProjectTableFilters): boolean {
  return f.search.trim() !== '' || f.levels.length + f.stages.length + f.units.length + f.leaders.length + f.officers.length + f.lights.length > 0;
}

const picked = <T>(chosen: readonly T[], value: T) => chosen.length === 0 || chosen.includes(value);

export function filterProjectRows(rows: readonly BureauProjectRow[], f: ProjectTableFilters): BureauProjectRow[] {
  const terms = searchTerms(f.search);
  return rows.filter(
    (p) =>
      picked(f.levels, p.level) &&
      picked(f.stages, p.stage) &&
      picked(f.units, p.sponsoringUnit) &&
      picked(f.leaders, p.sponsoringLeader) &&
      picked(f.officers, p.officerName) &&
      picked(f.lights, p.lights.overall) &&
      terms.every((term) => p.searchKey.includes(term)),
  );
}

export type ProjectSortKey =
  | 'code'
  | 'name'
  | 'light'
  | 'level'
  | 'stage'
  | 'leader'
  | 'unit'
  | 'officer'
  | 'planned'
  | 'completed'
  | 'completion'
  | 'ahead'
  | 'openProblems'
  | 'overdueProblems'
  | 'lastPacket';

export interface ProjectSort {
  key: ProjectSortKey | null;
  order: 'ascend' | 'descend' | null;
}

const LEVELS: readonly ProjectLevel[] = ['provincial', 'municipal', 'district'];
/** Red first: the order a sort by light takes ascending. */
const LIGHT_RANK: Record<TrafficLight, number> = { red: 0, yellow: 1, green: 2 };
const collator = new Intl.Collator('zh-CN');
/** Missing values (no plan, no packet yet) sort after every value, whichever the direction. */
function nullable<T>(a: T | null, b: T | null, d: number, compare: (x: T, y: T) => number): number {
  return a === null && b === null ? 0 : a === null ? 1 : b === null ? -1 : compare(a, b) * d;
}
const byNumber = (x: number, y: number) => x - y;
const byText = (x: string, y: string) => collator.compare(x, y);

const KEYS: Record<ProjectSortKey, (p: BureauProjectRow) => string | number | null> = {
  code: (p) => p.code,
  name: (p) => p.name,
  light: (p) => LIGHT_RANK[p.lights.overall],
  level: (p) => LEVELS.indexOf(p.level),
  stage: (p) => LIFE_CYCLE_STAGES.indexOf(p.stage),
  leader: (p) => p.sponsoringLeader,
  unit: (p) => p.sponsoringUnit,
  officer: (p) => p.officerName,
  planned: (p) => p.planned,
  completed: (p) => p.completed,
  completion: (p) => p.completionPct,
  ahead: (p) => p.aheadPoints,
  openProblems: (p) => p.openProblems,
  overdueProblems: (p) => p.overdueProblems,
  lastPacket: (p) => p.lastPacketAt,
};

/** Sorted copy; ties (and no sort) keep the server's order, which is by code. */
export function sortProjectRows(rows: readonly BureauProjectRow[], sort: ProjectSort): BureauProjectRow[] {
  if (!sort.key || !sort.order) return [...rows];
  const key = KEYS[sort.key];
  const d = sort.order === 'ascend' ? 1 : -1;
  const compare = (a: BureauProjectRow, b: BureauProjectRow) => {
    const x = key(a);
    const y = key(b);
    return typeof x === 'number' || typeof y === 'number'
      ? nullable(x as number | null, y as number | null, d, byNumber)
      : nullable(x as string | null, y as string | null, d, byText);
  };
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => compare(a.row, b.row) || a.index - b.index)
    .map((x) => x.row);
}

/** The totals row: the shown projects measured as one group, by the overview's own rule; problems summed; red and yellow lights counted. */
export function projectTotals(rows: readonly BureauProjectRow[], elapsedMonths: number) {
  return {
    ...groupProgress(rows, elapsedMonths),
    openProblems: rows.reduce((s, p) => s + p.openProblems, 0),
    overdueProblems: rows.reduce((s, p) => s + p.overdueProblems, 0),
    red: rows.filter((p) => p.lights.overall === 'red').length,
    yellow: rows.filter((p) => p.lights.overall === 'yellow').length,
  };
}
