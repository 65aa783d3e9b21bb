import { z } from 'zod';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '@shared/rules/local-time.js';
import type { SqliteDatabase } from './database.js';
import { readSetting, writeSetting } from './repositories/settings.js';

/**
 * The district's time zone for this officer store (settings key `timeZone`, an IANA name). Every "today", week
 * and month the officer app computes uses it, never the computer's zone, so a laptop set to UTC files the
 * same days as one set to Beijing time. A store that never set one (or holds a name this runtime does not know)
 * uses Asia/Shanghai.
 */
export const TIME_ZONE_SETTING = 'timeZone';

export function storeTimeZone(db: SqliteDatabase): string {
  const stored = readSetting(db, TIME_ZONE_SETTING, z.string());
  return stored !== null && isValidTimeZone(stored) ? stored : DEFAULT_TIME_ZONE;
}

/** Stores a zone already validated by the operation's schema (shared/operations/settings.ts). */
export function writeStoreTimeZone(db: SqliteDatabase, zone: string): void {
  writeSetting(db, TIME_ZONE_SETTING, zone);
}
