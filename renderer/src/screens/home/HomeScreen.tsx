import { Button, Space, Table, Tag, Typography, type GetRef, type InputRef } from 'antd';
import type { ColumnsType, TableProps } from 'antd/es/table';
import { memo, startTransition, useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { ProjectLevel } from '@shared/domain';
import type { ProjectSummary } from '@shared/operations';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LONG_TABLE } from '../../components/long-table';
import { TitleRow } from '../../components/ScreenTitle';
import { ProgressTag } from '../../components/ProgressTag';
import { BureauFigureMark } from '../../components/BureauFigureMark';
import { isTypingTarget, useWindowHeight } from '../../components/keyboard';
import { useDesk, useFormat, useT } from '../../store';
import { EmptyStore } from './EmptyStore';
import { HomeFilters } from './HomeFilters';
import { SearchBox } from './SearchBox';
import { preloadScreens } from '../lazy-screens';
import { portfolioTotals } from './portfolio-totals';
import { useFillHeight } from './use-fill-height';
import { EMPTY_FILTERS, filterProjects, hasFilters, moveHighlight, sortProjects, type SortKey } from './project-table';
import { useLoadOnOpen } from '../../components/use-load-on-open';

const ACTIVE_CELL: CSSProperties = { background: '#e6f4ff' };
const LEVEL_COLOR: Record<ProjectLevel, string> = { provincial: 'volcano', municipal: 'gold', district: 'blue' };
/**
 * Least column widths, chosen so all columns fit a 1366 px window beside the menu in either language
 * (1366 − 200 menu − 48 padding = 1118 px; English labels and tags are wider, Chinese names are); wider
 * windows share the rest out, narrower ones scroll with the name column fixed (tests/e2e/home-fit.test.ts).
 */
const WIDTHS = {
  'zh-CN': { name: 200, level: 60, stage: 88, leader: 92, unit: 112, completion: 124, ahead: 128, openProblems: 100, overdue: 88, lastVisit: 100 },
  en: { name: 148, level: 88, stage: 104, leader: 112, unit: 112, completion: 112, ahead: 140, openProblems: 98, overdue: 92, lastVisit: 92 },
} as const;

/**
 * One line, cut with an ellipsis by CSS when too long; the whole text shows on hover (title). Not antd's
 * `ellipsis` prop: that one gives every cell a ResizeObserver and a tooltip, the heaviest part of rendering
 * the rows on each key of the search (issue 11). Memoised: a row that stays is not rendered again.
 */
const ONE_LINE: CSSProperties = { display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' };
const Clipped = memo(function Clipped({ text }: { text: string }) {
  return (
    <Typography.Text title={text} style={ONE_LINE}>
      {text}
    </Typography.Text>
  );
});
const NameCell = memo(function NameCell({ p }: { p: ProjectSummary }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Typography.Link data-testid="project-link" style={ONE_LINE} title={p.name}>
        {p.name}
      </Typography.Link>
      <Typography.Text type="secondary" style={{ ...ONE_LINE, fontSize: 12 }} title={`${p.code} · ${p.company}`}>
        {p.code} · {p.company}
      </Typography.Text>
    </div>
  );
});

/** A count that wants attention when above zero (open problems, overdue tasks): strong in its colour; else 0. */
function Count({ n, type }: { n: number; type: 'warning' | 'danger' }) {
  return n > 0 ? (
    <Typography.Text type={type} strong>
      {n}
    </Typography.Text>
  ) : (
    0
  );
}

