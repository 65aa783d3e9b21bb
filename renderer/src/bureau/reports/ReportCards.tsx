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
function Outcome({ kind, outcome }: { kind: ReportKind; outcome: ExportOutcome | null }) {
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

/** One export: its title, what it holds, its button(s), the ledger job's progress and the last outcome. */
function ReportCard({
  kind,
  icon,
  title,
  what,
  items,
  actions,
}: {
  kind: ReportKind;
  icon: ReactNode;
  title: string;
  what: string;
  items: string[];
  actions: (run: () => void) => ReactNode;
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
          {icon}
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
        <Space wrap>{actions(run)}</Space>
        {exporting?.kind === kind ? (
          <div data-testid={`report-${kind}-progress`}>
            <Typography.Text type="secondary">{kind === 'ledger' ? t('bureauReports.ledger.progress') : null}</Typography.Text>
            {kind === 'ledger' ? <Progress percent={Math.round(exporting.percent)} size="small" /> : null}
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
  const exporting = useBureau((s) => s.exporting);
  return (
    <ReportCard
      kind="ledger"
      icon={<FileExcelOutlined style={{ color: '#237804' }} />}
      title={t('bureauReports.ledger')}
      what={t('bureauReports.ledger.what', { projects: summary.projectsByLevel.total })}
      items={LEDGER_SHEETS.map((sheet) => t(`bureauReports.ledger.sheet.${sheet}`))}
      actions={(run) => (
        <Button
          type="primary"
          icon={<FileExcelOutlined />}
          loading={exporting?.kind === 'ledger'}
          disabled={exporting !== null}
          onClick={run}
          data-testid="export-ledger"
        >
          {t('bureauReports.ledger.export')}
        </Button>
      )}
    />
  );
}

/** The printable district summary: what it says, exported to a file or printed from its print view. */
export function SummaryCard({ summary }: { summary: DistrictSummary }) {
  const t = useBureauT();
  const f = useBureauFormat();
  const language = useBureau((s) => s.language);
  const exporting = useBureau((s) => s.exporting);
  const [printing, setPrinting] = useState(false);
  const all = summary.investment.all;
  return (
    <>
      <ReportCard
        kind="summary"
        icon={<FileTextOutlined style={{ color: '#0958d9' }} />}
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
        actions={(run) => (
          <>
            <Button
              type="primary"
              icon={<FileTextOutlined />}
              loading={exporting?.kind === 'summary'}
              disabled={exporting !== null}
              onClick={run}
              data-testid="export-summary"
            >
              {t('bureauReports.summary.export')}
            </Button>
            <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)} data-testid="print-summary">
              {t('bureauReports.summary.print')}
            </Button>
          </>
        )}
      />
      {printing ? (
        <SummaryPrint dates={{ asOfMonth: summary.asOfMonth, referenceDay: summary.referenceDay }} language={language} onClose={() => setPrinting(false)} />
      ) : null}
    </>
  );
}
