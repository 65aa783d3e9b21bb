import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openOfficerStore } from '../../electron/app/open-store.js';
import type { ServiceContext } from '../../electron/handlers/context.js';
import type { SqliteDatabase } from '../../electron/store/database.js';

/**
 * Shared helpers for tests that need real files: a temporary folder, an officer store in it, and a stable
 * text dump of a database for "unchanged" checks.
 */

export interface TempDir {
  path: string;
  /** A path inside the folder. */
  file(name: string): string;
  /** Makes a folder inside the folder (an outbox, a USB stick) and returns its path. */
  folder(name: string): string;
  /** Removes the folder and everything in it. */
  remove(): void;
}

export function makeTempDir(prefix = 'sponsor-desk-test-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    file: (name) => join(path, name),
    folder: (name) => {
      mkdirSync(join(path, name));
      return join(path, name);
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** The clock the demo-data tests stand at: late November 2026, local time. */
export const FIXED_NOW = new Date('2026-11-24T10:00:00');

export interface TempStore {
  dir: TempDir;
  ctx: ServiceContext;
  db: SqliteDatabase;
  /** Closes the database and removes the folder. Safe to call twice. */
  close(): void;
}

export function openTempStore(options: { demo?: boolean; now?: Date | (() => Date); fileName?: string } = {}): TempStore {
  const dir = makeTempDir();
  const now = options.now;
  const clock = typeof now === 'function' ? now : () => new Date((now ?? FIXED_NOW).getTime());
  let ctx: ServiceContext;
  try {
    ctx = openOfficerStore({ databasePath: dir.file(options.fileName ?? 'store.db'), seedDemoWhenEmpty: options.demo ?? false, now: clock });
  } catch (error) {
    dir.remove();
    throw error;
  }
  let closed = false;
  return {
    dir,
    ctx,
    db: ctx.db,
    close() {
      if (closed) return;
      closed = true;
      if (ctx.db.open) ctx.db.close();
      dir.remove();
    },
  };
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function stableValue(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return { blob: value.toString('hex') };
  if (typeof value === 'bigint') return { bigint: value.toString() };
  if (typeof value === 'number' && Object.is(value, -0)) return 0;
  return value;
}

/**
 * Every user table of the database (schema SQL, then its rows ordered by primary key, or rowid for a table
 * without one), plus user_version and sqlite_sequence, as one stable string. Two dumps are equal exactly
 * when the stored content is equal, so `expect(dumpDatabase(db)).toBe(before)` proves nothing was written.
 */
export function dumpDatabase(db: SqliteDatabase): string {
  const lines: string[] = [`user_version=${String(db.pragma('user_version', { simple: true }))}`];
  const objects = db
    .prepare(`SELECT type, name, tbl_name AS tableName, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex_%' ORDER BY type, name`)
    .all() as { type: string; name: string; tableName: string; sql: string | null }[];
  for (const o of objects) lines.push(`schema ${o.type} ${o.name} ${o.sql ?? ''}`.replace(/\s+/g, ' '));
  const tables = objects.filter((o) => o.type === 'table' && (!o.name.startsWith('sqlite_') || o.name === 'sqlite_sequence'));
  for (const { name } of tables) {
    const columns = db.prepare(`PRAGMA table_info(${quoteIdent(name)})`).all() as { name: string; pk: number }[];
    const pk = columns
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => quoteIdent(c.name));
    const withoutRowid = /WITHOUT\s+ROWID/i.test(objects.find((o) => o.name === name)?.sql ?? '');
    const orderBy = pk.length > 0 ? pk.join(', ') : name === 'sqlite_sequence' ? 'name' : withoutRowid ? '1' : 'rowid';
    const rows = db.prepare(`SELECT * FROM ${quoteIdent(name)} ORDER BY ${orderBy}`).all() as Record<string, unknown>[];
    lines.push(`table ${name} (${rows.length} rows)`);
    for (const row of rows) {
      lines.push(JSON.stringify(columns.map((c) => [c.name, stableValue(row[c.name])])));
    }
  }
  return lines.join('\n');
}

/** Row count of one table, for short assertions. */
export function countRows(db: SqliteDatabase, table: string, where = '1', ...params: unknown[]): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${quoteIdent(table)} WHERE ${where}`).get(...params) as { n: number }).n;
}

/** A setting as the store holds it (its JSON parsed), or null when it was never written. */
export function storedSetting(db: SqliteDatabase, key: string): unknown {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as unknown) : null;
}
