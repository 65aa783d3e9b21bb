import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBureauDatabase } from '../../electron/bureau/database.js';
import { openDatabase, type SqliteDatabase } from '../../electron/store/database.js';
import { ChangeEntity } from '@shared/packets/weekly.js';
import { FOLD_ORDER, parentLinks, RECORD_KINDS, RECORDS, tableColumns, type Desk } from '@shared/records/index.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';

/**
 * The record catalogue (shared/records) against the real schemas: a fresh officer store and a fresh bureau
 * database, each migrated to its latest version. A migration that adds, drops or renames a column of a
 * record's table without the catalogue (or the reverse) fails here.
 */

let dir: TempDir;
const dbs = {} as Record<Desk, SqliteDatabase>;

beforeAll(() => {
  dir = makeTempDir();
  dbs.officer = openDatabase(dir.file('officer.sqlite'));
  dbs.bureau = openBureauDatabase(dir.file('bureau.sqlite'), { create: true });
});
afterAll(() => {
  dbs.officer.close();
  dbs.bureau.close();
  dir.remove();
});

describe.each(['officer', 'bureau'] as const)('the %s database', (desk) => {
  it.each(RECORD_KINDS)('has the columns the catalogue gives %s, no more, no fewer', (kind) => {
    const actual = (dbs[desk].prepare(`PRAGMA table_info(${RECORDS[kind].table})`).all() as { name: string }[]).map((c) => c.name);
    expect([...actual].sort()).toEqual([...tableColumns(kind, desk)].sort());
  });

  it("has a foreign key for each of a record's single-kind parents", () => {
    for (const kind of RECORD_KINDS) {
      const keys = dbs[desk].prepare(`PRAGMA foreign_key_list(${RECORDS[kind].table})`).all() as { table: string; from: string }[];
      for (const link of parentLinks(kind).filter((l) => !l.kindField)) {
        expect(keys, `${kind}.${link.field}`).toContainEqual(expect.objectContaining({ table: RECORDS[link.parent].table }));
      }
    }
  });
});

describe('the catalogue', () => {
  it('lists the weekly packet kinds (the change log entity) in the order the packet schema always had', () => {
    expect(ChangeEntity.options).toEqual([
      'visit',
      'attachment',
      'checklist_item',
      'checklist_event',
      'milestone_report',
      'problem',
      'problem_event',
      'investment_entry',
    ]);
  });

  it('folds every parent before its children', () => {
    for (const kind of FOLD_ORDER) {
      for (const link of parentLinks(kind)) {
        if (FOLD_ORDER.includes(link.parent as (typeof FOLD_ORDER)[number])) {
          expect(FOLD_ORDER.indexOf(link.parent as (typeof FOLD_ORDER)[number]), `${link.parent} before ${kind}`).toBeLessThan(FOLD_ORDER.indexOf(kind));
        }
      }
    }
  });
});
