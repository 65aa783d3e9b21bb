import { localDay } from './local-time.js';

/**
 * When and where a phone photo was taken, read from its EXIF block (JPEG APP1 "Exif"): DateTimeOriginal with
 * OffsetTimeOriginal when present, and the GPS latitude and longitude. Pure and bounded, so the same code runs
 * in the renderer (the visit form proposes the visit's day before anything is uploaded) and in the service
 * (which reads the original bytes before sharp downscales the photo and drops the EXIF block). Every offset is
 * checked against the data: a damaged or hostile block gives null fields, never an exception or a long loop.
 */

export interface PhotoExif {
  /** The camera's wall clock when the photo was taken, `YYYY-MM-DDTHH:mm:ss`, with `±HH:MM` when the camera wrote its offset. */
  takenAt: string | null;
  /** Decimal degrees, north positive, 6 places (about 0.1 m). */
  latitude: number | null;
  /** Decimal degrees, east positive, 6 places. */
  longitude: number | null;
}

const NONE: PhotoExif = { takenAt: null, latitude: null, longitude: null };
const MAX_ENTRIES = 512;

interface Tiff {
  view: DataView;
  little: boolean;
}

function u16(t: Tiff, at: number): number | null {
  return at >= 0 && at + 2 <= t.view.byteLength ? t.view.getUint16(at, t.little) : null;
}

function u32(t: Tiff, at: number): number | null {
  return at >= 0 && at + 4 <= t.view.byteLength ? t.view.getUint32(at, t.little) : null;
}

interface Entry {
  type: number;
  count: number;
  /** Where the value is: inline in the entry when it fits in 4 bytes, else at the offset it names. */
  at: number;
}

const TYPE_BYTES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8 };

/** The entries of the IFD at `offset`, by tag. */
function readIfd(t: Tiff, offset: number): Map<number, Entry> {
  const entries = new Map<number, Entry>();
  const count = u16(t, offset);
  if (count === null || count > MAX_ENTRIES) return entries;
  for (let i = 0; i < count; i++) {
    const base = offset + 2 + i * 12;
    const tag = u16(t, base);
    const type = u16(t, base + 2);
    const n = u32(t, base + 4);
    if (tag === null || type === null || n === null) break;
    const size = (TYPE_BYTES[type] ?? 0) * n;
    if (size === 0 || size > 1 << 16) continue;
    const at = size <= 4 ? base + 8 : (u32(t, base + 8) ?? -1);
    if (at < 0 || at + size > t.view.byteLength) continue;
    entries.set(tag, { type, count: n, at });
  }
  return entries;
}

function ascii(t: Tiff, e: Entry | undefined): string | null {
  if (!e || e.type !== 2) return null;
  let text = '';
  for (let i = 0; i < e.count; i++) {
    const c = t.view.getUint8(e.at + i);
    if (c === 0) break;
    text += String.fromCharCode(c);
  }
  return text.trim();
}

function rationals(t: Tiff, e: Entry | undefined, n: number): number[] | null {
  if (!e || (e.type !== 5 && e.type !== 10) || e.count < n) return null;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const num = t.view[e.type === 5 ? 'getUint32' : 'getInt32'](e.at + i * 8, t.little);
    const den = t.view[e.type === 5 ? 'getUint32' : 'getInt32'](e.at + i * 8 + 4, t.little);
    if (den === 0) return null;
    out.push(num / den);
  }
  return out;
}

function pointer(t: Tiff, e: Entry | undefined): number | null {
  if (!e || (e.type !== 4 && e.type !== 13) || e.count !== 1) return null;
  return u32(t, e.at);
}

