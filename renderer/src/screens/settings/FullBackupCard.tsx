import { CloudDownloadOutlined, FolderOpenOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Alert, Button, Card, Input, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { JobView } from '@shared/operations/jobs';
import type { BackupArchiveInfo } from '@shared/operations/backups';
import { transportKind } from '../../api/client';
import { errorText } from '../../components/ErrorNotice';
import { JobProgress } from '../../components/JobProgress';
import { useDesk, useT } from '../../store';

/** What the preview bridge carries in one upload (64 MB of base64): larger backups are restored in the desktop app. */
const MAX_UPLOAD_MB = 45;

/** The preview's download of a full backup in the backups folder (the desktop writes to the chosen folder instead). */
function downloadUrl(fileName: string): string {
  return `./backups/${encodeURIComponent(fileName)}`;
}

/**
 * 完整备份: the database and every photo in one file, for a USB stick or another computer. In the desktop app
 * the officer chooses the folder in the native dialog; in the preview the backup is written beside the store
 * and offered as a download. Restoring takes a file chosen in the dialog or uploaded; the operation checks it
 * whole before anything is replaced. The page never names a path: only handles travel.
 */
export function FullBackupCard() {
  const t = useT();
  const { message, modal } = App.useApp();
  const [job, setJob] = useState<JobView | null>(null);
  const [made, setMade] = useState<BackupArchiveInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const upload = useRef<HTMLInputElement>(null);
  const desktop = transportKind === 'electron';

  const { chooseFile: choose, receiveFile, exportFullBackup, restoreFullBackup } = useDesk.getState();

  const backUp = async () => {
    setError(null);
    setMade(null);
    try {
      let folder: string | undefined;
      if (desktop) {
        const chosen = await choose('backupFolder');
        if (!chosen) return;
        folder = chosen.handle;
      }
      setBusy(true);
      setMade(await exportFullBackup(folder, setJob));
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const confirmRestore = (file: string, name: string) => {
    let passphrase = '';
    modal.confirm({
      title: t('fullBackup.confirmTitle', { file: name }),
      width: 520,
      content: (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>{t('fullBackup.confirmBody')}</Typography.Paragraph>
          <Input.Password
            placeholder={t('fullBackup.passphrase')}
            aria-label={t('fullBackup.passphrase')}
            onChange={(e) => (passphrase = e.target.value)}
            data-testid="full-restore-passphrase"
          />
        </Space>
      ),
      okText: t('fullBackup.confirmOk'),
      cancelText: t('fullBackup.cancel'),
      okButtonProps: { danger: true, ...({ 'data-testid': 'full-restore-confirm' } as object) },
      autoFocusButton: 'cancel',
      onOk: async () => {
        setError(null);
        try {
          // Every view is read again from the restored store before this answers.
          const result = await restoreFullBackup(file, passphrase);
          void message.success({ content: t('fullBackup.restored', { file: name, files: result.files, kept: result.keptAside.fileName }), duration: 8 });
        } catch (e) {
          setError(errorText(t, e));
        }
      },
    });
  };

  const chooseFile = async () => {
    setError(null);
    try {
      const chosen = await choose('backupFile');
      if (chosen) confirmRestore(chosen.handle, chosen.name);
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  const uploaded = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    if (file.size > MAX_UPLOAD_MB * 1024 * 1024) {
      setError(t('fullBackup.tooLarge', { mb: MAX_UPLOAD_MB }));
      return;
    }
    setBusy(true);
    try {
      const received = await receiveFile(file);
      confirmRestore(received.handle, received.name);
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('fullBackup.title')} data-testid="full-backup">
      <Typography.Paragraph type="secondary">{t('fullBackup.hint')}</Typography.Paragraph>
      <Space wrap>
        <Button
          type="primary"
          icon={desktop ? <FolderOpenOutlined /> : <CloudDownloadOutlined />}
          loading={busy && job !== null}
          onClick={() => void backUp()}
          data-testid="full-backup-make"
        >
          {desktop ? t('fullBackup.toFolder') : t('fullBackup.toDownload')}
        </Button>
        <Button
          icon={<UploadOutlined />}
          disabled={busy}
          onClick={() => (desktop ? void chooseFile() : upload.current?.click())}
          data-testid="full-restore-choose"
        >
          {desktop ? t('fullBackup.restore') : t('fullBackup.restoreUpload')}
        </Button>
        <input
          ref={upload}
          type="file"
          accept=".zip,application/zip"
          hidden
          style={{ display: 'none' }}
          tabIndex={-1}
          data-testid="full-restore-input"
          onChange={(e) => {
            void uploaded(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </Space>
      {busy && job ? (
        <div style={{ marginTop: 12 }}>
          <JobProgress job={job} testId="full-backup-progress" />
        </div>
      ) : null}
      {made ? (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="full-backup-made"
          title={t('fullBackup.created', { file: made.fileName, files: made.files })}
          description={made.protected ? t('fullBackup.createdProtected') : undefined}
          action={
            made.location === 'backups' && !desktop ? (
              <Button href={downloadUrl(made.fileName)} download={made.fileName} icon={<CloudDownloadOutlined />} data-testid="full-backup-download">
                {t('fullBackup.download')}
              </Button>
            ) : undefined
          }
        />
      ) : null}
      {error ? <Alert type="error" showIcon style={{ marginTop: 12 }} title={error} data-testid="full-backup-error" /> : null}
    </Card>
  );
}
