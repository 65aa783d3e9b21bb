import { DeleteOutlined, FileOutlined, PaperClipOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Space, Typography } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { MAX_PHOTO_BYTES_PER_VISIT, MAX_PHOTOS_PER_VISIT, MAX_UPLOAD_BYTES } from '@shared/operations/visits';
import type { Translate } from '../i18n';
import { useT } from '../store';

/** A file the officer chose, not yet sent: kept as a File until the form is submitted. */
export interface PickedFile {
  key: string;
  file: File;
}

export interface FilePickerProps {
  value?: PickedFile[];
  onChange?(files: PickedFile[]): void;
  /** The native picker's filter, e.g. "image/*". */
  accept: string;
  multiple?: boolean;
  maxFiles: number;
  maxBytes: number;
  /** Checked on the chosen files together (the photos of one record travel in one call). */
  maxTotalBytes?: number;
  /** Whether a chosen file is of a usable type (the native filter can be bypassed). */
  accepts(file: File): boolean;
  label: string;
  hint?: string;
  testId: string;
  disabled?: boolean;
}

const MB = 1024 * 1024;
let counter = 0;

function sizeText(bytes: number): string {
  return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * Choosing files with the system's own picker (a real <input type=file>, reachable by keyboard through its
 * button), with a preview of each image, its size and a remove button. Files too large or of the wrong type are
 * not added, and the officer is told why.
 */
export function FilePicker(props: FilePickerProps) {
  const t = useT();
  const { message } = AntApp.useApp();
  const input = useRef<HTMLInputElement>(null);
  const value = useMemo(() => props.value ?? [], [props.value]);

  // Object URLs for the previews, released when the list changes or the picker goes away.
  const previews = useMemo(() => new Map(value.map((p) => [p.key, p.file.type.startsWith('image/') ? URL.createObjectURL(p.file) : null])), [value]);
  useEffect(() => () => previews.forEach((url) => url && URL.revokeObjectURL(url)), [previews]);

  const add = (chosen: FileList | null) => {
    if (!chosen) return;
    const next = props.multiple ? [...value] : [];
    for (const file of Array.from(chosen)) {
      if (!props.accepts(file)) {
        message.warning(t('files.wrongType', { name: file.name }));
        continue;
      }
      if (file.size > props.maxBytes) {
        message.warning(t('files.tooLarge', { name: file.name, mb: props.maxBytes / MB }));
        continue;
      }
      if (next.length >= props.maxFiles) {
        message.warning(t('files.tooMany', { max: props.maxFiles }));
        break;
      }
      if (props.maxTotalBytes !== undefined && next.reduce((s, p) => s + p.file.size, 0) + file.size > props.maxTotalBytes) {
        message.warning(t('files.totalTooLarge', { mb: props.maxTotalBytes / MB }));
        break;
      }
      next.push({ key: `f${++counter}`, file });
    }
    props.onChange?.(next);
  };

  return (
    <div data-testid={props.testId}>
      {/* The native picker, opened by the button (the input itself is hidden and out of the tab order). */}
      <input
        ref={input}
        type="file"
        accept={props.accept}
        multiple={props.multiple}
        hidden
        style={{ display: 'none' }}
        tabIndex={-1}
        data-testid={`${props.testId}-input`}
        onChange={(e) => {
          add(e.target.files);
          e.target.value = ''; // the same file may be chosen again after removing it
        }}
      />
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Space wrap>
          <Button icon={<PaperClipOutlined />} onClick={() => input.current?.click()} disabled={props.disabled}>
            {props.label}
          </Button>
          {props.hint ? <Typography.Text type="secondary">{props.hint}</Typography.Text> : null}
        </Space>
        {value.length > 0 ? (
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            {value.map((p) => {
              const url = previews.get(p.key);
              return (
                <div
                  key={p.key}
                  data-testid={`${props.testId}-item`}
                  style={{ display: 'flex', alignItems: 'center', gap: 8, border: '1px solid #f0f0f0', borderRadius: 6, padding: 4, maxWidth: 260 }}
                >
                  {url ? (
                    <img src={url} alt="" style={{ width: 48, height: 48, objectFit: 'cover', borderRadius: 4, flex: 'none' }} />
                  ) : (
                    <FileOutlined style={{ fontSize: 28, width: 48, flex: 'none' }} />
                  )}
                  <div style={{ minWidth: 0, flex: 1 }}>
                    <Typography.Text ellipsis={{ tooltip: p.file.name }} style={{ display: 'block' }}>
                      {p.file.name}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {sizeText(p.file.size)}
                    </Typography.Text>
                  </div>
                  <Button
                    type="text"
                    size="small"
                    icon={<DeleteOutlined />}
                    aria-label={t('files.remove', { name: p.file.name })}
                    title={t('files.remove', { name: p.file.name })}
                    disabled={props.disabled}
                    onClick={() => props.onChange?.(value.filter((v) => v.key !== p.key))}
                  />
                </div>
              );
            })}
          </div>
        ) : null}
      </Space>
    </div>
  );
}

/** The MIME type to declare for a chosen file: the browser's, or guessed from the extension when it has none. */
export function declaredType(file: File): string {
  if (file.type) return file.type.toLowerCase();
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  const guess: Record<string, string> = {
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    png: 'image/png',
    webp: 'image/webp',
    heic: 'image/heic',
    heif: 'image/heif',
    avif: 'image/avif',
    gif: 'image/gif',
    tif: 'image/tiff',
    tiff: 'image/tiff',
    pdf: 'application/pdf',
  };
  return guess[ext] ?? 'application/octet-stream';
}

export const isImageFile = (file: File) => declaredType(file).startsWith('image/') && !declaredType(file).includes('svg');
export const isImageOrPdf = (file: File) => isImageFile(file) || declaredType(file) === 'application/pdf';

/** The largest file one upload may carry, in MB (the forms' hints say it). */
const UPLOAD_MB = MAX_UPLOAD_BYTES / 1024 / 1024;

/** A close-off's evidence: one image or PDF. */
export const evidenceFile = (t: Translate) => ({
  accept: 'image/*,application/pdf',
  maxFiles: 1,
  maxBytes: MAX_UPLOAD_BYTES,
  accepts: isImageOrPdf,
  label: t('files.choose'),
  hint: t('checklist.closeOff.attachmentHint', { mb: UPLOAD_MB }),
});

/** A visit's photos: images, so many and so large each and together. */
export const visitPhotos = (t: Translate) => ({
  accept: 'image/*',
  multiple: true,
  maxFiles: MAX_PHOTOS_PER_VISIT,
  maxBytes: MAX_UPLOAD_BYTES,
  maxTotalBytes: MAX_PHOTO_BYTES_PER_VISIT,
  accepts: isImageFile,
  label: t('files.choosePhotos'),
  hint: t('visits.photosHint', { mb: UPLOAD_MB }),
});
