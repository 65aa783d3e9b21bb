import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OperationOutput } from '@shared/operations/index.js';
import { backupsDir, verifyBackupFile } from '../../electron/handlers/backups.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { upsertProject } from '../../electron/store/repositories/projects.js';
import { insertVisit } from '../../electron/store/repositories/visits.js';
import { MIGRATIONS } from '../../electron/store/migrations/index.js';
import { openDatabase } from '../../electron/store/database.js';
import { makeProject, makeVisit } from '../helpers/fixtures.js';
import { countRows, dumpDatabase, openTempStore, type TempStore } from '../helpers/temp-store.js';
import { perform } from '../helpers/operations.js';
import { useTempStore } from '../helpers/per-test.js';

const registry = createRegistry();

const ok = <N extends 'backup.create' | 'backup.list' | 'backup.restore'>(store: TempStore, name: N, input: object) =>
  perform<OperationOutput<N>>(store.ctx, name, input);

/** A clock that moves on a second per call, so each backup gets its own name. */
function tickingClock(start = new Date('2026-11-24T10:00:00')) {
  let t = start.getTime();
  return () => new Date((t += 1000));
}

describe('backup.create and backup.list', () => {
  let store: TempStore;
  beforeEach(() => {
    store = openTempStore({ demo: true, now: tickingClock() });
  });
  afterEach(() => store.close());

  it('writes a consistent copy named by the local time into backups/ beside the database, and lists it', async () => {
    expect(await ok(store, 'backup.list', {})).toEqual([]);
    const created = await ok(store, 'backup.create', {});
    expect(created.fileName).toMatch(/^sponsor-desk-20261124-1000\d\d\.sqlite$/);
    expect(created.kind).toBe('manual');
    expect(created.bytes).toBeGreaterThan(0);
    expect(new Date(created.createdAt).getTime()).toBe(new Date(`2026-11-24T10:00:${created.fileName.slice(-9, -7)}`).getTime());
    const path = join(backupsDir(store.ctx), created.fileName);
    expect(existsSync(path)).toBe(true);
    // No temporary or sidecar file is left behind.
    expect(readdirSync(backupsDir(store.ctx))).toEqual([created.fileName]);

    const copy = new Database(path, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(countRows(copy, 'projects')).toBe(countRows(store.ctx.db, 'projects'));
      expect(countRows(copy, 'visits')).toBe(countRows(store.ctx.db, 'visits'));
    } finally {
      copy.close();
    }

    const second = await ok(store, 'backup.create', {});
    const list = await ok(store, 'backup.list', {});
    expect(list.map((b) => b.fileName)).toEqual([second.fileName, created.fileName]);
  });

  it('two backups in the same second get different names', async () => {
    store.close();
    store = openTempStore({ demo: true, now: new Date('2026-11-24T10:00:00') });
    const a = await ok(store, 'backup.create', {});
    const b = await ok(store, 'backup.create', {});
    expect(a.fileName).toBe('sponsor-desk-20261124-100000.sqlite');
    expect(b.fileName).toBe('sponsor-desk-20261124-100000-2.sqlite');
  });

  it('lists only backup files', async () => {
    await ok(store, 'backup.create', {});
    writeFileSync(join(backupsDir(store.ctx), 'notes.txt'), 'hello');
    writeFileSync(join(backupsDir(store.ctx), '.sponsor-desk-x.partial'), 'half');
    expect((await ok(store, 'backup.list', {})).length).toBe(1);
  });
});

