import { Button, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType, TableProps } from 'antd/es/table';
import { memo, startTransition, useCallback, useEffect, useMemo, useState } from 'react';
import { LIFE_CYCLE_STAGES, ProjectLevel } from '@shared/domain';
import type { BureauProjectRow } from '@shared/operations/bureau';
import { localDay } from '@shared/rules';
import { useWindowHeight } from '../components/keyboard';
import { LONG_TABLE } from '../components/long-table';
import { MultiFilter } from '../components/MultiFilter';
import { SearchBox } from '../screens/home/SearchBox';
import { useFillHeight } from '../screens/home/use-fill-height';
import { Clipped, LoadFailed, SMALL } from './cells';
import { Points } from './Points';
import { ProjectPage } from './project/ProjectPage';
import { ProjectScopeTag, useProjectScopeRows } from './overview/row-scope';
import { filterProjectRows, hasProjectFilters, NO_PROJECT_FILTERS, projectTotals, sortProjectRows, type ProjectSortKey } from './project-rows';
import { useBureau, useBureauFormat, useBureauT, useBureauZone } from './store';
import { useLoadOnOpen } from '../components/use-load-on-open';
import { useShallow } from 'zustand/react/shallow';

const LEVEL_COLOR: Record<ProjectLevel, string> = { provincial: 'volcano', municipal: 'gold', district: 'blue' };
/**
 * Column widths: in Chinese every column fits a 1440 px window beside the menu (1440 − 200 − 48 = 1192 px); the
 * English words are longer and scroll sideways, as any language in a narrower window, code and name fixed.
 */
const WIDTHS = {
  'zh-CN': {
    code: 112,
    name: 160,
    level: 56,
    stage: 80,
    leader: 72,
    unit: 104,
    officer: 64,
    planned: 84,
    completed: 84,
    completion: 76,
    ahead: 76,
    openProblems: 64,
    overdueProblems: 64,
    lastPacket: 88,
  },
  en: {
    code: 112,
    name: 150,
    level: 88,
    stage: 116,
    leader: 96,
    unit: 104,
    officer: 76,
    planned: 84,
    completed: 96,
    completion: 96,
    ahead: 80,
    openProblems: 80,
    overdueProblems: 88,
    lastPacket: 88,
  },
} as const;

function Count({ n, type }: { n: number; type: 'warning' | 'danger' }) {
  return n > 0 ? (
    <Typography.Text type={type} strong>
      {n}
    </Typography.Text>
  ) : (
    0
  );
}

const distinct = (rows: readonly BureauProjectRow[], key: (p: BureauProjectRow) => string) =>
  [...new Set(rows.map(key))].sort((a, b) => a.localeCompare(b, 'zh-CN')).map((v) => ({ value: v, label: v }));

