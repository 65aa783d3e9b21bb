import { Alert, Card, Col, Empty, Row, Select, Space, Statistic, Typography } from 'antd';
import { lazy, Suspense, useCallback, useMemo } from 'react';
import type { OverviewFigure, OverviewScope } from '@shared/operations/bureau-overview';
import { LoadFailed } from './cells';
import { LightMark } from './lights';
import { FigureLink, LinkedFigures, useOpenRowsBehind, type FigureLinkSpec } from './overview/FigureLink';
import { GroupCard, GROUPS } from './overview/GroupCard';
import { usePrefetchProjectRows } from './overview/prefetch';
import { ranked, RankTable } from './overview/RankTable';
import { useBureau, useBureauFormat, useBureauT, type DistrictSummary } from './store';
import { useLoadOnOpen } from '../components/use-load-on-open';
import { useShallow } from 'zustand/react/shallow';
import type { OverviewMonths } from './slices/overview-slice';

// ECharts comes in its own chunks, fetched when a chart is drawn (as on the officer desk).
const CompletionChart = lazy(() => import('./CompletionChart').then((m) => ({ default: m.CompletionChart })));
const MonthlyChart = lazy(() => import('./overview/MonthlyChart').then((m) => ({ default: m.MonthlyChart })));
const ProblemFunnel = lazy(() => import('./overview/ProblemFunnel').then((m) => ({ default: m.ProblemFunnel })));

const ALL: OverviewScope = { kind: 'all' };

/** The months of the plan year that can be asked for: January to the last full month the desk reports by default. */
function monthChoices(summary: DistrictSummary, latest: string): string[] {
  const last = latest.startsWith(`${summary.year}-`) ? Number(latest.slice(5, 7)) : 12;
  return Array.from({ length: last }, (_, i) => `${summary.year}-${String(i + 1).padStart(2, '0')}`);
}

function ProjectsCard({ summary }: { summary: DistrictSummary }) {
  const t = useBureauT();
  const byLevel = summary.projectsByLevel;
  const level = (kind: 'provincial' | 'municipal' | 'district'): FigureLinkSpec => ['projects', byLevel[kind], `projects-${kind}`, { kind }];
  return (
    <Card size="small" title={t('bureauDesk.overview.projects')} data-testid="bureau-projects" style={{ height: '100%' }}>
      <FigureStatistic value={byLevel.total} figure="projects" testId="projects-total" />
      <Typography.Text type="secondary" data-testid="projects-by-level">
        <LinkedFigures
          message="bureauDesk.overview.projectsByLevel"
          scope={ALL}
          links={{ provincial: level('provincial'), municipal: level('municipal'), district: level('district') }}
        />
      </Typography.Text>
      <br />
      <Typography.Text type="secondary" data-testid="projects-milestones">
        <LinkedFigures
          message="bureauDesk.overview.milestones"
          scope={ALL}
          links={{
            enrolled: ['enrolled', summary.statisticsEnrolled, 'projects-enrolled'],
            started: ['started', summary.productionStarted, 'projects-started'],
          }}
        />
      </Typography.Text>
      <LightCounts />
    </Card>
  );
}

/** How many projects show each overall light (红黄绿灯), each count a link to those projects in 项目库; nothing until counted. */
function LightCounts() {
  const t = useBureauT();
  const lights = useBureau((s) => s.overviewLights);
  if (!lights) return null;
  return (
    <div data-testid="overview-lights" style={{ marginTop: 4 }}>
      <Typography.Text type="secondary">{t('bureauDesk.overview.lights')}</Typography.Text>
      <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 12 }}>
        {(['red', 'yellow', 'green'] as const).map((light) => (
          <Typography.Text type="secondary" key={light} style={{ display: 'inline-flex', gap: 4 }}>
            <LightMark light={light} word={t(`bureauDesk.light.${light}`)} />
            <FigureLink scope={ALL} figure={light} testId={`lights-${light}`}>
              {lights[light]}
            </FigureLink>
          </Typography.Text>
        ))}
      </div>
    </div>
  );
}

/** A statistic of the whole district whose number links to the rows behind it. */
function FigureStatistic({
  title,
  value,
  figure,
  testId,
  danger,
}: {
  title?: string;
  value: number;
  figure: OverviewFigure;
  testId: string;
  danger?: boolean;
}) {
  return (
    <Statistic
      title={title}
      value={value}
      styles={{ content: danger ? { color: '#cf1322' } : undefined }}
      valueRender={(v) => (
        <FigureLink scope={ALL} figure={figure} testId={testId}>
          {v}
        </FigureLink>
      )}
    />
  );
}

