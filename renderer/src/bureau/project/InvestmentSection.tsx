import { Empty, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import type { InvestmentEntry } from '@shared/domain';
import type { BureauProjectPage } from '@shared/operations/bureau-project';
import { completedWithBureauFigure, groupBy, localDateTime, timeProportionalPercent } from '@shared/rules';
import { BureauFigureMark } from '../../components/BureauFigureMark';
import { InvestmentChart } from '../../components/LazyInvestmentChart';
import { useBureauFormat, useBureauT, useBureauZone } from '../store';

interface Month {
  month: string;
  /** Every figure received for the month, newest first: the first is in force, the others are what it corrected. */
  entries: InvestmentEntry[];
  cumulative: number;
  bureauThroughMonth: string | null;
  completionPct: number | null;
  schedulePct: number;
}

const newestFirst = (a: InvestmentEntry, b: InvestmentEntry) => b.recordedAt.localeCompare(a.recordedAt) || b.id.localeCompare(a.id);

/** January to the page's month of the plan year, each with its figures and the cumulative measured as the overview measures it. */
function months(page: BureauProjectPage): Month[] {
  const { planYear, annualPlannedInvestment: plan, bureauCompleted } = page.project;
  const last = page.asOfMonth.startsWith(`${planYear}-`) ? Number(page.asOfMonth.slice(5)) : page.asOfMonth > `${planYear}` ? 12 : 0;
  const byMonth = groupBy(page.investment, (e) => e.month);
  return Array.from({ length: last }, (_, i) => {
    const month = `${planYear}-${String(i + 1).padStart(2, '0')}`;
    const { completed, bureauThroughMonth } = completedWithBureauFigure(page.investment, planYear, month, bureauCompleted);
    return {
      month,
      entries: [...(byMonth.get(month) ?? [])].sort(newestFirst),
      cumulative: completed,
      bureauThroughMonth,
      completionPct: plan > 0 ? (completed / plan) * 100 : null,
      schedulePct: timeProportionalPercent(i + 1),
    };
  });
}

/** Monthly completed investment with every correction kept in sight, and the officer's chart of completion against the schedule. */
export function InvestmentSection({ page }: { page: BureauProjectPage }) {
  const t = useBureauT();
  const f = useBureauFormat();
  const zone = useBureauZone();
  const rows = useMemo(() => months(page), [page]);
  const points = useMemo(() => rows.map((r, i) => ({ month: i + 1, amount: r.entries[0]?.amount ?? null, completionPct: r.completionPct })), [rows]);
  const columns: ColumnsType<Month> = [
    { title: t('bureauProject.investment.col.month'), key: 'month', width: 120, render: (_, r) => f.month(r.month) },
    {
      title: t('bureauProject.investment.col.amount'),
      key: 'amount',
      align: 'right',
      width: 140,
      render: (_, r) => (r.entries[0] ? f.amount(r.entries[0].amount) : '—'),
    },
    {
      title: t('bureauProject.investment.col.cumulative'),
      key: 'cumulative',
      align: 'right',
      width: 160,
      render: (_, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {f.amount(r.cumulative)}
          {r.month === r.bureauThroughMonth ? <BureauFigureMark throughMonth={r.bureauThroughMonth} /> : null}
        </span>
      ),
    },
    {
      title: t('bureauProject.investment.col.completion'),
      key: 'completion',
      align: 'right',
      width: 120,
      render: (_, r) => (
        <Typography.Text type={r.completionPct !== null && r.completionPct < r.schedulePct ? 'danger' : undefined}>
          {f.percent(r.completionPct)}
        </Typography.Text>
      ),
    },
    { title: t('bureauProject.investment.col.schedule'), key: 'schedule', align: 'right', width: 100, render: (_, r) => f.percent(r.schedulePct) },
    {
      title: t('bureauProject.investment.col.history'),
      key: 'history',
      render: (_, r) =>
        r.entries.map((e, i) => (
          <Typography.Text key={e.id} type="secondary" delete={i > 0} style={{ display: 'block', fontSize: 12 }} data-testid="investment-entry">
            {t('investment.history.entry', { amount: f.amount(e.amount), by: e.recordedBy, when: localDateTime(e.recordedAt, zone) })}
            {i === 0 && r.entries.length > 1 ? (
              <Tag color="blue" style={{ marginInlineStart: 6 }}>
                {t('investment.history.current')}
              </Tag>
            ) : null}
          </Typography.Text>
        )),
    },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="bureau-project-investment">
      {page.investment.length === 0 ? <Typography.Text type="secondary">{t('bureauProject.investment.none')}</Typography.Text> : null}
      <InvestmentChart points={points} />
      {rows.length === 0 ? (
        <Empty />
      ) : (
        <Table<Month>
          size="small"
          rowKey="month"
          pagination={false}
          columns={columns}
          dataSource={rows}
          onRow={(r) => ({ 'data-testid': 'investment-month', 'data-month': r.month }) as React.HTMLAttributes<HTMLElement>}
        />
      )}
    </Space>
  );
}