/** The level, stage, unit, leader and officer filters; options from the rows, made once per answer. */
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
    }),
    [rows, t],
  );
  const which = [
    { key: 'levels', label: t('home.filter.level'), minWidth: 120 },
    { key: 'stages', label: t('home.filter.stage'), minWidth: 130 },
    { key: 'units', label: t('col.unit'), minWidth: 160 },
    { key: 'leaders', label: t('col.leader'), minWidth: 160 },
    { key: 'officers', label: t('bureauDesk.projects.officer'), minWidth: 120 },
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
          onChange={(next) => setFilters({ [key]: next })}
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
  const timeZone = useBureauZone();
  const WIDTH = WIDTHS[useBureau((s) => s.language)];
  const { loadProjectList, setProjectFilters, setProjectSort, openProjectPage } = useBureau.getState();
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
  const rows = useMemo(() => sortProjectRows(filterProjectRows(all, view), sort), [all, view, sort]);
  const totals = useMemo(() => projectTotals(rows, list?.elapsedMonths ?? 0), [rows, list]);

  const columns = useMemo<ColumnsType<BureauProjectRow>>(() => {
    const sorted = (key: ProjectSortKey) => ({ key, sorter: true, sortOrder: sort.key === key ? sort.order : null, width: WIDTH[key] });
    const amount = (key: 'planned' | 'completed', title: string) => ({
      title,
      ...sorted(key),
      align: 'right' as const,
      render: (_: unknown, p: BureauProjectRow) => f.amount(p[key]),
    });
    return [
      {
        title: t('col.code'),
        ...sorted('code'),
        fixed: 'left',
        render: (_, p) => (
          <Typography.Text style={SMALL} title={p.code}>
            {p.code}
          </Typography.Text>
        ),
      },
      {
        title: t('col.name'),
        ...sorted('name'),
        fixed: 'left',
        render: (_, p) => (
          <div data-testid="bureau-project-name">
            <Clipped text={p.name} secondary={p.company} />
          </div>
        ),
      },
      { title: t('col.level'), ...sorted('level'), render: (_, p) => <Tag color={LEVEL_COLOR[p.level]}>{t(`level.${p.level}`)}</Tag> },
      { title: t('col.stage'), ...sorted('stage'), render: (_, p) => t(`stage.${p.stage}`) },
      { title: t('col.leader'), ...sorted('leader'), render: (_, p) => <Clipped text={p.sponsoringLeader} /> },
      { title: t('col.unit'), ...sorted('unit'), render: (_, p) => <Clipped text={p.sponsoringUnit} /> },
      { title: t('bureauDesk.projects.officer'), ...sorted('officer'), render: (_, p) => <Clipped text={p.officerName} /> },
      amount('planned', t('bureauDesk.projects.planned')),
      amount('completed', t('bureauDesk.projects.completed')),
      {
        title: t('col.completion'),
        ...sorted('completion'),
        align: 'right',
        render: (_, p) => <span data-testid="completion">{f.percent(p.completionPct)}</span>,
      },
      { title: t('bureauDesk.projects.ahead'), ...sorted('ahead'), align: 'right', render: (_, p) => <Points value={p.aheadPoints} /> },
      {
        title: t('bureauDesk.projects.openProblems'),
        ...sorted('openProblems'),
        align: 'right',
        render: (_, p) => <Count n={p.openProblems} type="warning" />,
      },
      {
        title: t('bureauDesk.projects.overdueProblems'),
        ...sorted('overdueProblems'),
        align: 'right',
        render: (_, p) => <Count n={p.overdueProblems} type="danger" />,
      },
      {
        title: t('bureauDesk.projects.lastPacket'),
        ...sorted('lastPacket'),
        align: 'right',
        render: (_, p) =>
          p.lastPacketAt ? (
            <span style={SMALL}>{localDay(p.lastPacketAt, timeZone)}</span>
          ) : (
            <Typography.Text type="secondary">{t('bureauDesk.projects.noPacket')}</Typography.Text>
          ),
      },
    ];
  }, [t, f, sort.key, sort.order, timeZone, WIDTH]);

  // The search typed so far goes into the table's filters before the page opens, so the way back finds it.
  const open = useCallback(
    (projectId: string) => {
      setProjectFilters({ search });
      openProjectPage(projectId);
    },
    [search, setProjectFilters, openProjectPage],
  );
  const onRow = useCallback(
    (p: BureauProjectRow) =>
      ({
        'data-testid': 'bureau-project-row',
        'data-project-id': p.id,
        'data-code': p.code,
        tabIndex: 0,
        style: { cursor: 'pointer' },
        onClick: () => open(p.id),
        onKeyDown: (e: React.KeyboardEvent) => {
          if (e.key === 'Enter') open(p.id);
        },
      }) as React.HTMLAttributes<HTMLElement>,
    [open],
  );
  const onChange: TableProps<BureauProjectRow>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = (s?.order ? (s.columnKey as ProjectSortKey) : null) ?? null;
    setProjectSort({ key, order: key ? (s?.order ?? null) : null });
  };
  const scroll = useMemo(() => ({ x: Object.values(WIDTH).reduce((a, b) => a + b, 0), y: fill.height }), [WIDTH, fill.height]);

  if (error) return <LoadFailed error={error} retry={() => void loadProjectList()} />;
  const filtered = hasProjectFilters(view);
  // The totals under plan … overdue problems (columns 7–12).
  const totalCells: [string, React.ReactNode][] = [
    ['planned', f.amount(totals.planned)],
    ['completed', f.amount(totals.completed)],
    ['completion', f.percent(totals.completionPct)],
    ['ahead', <Points key="ahead" value={totals.aheadPoints} />],
    ['open-problems', totals.openProblems],
    ['overdue-problems', totals.overdueProblems],
  ];
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
        <Table<BureauProjectRow>
          {...LONG_TABLE}
          data-testid="bureau-project-table"
          loading={list === null}
          columns={columns}
          dataSource={rows}
          showSorterTooltip={false}
          scroll={scroll}
          locale={{ emptyText: t('bureauDesk.projects.empty') }}
          onChange={onChange}
          onRow={onRow}
          summary={() =>
            rows.length > 0 ? (
              <Table.Summary fixed>
                <Table.Summary.Row data-testid="totals-row">
                  <Table.Summary.Cell index={0} colSpan={2}>
                    <Typography.Text strong data-testid="total-count">
                      {t('home.totals', { count: rows.length })}
                    </Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} colSpan={5} />
                  {totalCells.map(([name, value], i) => (
                    <Table.Summary.Cell key={name} index={7 + i} align="right">
                      <strong data-testid={`total-${name}`}>{value}</strong>
                    </Table.Summary.Cell>
                  ))}
                  <Table.Summary.Cell index={13} />
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      </div>
    </Space>
  );
}
