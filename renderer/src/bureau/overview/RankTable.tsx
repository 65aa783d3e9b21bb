import { Table, Tag } from 'antd';
import { useMemo } from 'react';
import type { SponsorRow } from '@shared/bureau/summary';
import { Points } from '../Points';
import { useBureauFormat, useBureauT } from '../store';
import { FigureLink } from './FigureLink';

/** Units or leaders ranked by completion of their projects' annual plan (those without a plan last). */
export function ranked(rows: readonly SponsorRow[]): (SponsorRow & { rank: number })[] {
  const key = (r: SponsorRow) => r.investment.completionPct ?? -Infinity;
  return [...rows].sort((a, b) => key(b) - key(a) || a.name.localeCompare(b.name, 'zh-CN')).map((r, i) => ({ ...r, rank: i + 1 }));
}

/** The units' or the leaders' ranking; every count is a link to the projects or problems it counts. */
export function RankTable({ rows, kind }: { rows: readonly SponsorRow[]; kind: 'unit' | 'leader' }) {
  const t = useBureauT();
  const f = useBureauFormat();
  const data = useMemo(() => ranked(rows), [rows]);
  const scope = (r: SponsorRow) => ({ kind, name: r.name });
  return (
    <Table
      data-testid={`bureau-rank-${kind}`}
      size="small"
      pagination={false}
      rowKey="name"
      dataSource={data}
      onRow={(r) => ({ 'data-testid': `rank-${kind}-row`, 'data-name': r.name }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('bureauDesk.overview.rank'), dataIndex: 'rank', width: 56, align: 'right' },
        { title: t(`bureauDesk.overview.name.${kind}`), dataIndex: 'name' },
        {
          title: t('bureauDesk.overview.col.projects'),
          render: (_, r) => (
            <FigureLink scope={scope(r)} figure="projects" testId="rank-projects">
              {r.investment.projects}
            </FigureLink>
          ),
          align: 'right',
          width: 72,
        },
        { title: t('bureauDesk.overview.planned'), render: (_, r) => f.amount(r.investment.planned), align: 'right' },
        { title: t('bureauDesk.overview.completed'), render: (_, r) => f.amount(r.investment.completed), align: 'right' },
        {
          title: t('bureauDesk.overview.completion'),
          render: (_, r) => <span data-testid="rank-completion">{f.percent(r.investment.completionPct)}</span>,
          align: 'right',
        },
        {
          title: t('bureauDesk.overview.aheadPoints'),
          render: (_, r) => (
            <FigureLink scope={scope(r)} figure={(r.investment.aheadPoints ?? 0) >= 0 ? 'ahead' : 'behind'} testId="rank-ahead">
              <Points value={r.investment.aheadPoints} />
            </FigureLink>
          ),
          align: 'right',
        },
        {
          title: t('bureauDesk.overview.col.openProblems'),
          render: (_, r) => (
            <>
              <FigureLink scope={scope(r)} figure="open" testId="rank-open">
                {r.problems.open}
              </FigureLink>
              {r.problems.overdue > 0 ? (
                <Tag color="red" style={{ marginInlineStart: 6 }}>
                  <FigureLink scope={scope(r)} figure="overdue" testId="rank-overdue">
                    {`${t('bureauDesk.overview.problems.overdue')} ${r.problems.overdue}`}
                  </FigureLink>
                </Tag>
              ) : null}
            </>
          ),
          align: 'right',
        },
        {
          title: t('bureauDesk.overview.col.actions'),
          render: (_, r) => (
            <FigureLink scope={scope(r)} figure="withActions" testId="rank-actions">
              {r.sponsorActions}
            </FigureLink>
          ),
          align: 'right',
          width: 88,
        },
      ]}
    />
  );
}
