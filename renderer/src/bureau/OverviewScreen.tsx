import { Alert, Card, Col, Empty, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import type { SponsorRow } from '@shared/bureau/summary';
import { LoadFailed } from './cells';
import { Points } from './Points';
import { useBureau, useBureauFormat, useBureauT, type DistrictSummary } from './store';
import { useLoadOnOpen } from '../components/use-load-on-open';
import { useShallow } from 'zustand/react/shallow';

// ECharts comes in its own chunk, fetched when the chart is drawn (as on the officer desk).
const CompletionChart = lazy(() => import('./CompletionChart').then((m) => ({ default: m.CompletionChart })));

type GroupKey = 'all' | 'provincialAndMunicipal' | 'district';
const GROUPS: readonly GroupKey[] = ['all', 'provincialAndMunicipal', 'district'];

/** Units or leaders ranked by completion of their projects' annual plan (those without a plan last). */
function ranked(rows: readonly SponsorRow[]): (SponsorRow & { rank: number })[] {
  const key = (r: SponsorRow) => r.investment.completionPct ?? -Infinity;
  return [...rows].sort((a, b) => key(b) - key(a) || a.name.localeCompare(b.name, 'zh-CN')).map((r, i) => ({ ...r, rank: i + 1 }));
}

function RankTable({ rows, kind }: { rows: readonly SponsorRow[]; kind: 'unit' | 'leader' }) {
  const t = useBureauT();
  const f = useBureauFormat();
  const data = useMemo(() => ranked(rows), [rows]);
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
        { title: t('bureauDesk.overview.col.projects'), render: (_, r) => r.investment.projects, align: 'right', width: 72 },
        { title: t('bureauDesk.overview.planned'), render: (_, r) => f.amount(r.investment.planned), align: 'right' },
        { title: t('bureauDesk.overview.completed'), render: (_, r) => f.amount(r.investment.completed), align: 'right' },
        {
          title: t('bureauDesk.overview.completion'),
          render: (_, r) => <span data-testid="rank-completion">{f.percent(r.investment.completionPct)}</span>,
          align: 'right',
        },
        { title: t('bureauDesk.overview.aheadPoints'), render: (_, r) => <Points value={r.investment.aheadPoints} />, align: 'right' },
        {
          title: t('bureauDesk.overview.col.openProblems'),
          render: (_, r) => (
            <>
              {r.problems.open}
              {r.problems.overdue > 0 ? (
                <Tag color="red" style={{ marginInlineStart: 6 }}>{`${t('bureauDesk.overview.problems.overdue')} ${r.problems.overdue}`}</Tag>
              ) : null}
            </>
          ),
          align: 'right',
        },
        { title: t('bureauDesk.overview.col.actions'), render: (_, r) => r.sponsorActions, align: 'right', width: 88 },
      ]}
    />
  );
}

function GroupCard({ summary, group }: { summary: DistrictSummary; group: GroupKey }) {
  const t = useBureauT();
  const f = useBureauFormat();
  const g = summary.investment[group];
  return (
    <Card size="small" title={t(`bureauDesk.overview.group.${group}`)} data-testid={`bureau-group-${group}`}>
      <Space size={32} align="start" wrap>
        <Statistic
          title={t('bureauDesk.overview.completion')}
          value={f.percent(g.completionPct)}
          valueRender={(v) => <span data-testid="group-completion">{v}</span>}
        />
        <Statistic
          title={t('bureauDesk.overview.aheadShort')}
          value={g.aheadPoints ?? '—'}
          suffix={<span style={{ fontSize: 14 }}>{t('bureauDesk.overview.pointsUnit')}</span>}
          valueRender={() => (
            <span data-testid="group-ahead">
              <Points value={g.aheadPoints} large />
            </span>
          )}
        />
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {`${t('bureauDesk.overview.col.projects')} ${g.projects} · ${t('bureauDesk.overview.projectsAheadBehind', { ahead: g.projectsAhead, behind: g.projectsBehind })}`}
        <br />
        {t('bureauDesk.overview.completedOfPlan', { completed: f.amount(g.completed), planned: f.amount(g.planned) })}
      </Typography.Paragraph>
    </Card>
  );
}

/** The months of the plan year that can be asked for: January to the last full month the desk reports by default. */
function monthChoices(summary: DistrictSummary, latest: string): string[] {
  const last = latest.startsWith(`${summary.year}-`) ? Number(latest.slice(5, 7)) : 12;
  return Array.from({ length: last }, (_, i) => `${summary.year}-${String(i + 1).padStart(2, '0')}`);
}

