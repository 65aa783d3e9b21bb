import { describe, expect, it } from 'vitest';
import type { ProjectSummary } from '@shared/operations/index.js';
import { summarize } from '../../electron/handlers/project-views.js';
import { portfolioTotals } from '../../renderer/src/screens/home/portfolio-totals.js';
import {
  EMPTY_FILTERS,
  filterProjects,
  hasFilters,
  matchesSearch,
  moveHighlight,
  searchTerms,
  sortProjects,
  type SortKey,
} from '../../renderer/src/screens/home/project-table.js';
import { makeInvestmentEntry, makeProject } from '../helpers/fixtures.js';

/** Rows as the server sends them: the real searchKey (pinyin-pro) and progress rules. */
function row(
  overrides: Parameters<typeof makeProject>[0],
  extra: { completed?: number; openProblems?: number; overdueItems?: number; lastVisitOn?: string | null } = {},
): ProjectSummary {
  const project = makeProject(overrides);
  const entries = extra.completed === undefined ? [] : [makeInvestmentEntry(project.id, { month: '2026-10', amount: extra.completed })];
  return summarize(project, {
    entries,
    openProblems: extra.openProblems ?? 0,
    overdueItems: extra.overdueItems ?? 0,
    lastVisitOn: extra.lastVisitOn ?? null,
    today: '2026-11-24',
    asOfMonth: '2026-10',
  });
}

const rows: ProjectSummary[] = [
  row(
    {
      code: 'GX-2026-001',
      name: '欣旺达动力电池二期项目',
      company: '欣旺达动力科技（枣庄）有限公司',
      level: 'provincial',
      stage: 'construction',
      sponsoringLeader: '王立新',
      sponsoringUnit: '区经济发展局',
      annualPlannedInvestment: 1000,
    },
    { completed: 900, openProblems: 1, lastVisitOn: '2026-11-22' },
  ),
  row(
    {
      code: 'GX-2026-002',
      name: '科达利精密结构件生产基地',
      company: '枣庄科达利精密工业有限公司',
      level: 'municipal',
      stage: 'construction',
      sponsoringLeader: '刘志刚',
      sponsoringUnit: '区住房和城乡建设局',
      annualPlannedInvestment: 1000,
    },
    { completed: 500, overdueItems: 2, lastVisitOn: '2026-11-01' },
  ),
  row(
    {
      code: 'GX-2026-003',
      name: '新型超充电池项目',
      company: '山东超充新能源科技有限公司',
      level: 'district',
      stage: 'factor_guarantee',
      sponsoringLeader: '陈静',
      sponsoringUnit: '区自然资源局',
      annualPlannedInvestment: 0,
    },
    { openProblems: 2, overdueItems: 1 },
  ),
  row(
    {
      code: 'GX-2026-004',
      name: '实验学校建设项目',
      company: '山东正瀚新材料有限公司',
      level: 'district',
      stage: 'preliminary_approval',
      sponsoringLeader: '王立新',
      sponsoringUnit: '区教育和体育局',
      annualPlannedInvestment: 2000,
    },
    { completed: 1700, lastVisitOn: '2026-11-20' },
  ),
];
const names = (list: readonly ProjectSummary[]) => list.map((p) => p.name);

describe('home search', () => {
  it('"xwd" finds 欣旺达 by its pinyin initials, and full pinyin, Chinese, company and code work too', () => {
    expect(names(filterProjects(rows, { ...EMPTY_FILTERS, search: 'xwd' }))).toEqual(['欣旺达动力电池二期项目']);
    expect(names(filterProjects(rows, { ...EMPTY_FILTERS, search: 'XWD' }))).toEqual(['欣旺达动力电池二期项目']);
    expect(names(filterProjects(rows, { ...EMPTY_FILTERS, search: 'xinwangda' }))).toEqual(['欣旺达动力电池二期项目']);
    expect(names(filterProjects(rows, { ...EMPTY_FILTERS, search: '科达利' }))).toEqual(['科达利精密结构件生产基地']);
    expect(names(filterProjects(rows, { ...EMPTY_FILTERS, search: 'kdl' }))).toEqual(['科达利精密结构件生产基地']);
    expect(names(filterProjects(rows, { ...EMPTY_FILTERS, search: '正瀚' }))).toEqual(['实验学校建设项目']);
    expect(names(filterProjects(rows, { ...EMPTY_FILTERS, search: 'gx-2026-003' }))).toEqual(['新型超充电池项目']);
    expect(names(filterProjects(rows, { ...EMPTY_FILTERS, search: '  ' }))).toEqual(names(rows));
  });

  it('needs every word to match: "xwd 二期" yes, "xwd 学校" no', () => {
    expect(searchTerms('  xwd   二期 ')).toEqual(['xwd', '二期']);
    expect(names(filterProjects(rows, { ...EMPTY_FILTERS, search: 'xwd 二期' }))).toEqual(['欣旺达动力电池二期项目']);
    expect(filterProjects(rows, { ...EMPTY_FILTERS, search: 'xwd 学校' })).toEqual([]);
    expect(matchesSearch(rows[0]!, [])).toBe(true);
  });
});

