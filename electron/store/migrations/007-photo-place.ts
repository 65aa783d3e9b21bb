import type { Migration } from './types.js';

/**
 * When and where a photo was taken (issue 13 point 9). A phone photo brought in as a file carries EXIF: its
 * time (DateTimeOriginal, with the camera's offset when written) and its GPS position. The service reads
 * them from the original bytes before the photo is downscaled (which drops the EXIF block) and keeps them on
 * the attachment: `taken_at` as the camera wrote it (`YYYY-MM-DDTHH:mm:ss[±HH:MM]`), `latitude` and
 * `longitude` in decimal degrees. All three NULL when the photo said nothing (every attachment before this
 * version). Attachments are append-only (version 3): the columns are set when the row is inserted, never later.
 */
export const migration007: Migration = {
  version: 7,
  name: 'photo time and place',
  up: `
    ALTER TABLE attachments ADD COLUMN taken_at TEXT CHECK (taken_at IS NULL OR taken_at GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]*');
    ALTER TABLE attachments ADD COLUMN latitude REAL CHECK (latitude IS NULL OR (latitude BETWEEN -90 AND 90));
    ALTER TABLE attachments ADD COLUMN longitude REAL CHECK (longitude IS NULL OR (longitude BETWEEN -180 AND 180));
  `,
};