export function HomeScreen() {
  const t = useT();
  const f = useFormat();
  const projects = useDesk((s) => s.projects);
  const error = useDesk((s) => s.projectsError);
  const filters = useDesk((s) => s.filters);
  const sort = useDesk((s) => s.sort);
  const highlightedId = useDesk((s) => s.highlightedProjectId);
  const paletteOpen = useDesk((s) => s.paletteOpen);
  const language = useDesk((s) => s.language);
  const { setFilters, setSort, setHighlightedProject: setHighlighted, loadProjects, navigate } = useDesk.getState();
  const WIDTH = WIDTHS[language];
  const tableWidth = Object.values(WIDTH).reduce((a, b) => a + b, 0);
  const searchRef = useRef<InputRef>(null);
  const tableRef = useRef<GetRef<typeof Table<ProjectSummary>>>(null);
  const windowHeight = useWindowHeight();
  const fill = useFillHeight(windowHeight);
  // The search box shows what is typed at once (SearchBox keeps it); the rows follow in a transition, so typing
  // never waits for the table and a key that comes first interrupts a render of rows no longer wanted.
  const [searchText, setSearchText] = useState(filters.search);
  const [searchBoxKey, setSearchBoxKey] = useState(0);
  const onSearch = useCallback((text: string) => startTransition(() => setSearchText(text)), []);
  const search = searchText; // what the rows are filtered by
  const latestSearch = useRef(searchText);
  latestSearch.current = searchText;

  useLoadOnOpen(loadProjects);
  // With the rows shown, the other screens' code is fetched while the officer reads (screens/lazy-screens.tsx).
  useEffect(() => {
    if (projects) preloadScreens();
  }, [projects]);

  // The store keeps the search for when the officer comes back: written when typing pauses and when the screen
  // goes, not per key (each store write renders the screen again; issue 11 wants one render per key).
  useEffect(() => {
    if (searchText === filters.search) return;
    const id = setTimeout(() => setFilters({ search: searchText }), 300);
    return () => clearTimeout(id);
  }, [searchText, filters.search, setFilters]);
  useEffect(() => () => setFilters({ search: latestSearch.current }), [setFilters]);

  const { levels, stages, overdueOnly, openProblemsOnly } = filters;
  const view = useMemo(() => ({ search, levels, stages, overdueOnly, openProblemsOnly }), [search, levels, stages, overdueOnly, openProblemsOnly]);
  const rows = useMemo(() => sortProjects(filterProjects(projects ?? [], view), sort), [projects, view, sort]);
  const totals = useMemo(() => portfolioTotals(rows), [rows]);
  const activeIndex = highlightedId ? rows.findIndex((p) => p.id === highlightedId) : -1;

  const open = useCallback(
    (p: ProjectSummary) => {
      setHighlighted(p.id);
      navigate({ screen: 'project', projectId: p.id });
    },
    [navigate, setHighlighted],
  );

  const move = useCallback(
    (delta: number) => {
      const next = moveHighlight(activeIndex, delta, rows.length);
      if (next < 0) return;
      setHighlighted(rows[next]!.id);
      tableRef.current?.scrollTo({ index: next });
    },
    [activeIndex, rows, setHighlighted],
  );

  // Keyboard: "/" focuses the search, ↑/↓ move the highlighted row (also from the search box), Enter opens it.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (paletteOpen || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      const inSearch = e.target === searchRef.current?.input;
      const typing = isTypingTarget(e.target);
      if (e.key === '/' && !typing) {
        e.preventDefault();
        searchRef.current?.focus({ cursor: 'all' });
      } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && (!typing || inSearch)) {
        e.preventDefault();
        move(e.key === 'ArrowDown' ? 1 : -1);
      } else if (e.key === 'Enter' && (!typing || inSearch) && (activeIndex >= 0 || (inSearch && rows.length === 1))) {
        const target = e.target as HTMLElement | null;
        // Enter on a button or link does what that control does.
        if (!inSearch && target && target !== document.body && target.closest('button, a, [role=button], [role=checkbox]')) return;
        e.preventDefault();
        // The highlighted row; with none, the search's only hit (typing a name and Enter opens it).
        open(rows[activeIndex >= 0 ? activeIndex : 0]!);
      } else if (e.key === 'Escape' && inSearch) {
        searchRef.current?.blur();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [paletteOpen, move, open, rows, activeIndex]);

  const sorted = (key: SortKey) => ({ sorter: true, sortOrder: sort.key === key ? sort.order : null, key });
  const cell = (p: ProjectSummary) => ({ style: p.id === highlightedId ? ACTIVE_CELL : undefined });
  const count = (key: 'openProblems' | 'overdueItems', title: string, width: number, type: 'warning' | 'danger') => ({
    title,
    ...sorted(key),
    width,
    align: 'right' as const,
    onCell: cell,
    render: (_: unknown, p: ProjectSummary) => <Count n={p[key]} type={type} />,
  });

  // Built again only when the language, the sort or the highlighted row changes, not per key of the search.
  const columns = useMemo<ColumnsType<ProjectSummary>>(
    () => [
      { title: t('col.name'), ...sorted('name'), width: WIDTH.name, fixed: 'left', onCell: cell, render: (_, p) => <NameCell p={p} /> },
      {
        title: t('col.level'),
        ...sorted('level'),
        width: WIDTH.level,
        onCell: cell,
        render: (_, p) => <Tag color={LEVEL_COLOR[p.level]}>{t(`level.${p.level}`)}</Tag>,
      },
      { title: t('col.stage'), ...sorted('stage'), width: WIDTH.stage, onCell: cell, render: (_, p) => t(`stage.${p.stage}`) },
      { title: t('col.leader'), ...sorted('leader'), width: WIDTH.leader, onCell: cell, render: (_, p) => <Clipped text={p.sponsoringLeader} /> },
      { title: t('col.unit'), ...sorted('unit'), width: WIDTH.unit, onCell: cell, render: (_, p) => <Clipped text={p.sponsoringUnit} /> },
      {
        title: t('col.completion'),
        ...sorted('completion'),
        width: WIDTH.completion,
        align: 'right',
        onCell: cell,
        render: (_, p) => (
          <span data-testid="completion">
            {f.percent(p.progress.completionPct)}
            <BureauFigureMark throughMonth={p.progress.bureauThroughMonth} below />
          </span>
        ),
      },
      { title: t('col.ahead'), ...sorted('ahead'), width: WIDTH.ahead, onCell: cell, render: (_, p) => <ProgressTag points={p.progress.aheadPoints} /> },
      count('openProblems', t('col.openProblems'), WIDTH.openProblems, 'warning'),
      count('overdueItems', t('col.overdue'), WIDTH.overdue, 'danger'),
      {
        title: t('col.lastVisit'),
        ...sorted('lastVisit'),
        width: WIDTH.lastVisit,
        align: 'right',
        onCell: cell,
        render: (_, p) =>
          p.daysSinceLastVisit === null ? (
            <Typography.Text type="secondary">{t('days.never')}</Typography.Text>
          ) : (
            <Typography.Text type={p.daysSinceLastVisit > 30 ? 'warning' : undefined} title={f.date(p.lastVisitOn)}>
              {t('days.count', { days: p.daysSinceLastVisit })}
            </Typography.Text>
          ),
      },
    ],
    // `cell`, `sorted` and `count` are rebuilt each render from exactly these inputs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, f, WIDTH, sort.key, sort.order, highlightedId],
  );
  const onRow = useCallback(
    (p: ProjectSummary) =>
      ({
        onClick: () => open(p),
        style: { cursor: 'pointer' },
        'data-testid': 'project-row',
        'data-project-id': p.id,
        'aria-selected': p.id === highlightedId,
      }) as React.HTMLAttributes<HTMLElement>,
    [open, highlightedId],
  );
  const scroll = useMemo(() => ({ x: tableWidth, y: fill.height }), [tableWidth, fill.height]);

  const onChange: TableProps<ProjectSummary>['onChange'] = (_pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = (s?.order ? (s.columnKey as SortKey) : null) ?? null;
    setSort({ key, order: key ? (s?.order ?? null) : null });
  };

  if (error) return <ErrorNotice error={error} onRetry={() => void loadProjects()} />;
  if (projects?.length === 0) return <EmptyStore />;

  const asOf = projects?.[0]?.progress;
  const filtered = hasFilters(view);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="home-screen">
      <TitleRow title={t('home.title')} align="baseline">
        {asOf ? (
          <Typography.Text type="secondary">{t('home.asOf', { month: f.month(asOf.asOfMonth), pct: f.percent(asOf.timeProportionalPct) })}</Typography.Text>
        ) : null}
        <Typography.Text type="secondary" style={{ marginLeft: 'auto', fontSize: 12 }} data-testid="home-keys">
          {t('home.keys')}
        </Typography.Text>
      </TitleRow>
      <Space wrap>
        <SearchBox key={searchBoxKey} ref={searchRef} initial={searchText} label={t('home.search')} onSearch={onSearch} />
        <HomeFilters levels={levels} stages={stages} overdueOnly={overdueOnly} openProblemsOnly={openProblemsOnly} setFilters={setFilters} />
        {filtered ? (
          <Button
            type="link"
            data-testid="clear-filters"
            onClick={() => {
              setSearchText('');
              setSearchBoxKey((n) => n + 1); // an empty box
              setFilters(EMPTY_FILTERS);
            }}
          >
            {t('home.clearFilters')}
          </Button>
        ) : null}
        <Typography.Text type="secondary" data-testid="project-count">
          {filtered ? t('home.countFiltered', { shown: rows.length, total: projects?.length ?? 0 }) : t('home.count', { total: projects?.length ?? 0 })}
        </Typography.Text>
      </Space>
      <div ref={fill.ref}>
        <Table<ProjectSummary>
          {...LONG_TABLE}
          ref={tableRef}
          data-testid="project-table"
          loading={projects === null}
          columns={columns}
          dataSource={rows}
          showSorterTooltip={false}
          scroll={scroll}
          locale={{ emptyText: t('home.empty') }}
          onChange={onChange}
          onRow={onRow}
          summary={() =>
            rows.length > 0 ? (
              <Table.Summary fixed>
                <Table.Summary.Row data-testid="totals-row">
                  <Table.Summary.Cell index={0} colSpan={5}>
                    <Typography.Text strong>{t('home.totals', { count: rows.length })}</Typography.Text>
                    <Typography.Text type="secondary" style={{ marginLeft: 12, fontSize: 12 }} data-testid="total-amounts">
                      {t('home.totals.amounts', { plan: f.amount(totals.planned), completed: f.amount(totals.completed) })}
                    </Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">
                    <strong data-testid="total-completion">{f.percent(totals.completionPct)}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={6}>
                    <ProgressTag points={totals.aheadPoints} />
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={7} align="right">
                    <strong data-testid="total-open-problems">{totals.openProblems}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={8} align="right">
                    <strong data-testid="total-overdue">{totals.overdueItems}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={9} />
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      </div>
    </Space>
  );
}
