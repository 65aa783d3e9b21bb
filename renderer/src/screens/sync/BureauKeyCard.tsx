import { App as AntApp, Button, Card, Space, Typography, Upload } from 'antd';
import { useDesk, useT } from '../../store';

/**
 * "AB12 CD34 …" as four lines of four groups, numbered, so that two people can read it aloud group by group
 * over the phone and each say "yes" at the end of a line.
 */
export function FingerprintGroups({ fingerprint, testId }: { fingerprint: string; testId: string }) {
  const groups = fingerprint.split(/\s+/).filter(Boolean);
  const lines: string[][] = [];
  for (let i = 0; i < groups.length; i += 4) lines.push(groups.slice(i, i + 4));
  return (
    <div data-testid={testId} data-fingerprint={fingerprint} style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 15, lineHeight: 1.8 }}>
      {lines.map((line, i) => (
        <div key={i}>
          <Typography.Text type="secondary" style={{ display: 'inline-block', width: 28 }}>
            {i + 1}.
          </Typography.Text>
          {line.map((g, j) => (
            <span key={j} style={{ marginRight: 14, letterSpacing: 1 }}>
              {g}
            </span>
          ))}
        </div>
      ))}
    </div>
  );
}

/**
 * Step 1 of 文件交换: pins the bureau's key. A different key already pinned is never replaced silently: the
 * operation refuses (conflict/bureau_key_replace, with both fingerprints) and this card asks in a modal that
 * shows the old and new fingerprints and says to phone the bureau; only "confirm" sends the new fingerprint
 * back as confirmReplaceFingerprint.
 */
export function BureauKeyCard() {
  const t = useT();
  const { message, modal } = AntApp.useApp();
  const busy = useDesk((s) => s.syncBusy === 'key');
  const trustBureauKey = useDesk((s) => s.trustBureauKey);

  const pin = async (keyPem: string, confirmReplaceFingerprint?: string) => {
    const outcome = await trustBureauKey(keyPem, confirmReplaceFingerprint);
    if (outcome && 'replaces' in outcome) confirmReplace(keyPem, outcome.replaces.previous, outcome.replaces.next);
    else if (outcome?.pinned.changed && outcome.pinned.previousFingerprint)
      message.success(t('bureauKey.replaced', { fingerprint: outcome.pinned.fingerprint, previous: outcome.pinned.previousFingerprint }), 8);
    else if (outcome) message.success(t('sync.keyPinned', { fingerprint: outcome.pinned.fingerprint }));
  };

  const confirmReplace = (keyPem: string, previous: string, next: string) =>
    modal.confirm({
      title: t('bureauKey.replace.title'),
      width: 560,
      okText: t('bureauKey.replace.ok'),
      okButtonProps: { danger: true, ...({ 'data-testid': 'key-replace-confirm' } as object) },
      cancelText: t('sync.cancel'),
      content: (
        <Space orientation="vertical" size="small" style={{ width: '100%' }} data-testid="key-replace-modal">
          <Typography.Text>{t('bureauKey.replace.intro')}</Typography.Text>
          <Typography.Text strong>{t('bureauKey.replace.old')}</Typography.Text>
          <FingerprintGroups fingerprint={previous} testId="key-replace-old" />
          <Typography.Text strong>{t('bureauKey.replace.new')}</Typography.Text>
          <FingerprintGroups fingerprint={next} testId="key-replace-new" />
          <Typography.Text type="danger" data-testid="key-replace-phone">
            {t('bureauKey.replace.phone')}
          </Typography.Text>
        </Space>
      ),
      onOk: () => pin(keyPem, next),
    });

  return (
    <Card title={t('sync.step.key')} size="small">
      <Space orientation="vertical">
        <Typography.Text type="secondary">{t('sync.step.key.hint')}</Typography.Text>
        <Upload accept=".pub,.pem,.txt" showUploadList={false} beforeUpload={(file) => (void file.text().then((text) => pin(text)), false)}>
          <Button loading={busy} data-testid="choose-key">
            {t('sync.chooseKey')}
          </Button>
        </Upload>
      </Space>
    </Card>
  );
}
