import { Alert, Button, Col, Progress, Row, Space, Spin, Typography } from 'antd';
import { useShallow } from 'zustand/react/shallow';
import { RollCallScreen } from '../RollCallScreen';
import { bureauErrorText } from '../error-text';
import { useBureau, useBureauT } from '../store';
import { ConflictsPanel } from './ConflictsPanel';
import { FileOutcomes } from './FileOutcomes';
import { InboxDrop } from './InboxDrop';
import { Receipt } from './Receipt';

/** The inbox's parts one under another; a part with nothing to show takes no room. */
const COLUMN = { display: 'flex', flexDirection: 'column', gap: 8 } as const;

/** The packets picked: their preview (what folding would do), the fold with its progress. */
function InboxFiles() {
  const t = useBureauT();
  const { files, preview, busy, progress } = useBureau(
    useShallow((s) => ({ files: s.inboxFiles, preview: s.inboxPreview, busy: s.inboxBusy, progress: s.inboxProgress })),
  );
  const { foldInbox, clearInbox } = useBureau.getState();
  // Every file goes to the fold (a refused one gets its line in the receipt); the button counts what will count.
  const foldable = preview?.filter((r) => r.status === 'accepted' || r.status === 'pending').length ?? 0;
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }} data-testid="inbox-preview">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('bureauInbox.previewTitle')}
        </Typography.Title>
        <Space>
          <Button onClick={clearInbox} disabled={busy === 'folding'} data-testid="inbox-clear">
            {t('bureauInbox.clear')}
          </Button>
          <Button type="primary" disabled={foldable === 0 || !!busy} loading={busy === 'folding'} onClick={() => void foldInbox()} data-testid="inbox-fold">
            {t('bureauInbox.fold', { n: foldable })}
          </Button>
        </Space>
      </Space>
      {busy === 'folding' ? (
        <div data-testid="inbox-progress" data-percent={progress?.percent ?? 0}>
          <Progress percent={Math.round(progress?.percent ?? 0)} status="active" />
          <Typography.Text type="secondary">
            {t('bureauInbox.folding', { done: Math.min((progress?.done ?? 0) + 1, progress?.total ?? files.length), total: progress?.total ?? files.length })}
          </Typography.Text>
        </div>
      ) : null}
      {busy === 'receiving' || busy === 'previewing' ? (
        <Spin size="small">
          <Typography.Text type="secondary" data-testid="inbox-checking">
            {t(busy === 'receiving' ? 'bureauInbox.receiving' : 'bureauInbox.previewing')}
          </Typography.Text>
        </Spin>
      ) : null}
      {preview ? <FileOutcomes results={preview} folded={false} testId="inbox-preview-table" /> : null}
    </Space>
  );
}

/** 收件箱 with 报送情况 beside it (issue 12, screen 3): packets in, previewed, folded as a job, a receipt; who has not sent; the conflicts. */
export function InboxScreen() {
  const t = useBureauT();
  const { error, receipt, picking } = useBureau(
    useShallow((s) => ({ error: s.inboxError, receipt: s.inboxReceipt, picking: s.inboxFiles.length > 0 || s.inboxBusy === 'receiving' })),
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="bureau-inbox-screen">
      <Row gutter={[20, 16]} wrap>
        <Col flex="1 1 560px" style={{ minWidth: 0 }}>
          <div style={COLUMN}>
            <Typography.Title level={3} style={{ margin: '4px 0 0' }}>
              {t('bureauInbox.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('bureauInbox.intro')}</Typography.Text>
            <InboxDrop />
            {error ? <Alert type="error" showIcon data-testid="inbox-error" title={bureauErrorText(t, error)} /> : null}
            {picking ? <InboxFiles /> : null}
            {receipt ? <Receipt results={receipt.results} at={receipt.at} /> : null}
          </div>
        </Col>
        <Col flex="0 1 460px" style={{ minWidth: 0 }}>
          <RollCallScreen />
        </Col>
      </Row>
      <ConflictsPanel />
    </Space>
  );
}
