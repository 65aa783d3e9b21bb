import sharp from 'sharp';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Attachment } from '@shared/domain/index.js';
import type { VisitView } from '@shared/operations/index.js';
import { photoDay, readPhotoExif } from '@shared/rules/photo-exif.js';
import { changesAfter } from '../../electron/store/repositories/change-log.js';
import { getAttachment } from '../../electron/store/repositories/visits.js';
import { useTempStore } from '../helpers/per-test.js';
import { perform } from '../helpers/operations.js';

/**
 * Phone photos keep their time and place (issue 13 point 9): real JPEGs with EXIF written by sharp, read by
 * the shared reader (the same code the visit form runs in the browser) and through visits.log, which
 * downscales the photo (dropping its EXIF) after reading it.
 */

const PROJECT = '00000000-0000-4000-8000-00000000000a';

const PHONE_EXIF = {
  IFD0: { Make: 'Phone', Model: 'P1', DateTime: '2026:11:22 08:00:00' },
  IFD2: { DateTimeOriginal: '2026:11:21 23:30:05', OffsetTimeOriginal: '+08:00' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '34/1 51/1 3036/100', GPSLongitudeRef: 'E', GPSLongitude: '117/1 33/1 4500/100' },
};

/** A photo of a gradient (compresses like a photo), `width`×`height`, with the EXIF given. */
async function phonePhoto(width: number, height: number, exif?: Record<string, Record<string, string>>): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 31) % 253;
  const image = sharp(raw, { raw: { width, height, channels: 3 } });
  return (exif ? image.withExif(exif) : image).jpeg({ quality: 85 }).toBuffer();
}

