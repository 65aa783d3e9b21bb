import { Button, Space, Typography } from 'antd';
import { memo, startTransition, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { LIFE_CYCLE_STAGES, ProjectLevel } from '@shared/domain';
import { TRAFFIC_LIGHTS } from '@shared/rules';
import type { BureauProjectRow } from '@shared/operations/bureau';
import { useWindowHeight } from '../components/keyboard';
import { MultiFilter } from '../components/MultiFilter';
import { SearchBox } from '../screens/home/SearchBox';
import { useFillHeight } from '../screens/home/use-fill-height';
import { sameRows } from '../screens/home/same-rows';
import { ProjectRowsTable } from './ProjectRowsTable';
import { LoadFailed } from './cells';
import { ProjectPage } from './project/ProjectPage';
import { ProjectScopeTag, useProjectScopeRows } from './overview/row-scope';
import { filterProjectRows, hasProjectFilters, NO_PROJECT_FILTERS, projectTotals, sortProjectRows, type ProjectTableFilters } from './project-rows';
import { useBureau, useBureauFormat, useBureauT } from './store';
import { useLoadOnOpen } from '../components/use-load-on-open';
import { useShallow } from 'zustand/react/shallow';

const distinct = (rows: readonly BureauProjectRow[], key: (p: BureauProjectRow) => string) =>
  [...new Set(rows.map(key))].sort((a, b) => a.localeCompare(b, 'zh-CN')).map((v) => ({ value: v, label: v }));

/** The level, stage, unit, leader, officer and light filters; options from the rows, made once per answer. */
const ProjectFilters = memo(function ProjectFilters({ rows }: { rows: readonly BureauProjectRow[] }) {
  const t = useBureauT();
  const filters = useBureau((s) => s.projectFilters);
  const setFilters = useBureau((s) => s.setProjectFilters);
  const options = useMemo(
    () => ({
      levels: ProjectLevel.options.map((l) => ({ value: l, label: t(`level.${l}`) })),
      stages: LIFE_CYCLE_STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) })),
      units: distinct(rows, (p) => p.sponsoringUnit),
      leaders: distinct(rows, (p) => p.sponsoringLeader),
      officers: distinct(rows, (p) => p.officerName),
      // Red first, as the column sorts them.
      lights: [...TRAFFIC_LIGHTS].reverse().map((l) => ({ value: l, label: t(`bureauDesk.light.${l}`) })),
    }),
    [rows, t],
  );
  const which = [
    { key: 'levels', label: t('home.filter.level'), minWidth: 120 },
    { key: 'stages', label: t('home.filter.stage'), minWidth: 130 },
    { key: 'units', label: t('col.unit'), minWidth: 160 },
    { key: 'leaders', label: t('col.leader'), minWidth: 160 },
    { key: 'officers', label: t('bureauDesk.projects.officer'), minWidth: 120 },
    { key: 'lights', label: t('bureauDesk.projects.lightFilter'), minWidth: 120 },
  ] as const;
  return (
    <Space wrap>
      {which.map(({ key, ...props }) => (
        <MultiFilter<string>
          key={key}
          {...props}
          compact
          searchLabels
          testId={`filter-${key}`}
          value={filters[key]}
          options={options[key]}
          onChange={(next) => setFilters({ [key]: next } as Partial<ProjectTableFilters>)}
        />
      ))}
    </Space>
  );
});

/** 项目库: the table of every project, or the page of the one opened from it (a click or Enter on its row; the way back keeps the table as it was). */
export function ProjectsScreen() {
  const pageOpen = useBureau((s) => s.projectPageId !== null);
  return pageOpen ? <ProjectPage /> : <ProjectTable />;
}

/** Every project of the district in one virtual table, read-only (officer-owned records are not edited here). */
function ProjectTable() {
  const t = useBureauT();
  const f = useBureauFormat();
  const {
    projectList: list,
    projectListError: error,
    projectFilters: filters,
    projectSort: sort,
  } = useBureau(
    useShallow((s) => ({ projectList: s.projectList, projectListError: s.projectListError, projectFilters: s.projectFilters, projectSort: s.projectSort })),
  );
  const { loadProjectList, setProjectFilters, openProjectPage } = useBureau.getState();
  const fill = useFillHeight(useWindowHeight());
  // The box shows what is typed at once; the rows follow in a transition (as the officer's home list).
  const [search, setSearch] = useState(filters.search);
  const [boxKey, setBoxKey] = useState(0);
  const onSearch = useCallback((text: string) => startTransition(() => setSearch(text)), []);
  useLoadOnOpen(loadProjectList);
  useEffect(() => {
    const id = setTimeout(() => setProjectFilters({ search }), 300);
    return () => clearTimeout(id);
  }, [search, setProjectFilters]);

  const all = useProjectScopeRows(list?.rows);
  const view = useMemo(() => ({ ...filters, search }), [filters, search]);
  // The same array when a key leaves the same rows: the memoised table then renders nothing.
  const previousRows = useRef<BureauProjectRow[]>([]);
  const rows = useMemo(() => sameRows(previousRows.current, sortProjectRows(filterProjectRows(all, view), sort)), [all, view, sort]);
  useEffect(() => {
    previousRows.current = rows;
  }, [rows]);
  const totals = useMemo(() => projectTotals(rows, list?.elapsedMonths ?? 0), [rows, list]);

  // The search typed so far goes into the table's filters before the page opens, so the way back finds it.
  // Read from a ref, so the table's props stay the same while typing.
  const latestSearch = useRef(search);
  useEffect(() => {
    latestSearch.current = search;
  }, [search]);
  const open = useCallback(
    (projectId: string) => {
      setProjectFilters({ search: latestSearch.current });
      openProjectPage(projectId);
    },
    [setProjectFilters, openProjectPage],
  );
  if (error) return <LoadFailed error={error} retry={() => void loadProjectList()} />;
  const filtered = hasProjectFilters(view);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="bureau-projects-screen">
      <Space align="baseline" wrap style={{ marginTop: 4 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('bureauDesk.nav.projects')}
        </Typography.Title>
        {list ? (
          <Typography.Text type="secondary" data-testid="bureau-projects-as-of">
            {t('bureauDesk.projects.asOf', { month: f.month(list.asOfMonth), schedule: f.percent(list.timeProportionalPct) })}
          </Typography.Text>
        ) : null}
      </Space>
      <Space wrap>
        <SearchBox key={boxKey} ref={null} initial={search} label={t('home.search')} onSearch={onSearch} />
        <ProjectFilters rows={all} />
        {filtered ? (
          <Button
            type="link"
            data-testid="clear-filters"
            onClick={() => {
              setSearch('');
              setBoxKey((n) => n + 1);
              setProjectFilters(NO_PROJECT_FILTERS);
            }}
          >
            {t('home.clearFilters')}
          </Button>
        ) : null}
        <ProjectScopeTag />
        <Typography.Text type="secondary" data-testid="project-count">
          {filtered ? t('home.countFiltered', { shown: rows.length, total: all.length }) : t('home.count', { total: all.length })}
        </Typography.Text>
      </Space>
      <div ref={fill.ref}>
        <ProjectRowsTable rows={rows} totals={totals} loading={list === null} sort={sort} height={fill.height} onOpen={open} />
      </div>
    </Space>
  );
}
