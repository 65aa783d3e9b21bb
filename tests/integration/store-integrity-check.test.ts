import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors.js';
import { openOfficerStore } from '../../electron/app/open-store.js';
import { createRegistry } from '../../electron/handlers/index.js';
import type { ServiceContext } from '../../electron/handlers/context.js';
import { INTEGRITY_SETTING, IntegrityRecord, integrityCheckDue, startIntegrityCheck } from '../../electron/jobs/integrity-schedule.js';
import { openDatabase } from '../../electron/store/database.js';
import { readSetting } from '../../electron/store/repositories/settings.js';
import { useTempDir } from '../helpers/per-test.js';

/**
 * The store's full integrity check no longer runs on the way to the first screen (issue 11): it runs in a
 * worker thread after start and records its result and time in the store's settings, which app.info shows.
 * These tests run the real worker on real files.
 */
const dir = useTempDir();

const NOW = new Date('2026-11-24T10:00:00Z');

/** A store with enough rows to span many pages, written without WAL so the file holds every page. */
function storeWithPages(path: string): void {
  const ctx = openOfficerStore({ databasePath: path, now: () => NOW });
  const insert = ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  ctx.db.transaction(() => {
    for (let i = 0; i < 3000; i++) insert.run(`bulk-${i}`, JSON.stringify('项目'.repeat(60)));
  })();
  ctx.db.pragma('journal_mode = DELETE');
  ctx.db.close();
}

async function infoOf(ctx: ServiceContext) {
  const result = await createRegistry().dispatch('app.info', {}, ctx);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as { integrity: IntegrityRecord | null };
}

describe('background integrity check', () => {
  it('runs in a worker after start and records its result and time in the settings', async () => {
    const path = dir.file('store.db');
    storeWithPages(path);
    const ctx = openOfficerStore({ databasePath: path, now: () => NOW });
    try {
      expect(readSetting(ctx.db, INTEGRITY_SETTING, IntegrityRecord)).toBeNull();
      expect((await infoOf(ctx)).integrity).toBeNull();
      const record = await startIntegrityCheck(ctx).done;
      expect(record).toEqual({ checkedAt: NOW.toISOString(), ok: true, findings: [] });
      expect(readSetting(ctx.db, INTEGRITY_SETTING, IntegrityRecord)).toEqual(record);
      expect((await infoOf(ctx)).integrity).toEqual(record);
    } finally {
      ctx.db.close();
    }
  });

  it('runs again only when a day has passed since a passing check', async () => {
    const path = dir.file('store.db');
    let now = NOW;
    const ctx = openOfficerStore({ databasePath: path, now: () => now });
    try {
      await startIntegrityCheck(ctx).done;
      expect(integrityCheckDue(ctx)).toBe(false);
      expect(await startIntegrityCheck(ctx).done).toBeNull(); // not due: no worker started
      now = new Date(NOW.getTime() + 25 * 3600 * 1000);
      expect(integrityCheckDue(ctx)).toBe(true);
      expect((await startIntegrityCheck(ctx).done)?.checkedAt).toBe(now.toISOString());
    } finally {
      ctx.db.close();
    }
  });

  it('reports a copy with bytes flipped in a page as a failed check, which app.info carries', async () => {
    const good = dir.file('good.db');
    storeWithPages(good);
    const copy = dir.file('damaged.db');
    copyFileSync(good, copy);
    const bytes = readFileSync(copy);
    const pageSize = bytes.readUInt16BE(16);
    const pages = bytes.length / pageSize;
    expect(pages).toBeGreaterThan(20);
    // Flip every byte of one page in the middle of the file (a b-tree page of the settings table).
    const at = Math.floor(pages / 2) * pageSize;
    for (let i = at; i < at + pageSize; i++) bytes[i] = bytes[i]! ^ 0xff;
    writeFileSync(copy, bytes);

    // Opening does not read that page, so the store opens (fast); the check in the background finds it.
    const ctx = openOfficerStore({ databasePath: copy, now: () => NOW });
    try {
      const record = await startIntegrityCheck(ctx).done;
      expect(record?.ok).toBe(false);
      expect(record?.findings.length).toBeGreaterThan(0);
      expect((await infoOf(ctx)).integrity).toMatchObject({ ok: false, checkedAt: NOW.toISOString() });
      // A failed check stays due: it runs again at every start until the store passes (after a restore).
      expect(integrityCheckDue(ctx)).toBe(true);
    } finally {
      ctx.db.close();
    }
    // The undamaged original passes.
    const original = openOfficerStore({ databasePath: good, now: () => NOW });
    try {
      expect((await startIntegrityCheck(original).done)?.ok).toBe(true);
    } finally {
      original.db.close();
    }
  });

  it('the open path still refuses a store whose header is not SQLite, and leaves the file as it was', async () => {
    const path = dir.file('store.db');
    storeWithPages(path);
    const bytes = readFileSync(path);
    bytes.write('Not SQLite at al', 0, 'latin1');
    writeFileSync(path, bytes);
    let error: unknown;
    try {
      openDatabase(path).close();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('database_corrupt');
    // The app's open path: whole pages without SQLite's header look like a protected store, so it waits
    // for a passphrase and reads nothing (any passphrase then fails as "wrong or damaged").
    const ctx = openOfficerStore({ databasePath: path, now: () => NOW });
    expect(ctx.locked).toBe(true);
    expect(await startIntegrityCheck(ctx).done).toBeNull(); // locked: nothing to check until unlocked
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });
});