describe('backup.restore', () => {
  const store = useTempStore(() => ({ demo: true, now: tickingClock() }));

  it('brings back the backed-up store: a later write is gone, and the kept-aside copy still has it', async () => {
    const project = makeProject({ code: 'GX-RESTORE-1', name: '备份前的项目' });
    upsertProject(store.ctx.db, project);
    const backup = await ok(store, 'backup.create', {});
    const atBackup = dumpDatabase(store.ctx.db);

    const later = makeVisit(project.id, { summary: '备份之后记录的走访' });
    insertVisit(store.ctx.db, later);
    const oldDb = store.ctx.db;

    const result = await ok(store, 'backup.restore', { backupFileName: backup.fileName });
    expect(result.restored.fileName).toBe(backup.fileName);
    expect(result.keptAside.kind).toBe('before_restore');
    expect(result.keptAside.fileName).toMatch(/^sponsor-desk-before-restore-\d{8}-\d{6}\.sqlite$/);
    expect(result.schemaVersion).toBe(MIGRATIONS.length);

    // ctx.db was swapped in place: the old connection is closed and the new one serves every call.
    expect(oldDb.open).toBe(false);
    expect(store.ctx.db).not.toBe(oldDb);
    expect(countRows(store.ctx.db, 'visits', 'id = ?', later.id)).toBe(0);
    expect(countRows(store.ctx.db, 'change_log', 'record_id = ?', later.id)).toBe(0);
    expect(countRows(store.ctx.db, 'projects', 'id = ?', project.id)).toBe(1);
    expect(dumpDatabase(store.ctx.db)).toBe(atBackup);
    expect(store.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const list = await registry.dispatch('projects.list', {}, store.ctx);
    expect(list.ok).toBe(true);

    const kept = new Database(join(backupsDir(store.ctx), result.keptAside.fileName), { readonly: true });
    try {
      expect(countRows(kept, 'visits', 'id = ?', later.id)).toBe(1);
      expect(countRows(kept, 'change_log', 'record_id = ?', later.id)).toBe(1);
    } finally {
      kept.close();
    }
    // The store keeps working after the swap.
    insertVisit(store.ctx.db, makeVisit(project.id, { summary: '恢复之后记录的走访' }));
    expect(countRows(store.ctx.db, 'visits', "summary = '恢复之后记录的走访'")).toBe(1);
    const names = (await ok(store, 'backup.list', {})).map((b) => b.fileName);
    expect(names).toContain(result.keptAside.fileName);
    expect(names).toContain(backup.fileName);
  });

  it('migrates a backup written at an older schema version', async () => {
    if (MIGRATIONS.length < 2) return;
    await ok(store, 'backup.create', {}); // makes the folder
    // A backup made by an earlier app: a store stopped at the previous schema version.
    const olderPath = join(backupsDir(store.ctx), 'sponsor-desk-20200101-000000.sqlite');
    const older = openDatabase(olderPath, { targetVersion: MIGRATIONS.length - 1 });
    older.pragma('journal_mode = DELETE');
    older.close();
    const result = await ok(store, 'backup.restore', { backupFileName: 'sponsor-desk-20200101-000000.sqlite' });
    expect(result.schemaVersion).toBe(MIGRATIONS.length);
    expect(store.ctx.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
  });

  it('refuses a corrupt backup (random bytes) and leaves the store unchanged', async () => {
    const before = dumpDatabase(store.ctx.db);
    const name = 'sponsor-desk-20261101-090000.sqlite';
    mkdirSync(backupsDir(store.ctx), { recursive: true });
    writeFileSync(join(backupsDir(store.ctx), name), randomBytes(64 * 1024));
    const result = await registry.dispatch('backup.restore', { backupFileName: name }, store.ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('database_corrupt');
    expect(store.ctx.db.open).toBe(true);
    expect(dumpDatabase(store.ctx.db)).toBe(before);
    // Nothing was kept aside and no temporary copy is left beside the database.
    expect((await ok(store, 'backup.list', {})).map((b) => b.kind)).toEqual(['manual']);
    expect(readdirSync(join(backupsDir(store.ctx), '..')).filter((f) => f.startsWith('.restore-'))).toEqual([]);
  });

  it('refuses a SQLite file that is not a Sponsor Desk store, a truncated backup and one from a newer app', async () => {
    const dir = backupsDir(store.ctx);
    await ok(store, 'backup.create', {}); // makes the folder
    const before = dumpDatabase(store.ctx.db);

    const foreign = new Database(join(dir, 'sponsor-desk-20261102-090000.sqlite'));
    foreign.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
    foreign.pragma('user_version = 1');
    foreign.close();

    const newer = new Database(join(dir, 'sponsor-desk-20261103-090000.sqlite'));
    newer.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    newer.close();

    const good = await ok(store, 'backup.create', {});
    const bytes = readFileSync(join(dir, good.fileName));
    writeFileSync(join(dir, 'sponsor-desk-20261104-090000.sqlite'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    // Scramble the cell pointers of the visits table's root page: the file opens, the integrity check fails.
    const probe = new Database(join(dir, good.fileName), { readonly: true });
    const pageSize = probe.pragma('page_size', { simple: true }) as number;
    const { rootpage } = probe.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'visits'").get() as { rootpage: number };
    probe.close();
    const damaged = Buffer.from(bytes);
    const page = (rootpage - 1) * pageSize;
    for (let i = page + 8; i < page + 40; i++) damaged[i] = 0xff;
    writeFileSync(join(dir, 'sponsor-desk-20261105-090000.sqlite'), damaged);

    const expectations: [string, string][] = [
      ['sponsor-desk-20261102-090000.sqlite', 'database_corrupt'],
      ['sponsor-desk-20261103-090000.sqlite', 'database_newer'],
      ['sponsor-desk-20261104-090000.sqlite', 'database_corrupt'],
      ['sponsor-desk-20261105-090000.sqlite', 'database_corrupt'],
    ];
    for (const [name, code] of expectations) {
      const result = await registry.dispatch('backup.restore', { backupFileName: name }, store.ctx);
      expect(result.ok, name).toBe(false);
      if (!result.ok) expect(result.error.code, name).toBe(code);
      expect(dumpDatabase(store.ctx.db)).toBe(before);
    }
    expect((await ok(store, 'backup.list', {})).filter((b) => b.kind === 'before_restore')).toEqual([]);
  });

  it.each([
    ['a path', '../store.db'],
    ['a Windows path', '..\\store.db'],
    ['an absolute path', '/etc/passwd'],
    ['a name not in the folder', 'sponsor-desk-19990101-000000.sqlite'],
    ['a name that is not a backup', 'store.db'],
    ['an empty name', ''],
  ])('refuses %s and leaves the store unchanged', async (_what, backupFileName) => {
    await ok(store, 'backup.create', {});
    const before = dumpDatabase(store.ctx.db);
    const result = await registry.dispatch('backup.restore', { backupFileName }, store.ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(['invalid_input', 'not_found']).toContain(result.error.code);
    expect(dumpDatabase(store.ctx.db)).toBe(before);
  });

  it('verifyBackupFile accepts a fresh backup', async () => {
    const b = await ok(store, 'backup.create', {});
    expect(verifyBackupFile(join(backupsDir(store.ctx), b.fileName))).toBe(MIGRATIONS.length);
  });

  it('a second backup while one runs is refused as busy', async () => {
    const [a, b] = await Promise.all([registry.dispatch('backup.create', {}, store.ctx), registry.dispatch('backup.create', {}, store.ctx)]);
    expect(a.ok).toBe(true);
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.error.code).toBe('busy');
  });
});
