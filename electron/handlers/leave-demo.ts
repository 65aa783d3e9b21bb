import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { SqliteDatabase } from '../store/database.js';
import { SYNC_SETTING } from '../sync/keys.js';
import { SETTING } from './app.js';
import type { ServiceContext } from './context.js';
import { outboxDir } from '../files/file-handles.js';
import { TIME_ZONE_SETTING } from '../store/time-zone.js';

/**
 * What leaving the demo carries from the demo store into the fresh one, and what it clears behind it.
 *
 * Carried (settings of the desk and of the person, not demo data): the pinned bureau key with the record of
 * the keys it replaced (the officer pinned it once, maybe after checking its fingerprint by phone: pinning it
 * again would be a needless chance to pin a wrong one), the officer's own key pair (its fingerprint may already have been given to the bureau), the
 * language and the district's time zone. Nothing else: no officer, no project, no record, no export history.
 */
export const CARRIED_SETTINGS: readonly string[] = [
  SYNC_SETTING.bureauKey,
  SYNC_SETTING.bureauKeyHistory, // the keys it replaced go with it
  SYNC_SETTING.officerKey,
  SETTING.language,
  TIME_ZONE_SETTING,
];

export type CarriedSettings = { key: string; value: string }[];

/** The carried settings as stored (JSON text), read from the demo store before it is set aside. */
export function readCarriedSettings(db: SqliteDatabase): CarriedSettings {
  const read = db.prepare('SELECT key, value FROM settings WHERE key = ?');
  return CARRIED_SETTINGS.map((key) => read.get(key) as { key: string; value: string } | undefined).filter((row) => row !== undefined);
}

/** Writes them into the fresh store, in one transaction. */
export function writeCarriedSettings(db: SqliteDatabase, carried: CarriedSettings): void {
  const write = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  db.transaction(() => {
    for (const { key, value } of carried) write.run(key, value);
  })();
}

/**
 * The packets the demo wrote into the default outbox (an older version let the demo export): listed from the
 * demo's own export history, each removed only when the file there is still the very file the demo wrote
 * (same SHA-256). They hold invented data and must not be sent, nor sit beside the first real packet (which
 * then got a `-2` name). A file elsewhere, or changed since, is left alone.
 */
export function demoPacketsInOutbox(ctx: ServiceContext): string[] {
  const outbox = resolve(outboxDir(ctx));
  const rows = ctx.db.prepare('SELECT file_path AS filePath, file_sha256 AS sha256 FROM packet_exports').all() as { filePath: string; sha256: string }[];
  return rows.map((row) => resolve(row.filePath)).filter((path, i) => dirname(path) === outbox && sameFile(path, rows[i]!.sha256));
}

function sameFile(path: string, sha256: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    return createHash('sha256').update(readFileSync(path)).digest('hex') === sha256;
  } catch {
    return false;
  }
}

export function removeDemoPackets(paths: readonly string[]): void {
  for (const path of paths) rmSync(path, { force: true });
}
