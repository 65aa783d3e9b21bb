import { Table, Typography, type GetRef } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { memo, useCallback, useMemo, type CSSProperties, type Ref } from 'react';
import type { ProjectSummary } from '@shared/operations';
import { ProgressTag } from '../../components/ProgressTag';
import { useDesk, useFormat, useT } from '../../store';
import { Ahead, Clipped, Completion, Count, LastVisit, LevelTag, NameCell, useCellStyles } from './project-cells';
import type { portfolioTotals } from './portfolio-totals';
import type { SortKey, SortState } from './project-table';
import { useSortableLongTable } from './sortable-long-table';

const ACTIVE: { style: CSSProperties } = { style: { background: '#e6f4ff' } };
const PLAIN = {};
/**
 * Least column widths, chosen so all columns fit a 1366 px window beside the menu in either language
 * (1366 − 200 menu − 48 padding = 1118 px; English labels and tags are wider, Chinese names are); wider
 * windows share the rest out, narrower ones scroll with the name column fixed (tests/e2e/home-fit.test.ts).
 */
const WIDTHS = {
  'zh-CN': { name: 200, level: 60, stage: 88, leader: 92, unit: 112, completion: 124, ahead: 128, openProblems: 100, overdue: 88, lastVisit: 100 },
  en: { name: 148, level: 88, stage: 104, leader: 112, unit: 112, completion: 112, ahead: 140, openProblems: 98, overdue: 92, lastVisit: 92 },
} as const;

export interface ProjectTableProps {
  rows: ProjectSummary[];
  totals: ReturnType<typeof portfolioTotals>;
  loading: boolean;
  sort: SortState;
  highlightedId: string | null;
  height: number;
  tableRef: Ref<GetRef<typeof Table<ProjectSummary>>>;
  onOpen: (p: ProjectSummary) => void;
}

/**
 * The home screen's project table. Memoised with every prop stable, so a key of the search that leaves the
 * rows as they were (the same array) renders nothing here; when the rows change, the cells that stay in view
 * are memoised on their values (project-cells.tsx).
 */
export const ProjectTable = memo(function ProjectTable({ rows, totals, loading, sort, highlightedId, height, tableRef, onOpen }: ProjectTableProps) {
  const t = useT();
  const f = useFormat();
  const language = useDesk((s) => s.language);
  const { setSort } = useDesk.getState();
  const styles = useCellStyles();
  const WIDTH = WIDTHS[language];
  const tableWidth = Object.values(WIDTH).reduce((a, b) => a + b, 0);

  // Built again only when the language, the sort or the highlighted row changes, not per key of the search.
  const columns = useMemo<ColumnsType<ProjectSummary>>(() => {
    const sorted = (key: SortKey) => ({ sorter: true, sortOrder: sort.key === key ? sort.order : null, key });
    // One shared object per state, so a cell's props stay equal from one render to the next.
    const onCell = (p: ProjectSummary) => (p.id === highlightedId ? ACTIVE : PLAIN);
    const count = (key: 'openProblems' | 'overdueItems', title: string, width: number, type: 'warning' | 'danger') => ({
      title,
      ...sorted(key),
      width,
      align: 'right' as const,
      onCell,
      render: (_: unknown, p: ProjectSummary) => <Count n={p[key]} type={type} styles={styles} />,
    });
    return [
      {
        title: t('col.name'),
        ...sorted('name'),
        width: WIDTH.name,
        fixed: 'left',
        onCell,
        render: (_, p) => <NameCell name={p.name} code={p.code} company={p.company} styles={styles} />,
      },
      { title: t('col.level'), ...sorted('level'), width: WIDTH.level, onCell, render: (_, p) => <LevelTag level={p.level} label={t(`level.${p.level}`)} /> },
      { title: t('col.stage'), ...sorted('stage'), width: WIDTH.stage, onCell, render: (_, p) => t(`stage.${p.stage}`) },
      { title: t('col.leader'), ...sorted('leader'), width: WIDTH.leader, onCell, render: (_, p) => <Clipped text={p.sponsoringLeader} styles={styles} /> },
      { title: t('col.unit'), ...sorted('unit'), width: WIDTH.unit, onCell, render: (_, p) => <Clipped text={p.sponsoringUnit} styles={styles} /> },
      {
        title: t('col.completion'),
        ...sorted('completion'),
        width: WIDTH.completion,
        align: 'right',
        onCell,
        render: (_, p) => <Completion pct={f.percent(p.progress.completionPct)} bureauThroughMonth={p.progress.bureauThroughMonth} />,
      },
      { title: t('col.ahead'), ...sorted('ahead'), width: WIDTH.ahead, onCell, render: (_, p) => <Ahead points={p.progress.aheadPoints} /> },
      count('openProblems', t('col.openProblems'), WIDTH.openProblems, 'warning'),
      count('overdueItems', t('col.overdue'), WIDTH.overdue, 'danger'),
      {
        title: t('col.lastVisit'),
        ...sorted('lastVisit'),
        width: WIDTH.lastVisit,
        align: 'right',
        onCell,
        render: (_, p) => (
          <LastVisit
            days={p.daysSinceLastVisit}
            text={p.daysSinceLastVisit === null ? t('days.never') : t('days.count', { days: p.daysSinceLastVisit })}
            date={p.lastVisitOn ? f.date(p.lastVisitOn) : ''}
            styles={styles}
          />
        ),
      },
    ];
  }, [t, f, WIDTH, sort.key, sort.order, highlightedId, styles]);

  const onRow = useCallback(
    (p: ProjectSummary) =>
      ({
        onClick: () => onOpen(p),
        style: { cursor: 'pointer' },
        'data-testid': 'project-row',
        'data-project-id': p.id,
        'aria-selected': p.id === highlightedId,
      }) as React.HTMLAttributes<HTMLElement>,
    [onOpen, highlightedId],
  );
  const summary = useCallback(
    () =>
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
      ) : null,
    [rows.length, totals, t, f],
  );

  const tableProps = useSortableLongTable<ProjectSummary, SortKey>({
    width: tableWidth,
    height,
    emptyText: t('home.empty'),
    onSort: setSort,
    columns,
    dataSource: rows,
    loading,
    onRow,
    summary,
  });

  return <Table<ProjectSummary> {...tableProps} ref={tableRef} data-testid="project-table" />;
});
