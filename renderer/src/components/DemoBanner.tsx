import { App as AntApp, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { errorMessage } from '../i18n';
import { useDesk, useT } from '../store';
import { DemoAlert } from './DemoAlert';

/**
 * The banner every screen shows while the store holds the demo dataset: what the demo is (invented, never
 * reported) and the one way out. Leaving asks first, saying that demo work is not reported and where the demo's
 * backup is kept; then the fresh store opens and `onLeft` lets the shell start every screen afresh (no stale
 * notice of the demo stays behind).
 */
export function DemoBanner({ onLeft }: { onLeft: () => Promise<void> }) {
  const t = useT();
  const { message, modal } = AntApp.useApp();
  const demo = useDesk((s) => s.info?.demo ?? false);
  const [busy, setBusy] = useState(false);
  if (!demo) return null;
  const { locateFiles, leaveDemo } = useDesk.getState();

  const leave = async () => {
    setBusy(true);
    try {
      const { backupsDir } = await locateFiles();
      modal.confirm({
        title: t('demo.leave.title'),
        width: 560,
        content: (
          <div data-testid="leave-demo-confirm">
            <Typography.Paragraph strong>{t('demo.leave.notReported')}</Typography.Paragraph>
            <Typography.Paragraph>{t('demo.leave.backup', { dir: backupsDir })}</Typography.Paragraph>
            <Typography.Paragraph>{t('demo.leave.kept')}</Typography.Paragraph>
            <Typography.Paragraph style={{ marginBottom: 0 }}>{t('demo.leave.next')}</Typography.Paragraph>
          </div>
        ),
        okText: t('demo.leave.ok'),
        okButtonProps: { danger: true, 'data-testid': 'leave-demo-ok' } as ButtonProps,
        cancelText: t('demo.leave.cancel'),
        onOk: async () => {
          try {
            const { backupPath } = await leaveDemo();
            message.destroy(); // no toast of the demo outlives it
            await onLeft();
            message.success({ content: <span data-testid="left-demo">{t('demo.left', { path: backupPath })}</span>, duration: 10 });
          } catch (e) {
            message.error(e instanceof ApiError ? errorMessage(t, e.shape) : String(e));
          }
        },
      });
    } catch (e) {
      message.error(e instanceof ApiError ? errorMessage(t, e.shape) : String(e));
    } finally {
      setBusy(false);
    }
  };

  return <DemoAlert text={t('demo.banner')} leaveText={t('demo.leave')} busy={busy} onLeave={() => void leave()} />;
}
