import { Col, Flex, Row, Select, Space, Typography } from 'antd';
import { useShallow } from 'zustand/react/shallow';
import { useLoadOnOpen } from '../../components/use-load-on-open';
import { LoadFailed } from '../cells';
import { hasFileDialogs } from '../files';
import { useBureau, useBureauFormat, useBureauT, type DistrictSummary } from '../store';
import { BulletinCard } from './BulletinCard';
import { ExportedList } from './ExportedList';
import { RankingCard } from './RankingCard';
import { LedgerCard, SummaryCard } from './ReportCards';

/** The "as of month" choice, offering the overview's months: January of the plan year to the desk's default month. */
function AsOfMonth({ summary, latest, pick }: { summary: DistrictSummary; latest: string; pick: (month: string) => void }) {
  const t = useBureauT();
  const f = useBureauFormat();
  const last = latest.startsWith(`${summary.year}-`) ? Number(latest.slice(5, 7)) : 12;
  const months = Array.from({ length: last }, (_, i) => `${summary.year}-${String(i + 1).padStart(2, '0')}`);
  return (
    <label>
      <Typography.Text style={{ marginInlineEnd: 8 }}>{t('bureauReports.asOf')}</Typography.Text>
      <Select
        data-testid="reports-as-of-month"
        style={{ width: 160 }}
        virtual={false} // twelve months at most: every one of them in the list
        value={summary.asOfMonth}
        onChange={pick}
        options={months.map((m) => ({ value: m, label: f.month(m) }))}
      />
    </label>
  );
}

/**
 * 汇总与台账: the district ledger workbook, the printable district summary and the monthly bulletin (with the
 * ranking it speaks of) for a chosen month, exported to a folder.
 */
export function ReportsScreen() {
  const t = useBureauT();
  const f = useBureauFormat();
  const { summary, error, latest } = useBureau(useShallow((s) => ({ summary: s.reportsSummary, error: s.reportsError, latest: s.reportsLatestMonth })));
  const { loadReports } = useBureau.getState();
  useLoadOnOpen(loadReports);
  return (
    <div data-testid="bureau-reports">
      <Flex justify="space-between" align="center" wrap gap={16} style={{ margin: '4px 0 16px' }}>
        <Flex vertical>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('bureauReports.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('bureauReports.intro')}</Typography.Text>
        </Flex>
        {summary && latest ? <AsOfMonth summary={summary} latest={latest} pick={(m) => void loadReports(m)} /> : null}
      </Flex>
      {error ? (
        <LoadFailed error={error} retry={() => void loadReports()} />
      ) : summary ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Text data-testid="reports-period">
            {t('bureauReports.period', {
              year: summary.year,
              month: summary.elapsedMonths,
              schedule: f.percent(summary.timeProportionalPct),
              day: f.date(summary.referenceDay),
            })}
            {` · ${t(hasFileDialogs() ? 'bureauReports.where.folder' : 'bureauReports.where.outbox')}`}
          </Typography.Text>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <LedgerCard summary={summary} />
            </Col>
            <Col xs={24} xl={12}>
              <SummaryCard summary={summary} />
            </Col>
          </Row>
          <BulletinCard />
          <RankingCard />
          <ExportedList />
        </Space>
      ) : null}
    </div>
  );
}
