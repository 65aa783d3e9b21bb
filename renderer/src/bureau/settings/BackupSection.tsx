import { DownloadOutlined, SaveOutlined } from '@ant-design/icons';
import { App as AntApp, Alert, Button, Card, Space, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import type { OperationOutput } from '@shared/operations';
import { useLoadOnOpen } from '../../components/use-load-on-open';
import { callBureau } from '../client';
import type { PickedFile } from '../files';
import { useBureau, useBureauT } from '../store';
import { FilePick } from './FilePick';
import { settingsErrorText } from './settings-error';
import { useWrittenFile } from './use-written-file';

type RestoreResult = OperationOutput<'bureau.restore'>;

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** 备份: the database with the signing key into a chosen folder (desktop) or the outbox, offered as a download (preview). */
function BackupCard() {
  const t = useBureauT();
  const { done, error, busy, run, download } = useWrittenFile((where) => callBureau('bureau.backup', where));
  return (
    <Card title={t('bureauSettings.backup.title')} size="small">
      <Typography.Paragraph type="secondary">{t('bureauSettings.backup.explain')}</Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={run} data-testid="bureau-backup">
          {t('bureauSettings.backup.run')}
        </Button>
        {done ? (
          <Alert
            type="success"
            showIcon
            data-testid="bureau-backup-done"
            title={t('bureauSettings.backup.done', { file: done.file, size: size(done.bytes), packets: done.receivedPackets, assignments: done.assignments })}
            action={
              download ? (
                <Button size="small" icon={<DownloadOutlined />} href={download} download data-testid="bureau-backup-download">
                  {t('bureauSettings.backup.download')}
                </Button>
              ) : null
            }
          />
        ) : null}
        {error ? <Alert type="error" showIcon title={settingsErrorText(t, error)} /> : null}
      </Space>
    </Card>
  );
}

/**
 * 从备份恢复: a backup uploaded or chosen, then a confirmation that says what is replaced and where the current
 * database is kept; the restore's `changes` (every topic) reload the desk's views.
 */
function RestoreCard() {
  const t = useBureauT();
  const { modal } = AntApp.useApp();
  const about = useBureau((s) => s.deskAbout);
  const { loadDeskAbout } = useBureau.getState();
  useLoadOnOpen(loadDeskAbout);
  const [done, setDone] = useState<RestoreResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  const confirm = (file: PickedFile) => {
    setError(null);
    setDone(null);
    modal.confirm({
      title: t('bureauSettings.restore.confirmTitle'),
      width: 600,
      content: (
        <div data-testid="bureau-restore-confirm">
          <Typography.Paragraph strong>{t('bureauSettings.restore.replaces', { name: file.name })}</Typography.Paragraph>
          <Typography.Paragraph>{t('bureauSettings.restore.kept', { dir: about?.backupsDir ?? 'backups/' })}</Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: 0 }}>{t('bureauSettings.restore.lost')}</Typography.Paragraph>
        </div>
      ),
      okText: t('bureauSettings.restore.ok'),
      cancelText: t('bureauSettings.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'bureau-restore-ok' } as ButtonProps,
      onOk: async () => {
        try {
          setDone(await callBureau('bureau.restore', { file: file.handle }));
        } catch (e) {
          setError(e);
        }
      },
    });
  };

  const lost = done?.notInBackup;
  return (
    <Card title={t('bureauSettings.restore.title')} size="small">
      <Typography.Paragraph type="secondary">{t('bureauSettings.restore.explain')}</Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <FilePick purpose="bureauBackup" accept=".sqlite,.sdbackup,.db" onPicked={confirm} onError={setError} testId="bureau-restore-pick" />
        {done ? (
          <Alert
            type="success"
            showIcon
            data-testid="bureau-restored"
            title={t('bureauSettings.restored', { kept: done.keptAside ?? '—' })}
            description={
              lost && lost.packets + lost.ownProblemRecords + lost.masterImports + lost.assignments > 0
                ? t('bureauSettings.restored.lost', {
                    packets: lost.packets,
                    own: lost.ownProblemRecords,
                    imports: lost.masterImports,
                    assignments: lost.assignments,
                  })
                : undefined
            }
          />
        ) : null}
        {error ? <Alert type="error" showIcon title={settingsErrorText(t, error)} data-testid="bureau-restore-refused" /> : null}
      </Space>
    </Card>
  );
}

/** 备份与恢复. */
export function BackupSection() {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <BackupCard />
      <RestoreCard />
    </Space>
  );
}