describe('home filters', () => {
  it('filters by level, stage, overdue and open problems, combined', () => {
    expect(names(filterProjects(rows, { ...EMPTY_FILTERS, levels: ['district'] }))).toEqual(['新型超充电池项目', '实验学校建设项目']);
    expect(names(filterProjects(rows, { ...EMPTY_FILTERS, stages: ['construction'] }))).toEqual(['欣旺达动力电池二期项目', '科达利精密结构件生产基地']);
    expect(names(filterProjects(rows, { ...EMPTY_FILTERS, overdueOnly: true }))).toEqual(['科达利精密结构件生产基地', '新型超充电池项目']);
    expect(names(filterProjects(rows, { ...EMPTY_FILTERS, openProblemsOnly: true }))).toEqual(['欣旺达动力电池二期项目', '新型超充电池项目']);
    expect(names(filterProjects(rows, { ...EMPTY_FILTERS, overdueOnly: true, openProblemsOnly: true, levels: ['district'] }))).toEqual(['新型超充电池项目']);
    expect(hasFilters(EMPTY_FILTERS)).toBe(false);
    expect(hasFilters({ ...EMPTY_FILTERS, search: ' x ' })).toBe(true);
    expect(hasFilters({ ...EMPTY_FILTERS, overdueOnly: true })).toBe(true);
  });
});

describe('home sorting', () => {
  const sorted = (key: SortKey, order: 'ascend' | 'descend') => names(sortProjects(rows, { key, order }));

  it('sorts levels and stages in their own order, not alphabetically', () => {
    expect(sorted('level', 'ascend')).toEqual(['欣旺达动力电池二期项目', '科达利精密结构件生产基地', '新型超充电池项目', '实验学校建设项目']);
    expect(sorted('stage', 'ascend')).toEqual(['实验学校建设项目', '新型超充电池项目', '欣旺达动力电池二期项目', '科达利精密结构件生产基地']);
  });

  it('puts a project without a plan last in both directions of completion and ahead', () => {
    expect(sorted('completion', 'ascend')).toEqual(['科达利精密结构件生产基地', '实验学校建设项目', '欣旺达动力电池二期项目', '新型超充电池项目']);
    expect(sorted('completion', 'descend')).toEqual(['欣旺达动力电池二期项目', '实验学校建设项目', '科达利精密结构件生产基地', '新型超充电池项目']);
    expect(sorted('ahead', 'descend').at(-1)).toBe('新型超充电池项目');
  });

  it('counts "never visited" as the longest ago', () => {
    expect(sorted('lastVisit', 'descend')).toEqual(['新型超充电池项目', '科达利精密结构件生产基地', '实验学校建设项目', '欣旺达动力电池二期项目']);
    expect(sorted('lastVisit', 'ascend')[0]).toBe('欣旺达动力电池二期项目');
  });

  it('keeps the server order for ties and when unsorted, and never changes its input', () => {
    const copy = [...rows];
    expect(sorted('leader', 'ascend').filter((n) => n === '欣旺达动力电池二期项目' || n === '实验学校建设项目')).toEqual([
      '欣旺达动力电池二期项目',
      '实验学校建设项目',
    ]);
    expect(names(sortProjects(rows, { key: null, order: null }))).toEqual(names(rows));
    expect(names(sortProjects(rows, { key: 'name', order: null }))).toEqual(names(rows));
    expect(rows).toEqual(copy);
    expect(sorted('openProblems', 'descend')[0]).toBe('新型超充电池项目');
    expect(sorted('overdueItems', 'descend')[0]).toBe('科达利精密结构件生产基地');
  });
});

describe('keyboard highlight', () => {
  it('starts at the top with ↓ and at the bottom with ↑, and stops at the ends', () => {
    expect(moveHighlight(-1, 1, 4)).toBe(0);
    expect(moveHighlight(-1, -1, 4)).toBe(3);
    expect(moveHighlight(0, -1, 4)).toBe(0);
    expect(moveHighlight(3, 1, 4)).toBe(3);
    expect(moveHighlight(1, 1, 4)).toBe(2);
    expect(moveHighlight(9, 1, 4)).toBe(0);
    expect(moveHighlight(0, 1, 0)).toBe(-1);
    expect(moveHighlight(2, 8, 4)).toBe(3);
  });
});

describe('portfolio totals', () => {
  it('measures the portfolio as one project: sums of completed and planned', () => {
    const totals = portfolioTotals(rows);
    expect(totals.completed).toBe(900 + 500 + 1700);
    expect(totals.planned).toBe(4000);
    expect(totals.completionPct).toBe(77.5);
    expect(totals.aheadPoints).toBe(-5.8); // 77.5 − 10/12 = 83.3
    expect(totals.openProblems).toBe(3);
    expect(totals.overdueItems).toBe(3);
  });
});
