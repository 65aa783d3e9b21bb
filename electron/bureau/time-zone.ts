import { AppError } from '@shared/errors.js';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '@shared/rules/local-time.js';
import type { SqliteDatabase } from '../store/database.js';
import { readBureauSetting, writeBureauSetting } from './repository.js';

/**
 * The district's time zone at the bureau desk (settings key `time_zone`, an IANA name; default Asia/Shanghai).
 * The reference day of the summary and the ledger, "today" for overdue problems, the day a problem is raised
 * and every time the CLI prints follow it, never the zone of the machine the desk runs on.
 */
export const TIME_ZONE_SETTING = 'time_zone';

export function bureauTimeZone(db: SqliteDatabase): string {
  const stored = readBureauSetting(db, TIME_ZONE_SETTING);
  return typeof stored === 'string' && isValidTimeZone(stored) ? stored : DEFAULT_TIME_ZONE;
}

/** Sets the zone; a name this runtime does not know is refused and nothing is written. */
export function setBureauTimeZone(db: SqliteDatabase, zone: string): string {
  const name = zone.trim();
  if (!isValidTimeZone(name)) {
    throw new AppError('invalid_input', `--time-zone must be an IANA time zone such as Asia/Shanghai or Europe/Berlin, not "${zone}"`, {
      what: 'time-zone',
      reason: 'time_zone',
      value: zone,
    });
  }
  writeBureauSetting(db, TIME_ZONE_SETTING, name);
  return name;
}
