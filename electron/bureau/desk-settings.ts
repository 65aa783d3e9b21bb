import type { OperationOutput } from '@shared/operations/index.js';
import type { SqliteDatabase } from '../store/database.js';
import type { BureauContext } from './context.js';
import { DEFAULT_BUREAU_NAME, SETTING } from './context.js';
import { readBureauSetting } from './repository.js';
import { bureauTimeZone, setBureauTimeZone } from './time-zone.js';

/** `sponsor-desk bureau settings [--time-zone ZONE]`: the bureau's name and the district's IANA time zone. */
export type BureauSettings = OperationOutput<'bureau.settings.get'>;

export const bureauName = (db: SqliteDatabase): string => (readBureauSetting(db, SETTING.name) as string | null) ?? DEFAULT_BUREAU_NAME;

export function bureauSettings(ctx: BureauContext, change: { timeZone?: string }): BureauSettings {
  const before = bureauTimeZone(ctx.db);
  const timeZone = change.timeZone === undefined ? before : setBureauTimeZone(ctx.db, change.timeZone);
  return { bureauName: bureauName(ctx.db), timeZone, changed: timeZone !== before };
}
