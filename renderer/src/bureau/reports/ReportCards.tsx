import { FileExcelOutlined, FileTextOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import type { DistrictSummary } from '../store';
import { bureauErrorText } from '../error-text';
import type { ExportOutcome, ReportKind } from '../slices/reports-slice';
import { useBureau, useBureauFormat, useBureauT } from '../store';
import { SummaryPrint } from './SummaryPrint';

const LEDGER_SHEETS = ['summary', 'projects', 'visits', 'closeOffs', 'problems', 'investment'] as const;

/** What the last export of a card ended with: the file written, the folder not chosen, or the refusal (nothing written). */
export function Outcome({ kind, outcome }: { kind: ReportKind; outcome: ExportOutcome | null }) {
  const t = useBureauT();
  if (!outcome) return null;
  const props =
    outcome.kind === 'written'
      ? { type: 'success' as const, title: t('bureauReports.done', { name: outcome.report.name }) }
      : outcome.kind === 'cancelled'
        ? { type: 'info' as const, title: t('bureauReports.cancelled') }
        : { type: 'error' as const, title: t('bureauReports.failed', { reason: bureauErrorText(t, outcome.error) }) };
  return <Alert showIcon {...props} data-testid={`report-outcome-${kind}`} data-outcome={outcome.kind} />;
}

/** One export: its title, what it holds, its export button (and `extra` ones), the ledger job's progress and the last outcome. */
function ReportCard({
  kind,
  Icon,
  color,
  title,
  what,
  items,
  exportLabel,
  extra,
}: {
  kind: Exclude<ReportKind, 'bulletin'>;
  Icon: typeof FileTextOutlined;
  color: string;
  title: string;
  what: string;
  items: string[];
  exportLabel: string;
  extra?: ReactNode;
}) {
  const t = useBureauT();
  const language = useBureau((s) => s.language);
  const exporting = useBureau((s) => s.exporting);
  const [outcome, setOutcome] = useState<ExportOutcome | null>(null);
  const run = () => {
    setOutcome(null);
    void useBureau.getState().exportReport(kind, language).then(setOutcome);
  };
  return (
    <Card
      size="small"
      data-testid={`report-${kind}`}
      title={
        <Space>
          <Icon style={{ color }} />
          {title}
        </Space>
      }
      style={{ height: '100%' }}
    >
      <Typography.Paragraph style={{ marginBottom: 4 }}>{what}</Typography.Paragraph>
      <ul style={{ margin: '0 0 12px', paddingInlineStart: 20 }} data-testid={`report-${kind}-contents`}>
        {items.map((item) => (
          <li key={item}>
            <Typography.Text type="secondary">{item}</Typography.Text>
          </li>
        ))}
      </ul>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Button type="primary" icon={<Icon />} loading={exporting?.kind === kind} disabled={exporting !== null} onClick={run} data-testid={`export-${kind}`}>
            {exportLabel}
          </Button>
          {extra}
        </Space>
        {kind === 'ledger' && exporting?.kind === 'ledger' ? (
          <div data-testid="report-ledger-progress">
            <Typography.Text type="secondary">{t('bureauReports.ledger.progress')}</Typography.Text>
            <Progress percent={Math.round(exporting.percent)} size="small" />
          </div>
        ) : null}
        <Outcome kind={kind} outcome={outcome} />
      </Space>
    </Card>
  );
}

/** The district ledger workbook: its sheets, exported as a job with progress. */
export function LedgerCard({ summary }: { summary: DistrictSummary }) {
  const t = useBureauT();
  return (
    <ReportCard
      kind="ledger"
      Icon={FileExcelOutlined}
      color="#237804"
      title={t('bureauReports.ledger')}
      what={t('bureauReports.ledger.what', { projects: summary.projectsByLevel.total })}
      items={LEDGER_SHEETS.map((sheet) => t(`bureauReports.ledger.sheet.${sheet}`))}
      exportLabel={t('bureauReports.ledger.export')}
    />
  );
}

/** The printable district summary: what it says, exported to a file or printed from its print view. */
export function SummaryCard({ summary }: { summary: DistrictSummary }) {
  const t = useBureauT();
  const f = useBureauFormat();
  const language = useBureau((s) => s.language);
  const [printing, setPrinting] = useState(false);
  const all = summary.investment.all;
  return (
    <>
      <ReportCard
        kind="summary"
        Icon={FileTextOutlined}
        color="#0958d9"
        title={t('bureauReports.summary')}
        what={t('bureauReports.summary.what', { language: t('bureauReports.summary.language') })}
        items={[
          t('bureauReports.summary.part.sentence', {
            total: summary.projectsByLevel.total,
            month: summary.elapsedMonths,
            completion: f.percent(all.completionPct),
          }),
          t('bureauReports.summary.part.levels'),
          t('bureauReports.summary.part.investment'),
          t('bureauReports.summary.part.ranks', { units: summary.byUnit.length, leaders: summary.byLeader.length }),
          t('bureauReports.summary.part.problems'),
        ]}
        exportLabel={t('bureauReports.summary.export')}
        extra={
          <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)} data-testid="print-summary">
            {t('bureauReports.summary.print')}
          </Button>
        }
      />
      {printing ? (
        <SummaryPrint asOfMonth={summary.asOfMonth} referenceDay={summary.referenceDay} language={language} onClose={() => setPrinting(false)} />
      ) : null}
    </>
  );
}
