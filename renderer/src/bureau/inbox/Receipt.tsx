import { DownloadOutlined, ExportOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { localDateTime } from '@shared/rules';
import { callBureau } from '../client';
import { bureauErrorText } from '../error-text';
import { chooseOutputFolder, outboxDownloadUrl } from '../files';
import { useBureau, useBureauT, useBureauZone } from '../store';
import { FileOutcomes } from './FileOutcomes';
import { fileOutcome, shownFileName, type FileResult } from './outcome';

/** On paper only the receipt: the rest of the page is hidden while printing. */
const PRINT_CSS = `
@media screen { .inbox-receipt-print { display: none; } }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body * { visibility: hidden !important; }
  .inbox-receipt-print, .inbox-receipt-print * { visibility: visible !important; }
  .inbox-receipt-print { position: absolute; inset: 0 auto auto 0; width: 100%; font-size: 12px; color: #000; }
  .inbox-receipt-print table { border-collapse: collapse; width: 100%; }
  .inbox-receipt-print th, .inbox-receipt-print td { border: 1px solid #888; padding: 3px 6px; text-align: left; vertical-align: top; }
}`;

/** A fold's receipt (回执): per file what was folded or why not; printed (window.print) or written as a file into a folder or the outbox. */
export function Receipt({ results, at }: { results: FileResult[]; at: string }) {
  const t = useBureauT();
  const zone = useBureauZone();
  const language = useBureau((s) => s.language);
  const bureau = useBureau((s) => s.settings?.bureauName ?? '');
  const [saved, setSaved] = useState<{ file: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  /** The one file whose receipt is printed, or null for all. */
  const [printing, setPrinting] = useState<number | null>(null);
  const when = localDateTime(at, zone);
  const lines = results.map((r) => {
    const said = fileOutcome(t, r, true);
    return {
      file: shownFileName(r.file),
      officer: r.officerName ?? '—',
      sequence: r.sequence,
      outcome: said.label,
      note: [said.text, ...said.warnings, said.next].filter(Boolean).join(' '),
      newRecords: r.newRecords,
      duplicateRecords: r.duplicateRecords,
      conflicts: r.conflicts,
      photosStored: r.photosStored,
    };
  });
  const counted = (status: FileResult['status']) => results.filter((r) => r.status === status).length;

  const exportReceipt = async (only: number | null) => {
    setError(null);
    setBusy(true);
    try {
      const where = await chooseOutputFolder();
      const chosen = only === null ? lines : [lines[only]!];
      if (where) setSaved(await callBureau('bureau.inbox.writeReceipt', { ...where, language: language === 'en' ? 'en' : 'zh', lines: chosen }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const download = saved ? outboxDownloadUrl(saved.file) : null;
  // Printing is synchronous: the page shows the chosen receipt, prints, and shows all again.
  useEffect(() => {
    if (printing === null) return;
    window.print();
    setPrinting(null);
  }, [printing]);
  const printed = printing === null ? lines : [lines[printing]!];
  const rowActions = (i: number) => (
    <Space size={0}>
      <Tooltip title={t('bureauInbox.print')}>
        <Button type="text" size="small" icon={<PrinterOutlined />} aria-label={t('bureauInbox.print')} onClick={() => setPrinting(i)} />
      </Tooltip>
      <Tooltip title={t('bureauInbox.export')}>
        <Button
          type="text"
          size="small"
          icon={<ExportOutlined />}
          aria-label={t('bureauInbox.export')}
          data-testid="inbox-export-one"
          onClick={() => void exportReceipt(i)}
        />
      </Tooltip>
    </Space>
  );

  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }} data-testid="inbox-receipt">
      <Alert
        type={counted('refused') > 0 ? 'warning' : 'success'}
        showIcon
        data-testid="inbox-fold-done"
        title={t('bureauInbox.foldDone', {
          accepted: counted('accepted'),
          duplicate: counted('duplicate'),
          pending: counted('pending'),
          refused: counted('refused'),
        })}
      />
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('bureauInbox.foldedTitle')}
          <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal', marginLeft: 12 }}>
            {t('bureauInbox.receiptHead', { bureau, time: when })}
          </Typography.Text>
        </Typography.Title>
        <Space>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="inbox-print">
            {t('bureauInbox.print')}
          </Button>
          <Button icon={<ExportOutlined />} loading={busy} onClick={() => void exportReceipt(null)} data-testid="inbox-export">
            {t('bureauInbox.export')}
          </Button>
        </Space>
      </Space>
      {error ? <Alert type="error" showIcon title={bureauErrorText(t, error)} /> : null}
      {saved ? (
        <Alert
          type="info"
          showIcon
          data-testid="inbox-receipt-saved"
          // The preview offers the file itself; the desktop names where it went.
          title={t('bureauInbox.exported', { file: download ? shownFileName(saved.file) : saved.file })}
          action={
            download ? (
              <Button size="small" icon={<DownloadOutlined />} href={download} download data-testid="inbox-receipt-download">
                {t('bureauInbox.download')}
              </Button>
            ) : undefined
          }
        />
      ) : null}
      <FileOutcomes results={results} folded testId="inbox-receipt-table" actions={rowActions} />
      <div className="inbox-receipt-print" data-testid="inbox-receipt-print">
        <style>{PRINT_CSS}</style>
        <h2>{t('bureauInbox.foldedTitle')}</h2>
        <p>{t('bureauInbox.receiptHead', { bureau, time: `${when}（${zone}）` })}</p>
        <table>
          <thead>
            <tr>
              {(['file', 'officer', 'packet', 'outcome', 'records', 'note'] as const).map((c) => (
                <th key={c}>{t(`bureauInbox.col.${c}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {printed.map((l, i) => (
              <tr key={i}>
                <td>{l.file}</td>
                <td>{l.officer}</td>
                <td>{l.sequence === null ? '—' : t('bureauInbox.packetNo', { n: l.sequence })}</td>
                <td>{l.outcome}</td>
                <td>{`${l.newRecords} / ${l.duplicateRecords} / ${l.conflicts}`}</td>
                <td>{l.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Space>
  );
}
