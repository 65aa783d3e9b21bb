import { Button, Space, Table, Typography, type GetRef, type InputRef } from 'antd';
import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ProjectSummary } from '@shared/operations';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TitleRow } from '../../components/ScreenTitle';
import { isTypingTarget, useWindowHeight } from '../../components/keyboard';
import { useDesk, useFormat, useT } from '../../store';
import { EmptyStore } from './EmptyStore';
import { HomeFilters } from './HomeFilters';
import { SearchBox } from './SearchBox';
import { preloadScreens } from '../lazy-screens';
import { portfolioTotals } from './portfolio-totals';
import { useFillHeight } from './use-fill-height';
import { ProjectTable } from './ProjectTable';
import { sameRows } from './same-rows';
import { EMPTY_FILTERS, filterProjects, hasFilters, moveHighlight, sortProjects } from './project-table';
import { useLoadOnOpen } from '../../components/use-load-on-open';

export function HomeScreen() {
  const t = useT();
  const f = useFormat();
  const projects = useDesk((s) => s.projects);
  const error = useDesk((s) => s.projectsError);
  const filters = useDesk((s) => s.filters);
  const sort = useDesk((s) => s.sort);
  const highlightedId = useDesk((s) => s.highlightedProjectId);
  const paletteOpen = useDesk((s) => s.paletteOpen);
  const { setFilters, setHighlightedProject: setHighlighted, loadProjects, navigate } = useDesk.getState();
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
  // The same array when a key leaves the same rows ("x" matches them all): the memoised table then renders nothing.
  const previousRows = useRef<ProjectSummary[]>([]);
  const rows = useMemo(() => sameRows(previousRows.current, sortProjects(filterProjects(projects ?? [], view), sort)), [projects, view, sort]);
  useEffect(() => {
    previousRows.current = rows;
  }, [rows]);
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
        <ProjectTable
          rows={rows}
          totals={totals}
          loading={projects === null}
          sort={sort}
          highlightedId={highlightedId}
          height={fill.height}
          tableRef={tableRef}
          onOpen={open}
        />
      </div>
    </Space>
  );
}
