import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { bureauErrorText } from '../error-text';
import { useBureauT } from '../store';

/** A printable page as the desk makes it: the whole HTML document and the name it is saved under. */
export interface PrintablePage {
  html: string;
  fileName: string;
}

/**
 * A report's print view (the district summary, the monthly bulletin): the same page the export writes, shown in a
 * frame of its own (its own A4 print CSS, none of the desk's), and printed from that frame, so the clerk prints
 * without saving a file first. The page has no scripts (and the sandboxed frame would run none); it is
 * same-origin only so that this window can write the page into it and print it.
 */
export function ReportPrint({
  title,
  load,
  loadKey,
  testId,
  onClose,
}: {
  title: string;
  /** Asks the desk for the page: when the view opens, and again when `loadKey` changes. */
  load: () => Promise<PrintablePage>;
  /** What the page is of (month, day, language): a change asks for the page again. */
  loadKey: string;
  /** Prefix of the view's test ids (`${testId}-go`, `${testId}-frame`). */
  testId: string;
  onClose: () => void;
}) {
  const t = useBureauT();
  const frame = useRef<HTMLIFrameElement>(null);
  const [page, setPage] = useState<PrintablePage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const latestLoad = useRef(load);
  latestLoad.current = load;
  useEffect(() => {
    setPage(null);
    setError(null);
    latestLoad.current().then(setPage, setError);
  }, [loadKey]);
  // The page is written into the frame's own empty document, not loaded from a URL: no navigation happens, so
  // the desktop window's navigation guard (electron/main/security.ts) has nothing to refuse.
  const write = (html: string) => {
    const doc = frame.current?.contentDocument;
    if (!doc) return;
    doc.open();
    doc.write(html);
    doc.close();
  };
  useEffect(() => {
    if (page) write(page.html);
  }, [page]);
  // A frame just added may finish loading its initial blank document after the page was written, replacing it:
  // written again then (once: the written page has a body with content, so its own load changes nothing).
  const reloaded = () => {
    if (page && !frame.current?.contentDocument?.body?.firstElementChild) write(page.html);
  };
  const print = () => frame.current?.contentWindow?.print();
  return (
    <Modal
      open
      width={900}
      title={title}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="close" onClick={onClose}>
          {t('bureauReports.print.close')}
        </Button>,
        <Button key="print" type="primary" icon={<PrinterOutlined />} disabled={!page} onClick={print} data-testid={`${testId}-go`}>
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
          onLoad={reloaded}
          data-testid={`${testId}-frame`}
          style={{ width: '100%', height: '62vh', border: '1px solid #d9d9d9', background: '#fff' }}
        />
      ) : (
        <Spin />
      )}
    </Modal>
  );
}
