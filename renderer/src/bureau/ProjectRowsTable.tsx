import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { memo, useCallback, useMemo } from 'react';
import type { BureauProjectRow } from '@shared/operations/bureau';
import { localDay } from '@shared/rules';
import { Clipped, Count, LevelTag, useCellStyles, type CellStyles } from '../screens/home/project-cells';
import { useSortableLongTable } from '../screens/home/sortable-long-table';
import { SMALL } from './cells';
import { Points } from './Points';
import { LightMark, lightsHover } from './lights';
import type { projectTotals, ProjectSort, ProjectSortKey } from './project-rows';
import { useBureau, useBureauFormat, useBureauT, useBureauZone } from './store';

/**
 * Column widths: in Chinese every column fits a 1440 px window beside the menu (1440 − 200 − 48 = 1192 px); the
 * English words are longer and scroll sideways, as any language in a narrower window, code and name fixed. The
 * light column (issue 14) took its 60 px from the columns with room to spare (stage, leader, unit, the counts …).
 */
const WIDTHS = {
  'zh-CN': {
    code: 112,
    name: 160,
    light: 60,
    level: 56,
    stage: 72,
    leader: 64,
    unit: 88,
    officer: 60,
    planned: 84,
    completed: 84,
    completion: 72,
    ahead: 76,
    openProblems: 60,
    overdueProblems: 60,
    lastPacket: 84,
  },
  en: {
    code: 112,
    name: 150,
    light: 80,
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

/** The project's name on one line and its company under it, each cut with an ellipsis (whole text on hover). */
const NameCell = memo(function NameCell({ name, company, styles }: { name: string; company: string; styles: CellStyles }) {
  return (
    <div data-testid="bureau-project-name" style={{ minWidth: 0 }}>
      <span title={name} style={styles.oneLine}>
        {name}
      </span>
      {company ? (
        <span title={company} style={styles.secondaryLine}>
          {company}
        </span>
      ) : null}
    </div>
  );
});

/** Points ahead (green, +) or behind (red, −) the schedule; — without a plan (as Points, on plain elements). */
const AheadCell = memo(function AheadCell({ text, ahead, styles }: { text: string | null; ahead: boolean; styles: CellStyles }) {
  return text === null ? <>—</> : <span style={ahead ? styles.success : styles.danger}>{text}</span>;
});

export interface ProjectRowsTableProps {
  rows: BureauProjectRow[];
  totals: ReturnType<typeof projectTotals>;
  loading: boolean;
  sort: ProjectSort;
  height: number;
  onOpen: (projectId: string) => void;
}

/**
 * 项目库's virtual table, read-only. Memoised with every prop stable, so a key of the search that leaves the rows
 * as they were renders nothing here; the cells are plain elements memoised on their values (issue 11: antd's
 * Typography in every cell was most of a keystroke's time).
 */
export const ProjectRowsTable = memo(function ProjectRowsTable({ rows, totals, loading, sort, height, onOpen }: ProjectRowsTableProps) {
  const t = useBureauT();
  const f = useBureauFormat();
  const timeZone = useBureauZone();
  const language = useBureau((s) => s.language);
  const WIDTH = WIDTHS[language];
  const { setProjectSort } = useBureau.getState();
  const styles = useCellStyles();

  const columns = useMemo<ColumnsType<BureauProjectRow>>(() => {
    const sorted = (key: ProjectSortKey) => ({ key, sorter: true, sortOrder: sort.key === key ? sort.order : null, width: WIDTH[key] });
    const amount = (key: 'planned' | 'completed', title: string) => ({
      title,
      ...sorted(key),
      align: 'right' as const,
      render: (_: unknown, p: BureauProjectRow) => f.amount(p[key]),
    });
    const count = (key: 'openProblems' | 'overdueProblems', title: string, type: 'warning' | 'danger') => ({
      title,
      ...sorted(key),
      align: 'right' as const,
      render: (_: unknown, p: BureauProjectRow) => <Count n={p[key]} type={type} styles={styles} />,
    });
    return [
      {
        title: t('col.code'),
        ...sorted('code'),
        fixed: 'left',
        render: (_, p) => (
          <span style={SMALL} title={p.code}>
            {p.code}
          </span>
        ),
      },
      { title: t('col.name'), ...sorted('name'), fixed: 'left', render: (_, p) => <NameCell name={p.name} company={p.company} styles={styles} /> },
      {
        title: t('bureauDesk.projects.light'),
        ...sorted('light'),
        render: (_, p) => (
          <LightMark light={p.lights.overall} word={t(`bureauDesk.light.${p.lights.overall}`)} title={lightsHover(p.lights, t, language)} testId="row-light" />
        ),
      },
      { title: t('col.level'), ...sorted('level'), render: (_, p) => <LevelTag level={p.level} label={t(`level.${p.level}`)} /> },
      { title: t('col.stage'), ...sorted('stage'), render: (_, p) => t(`stage.${p.stage}`) },
      { title: t('col.leader'), ...sorted('leader'), render: (_, p) => <Clipped text={p.sponsoringLeader} styles={styles} /> },
      { title: t('col.unit'), ...sorted('unit'), render: (_, p) => <Clipped text={p.sponsoringUnit} styles={styles} /> },
      { title: t('bureauDesk.projects.officer'), ...sorted('officer'), render: (_, p) => <Clipped text={p.officerName} styles={styles} /> },
      amount('planned', t('bureauDesk.projects.planned')),
      amount('completed', t('bureauDesk.projects.completed')),
      {
        title: t('col.completion'),
        ...sorted('completion'),
        align: 'right',
        render: (_, p) => <span data-testid="completion">{f.percent(p.completionPct)}</span>,
      },
      {
        title: t('bureauDesk.projects.ahead'),
        ...sorted('ahead'),
        align: 'right',
        render: (_, p) => (
          <AheadCell
            text={p.aheadPoints === null ? null : `${p.aheadPoints >= 0 ? '+' : '−'}${f.points(p.aheadPoints)}`}
            ahead={(p.aheadPoints ?? 0) >= 0}
            styles={styles}
          />
        ),
      },
      count('openProblems', t('bureauDesk.projects.openProblems'), 'warning'),
      count('overdueProblems', t('bureauDesk.projects.overdueProblems'), 'danger'),
      {
        title: t('bureauDesk.projects.lastPacket'),
        ...sorted('lastPacket'),
        align: 'right',
        render: (_, p) =>
          p.lastPacketAt ? (
            <span style={SMALL}>{localDay(p.lastPacketAt, timeZone)}</span>
          ) : (
            <span style={styles.secondary}>{t('bureauDesk.projects.noPacket')}</span>
          ),
      },
    ];
  }, [t, f, sort.key, sort.order, timeZone, WIDTH, styles, language]);

  const onRow = useCallback(
    (p: BureauProjectRow) =>
      ({
        'data-testid': 'bureau-project-row',
        'data-project-id': p.id,
        'data-code': p.code,
        tabIndex: 0,
        style: { cursor: 'pointer' },
        onClick: () => onOpen(p.id),
        onKeyDown: (e: React.KeyboardEvent) => {
          if (e.key === 'Enter') onOpen(p.id);
        },
      }) as React.HTMLAttributes<HTMLElement>,
    [onOpen],
  );
  const summary = useCallback(() => {
    if (rows.length === 0) return null;
    // The lights counted under the light column (columns 2–7); the totals under plan … overdue problems (columns 8–13).
    const totalCells: [string, React.ReactNode][] = [
      ['planned', f.amount(totals.planned)],
      ['completed', f.amount(totals.completed)],
      ['completion', f.percent(totals.completionPct)],
      ['ahead', <Points key="ahead" value={totals.aheadPoints} />],
      ['open-problems', totals.openProblems],
      ['overdue-problems', totals.overdueProblems],
    ];
    return (
      <Table.Summary fixed>
        <Table.Summary.Row data-testid="totals-row">
          <Table.Summary.Cell index={0} colSpan={2}>
            <Typography.Text strong data-testid="total-count">
              {t('home.totals', { count: rows.length })}
            </Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} colSpan={6}>
            <strong data-testid="total-lights" data-red={totals.red} data-yellow={totals.yellow}>
              {t('bureauDesk.projects.totalLights', {
                redWord: t('bureauDesk.light.red'),
                red: totals.red,
                yellowWord: t('bureauDesk.light.yellow'),
                yellow: totals.yellow,
              })}
            </strong>
          </Table.Summary.Cell>
          {totalCells.map(([name, value], i) => (
            <Table.Summary.Cell key={name} index={8 + i} align="right">
              <strong data-testid={`total-${name}`}>{value}</strong>
            </Table.Summary.Cell>
          ))}
          <Table.Summary.Cell index={14} />
        </Table.Summary.Row>
      </Table.Summary>
    );
  }, [rows.length, totals, t, f]);

  const tableProps = useSortableLongTable<BureauProjectRow, ProjectSortKey>({
    width: Object.values(WIDTH).reduce((a, b) => a + b, 0),
    height,
    emptyText: t('bureauDesk.projects.empty'),
    onSort: setProjectSort,
    columns,
    dataSource: rows,
    loading,
    onRow,
    summary,
  });

  return <Table<BureauProjectRow> {...tableProps} data-testid="bureau-project-table" />;
});