function Overview({ summary, latest }: { summary: DistrictSummary; latest: string }) {
  const t = useBureauT();
  const f = useBureauFormat();
  const month = Number(summary.asOfMonth.slice(5, 7));
  const all = summary.investment.all;
  const pm = summary.investment.provincialAndMunicipal;
  const district = summary.investment.district;
  const bars = useMemo(
    () => [
      ...GROUPS.map((g) => ({ name: t(`bureauDesk.overview.group.${g}`), completionPct: summary.investment[g].completionPct, group: true })),
      ...ranked(summary.byUnit).map((u) => ({ name: u.name, completionPct: u.investment.completionPct, group: false })),
    ],
    [summary, t],
  );
  if (summary.projectsByLevel.total === 0) return <Empty description={t('bureauDesk.overview.empty')} data-testid="bureau-overview-empty" />;
  const p = summary.problems;
  const a = summary.sponsorActions;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Alert
        type="info"
        data-testid="bureau-sentence"
        title={t('bureauDesk.overview.sentence', {
          total: summary.projectsByLevel.total,
          month,
          completion: f.percent(all.completionPct),
          aheadWord: t((all.aheadPoints ?? 0) >= 0 ? 'bureauDesk.overview.ahead' : 'bureauDesk.overview.behind'),
          points: all.aheadPoints === null ? '—' : f.points(all.aheadPoints),
          pm: pm.projects,
          pmCompletion: f.percent(pm.completionPct),
          district: district.projects,
          districtCompletion: f.percent(district.completionPct),
        })}
      />
      <Row gutter={16}>
        <Col span={6}>
          <Card size="small" title={t('bureauDesk.overview.projects')} data-testid="bureau-projects">
            <Statistic value={summary.projectsByLevel.total} valueRender={(v) => <span data-testid="projects-total">{v}</span>} />
            <Typography.Text type="secondary" data-testid="projects-by-level">
              {t('bureauDesk.overview.projectsByLevel', summary.projectsByLevel)}
            </Typography.Text>
            <br />
            <Typography.Text type="secondary">
              {t('bureauDesk.overview.milestones', { enrolled: summary.statisticsEnrolled, started: summary.productionStarted })}
            </Typography.Text>
          </Card>
        </Col>
        {GROUPS.map((g) => (
          <Col span={6} key={g}>
            <GroupCard summary={summary} group={g} />
          </Col>
        ))}
      </Row>
      <Row gutter={16}>
        <Col span={16}>
          <Card size="small" title={t('bureauDesk.overview.problems')} data-testid="bureau-problems">
            <Space size={40} wrap>
              {(['collected', 'resolved', 'open', 'overdue'] as const).map((k) => (
                <Statistic
                  key={k}
                  title={t(`bureauDesk.overview.problems.${k}`)}
                  value={p[k]}
                  styles={{ content: k === 'overdue' && p.overdue > 0 ? { color: '#cf1322' } : undefined }}
                  valueRender={(v) => <span data-testid={`problems-${k}`}>{v}</span>}
                />
              ))}
            </Space>
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }} data-testid="problems-projects">
              {t('bureauDesk.overview.problems.projects', { count: p.projects })}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title={t('bureauDesk.overview.actions')} data-testid="bureau-actions">
            <Statistic title={t('bureauDesk.overview.actions.total')} value={a.total} valueRender={(v) => <span data-testid="actions-total">{v}</span>} />
            <Typography.Text type="secondary">
              {t('bureauDesk.overview.actions.detail', { visits: a.siteVisits, meetings: a.meetings, calls: a.calls, coordination: a.coordination })}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('bureauDesk.overview.chart')} data-testid="bureau-chart">
        <Suspense fallback={<div style={{ height: 480 }} />}>
          <CompletionChart bars={bars} schedulePct={summary.timeProportionalPct} />
        </Suspense>
      </Card>
      <Card size="small" title={t('bureauDesk.overview.byUnit')}>
        <RankTable rows={summary.byUnit} kind="unit" />
      </Card>
      <Card size="small" title={t('bureauDesk.overview.byLeader')}>
        <RankTable rows={summary.byLeader} kind="leader" />
      </Card>
      <span hidden data-testid="latest-month">
        {latest}
      </span>
    </Space>
  );
}

/** 全区总览: the district figures as the source reports them, from `bureau.summary`, for a chosen month. */
export function OverviewScreen() {
  const t = useBureauT();
  const f = useBureauFormat();
  const {
    summary,
    summaryError: error,
    latestMonth,
  } = useBureau(useShallow((s) => ({ summary: s.summary, summaryError: s.summaryError, latestMonth: s.latestMonth })));
  const { loadSummary } = useBureau.getState();
  useLoadOnOpen(loadSummary);
  return (
    <div data-testid="bureau-overview">
      <Space style={{ width: '100%', justifyContent: 'space-between', margin: '4px 0 16px' }} align="center" wrap>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('bureauDesk.overview.title')}
          </Typography.Title>
          {summary ? (
            <Typography.Text type="secondary" data-testid="bureau-as-of-line">
              {t('bureauDesk.overview.asOfLine', {
                year: summary.year,
                month: Number(summary.asOfMonth.slice(5, 7)),
                schedule: f.percent(summary.timeProportionalPct),
                day: f.date(summary.referenceDay),
              })}
            </Typography.Text>
          ) : null}
        </div>
        {summary && latestMonth ? (
          <Space>
            <Typography.Text>{t('bureauDesk.overview.asOf')}</Typography.Text>
            <Select
              data-testid="as-of-month"
              style={{ width: 160 }}
              value={summary.asOfMonth}
              onChange={(m: string) => void loadSummary(m)}
              options={monthChoices(summary, latestMonth).map((m) => ({ value: m, label: f.month(m) }))}
            />
          </Space>
        ) : null}
      </Space>
      {error ? (
        <LoadFailed error={error} retry={() => void loadSummary()} />
      ) : summary && latestMonth ? (
        <Overview summary={summary} latest={latestMonth} />
      ) : null}
    </div>
  );
}