describe('readPhotoExif', () => {
  it('reads the time with its offset and the GPS position of a phone JPEG', async () => {
    expect(readPhotoExif(await phonePhoto(64, 48, PHONE_EXIF))).toEqual({ takenAt: '2026-11-21T23:30:05+08:00', latitude: 34.858433, longitude: 117.5625 });
  });

  it('south and west are negative; a time without offset is the camera clock as written', async () => {
    const exif = {
      IFD0: { Make: 'Phone' },
      IFD2: { DateTimeOriginal: '2026:03:01 07:05:00' },
      IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '33/1 52/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '70/1 40/1 0/1' },
    };
    const read = readPhotoExif(await phonePhoto(32, 32, exif));
    expect(read).toEqual({ takenAt: '2026-03-01T07:05:00', latitude: -33.866667, longitude: -70.666667 });
  });

  it('says nothing for a photo without EXIF, a PNG, a 0/0 position, or bytes that are not a JPEG', async () => {
    expect(readPhotoExif(await phonePhoto(32, 32))).toEqual({ takenAt: null, latitude: null, longitude: null });
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    expect(readPhotoExif(png).takenAt).toBeNull();
    const noFix = await phonePhoto(32, 32, {
      IFD0: { Make: 'P' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '0/1 0/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '0/1 0/1 0/1' },
    });
    expect(readPhotoExif(noFix)).toMatchObject({ latitude: null, longitude: null });
    expect(readPhotoExif(new Uint8Array([1, 2, 3]))).toEqual({ takenAt: null, latitude: null, longitude: null });
  });

  it('a damaged or hostile EXIF block gives nulls, never an exception', async () => {
    const good = await phonePhoto(64, 48, PHONE_EXIF);
    // Every truncation and every single-byte change in the EXIF segment is read without throwing.
    const app1 = good.indexOf(Buffer.from('Exif\0\0', 'latin1'));
    const length = good.readUInt16BE(app1 - 2);
    for (let cut = app1; cut < app1 + length; cut += 7) expect(() => readPhotoExif(good.subarray(0, cut))).not.toThrow();
    for (let at = app1 + 6; at < app1 + length; at++) {
      const bad = Buffer.from(good);
      bad[at] = 0xff;
      const read = readPhotoExif(bad);
      if (read.latitude !== null) expect(Math.abs(read.latitude)).toBeLessThanOrEqual(90);
      if (read.takenAt !== null) expect(read.takenAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
    }
  });

  it('the day is counted on the district calendar when the camera wrote its offset', () => {
    expect(photoDay('2026-11-21T23:30:05+08:00', 'Asia/Shanghai')).toBe('2026-11-21');
    expect(photoDay('2026-11-21T23:30:05+08:00', 'Europe/Berlin')).toBe('2026-11-21');
    expect(photoDay('2026-11-21T23:30:05-05:00', 'Asia/Shanghai')).toBe('2026-11-22');
    expect(photoDay('2026-11-21T23:30:05', 'Asia/Shanghai')).toBe('2026-11-21');
  });
});

describe('visits.log keeps a photo’s time and place', () => {
  const store = useTempStore({ demo: true });

  /** Logs a site visit on the project with these photos; the visit as the service returns it. */
  const logWith = (photos: { fileName: string; mimeType: string; dataBase64: string }[]) =>
    perform<VisitView>(store.ctx, 'visits.log', { projectId: PROJECT, visitedOn: '2026-11-21', kind: 'site_visit', summary: '现场查看', photos });
  const log = (photos: Buffer[]) => logWith(photos.map((d, i) => ({ fileName: `IMG_${i}.JPG`, mimeType: 'image/jpeg', dataBase64: d.toString('base64') })));

  it('reads them from the original before downscaling drops the EXIF, and stores and sends them with the attachment', async () => {
    const big = await phonePhoto(3000, 2000, PHONE_EXIF);
    const plain = await phonePhoto(64, 48);
    const visit = await log([big, plain]);
    const [withPlace, without] = visit.photos;
    expect(withPlace).toMatchObject({ width: 2000, height: 1333, takenAt: '2026-11-21T23:30:05+08:00', latitude: 34.858433, longitude: 117.5625 });
    // The stored, downscaled file has no EXIF of its own: the place lives on the record only.
    const stored = readFileSync(join(store.ctx.attachmentsDir, withPlace!.fileName));
    expect(readPhotoExif(stored)).toEqual({ takenAt: null, latitude: null, longitude: null });
    // A photo without EXIF has no such fields at all (not null), as before.
    expect(without).not.toHaveProperty('takenAt');
    expect(without).not.toHaveProperty('latitude');
    // Read back from the store, and as the change the weekly packet carries (valid against the packet's schema).
    expect(getAttachment(store.ctx.db, withPlace!.id)).toMatchObject({ latitude: 34.858433, longitude: 117.5625, takenAt: '2026-11-21T23:30:05+08:00' });
    const change = changesAfter(store.ctx.db, 0).find((c) => c.recordId === withPlace!.id)!;
    const payload = Attachment.parse(typeof change.payload === 'string' ? JSON.parse(change.payload) : change.payload);
    expect(payload).toMatchObject({ latitude: 34.858433, longitude: 117.5625, takenAt: '2026-11-21T23:30:05+08:00' });
  });

  it('a WebP photo (not a JPEG) keeps its time and place too, read from the EXIF block sharp hands out', async () => {
    const raw = Buffer.alloc(64 * 48 * 3, 90);
    const webp = await sharp(raw, { raw: { width: 64, height: 48, channels: 3 } })
      .withExif(PHONE_EXIF)
      .webp()
      .toBuffer();
    expect(readPhotoExif(webp).latitude).toBeNull(); // not a JPEG: the form cannot propose, the service still reads it
    const visit = await logWith([{ fileName: 'a.webp', mimeType: 'image/webp', dataBase64: webp.toString('base64') }]);
    expect(visit.photos[0]).toMatchObject({ takenAt: '2026-11-21T23:30:05+08:00', latitude: 34.858433, longitude: 117.5625 });
  });

  it('the database refuses a place out of range (the CHECK of migration 7)', () => {
    expect(() =>
      store.ctx.db
        .prepare(
          `INSERT INTO attachments (id, owner_kind, owner_id, file_name, mime_type, sha256, bytes, width, height, recorded_at, latitude, longitude)
           VALUES ('00000000-0000-4000-8000-0000000000f1', 'visit', '00000000-0000-4000-8000-0000000000f2', 'x.jpg', 'image/jpeg', ?, 1, 1, 1, '2026-11-21T00:00:00.000Z', 91, 0)`,
        )
        .run('0'.repeat(64)),
    ).toThrow(/CHECK/);
  });
});
