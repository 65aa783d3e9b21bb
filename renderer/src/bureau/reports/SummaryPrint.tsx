import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { Language } from '@shared/domain';
import type { OperationOutput } from '@shared/operations';
import { callBureau } from '../client';
import { bureauErrorText } from '../error-text';
import { useBureauT } from '../store';

type SummaryPage = OperationOutput<'bureau.summaryDocument'>;

/**
 * The district summary's print view: the same page `bureau.exportSummary` writes, shown in a frame of its own
 * (its own A4 print CSS, none of the desk's), and printed from that frame, so the clerk prints without saving
 * a file first. The page has no scripts (and the sandboxed frame would run none); it is same-origin only so
 * that this window can write the page into it and print it.
 */
export function SummaryPrint({
  asOfMonth,
  referenceDay,
  language,
  onClose,
}: {
  asOfMonth: string;
  referenceDay: string;
  language: Language;
  onClose: () => void;
}) {
  const t = useBureauT();
  const frame = useRef<HTMLIFrameElement>(null);
  const [page, setPage] = useState<SummaryPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    callBureau('bureau.summaryDocument', { asOfMonth, referenceDay, language }).then(setPage, setError);
  }, [asOfMonth, referenceDay, language]);
  // The page is written into the frame's own empty document, not loaded from a URL: no navigation happens, so
  // the desktop window's navigation guard (electron/main/security.ts) has nothing to refuse.
  useEffect(() => {
    const doc = frame.current?.contentDocument;
    if (!page || !doc) return;
    doc.open();
    doc.write(page.html);
    doc.close();
  }, [page]);
  const print = () => frame.current?.contentWindow?.print();
  return (
    <Modal
      open
      width={900}
      title={t('bureauReports.print.title')}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="close" onClick={onClose}>
          {t('bureauReports.print.close')}
        </Button>,
        <Button key="print" type="primary" icon={<PrinterOutlined />} disabled={!page} onClick={print} data-testid="summary-print-go">
          {t('bureauReports.print.go')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{t('bureauReports.print.hint')}</Typography.Paragraph>
      {error ? (
        <Alert type="error" showIcon title={bureauErrorText(t, error)} />
      ) : page ? (
        <iframe
          ref={frame}
          title={page.fileName}
          sandbox="allow-modals allow-same-origin"
          data-testid="summary-print-frame"
          style={{ width: '100%', height: '62vh', border: '1px solid #d9d9d9', background: '#fff' }}
        />
      ) : (
        <Spin />
      )}
    </Modal>
  );
}
