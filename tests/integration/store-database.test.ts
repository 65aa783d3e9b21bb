import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../electron/store/database.js';
import { MIGRATIONS } from '../../electron/store/migrations/index.js';
import { useTempDir } from '../helpers/per-test.js';
import { thrownAppError } from '../helpers/app-error.js';

const dir = useTempDir();

const errorOf = thrownAppError;

describe('openDatabase', () => {
  it('creates the file with WAL, synchronous=FULL and foreign keys on', () => {
    const path = dir.file('store.db');
    const db = openDatabase(path);
    try {
      expect(existsSync(path)).toBe(true);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    } finally {
      db.close();
    }
  });

  it('sets the pragmas again on every open (they are per connection)', () => {
    const path = dir.file('store.db');
    openDatabase(path).close();
    const db = openDatabase(path);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });

  it('enforces foreign keys', () => {
    const db = openDatabase(dir.file('store.db'));
    try {
      expect(() =>
        db
          .prepare(
            `INSERT INTO visits (id, project_id, visited_on, kind, summary, recorded_at, recorded_by) VALUES ('v', 'missing', '2026-11-24', 'call', 's', 't', 'b')`,
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      db.close();
    }
  });

  it('a file of random bytes is database_corrupt, and is left as it was', () => {
    const path = dir.file('photo.db');
    const bytes = randomBytes(64 * 1024);
    writeFileSync(path, bytes);
    const error = errorOf(() => openDatabase(path));
    expect(error.code).toBe('database_corrupt');
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('a text file is database_corrupt', () => {
    const path = dir.file('notes.db');
    writeFileSync(path, '项目台账\n'.repeat(500));
    expect(errorOf(() => openDatabase(path)).code).toBe('database_corrupt');
  });

  // Damage past the first page is the background integrity check's to find (store-integrity-check.test.ts).
  it('a database whose first page was overwritten (after the header) is database_corrupt', () => {
    const path = dir.file('damaged.db');
    const db = openDatabase(path);
    db.pragma('journal_mode = DELETE');
    const insert = db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?)`);
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`k${i}`, JSON.stringify('x'.repeat(200)));
    })();
    db.close();
    const file = readFileSync(path);
    expect(file.length).toBeGreaterThan(8 * 4096);
    // Keep the 100-byte header so SQLite recognises the file, scribble over the rest of page 1 (the schema).
    randomBytes(file.readUInt16BE(16) - 100).copy(file, 100);
    writeFileSync(path, file);
    expect(errorOf(() => openDatabase(path)).code).toBe('database_corrupt');
  });

  it('a database of a newer schema is refused with database_newer, and the file is not changed', () => {
    const path = dir.file('newer.db');
    const db = openDatabase(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    const before = readFileSync(path);
    const error = errorOf(() => openDatabase(path));
    expect(error.code).toBe('database_newer');
    expect(error.params).toMatchObject({ found: MIGRATIONS.length + 1, supported: MIGRATIONS.length });
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
    // Read-only opening (backup, export) refuses it too rather than misreading it.
    expect(errorOf(() => openDatabase(path, { readonly: true })).code).toBe('database_newer');
  });

  it('a newer database in rollback-journal mode is not switched to WAL before it is refused', () => {
    const path = dir.file('newer-rollback.db');
    const raw = new Database(path);
    raw.exec('CREATE TABLE future (x)');
    raw.pragma('user_version = 99');
    raw.close();
    const before = readFileSync(path);
    expect(errorOf(() => openDatabase(path)).code).toBe('database_newer');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('readonly opening requires the file to exist and does not migrate', () => {
    expect(() => openDatabase(dir.file('missing.db'), { readonly: true })).toThrow();
    const path = dir.file('old.db');
    openDatabase(path, { targetVersion: 0 }).close();
    const db = openDatabase(path, { readonly: true });
    try {
      expect(schemaVersion(db)).toBe(0);
    } finally {
      db.close();
    }
  });
});
