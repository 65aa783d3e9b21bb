import { FileExcelOutlined, FileTextOutlined, NotificationOutlined, PrinterOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Popconfirm, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { BULLETIN_LIMITS } from '@shared/operations/bureau-bulletin';
import { callBureau } from '../client';
import { bureauErrorText } from '../error-text';
import type { ExportOutcome } from '../slices/reports-slice';
import { useBureau, useBureauT } from '../store';
import { bulletinShown, deskLanguage, draftLanguage, type BulletinDraft, type BulletinParagraph } from './bulletin-edits';
import { ReportPrint } from './ReportPrint';
import { Outcome } from './ReportCards';

const MAX = BULLETIN_LIMITS.paragraphChars;

/** One paragraph of the bulletin, editable: its part's name, the text (growing with it), how long it is. */
function ParagraphEditor({ paragraph, index }: { paragraph: BulletinParagraph; index: number }) {
  const t = useBureauT();
  const over = paragraph.text.length > MAX;
  return (
    <div>
      <Flex justify="space-between">
        <Typography.Text strong>{t(`bureauReports.bulletin.section.${paragraph.section}`)}</Typography.Text>
        <Typography.Text type={over ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
          {over ? t('bureauReports.bulletin.tooLong', { max: MAX }) : t('bureauReports.bulletin.chars', { count: paragraph.text.length, max: MAX })}
        </Typography.Text>
      </Flex>
      <Input.TextArea
        data-testid={`bulletin-paragraph-${paragraph.section}`}
        autoSize={{ minRows: 2 }}
        status={over ? 'error' : undefined}
        value={paragraph.text}
        onChange={(e) => useBureau.getState().editBulletin(index, e.target.value)}
      />
    </div>
  );
}

/** What the edits are: made, in another language than the screen's, made before the draft changed. */
function EditNotes({ shown }: { shown: ReturnType<typeof bulletinShown> }) {
  const t = useBureauT();
  const screen = useBureau((s) => s.language);
  if (!shown.edited) return null;
  const other = deskLanguage(shown.language) !== screen;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {shown.stale ? <Alert type="warning" showIcon data-testid="bulletin-stale" title={t('bureauReports.bulletin.stale')} /> : null}
      <Alert
        type="info"
        showIcon
        data-testid="bulletin-edited"
        title={t('bureauReports.bulletin.edited')}
        description={other ? t('bureauReports.bulletin.editedIn', { language: t(`bureauReports.bulletin.language.${shown.language}`) }) : undefined}
      />
    </Space>
  );
}

/** The buttons: restore the draft, print, export as a page or a workbook; and the last export's outcome. */
function BulletinActions({ draft, shown }: { draft: BulletinDraft; shown: ReturnType<typeof bulletinShown> }) {
  const t = useBureauT();
  const exporting = useBureau((s) => s.exporting);
  const [outcome, setOutcome] = useState<ExportOutcome | null>(null);
  const [printing, setPrinting] = useState(false);
  const run = (format: 'html' | 'xlsx') => {
    setOutcome(null);
    void useBureau.getState().exportBulletin(format).then(setOutcome);
  };
  const busy = exporting?.kind === 'bulletin';
  const printable = () =>
    callBureau('bureau.bulletin.document', {
      asOfMonth: draft.asOfMonth,
      referenceDay: draft.referenceDay,
      language: deskLanguage(shown.language),
      paragraphs: shown.paragraphs,
    });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button
          type="primary"
          icon={<FileTextOutlined />}
          loading={busy}
          disabled={exporting !== null}
          onClick={() => run('html')}
          data-testid="export-bulletin-html"
        >
          {t('bureauReports.bulletin.exportHtml')}
        </Button>
        <Button icon={<FileExcelOutlined />} disabled={exporting !== null} onClick={() => run('xlsx')} data-testid="export-bulletin-xlsx">
          {t('bureauReports.bulletin.exportXlsx')}
        </Button>
        <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)} data-testid="print-bulletin">
          {t('bureauReports.bulletin.print')}
        </Button>
        <Popconfirm
          title={t('bureauReports.bulletin.restore.confirm')}
          okText={t('bureauReports.bulletin.restore.ok')}
          cancelText={t('bureauReports.bulletin.restore.cancel')}
          onConfirm={() => void useBureau.getState().restoreBulletin()}
          disabled={!shown.edited}
        >
          <Button icon={<UndoOutlined />} disabled={!shown.edited} data-testid="restore-bulletin">
            {t('bureauReports.bulletin.restore')}
          </Button>
        </Popconfirm>
      </Space>
      <Outcome kind="bulletin" outcome={outcome} />
      {printing ? (
        <ReportPrint
          title={t('bureauReports.bulletin.print.title')}
          testId="bulletin-print"
          load={printable}
          loadKey={`${draft.asOfMonth} ${draft.referenceDay}`}
          onClose={() => setPrinting(false)}
        />
      ) : null}
    </Space>
  );
}

/**
 * 月度通报: the month's drafted bulletin, each paragraph editable, printed or exported as edited. The edits live in
 * the reports slice by month (bulletin-edits.ts), so a re-render, a month or a language switch loses nothing;
 * a language switch asks for the draft again only when there are no edits (edits keep their draft's language).
 */
export function BulletinCard() {
  const t = useBureauT();
  const language = useBureau((s) => s.language);
  const draft = useBureau((s) => s.bulletinDraft);
  const edits = useBureau((s) => s.bulletinEdits);
  const error = useBureau((s) => s.bulletinError);
  useEffect(() => {
    const s = useBureau.getState();
    const current = s.bulletinDraft;
    if (current && draftLanguage(s.bulletinEdits, current.asOfMonth, language) !== deskLanguage(current.language)) void s.loadBulletin();
  }, [language]);
  const shown = draft ? bulletinShown(edits, draft) : null;
  return (
    <Card
      size="small"
      data-testid="report-bulletin"
      title={
        <Space>
          <NotificationOutlined style={{ color: '#c41d7f' }} />
          {t('bureauReports.bulletin')}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('bureauReports.bulletin.what')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={bureauErrorText(t, error)} /> : null}
      {draft && shown ? (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Title level={5} style={{ textAlign: 'center', margin: 0 }} data-testid="bulletin-title">
            {draft.title}
          </Typography.Title>
          <EditNotes shown={shown} />
          {shown.paragraphs.map((p, i) => (
            <ParagraphEditor key={p.section} paragraph={p} index={i} />
          ))}
          <BulletinActions draft={draft} shown={shown} />
        </Space>
      ) : null}
    </Card>
  );
}
