import type { z } from 'zod';
import type { SqliteDatabase } from '../database.js';

/** Settings are JSON values under a key, parsed with a schema on the way out. */
export function readSetting<S extends z.ZodType>(db: SqliteDatabase, key: string, schema: S): z.output<S> | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (!row) return null;
  const parsed = schema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : null;
}

export function writeSetting(db: SqliteDatabase, key: string, value: unknown): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}
