import { App as AntApp, Button, Card, Col, Empty, InputNumber, Popover, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useRef, useState } from 'react';
import type { InvestmentEntry } from '@shared/domain';
import type { ProjectDetail } from '@shared/operations';
import { completedWithBureauFigure, currentMonthlyFigures } from '@shared/rules';
import { ApiError } from '../../api/client';
import { useDateTime } from '../../components/date-time';
import { InvestmentChart } from '../../components/LazyInvestmentChart';
import { ProgressTag } from '../../components/ProgressTag';
import { BureauFigureMark } from '../../components/BureauFigureMark';
import { errorMessage, type MessageKey } from '../../i18n';
import { useDesk, useFormat, useT } from '../../store';
import { useToday } from '../../components/today';

interface MonthRow {
  month: string;
  m: number;
  figure: number | null;
  entries: InvestmentEntry[];
  cumulative: number;
  /** The bureau's month when this month's cumulative includes its figure (局报数), else null. */
  bureauThroughMonth: string | null;
  completionPct: number | null;
  timePct: number;
  current: boolean;
}

/** Months of the plan year shown: January to the current month (all twelve for a past year). */
function planMonths(year: number, today: string): string[] {
  const [ty, tm] = today.split('-').map(Number) as [number, number];
  const last = year < ty ? 12 : year === ty ? tm : 0;
  return Array.from({ length: last }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

function buildRows(detail: ProjectDetail, today: string): MonthRow[] {
  const { planYear, annualPlannedInvestment: plan } = detail.project;
  const figures = currentMonthlyFigures(detail.investment);
  return planMonths(planYear, today).map((month) => {
    const figure = figures.get(month) ?? null;
    // The same rule as the progress figures: the bureau's figure until the officer's own figures take over.
    const { completed: cumulative, bureauThroughMonth } = completedWithBureauFigure(detail.investment, planYear, month, detail.project.bureauCompleted);
    const m = Number(month.slice(5));
    return {
      month,
      m,
      figure,
      entries: detail.investment.filter((e) => e.month === month),
      cumulative,
      bureauThroughMonth,
      completionPct: plan > 0 ? (cumulative / plan) * 100 : null,
      timePct: (m / 12) * 100,
      current: month === today.slice(0, 7),
    };
  });
}

/** What is wrong with a typed figure, or null when it can be saved. */
function amountProblem(text: string): MessageKey | null {
  const v = text.trim();
  if (v.startsWith('-')) return 'investment.negative';
  if (!/^\d+(\.\d+)?$/.test(v)) return 'investment.negative';
  if ((v.split('.')[1] ?? '').length > 4) return 'investment.decimals';
  if (Number(v) > 1e9) return 'investment.tooLarge';
  return null;
}

/**
 * The year's completed investment, month by month, typed straight into the table: Enter or leaving the
 * field saves (no save button to forget). A correction is a new entry; earlier figures stay in the history.
 */
export function InvestmentTab({ detail }: { detail: ProjectDetail }) {
  const t = useT();
  const f = useFormat();
  const today = useToday();
  const p = detail.project;
  const rows = useMemo(() => buildRows(detail, today), [detail, today]);
  const points = useMemo(
    () => rows.map((r) => ({ month: r.m, amount: r.figure, completionPct: r.figure === null && r.current ? null : r.completionPct })),
    [rows],
  );

  const columns: ColumnsType<MonthRow> = [
    {
      title: t('investment.col.month'),
      dataIndex: 'month',
      width: 130,
      render: (month: string, r) => (
        <div>
          {f.month(month)}
          {r.current ? (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('investment.currentMonth')}
              </Typography.Text>
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('investment.col.amount'),
      key: 'amount',
      width: 230,
      render: (_, r) => <MonthAmountInput key={`${r.month}:${r.figure ?? ''}`} projectId={p.id} month={r.month} figure={r.figure} />,
    },
    {
      title: t('investment.col.cumulative'),
      dataIndex: 'cumulative',
      align: 'right',
      width: 150,
      render: (v: number, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {f.amount(v)}
          {r.month === r.bureauThroughMonth ? <BureauFigureMark throughMonth={r.bureauThroughMonth} /> : null}
        </span>
      ),
    },
    {
      title: t('investment.col.completion'),
      key: 'completion',
      align: 'right',
      width: 130,
      render: (_, r) => (
        <span data-testid={`completion-${r.month}`}>
          <Typography.Text type={r.completionPct !== null && r.completionPct < r.timePct ? 'danger' : undefined}>{f.percent(r.completionPct)}</Typography.Text>
        </span>
      ),
    },
    { title: t('investment.col.timeProportional'), key: 'time', align: 'right', width: 120, render: (_, r) => f.percent(r.timePct) },
    { title: t('investment.col.history'), key: 'history', render: (_, r) => <EntryHistory entries={r.entries} /> },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="investment-tab">
      <Card size="small">
        <Row gutter={[24, 12]}>
          <Col xs={12} md={5}>
            <Statistic title={t('investment.summary.plan')} value={f.amount(p.annualPlannedInvestment)} suffix={t('investment.unit')} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('investment.summary.completed', { month: f.month(p.progress.asOfMonth) })}
              value={f.amount(p.progress.completed)}
              suffix={t('investment.unit')}
              valueRender={(node) => (
                <span data-testid="investment-completed">
                  {node}
                  <BureauFigureMark throughMonth={p.progress.bureauThroughMonth} />
                </span>
              )}
            />
          </Col>
          <Col xs={12} md={4}>
            <Statistic
              title={t('investment.summary.completion')}
              value={f.percent(p.progress.completionPct)}
              valueRender={(node) => <span data-testid="investment-completion">{node}</span>}
            />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('investment.summary.timeProportional')} value={f.percent(p.progress.timeProportionalPct)} />
          </Col>
          <Col xs={24} md={5}>
            <div style={{ color: 'rgba(0,0,0,0.45)', marginBottom: 4 }}>{t('investment.summary.ahead')}</div>
            <span data-testid="investment-ahead" style={{ fontSize: 18 }}>
              <ProgressTag points={p.progress.aheadPoints} />
            </span>
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('investment.chart.title')}>
        <InvestmentChart points={points} />
      </Card>
      <Card size="small" title={t('investment.title', { year: p.planYear })}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('investment.hint')}
        </Typography.Paragraph>
        {rows.length === 0 ? (
          <Empty />
        ) : (
          <Table<MonthRow> data-testid="investment-table" rowKey="month" size="small" columns={columns} dataSource={rows} pagination={false} />
        )}
      </Card>
    </Space>
  );
}