function ProblemsCard({ summary }: { summary: DistrictSummary }) {
  const t = useBureauT();
  const p = summary.problems;
  const openRows = useOpenRowsBehind();
  return (
    <Card size="small" title={t('bureauDesk.overview.problems')} data-testid="bureau-problems" style={{ height: '100%' }}>
      <Row gutter={16} align="middle">
        <Col span={12}>
          <Space size={[24, 8]} wrap>
            {(['collected', 'resolved', 'open', 'overdue'] as const).map((k) => (
              <FigureStatistic
                key={k}
                title={t(`bureauDesk.overview.problems.${k}`)}
                value={p[k]}
                figure={k}
                testId={`problems-${k}`}
                danger={k === 'overdue' && p.overdue > 0}
              />
            ))}
          </Space>
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }} data-testid="problems-projects">
            <LinkedFigures
              message="bureauDesk.overview.problems.projects"
              scope={ALL}
              links={{ count: ['withProblems', p.projects, 'problems-projects-link'] }}
            />
          </Typography.Paragraph>
        </Col>
        <Col span={12} data-testid="bureau-funnel" title={t('bureauDesk.overview.funnel')}>
          <Suspense fallback={<div style={{ height: 200 }} />}>
            <ProblemFunnel problems={p} onPick={(figure) => openRows(ALL, figure)} />
          </Suspense>
        </Col>
      </Row>
    </Card>
  );
}

function ActionsCard({ summary }: { summary: DistrictSummary }) {
  const t = useBureauT();
  const a = summary.sponsorActions;
  return (
    <Card size="small" title={t('bureauDesk.overview.actions')} data-testid="bureau-actions" style={{ height: '100%' }}>
      <FigureStatistic title={t('bureauDesk.overview.actions.total')} value={a.total} figure="withActions" testId="actions-total" />
      <Typography.Text type="secondary">
        {t('bureauDesk.overview.actions.detail', { visits: a.siteVisits, meetings: a.meetings, calls: a.calls, coordination: a.coordination })}
      </Typography.Text>
      <br />
      <Typography.Text type="secondary" data-testid="actions-projects">
        <LinkedFigures message="bureauDesk.overview.actions.projects" scope={ALL} links={{ count: ['withActions', a.projects, 'actions-projects-link'] }} />
      </Typography.Text>
    </Card>
  );
}

function Charts({ summary, months }: { summary: DistrictSummary; months: OverviewMonths | null }) {
  const t = useBureauT();
  const openRows = useOpenRowsBehind();
  const bars = useMemo(
    () => [
      ...GROUPS.map((g) => ({
        name: t(`bureauDesk.overview.group.${g}`),
        completionPct: summary.investment[g].completionPct,
        group: true,
        scope: { kind: g },
      })),
      ...ranked(summary.byUnit).map((u) => ({
        name: u.name,
        completionPct: u.investment.completionPct,
        group: false,
        scope: { kind: 'unit' as const, name: u.name },
      })),
    ],
    [summary, t],
  );
  const pickBar = useCallback((scope: OverviewScope) => openRows(scope, 'projects'), [openRows]);
  return (
    <Row gutter={16}>
      <Col span={13}>
        <Card size="small" title={t('bureauDesk.overview.chart')} data-testid="bureau-chart" style={{ height: '100%' }}>
          <Suspense fallback={<div style={{ height: 480 }} />}>
            <CompletionChart bars={bars} schedulePct={summary.timeProportionalPct} onPick={pickBar} />
          </Suspense>
        </Card>
      </Col>
      <Col span={11}>
        <Card size="small" title={t('bureauDesk.overview.monthly')} data-testid="bureau-monthly-chart" style={{ height: '100%' }}>
          <Suspense fallback={<div style={{ height: 300 }} />}>{months?.asOfMonth === summary.asOfMonth ? <MonthlyChart series={months} /> : null}</Suspense>
        </Card>
      </Col>
    </Row>
  );
}

function Overview({ summary, months, latest }: { summary: DistrictSummary; months: OverviewMonths | null; latest: string }) {
  const t = useBureauT();
  const f = useBureauFormat();
  const month = Number(summary.asOfMonth.slice(5, 7));
  const all = summary.investment.all;
  const pm = summary.investment.provincialAndMunicipal;
  const district = summary.investment.district;
  usePrefetchProjectRows(months !== null);
  if (summary.projectsByLevel.total === 0) return <Empty description={t('bureauDesk.overview.empty')} data-testid="bureau-overview-empty" />;
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
      <Row gutter={[16, 16]}>
        <Col span={6}>
          <ProjectsCard summary={summary} />
        </Col>
        {GROUPS.map((g) => (
          <Col span={6} key={g}>
            <GroupCard summary={summary} group={g} />
          </Col>
        ))}
        <Col span={17}>
          <ProblemsCard summary={summary} />
        </Col>
        <Col span={7}>
          <ActionsCard summary={summary} />
        </Col>
      </Row>
      <Charts summary={summary} months={months} />
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
    overviewMonths: months,
  } = useBureau(useShallow((s) => ({ summary: s.summary, summaryError: s.summaryError, latestMonth: s.latestMonth, overviewMonths: s.overviewMonths })));
  const { loadOverview } = useBureau.getState();
  useLoadOnOpen(loadOverview);
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
              {` · ${t('bureauDesk.overview.linkHint')}`}
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
              onChange={(m: string) => void loadOverview(m)}
              options={monthChoices(summary, latestMonth).map((m) => ({ value: m, label: f.month(m) }))}
            />
          </Space>
        ) : null}
      </Space>
      {error ? (
        <LoadFailed error={error} retry={() => void loadOverview()} />
      ) : summary && latestMonth ? (
        <Overview summary={summary} months={months} latest={latestMonth} />
      ) : null}
    </div>
  );
}
