import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUREAU_APPLICATION_ID, BUREAU_DATABASE, openBureauDatabase } from '../../electron/bureau/database.js';
import { OFFICER_STORE, openDatabase } from '../../electron/store/database.js';
import { useTempDir } from '../helpers/per-test.js';
import { thrownAppError } from '../helpers/app-error.js';

/**
 * The one opener (electron/store/open-database.ts) as both desks see it: the same pragmas, and a file of the
 * other desk or of a newer app refused before anything is written to it.
 */
const dir = useTempDir();

const codeOf = (fn: () => unknown) => thrownAppError(fn).code;

describe('one opener for both databases', () => {
  it('both desks open with WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    for (const db of [openDatabase(dir.file('officer.db')), openBureauDatabase(dir.file('bureau.db'), { create: true })]) {
      try {
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(db.pragma('synchronous', { simple: true })).toBe(2);
        expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
        expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      } finally {
        db.close();
      }
    }
  });

  it('writes the bureau application id into a new bureau database only; the officer store has none', () => {
    expect(OFFICER_STORE.applicationId).toBeUndefined();
    expect(BUREAU_DATABASE.applicationId).toBe(BUREAU_APPLICATION_ID);
    const officer = openDatabase(dir.file('officer.db'));
    const bureau = openBureauDatabase(dir.file('bureau.db'), { create: true });
    try {
      expect(officer.pragma('application_id', { simple: true })).toBe(0);
      expect(bureau.pragma('application_id', { simple: true })).toBe(BUREAU_APPLICATION_ID);
    } finally {
      officer.close();
      bureau.close();
    }
  });

  it('an officer store given to the bureau is refused and left as it was', () => {
    const path = dir.file('officer.db');
    const db = openDatabase(path);
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = readFileSync(path);
    expect(codeOf(() => openBureauDatabase(path))).toBe('database_corrupt');
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('a bureau database of a newer schema is refused before it is switched to WAL', () => {
    const path = dir.file('bureau.db');
    const db = openBureauDatabase(path, { create: true });
    db.pragma('journal_mode = DELETE');
    db.pragma(`user_version = ${BUREAU_DATABASE.migrations.length + 1}`);
    db.close();
    const before = readFileSync(path);
    expect(codeOf(() => openBureauDatabase(path))).toBe('database_newer');
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });
});