const DATE_TIME = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;
const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/** `YYYY:MM:DD HH:MM:SS` (EXIF's form) as `YYYY-MM-DDTHH:mm:ss`, when it names a real moment. */
function exifDateTime(text: string | null, offset: string | null): string | null {
  const m = text ? DATE_TIME.exec(text) : null;
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const probe = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (y < 1990 || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  const o = offset ? OFFSET.exec(offset) : null;
  const zone = o && Number(o[2]) <= 14 && Number(o[3]) < 60 ? offset : '';
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`;
}

function coordinate(t: Tiff, gps: Map<number, Entry>, refTag: number, valueTag: number, limit: number, negative: string): number | null {
  const parts = rationals(t, gps.get(valueTag), 3);
  const ref = ascii(t, gps.get(refTag));
  if (!parts || !ref) return null;
  const [deg, min, sec] = parts as [number, number, number];
  const value = deg + min / 60 + sec / 3600;
  if (!Number.isFinite(value) || value > limit || deg < 0 || min < 0 || sec < 0) return null;
  return Math.round((ref.toUpperCase() === negative ? -value : value) * 1e6) / 1e6;
}

/** The TIFF block of a JPEG's EXIF segment (APP1 `Exif\0\0`), or null when there is none. */
function exifSegment(bytes: Uint8Array): DataView | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    if (marker === 0xda || marker === 0xd9) return null; // image data begins: no EXIF before it
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (length < 2 || at + 2 + length > bytes.length) return null;
    const start = at + 4;
    if (marker === 0xe1 && length >= 8 && String.fromCharCode(...bytes.subarray(start, start + 6)) === 'Exif\0\0') {
      return new DataView(bytes.buffer, bytes.byteOffset + start + 6, length - 8);
    }
    at += 2 + length;
  }
  return null;
}

/** What the photo's EXIF says about its time and place; all fields null when it says nothing (or is not a JPEG). */
export function readPhotoExif(bytes: Uint8Array): PhotoExif {
  const view = exifSegment(bytes);
  return view ? readTiff(view) : NONE;
}

/**
 * The same from a bare EXIF block (`Exif\0\0` and a TIFF structure, or the TIFF structure alone), as image
 * libraries hand it out for formats other than JPEG (sharp's `metadata().exif` of a HEIF, WebP or PNG photo).
 */
export function readExifBlock(block: Uint8Array): PhotoExif {
  const skip = block.length >= 6 && String.fromCharCode(...block.subarray(0, 6)) === 'Exif\0\0' ? 6 : 0;
  return readTiff(new DataView(block.buffer, block.byteOffset + skip, block.length - skip));
}

function readTiff(view: DataView): PhotoExif {
  if (view.byteLength < 8) return NONE;
  const order = view.getUint16(0, false);
  if (order !== 0x4949 && order !== 0x4d4d) return NONE;
  const t: Tiff = { view, little: order === 0x4949 };
  if (u16(t, 2) !== 42) return NONE;
  const ifd0 = readIfd(t, u32(t, 4) ?? -1);
  const exifAt = pointer(t, ifd0.get(0x8769));
  const exif = exifAt === null ? new Map<number, Entry>() : readIfd(t, exifAt);
  const takenAt =
    exifDateTime(ascii(t, exif.get(0x9003)), ascii(t, exif.get(0x9011))) ??
    exifDateTime(ascii(t, exif.get(0x9004)), ascii(t, exif.get(0x9012))) ??
    exifDateTime(ascii(t, ifd0.get(0x0132)), ascii(t, exif.get(0x9010)));
  const gpsAt = pointer(t, ifd0.get(0x8825));
  const gps = gpsAt === null ? new Map<number, Entry>() : readIfd(t, gpsAt);
  let latitude = coordinate(t, gps, 1, 2, 90, 'S');
  let longitude = coordinate(t, gps, 3, 4, 180, 'W');
  // A phone without a fix writes 0/0: no place rather than a point in the Gulf of Guinea.
  if (latitude === null || longitude === null || (latitude === 0 && longitude === 0)) latitude = longitude = null;
  return { takenAt, latitude, longitude };
}

/**
 * The day a photo was taken on the district's calendar: with the camera's offset, its moment in `zone`;
 * without one, the day the camera's clock showed (a phone in the district shows the district's day).
 */
export function photoDay(takenAt: string, zone: string): string {
  if (/[+-]\d{2}:\d{2}$/.test(takenAt)) {
    const moment = Date.parse(takenAt);
    if (!Number.isNaN(moment)) return localDay(moment, zone);
  }
  return takenAt.slice(0, 10);
}
