import { EnvironmentOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { photoDay, readPhotoExif, type PhotoExif } from '@shared/rules/photo-exif';
import type { Translate } from '../i18n';
import { useT } from '../store';
import type { PickedFile } from './FilePicker';

/**
 * A photo's time and place from its EXIF, in the visit form (before upload) and on a logged visit. Shown as
 * coordinates in text: no map, so nothing is fetched from any server.
 */

/** The EXIF block sits at the start of a JPEG (one APP1 segment of at most 64 KB): the first 256 KB hold it. */
const EXIF_WINDOW = 256 * 1024;

export function coordinatesText(t: Translate, latitude: number, longitude: number): string {
  const v = (n: number) => Math.abs(n).toFixed(6);
  return t('photoPlace.coordinates', {
    lat: t(latitude >= 0 ? 'photoPlace.north' : 'photoPlace.south', { v: v(latitude) }),
    lng: t(longitude >= 0 ? 'photoPlace.east' : 'photoPlace.west', { v: v(longitude) }),
  });
}

/** `2026-11-21T23:30:05+08:00` as `2026-11-21 23:30` (the camera's clock, as the officer saw it). */
export function takenText(takenAt: string): string {
  return `${takenAt.slice(0, 10)} ${takenAt.slice(11, 16)}`;
}

/** A stored photo's coordinates under its thumbnail; nothing when it had none. */
export function PhotoPlaceLine({ latitude, longitude }: { latitude?: number; longitude?: number }) {
  const t = useT();
  if (latitude === undefined || longitude === undefined) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 120, lineHeight: 1.4 }} data-testid="visit-photo-place">
      <EnvironmentOutlined /> {coordinatesText(t, latitude, longitude)}
    </Typography.Text>
  );
}

export interface PickedExif {
  key: string;
  name: string;
  exif: PhotoExif;
}

/** The EXIF of each picked photo, read in the browser from the file's first bytes (nothing is uploaded). */
export function usePickedExif(photos: PickedFile[] | undefined): PickedExif[] {
  const [read, setRead] = useState<PickedExif[]>([]);
  useEffect(() => {
    let current = true;
    void Promise.all(
      (photos ?? []).map(async (p) => {
        try {
          return { key: p.key, name: p.file.name, exif: readPhotoExif(new Uint8Array(await p.file.slice(0, EXIF_WINDOW).arrayBuffer())) };
        } catch {
          return { key: p.key, name: p.file.name, exif: { takenAt: null, latitude: null, longitude: null } };
        }
      }),
    ).then((all) => current && setRead(all));
    return () => {
      current = false;
    };
  }, [photos]);
  return read;
}

/** The earliest day among the photos' times, on the district's calendar; null when no photo has a time. */
export function proposedDay(read: PickedExif[], zone: string): string | null {
  const days = read.flatMap((r) => (r.exif.takenAt ? [photoDay(r.exif.takenAt, zone)] : [])).sort();
  return days[0] ?? null;
}

/** Under the photo picker: each photo's time and place, and whether the date came from them. */
export function PickedPhotoPlaces(props: {
  read: PickedExif[];
  day: string | null;
  visitedOn: string | null;
  proposed: boolean;
  today: string;
  onUseDate(day: string): void;
}) {
  const t = useT();
  const { read, day, visitedOn } = props;
  const lines = read.filter((r) => r.exif.takenAt || r.exif.latitude !== null);
  if (lines.length === 0) return null;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 2, marginTop: 4 }} data-testid="visit-photo-exif">
      {lines.map((r) => {
        const details = [
          r.exif.takenAt ? t('photoPlace.taken', { when: takenText(r.exif.takenAt) }) : null,
          r.exif.latitude !== null && r.exif.longitude !== null
            ? t('photoPlace.place', { coordinates: coordinatesText(t, r.exif.latitude, r.exif.longitude) })
            : null,
        ].filter(Boolean);
        return (
          <Typography.Text key={r.key} type="secondary" style={{ fontSize: 12 }} data-testid="visit-photo-exif-line">
            <EnvironmentOutlined /> {t('photoPlace.photo', { file: r.name, details: details.join(t('photoPlace.separator')) })}
          </Typography.Text>
        );
      })}
      {day && day > props.today ? (
        <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="visit-date-photo-future">
          {t('photoPlace.future', { day })}
        </Typography.Text>
      ) : day && day === visitedOn && props.proposed ? (
        <Typography.Text type="success" style={{ fontSize: 12 }} data-testid="visit-date-from-photo">
          {t('photoPlace.dateProposed', { day })}
        </Typography.Text>
      ) : day && day !== visitedOn ? (
        <Typography.Text style={{ fontSize: 12 }} data-testid="visit-date-photo-differs">
          {t('photoPlace.dateDiffers', { day })}{' '}
          <Button size="small" type="link" onClick={() => props.onUseDate(day)} data-testid="visit-date-use-photo">
            {t('photoPlace.useDate')}
          </Button>
        </Typography.Text>
      ) : null}
    </div>
  );
}
