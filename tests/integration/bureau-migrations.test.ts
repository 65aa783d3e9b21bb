import { describe, expect, it } from 'vitest';
import { BUREAU_APPLICATION_ID, openBureauDatabase } from '../../electron/bureau/database.js';
import { BUREAU_MIGRATIONS } from '../../electron/bureau/migrations/index.js';
import { Database } from '../../electron/store/driver.js';
import type { SqliteDatabase } from '../../electron/store/database.js';
import { migrate } from '../../electron/store/migrate.js';
import { getBureauProject, listBureauProjects, upsertBureauProject } from '../../electron/bureau/repository.js';
import { useTempDir } from '../helpers/per-test.js';

/**
 * Each bureau migration, tested from the version before: a database is brought to version N − 1 with the
 * runner, filled the way the desk at N − 1 wrote it (plain SQL), closed, then opened normally (which runs N
 * and everything after) and checked. A new migration adds an entry to CASES.
 */
interface MigrationCase {
  version: number;
  seed(db: SqliteDatabase): void;
  check(db: SqliteDatabase): void;
}

const LI = '00000000-0000-4000-8000-000000000001';
const ZHANG = '00000000-0000-4000-8000-000000000002';
const FP_LI = 'AAAA '.repeat(16).trim();
const FP_ZHANG = 'BBBB '.repeat(16).trim();

const CASES: MigrationCase[] = [
  {
    version: 2,
    // A version-1 desk in use: one officer's key from a file, another's trusted on first use, a packet from each.
    seed: (db) => {
      db.exec(`
        INSERT INTO officers (id, name, unit, phone, public_key_pem, key_fingerprint, key_source, key_registered_at, created_at)
        VALUES ('${LI}', '李明', '区经济发展局', '', 'PEM-LI', '${FP_LI}', 'file', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z'),
               ('${ZHANG}', '张伟', '区住建局', '', 'PEM-ZHANG', '${FP_ZHANG}', 'first_packet', '2026-11-02T00:00:00.000Z', '2026-11-01T00:00:00.000Z');
        INSERT INTO received_packets (packet_id, officer_id, sequence, sha256, file_name, created_at, received_at, counts)
        VALUES ('p-li-1', '${LI}', 1, 'x', 'a.zip', '2026-11-03T00:00:00.000Z', '2026-11-03T00:00:00.000Z', '{}'),
               ('p-zhang-1', '${ZHANG}', 1, 'y', 'b.zip', '2026-11-03T00:00:00.000Z', '2026-11-03T00:00:00.000Z', '{}');
      `);
    },
    check: (db) => {
      // Each packet is attributed to the key in force; nothing voided; the file key counts as confirmed, the
      // first-use key does not (officers list shows it as unconfirmed until someone confirms it).
      expect(db.prepare('SELECT packet_id, key_fingerprint, voided_at FROM received_packets ORDER BY packet_id').all()).toEqual([
        { packet_id: 'p-li-1', key_fingerprint: FP_LI, voided_at: null },
        { packet_id: 'p-zhang-1', key_fingerprint: FP_ZHANG, voided_at: null },
      ]);
      expect(db.prepare('SELECT id, key_source, key_confirmed FROM officers ORDER BY id').all()).toEqual([
        { id: LI, key_source: 'file', key_confirmed: 'file' },
        { id: ZHANG, key_source: 'first_packet', key_confirmed: null },
      ]);
      for (const table of ['pending_packets', 'key_decisions', 'voided_records']) {
        expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
      }
      // The new check: a key can only be confirmed by a file or a read-back.
      expect(() => db.prepare("UPDATE officers SET key_confirmed = 'packet' WHERE id = ?").run(LI)).toThrow(/CHECK/);
    },
  },
  {
    version: 4,
    // A version-3 desk with an imported project: no completed investment to date existed then.
    seed: (db) => {
      db.exec(`
        INSERT INTO officers (id, name, unit, created_at) VALUES ('${LI}', '李明', '区经济发展局', '2026-11-01T00:00:00.000Z');
        INSERT INTO projects (id, code, name, level, stage, sponsoring_leader, sponsoring_unit, officer_id, plan_year, annual_planned_investment, master_row)
        VALUES ('00000000-0000-4000-8000-0000000000p1', 'GX-2026-001', '欣旺达动力电池二期项目', 'provincial', 'construction', '王立新', '区经济发展局', '${LI}', 2026, 120000, 2);
      `);
    },
    check: (db) => {
      const id = '00000000-0000-4000-8000-0000000000p1';
      const [project] = listBureauProjects(db);
      expect(project).toMatchObject({ id, code: 'GX-2026-001', annualPlannedInvestment: 120000, masterRow: 2, bureauCompleted: null });
      // The figure round-trips once a list gives one; the columns refuse a malformed month or a negative amount.
      upsertBureauProject(db, { ...project!, bureauCompleted: { throughMonth: '2026-11', amount: 98000.5 } });
      expect(getBureauProject(db, id)!.bureauCompleted).toEqual({ throughMonth: '2026-11', amount: 98000.5 });
      expect(() => db.prepare("UPDATE projects SET bureau_completed_month = 'Nov' WHERE id = ?").run(id)).toThrow(/CHECK/);
      expect(() => db.prepare('UPDATE projects SET bureau_completed_amount = -5 WHERE id = ?').run(id)).toThrow(/CHECK/);
    },
  },
];

const dir = useTempDir('sponsor-desk-bureau-migrations-');

describe('bureau migrations, each from the version before', () => {
  it('the cases name real migrations, in order', () => {
    const versions = CASES.map((c) => c.version);
    expect(versions).toContain(2);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    for (const v of versions) expect(BUREAU_MIGRATIONS[v - 1]?.version).toBe(v);
  });

  for (const c of CASES) {
    it(`migration ${c.version}: ${BUREAU_MIGRATIONS[c.version - 1]?.name}`, () => {
      const path = dir.file(`v${c.version - 1}.sqlite`);
      const old = new Database(path);
      old.pragma(`application_id = ${BUREAU_APPLICATION_ID}`);
      migrate(old, BUREAU_MIGRATIONS, c.version - 1);
      expect(old.pragma('user_version', { simple: true })).toBe(c.version - 1);
      c.seed(old);
      old.close();
      const db = openBureauDatabase(path);
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(BUREAU_MIGRATIONS.length);
        c.check(db);
      } finally {
        db.close();
      }
    });
  }
});
