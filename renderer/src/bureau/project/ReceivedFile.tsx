import { Typography } from 'antd';
import type { BureauAttachment } from '@shared/operations/bureau-project';
import { transportKind } from '../../api/client';
import { attachmentUrl } from '../../api/transport';
import { PhotoThumb } from '../../components/PhotoThumb';
import { useBureauT } from '../store';

/**
 * A photo or evidence file the bureau received, by its stored name (the same /files/ route as the officer's
 * photos, served from the bureau's folder): a photo as the officer's thumbnail, a PDF as a link, and a file whose
 * bytes have not arrived yet said so rather than drawn broken.
 */
export function ReceivedFile({ file, size = 96 }: { file: BureauAttachment; size?: number }) {
  const t = useBureauT();
  if (file.storedName === null) {
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="received-file-missing">
        {t('bureauProject.file.missing', { name: file.fileName })}
      </Typography.Text>
    );
  }
  if (file.mimeType === 'application/pdf') {
    return (
      <Typography.Link href={attachmentUrl(transportKind, file.storedName)} target="_blank" data-testid="received-file-pdf">
        {t('checklist.attachment.pdf')}
      </Typography.Link>
    );
  }
  return (
    <PhotoThumb
      photo={{ ...file, fileName: file.storedName }}
      width={Math.round((size * 4) / 3)}
      height={size}
      alt={file.fileName}
      testId="received-photo"
      thumbnail={false}
    />
  );
}
