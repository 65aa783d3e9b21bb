import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors.js';
import { openDatabase, schemaVersion } from '../../electron/store/database.js';
import { checkMigrationOrder, migrate } from '../../electron/store/migrate.js';
import { MIGRATIONS, type Migration } from '../../electron/store/migrations/index.js';
import { dumpDatabase, makeTempDir, type TempDir } from '../helpers/temp-store.js';

let dir: TempDir;
let db: Database.Database;
beforeEach(() => {
  dir = makeTempDir();
  db = new Database(dir.file('fake.db'));
  db.pragma('journal_mode = WAL');
});
afterEach(() => {
  if (db.open) db.close();
  dir.remove();
});

const tables = (d: Database.Database): string[] =>
  (d.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);

const m = (version: number, up: Migration['up'], name = `fake ${version}`): Migration => ({ version, name, up });

describe('checkMigrationOrder', () => {
  it('accepts 1, 2, 3 and the real list', () => {
    expect(() => checkMigrationOrder([m(1, ''), m(2, ''), m(3, '')])).not.toThrow();
    expect(() => checkMigrationOrder([])).not.toThrow();
    expect(() => checkMigrationOrder(MIGRATIONS)).not.toThrow();
  });

  it('refuses a gap', () => {
    expect(() => checkMigrationOrder([m(1, ''), m(3, '')])).toThrow(/version 3, expected 2/);
  });

  it('refuses a duplicate', () => {
    expect(() => checkMigrationOrder([m(1, ''), m(2, ''), m(2, '', 'again')])).toThrow(/"again" has version 2, expected 3/);
  });

  it('refuses a list that does not start at 1, or is out of order', () => {
    expect(() => checkMigrationOrder([m(0, '')])).toThrow();
    expect(() => checkMigrationOrder([m(2, ''), m(1, '')])).toThrow();
  });

  it('migrate checks the order before touching the database', () => {
    expect(() => migrate(db, [m(1, 'CREATE TABLE a (x)'), m(3, 'CREATE TABLE c (x)')])).toThrow(/expected 2/);
    expect(tables(db)).toEqual([]);
    expect(schemaVersion(db)).toBe(0);
  });
});

describe('migrate', () => {
  const fake = [m(1, 'CREATE TABLE a (x INTEGER PRIMARY KEY)'), m(2, 'CREATE TABLE b (y INTEGER PRIMARY KEY)'), m(3, (d) => d.exec('CREATE TABLE c (z)'))];

  it('runs every migration in order and records the version', () => {
    expect(migrate(db, fake)).toBe(3);
    expect(schemaVersion(db)).toBe(3);
    expect(tables(db)).toEqual(['a', 'b', 'c']);
  });

  it('stops at a target version, and continues from there later', () => {
    expect(migrate(db, fake, 1)).toBe(1);
    expect(tables(db)).toEqual(['a']);
    expect(migrate(db, fake)).toBe(3);
    expect(tables(db)).toEqual(['a', 'b', 'c']);
  });

  it('is a no-op on an up-to-date database', () => {
    migrate(db, fake);
    db.prepare('INSERT INTO a (x) VALUES (1)').run();
    const before = dumpDatabase(db);
    expect(migrate(db, fake)).toBe(3);
    expect(dumpDatabase(db)).toBe(before);
  });

  it('refuses a database newer than the list with database_newer', () => {
    db.pragma('user_version = 4');
    let error: unknown;
    try {
      migrate(db, fake);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('database_newer');
    expect(tables(db)).toEqual([]);
  });

  it('a failing SQL migration rolls back wholly: no partial tables, user_version unchanged', () => {
    const failing = [
      fake[0]!,
      m(2, `CREATE TABLE b (y); INSERT INTO b VALUES (1); CREATE TABLE b2 (w); INSERT INTO a (x) VALUES (7); INSERT INTO no_such_table VALUES (1);`),
      m(3, 'CREATE TABLE c (z)'),
    ];
    migrate(db, failing, 1);
    const before = dumpDatabase(db);
    expect(() => migrate(db, failing)).toThrow(/no_such_table/);
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['a']);
    expect(dumpDatabase(db)).toBe(before);
  });

  it('a failing function migration rolls back wholly, including data it changed', () => {
    migrate(db, fake, 1);
    db.prepare('INSERT INTO a (x) VALUES (1)').run();
    const before = dumpDatabase(db);
    const failing = [
      fake[0]!,
      m(2, (d) => {
        d.exec('CREATE TABLE b (y)');
        d.exec('UPDATE a SET x = 2');
        throw new Error('migration 2 broke');
      }),
    ];
    expect(() => migrate(db, failing)).toThrow('migration 2 broke');
    expect(schemaVersion(db)).toBe(1);
    expect(dumpDatabase(db)).toBe(before);
  });

  it('a failure in a later migration keeps the earlier ones that succeeded', () => {
    const failing = [fake[0]!, fake[1]!, m(3, 'CREATE TABLE c (z); SELECT * FROM nowhere;')];
    expect(() => migrate(db, failing)).toThrow();
    expect(schemaVersion(db)).toBe(2);
    expect(tables(db)).toEqual(['a', 'b']);
  });

  it('a failed migration leaves the file openable, and a fixed list then completes it', () => {
    const broken = [fake[0]!, m(2, 'CREATE TABLE b (y); SELECT * FROM nowhere;')];
    expect(() => migrate(db, broken)).toThrow();
    db.close();
    db = new Database(dir.file('fake.db'));
    expect(schemaVersion(db)).toBe(1);
    expect(migrate(db, fake)).toBe(3);
  });
});

describe('the real migration list', () => {
  it('openDatabase runs it to the latest version', () => {
    db.close();
    const real = openDatabase(dir.file('real.db'));
    try {
      expect(schemaVersion(real)).toBe(MIGRATIONS.length);
      // The tables of 001; later migrations add their own.
      expect(tables(real)).toEqual(
        expect.arrayContaining([
          'attachments',
          'change_log',
          'checklist_events',
          'checklist_items',
          'investment_entries',
          'milestone_reports',
          'milestones',
          'problem_events',
          'problems',
          'projects',
          'settings',
          'visits',
        ]),
      );
    } finally {
      real.close();
    }
  });

  it('every migration has a unique, non-empty name', () => {
    const names = MIGRATIONS.map((x) => x.name);
    expect(names.every((n) => n.trim().length > 0)).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });
});