/** One month's figure, editable in place; saved on Enter or blur when it changed and is valid. */
function MonthAmountInput({ projectId, month, figure }: { projectId: string; month: string; figure: number | null }) {
  const t = useT();
  const f = useFormat();
  const { message } = AntApp.useApp();
  const recordInvestment = useDesk((s) => s.recordInvestment);
  const [draft, setDraft] = useState<string | null>(figure === null ? null : String(figure));
  const [problem, setProblem] = useState<string | null>(null);
  const saving = useRef(false);
  const saved = useRef<number | null>(figure);

  const commit = async () => {
    if (saving.current) return;
    const text = (draft ?? '').trim();
    if (text === '') {
      // A figure cannot be blanked (records are never deleted): put the saved one back.
      setDraft(saved.current === null ? null : String(saved.current));
      setProblem(null);
      return;
    }
    const wrong = amountProblem(text);
    if (wrong) {
      setProblem(t(wrong));
      return;
    }
    const amount = Number(text);
    if (saved.current !== null && amount === saved.current) {
      setProblem(null);
      return;
    }
    saving.current = true;
    try {
      const result = await recordInvestment({ projectId, month, amount });
      saved.current = amount;
      setProblem(null);
      if (result.written) message.success(t('investment.saved', { month: f.month(month) }));
    } catch (e) {
      setProblem(e instanceof ApiError ? errorMessage(t, e.shape) : String(e));
    } finally {
      saving.current = false;
    }
  };

  return (
    <div>
      <InputNumber<string>
        stringMode
        controls={false}
        value={draft}
        status={problem ? 'error' : undefined}
        placeholder={t('investment.notEntered')}
        onChange={(v) => {
          setDraft(v);
          if (problem) setProblem(null);
        }}
        onPressEnter={() => void commit()}
        onBlur={() => void commit()}
        style={{ width: 170 }}
        aria-label={f.month(month)}
        data-testid={`amount-${month}`}
      />
      {problem ? (
        <div>
          <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`amount-error-${month}`}>
            {problem}
          </Typography.Text>
        </div>
      ) : null}
    </div>
  );
}

/** Who entered the figure and when; with corrections, every earlier figure in a popover (更正记录). */
function EntryHistory({ entries }: { entries: readonly InvestmentEntry[] }) {
  const t = useT();
  const f = useFormat();
  const when = useDateTime();
  if (entries.length === 0) return null;
  const newestFirst = [...entries].sort((a, b) => (a.recordedAt === b.recordedAt ? b.id.localeCompare(a.id) : b.recordedAt.localeCompare(a.recordedAt)));
  const latest = newestFirst[0]!;
  if (entries.length === 1) {
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {latest.recordedBy} · {when(latest.recordedAt)}
      </Typography.Text>
    );
  }
  return (
    <Popover
      title={t('investment.history')}
      trigger={['click', 'hover']}
      content={
        <div data-testid="investment-history" style={{ maxWidth: 360 }}>
          {newestFirst.map((e, i) => (
            <div key={e.id} style={{ padding: '2px 0', color: i === 0 ? undefined : 'rgba(0,0,0,0.55)' }}>
              {t('investment.history.entry', { amount: f.amount(e.amount), by: e.recordedBy, when: when(e.recordedAt) })}{' '}
              {i === 0 ? <Tag color="blue">{t('investment.history.current')}</Tag> : null}
            </div>
          ))}
        </div>
      }
    >
      <Button size="small" type="link" style={{ padding: 0 }} data-testid="investment-history-button">
        {t('investment.history.count', { count: entries.length - 1 })}
      </Button>
    </Popover>
  );
}
