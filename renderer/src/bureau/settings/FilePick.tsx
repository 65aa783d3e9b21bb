import { FolderOpenOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { BureauFilePurpose } from '@shared/operations/bureau-files';
import { chooseFiles, hasFileDialogs, receiveFiles, type PickedFile } from '../files';
import { useBureauT } from '../store';

/**
 * One file for a settings operation, as a handle: the desktop's native dialog, or in the preview an upload kept
 * in the desk's inbox (files.ts). `onPicked` gets the handle, or the error of handing the file over.
 */
export function FilePick({
  purpose,
  accept,
  onPicked,
  onError,
  testId,
}: {
  purpose: BureauFilePurpose;
  accept: string;
  onPicked: (file: PickedFile) => void;
  onError: (error: unknown) => void;
  testId: string;
}) {
  const t = useBureauT();
  const [picked, setPicked] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const take = async (pick: () => Promise<PickedFile[]>) => {
    setBusy(true);
    try {
      const [file] = await pick();
      if (file) {
        setPicked(file.name);
        onPicked(file);
      }
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space wrap>
      {hasFileDialogs() ? (
        <Button icon={<FolderOpenOutlined />} loading={busy} onClick={() => void take(() => chooseFiles(purpose))} data-testid={testId}>
          {t('bureauSettings.file.pick')}
        </Button>
      ) : (
        <Upload
          accept={accept}
          maxCount={1}
          showUploadList={false}
          beforeUpload={(file) => {
            void take(() => receiveFiles([file]));
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy} data-testid={testId}>
            {t('bureauSettings.file.upload')}
          </Button>
        </Upload>
      )}
      {picked ? <Typography.Text type="secondary">{t('bureauSettings.file.picked', { name: picked })}</Typography.Text> : null}
    </Space>
  );
}
