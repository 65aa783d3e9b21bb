import { localDateTime, zoneOffsetMs } from '@shared/rules/local-time.js';

/**
 * `localDateTime` for a ledger's hundreds of thousands of moments (issue 11: 50,000 problems with their
 * histories and 50,000 visits). Asking Intl for every moment took most of the district ledger's time, so the
 * zone's offset is looked up once per UTC day: when the offset is the same at the day's first and last
 * millisecond (every day but the one or two a year with a clock change), a moment's local time is its UTC
 * time shifted by it; otherwise, and outside the years 0–9999, `localDateTime` answers. Same results,
 * checked against `localDateTime` in tests/integration/xlsx-stream.test.ts.
 */

const DAY = 86_400_000;
const cache = new Map<string, Map<number, number | null>>();

function steadyOffset(t: number, zone: string): number | null {
  let days = cache.get(zone);
  if (!days) {
    days = new Map();
    cache.set(zone, days);
  }
  const day = Math.floor(t / DAY);
  let offset = days.get(day);
  if (offset === undefined) {
    const first = zoneOffsetMs(day * DAY, zone);
    offset = first === zoneOffsetMs(day * DAY + DAY - 1, zone) ? first : null;
    if (days.size > 20_000) days.clear();
    days.set(day, offset);
  }
  return offset;
}

/** `YYYY-MM-DD HH:mm` in `zone`, as `localDateTime` gives it. */
export function ledgerDateTime(moment: string, zone: string): string {
  const t = Date.parse(moment);
  if (!Number.isNaN(t)) {
    const offset = steadyOffset(t, zone);
    if (offset !== null) {
      const iso = new Date(t + offset).toISOString();
      if (/^\d{4}-/.test(iso)) return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
    }
  }
  return localDateTime(moment, zone);
}

/** `YYYY-MM-DD` in `zone`, as `localDay` gives it. */
export function ledgerDay(moment: string, zone: string): string {
  const text = ledgerDateTime(moment, zone);
  return text.slice(0, text.indexOf(' '));
}
