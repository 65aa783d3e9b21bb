import { Image } from 'antd';
import type { KeyboardEvent } from 'react';
import type { Attachment } from '@shared/domain';
import { thumbnailFileName } from '@shared/operations/visits';
import { transportKind } from '../api/client';
import { attachmentUrl } from '../api/transport';

/**
 * A stored photo as a thumbnail (the small file beside it, or the photo itself if the thumbnail is missing) that
 * opens the full photo in antd's preview on a click, or on Enter/Space when it has the keyboard focus. Inside an
 * Image.PreviewGroup the preview pages through the group's photos.
 */
export function PhotoThumb({
  photo,
  width,
  height,
  alt,
  testId,
  thumbnail = true,
}: {
  photo: Attachment;
  width: number;
  height: number;
  alt: string;
  testId: string;
  /** false where no small file is kept beside the photo (the bureau's received photos): the photo itself, no failed request first. */
  thumbnail?: boolean;
}) {
  const full = attachmentUrl(transportKind, photo.fileName);
  const open = (e: KeyboardEvent<HTMLSpanElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      e.currentTarget.querySelector('img')?.click();
    }
  };
  return (
    <span data-testid={testId} tabIndex={0} role="button" aria-label={alt} onKeyDown={open} style={{ display: 'inline-block', lineHeight: 0 }}>
      <Image
        width={width}
        height={height}
        style={{ objectFit: 'cover', borderRadius: 4 }}
        src={thumbnail ? attachmentUrl(transportKind, thumbnailFileName(photo)) : full}
        fallback={full}
        preview={{ src: full }}
        alt={alt}
      />
    </span>
  );
}
