import { ImportOutlined } from '@ant-design/icons';
import { App as AntApp, Alert, Button, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { DemoAlert } from '../../components/DemoAlert';
import { useLoadOnOpen } from '../../components/use-load-on-open';
import { callBureau } from '../client';
import { useBureau, useBureauT } from '../store';
import { settingsErrorText } from './settings-error';

/**
 * Above every screen of the bureau shell: while the desk holds the demo district, a banner that says so, with
 * the one way out (as the officer desk's DemoBanner); on an empty desk (no project yet, e.g. just after leaving
 * the demo), what to do first, with the way to the master list. Leaving asks first, saying what is kept, that
 * the real desk gets a new signing key, and what comes next; `bureau.demo.leave` names every topic, so every
 * loaded view reloads from the empty desk.
 */
export function DeskNotice() {
  const t = useBureauT();
  const { message, modal, notification } = AntApp.useApp();
  const about = useBureau((s) => s.deskAbout);
  const { loadDeskAbout, navigate } = useBureau.getState();
  useLoadOnOpen(loadDeskAbout);
  const [busy, setBusy] = useState(false);
  if (!about) return null;

  const leave = () =>
    modal.confirm({
      title: t('bureauSettings.demo.title'),
      width: 580,
      content: (
        <div data-testid="leave-demo-confirm">
          <Typography.Paragraph>{t('bureauSettings.demo.kept', { dir: about.backupsDir })}</Typography.Paragraph>
          <Typography.Paragraph strong>{t('bureauSettings.demo.newKey')}</Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: 0 }}>{t('bureauSettings.demo.next')}</Typography.Paragraph>
        </div>
      ),
      okText: t('bureauSettings.demo.leave'),
      cancelText: t('bureauSettings.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'leave-demo-ok' } as ButtonProps,
      onOk: async () => {
        setBusy(true);
        try {
          const left = await callBureau('bureau.demo.leave', {});
          message.destroy(); // no toast of the demo outlives it
          navigate('overview');
          // Long (a path, a fingerprint) and worth reading: at the bottom corner, where it covers none of the header's buttons.
          notification.success({
            placement: 'bottomRight',
            duration: 12,
            title: t('bureauSettings.demo.leftTitle'),
            description: <span data-testid="left-demo">{t('bureauSettings.demo.left', { path: left.keptAside, fingerprint: left.fingerprint })}</span>,
          });
        } catch (e) {
          message.error(settingsErrorText(t, e));
        } finally {
          setBusy(false);
        }
      },
    });

  if (about.demo) return <DemoAlert text={t('bureauSettings.demo.banner')} leaveText={t('bureauSettings.demo.leave')} busy={busy} onLeave={leave} />;
  if (about.projects > 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="empty-desk"
      title={t('bureauSettings.empty.title')}
      description={t('bureauSettings.empty.body')}
      style={{ marginBottom: 16 }}
      action={
        <Button type="primary" icon={<ImportOutlined />} onClick={() => navigate('master')} data-testid="empty-desk-import">
          {t('bureauSettings.empty.import')}
        </Button>
      }
    />
  );
}
