import { describe, expect, it } from 'vitest';
import { BUREAU_APPLICATION_ID, openBureauDatabase } from '../../electron/bureau/database.js';
import { BUREAU_MIGRATIONS } from '../../electron/bureau/migrations/index.js';
import { Database } from '../../electron/store/driver.js';
import { migrate } from '../../electron/store/migrate.js';
import { useTempDir } from '../helpers/per-test.js';

/**
 * Bureau migration 003 (assignment projects, conflict kinds), from a version-2 desk in use: two officers, a
 * project handed from one to the other by a second master list, assignments written before and after, a
 * withdrawn project, and a content conflict. The migration rebuilds what each old assignment listed from the
 * master-list history, as the desk wrote it at the time.
 */

const LI = '00000000-0000-4000-8000-000000000001';
const ZHANG = '00000000-0000-4000-8000-000000000002';
const P1 = '00000000-0000-4000-8000-0000000000a1';
const P2 = '00000000-0000-4000-8000-0000000000a2';

function seed(db: Database.Database): void {
  const project = (id: string, code: string, officer: string, archivedAt: string | null) =>
    `('${id}', '${code}', '项目${code}', 'provincial', 'construction', '王立新', '区经济发展局', '${officer}', 2026, 1000, ${archivedAt ? `'${archivedAt}'` : 'NULL'})`;
  const revision = (projectId: string, importId: string, change: string, values: object, at: string) =>
    `('${projectId}', '${importId}', '${change}', '{}', '${JSON.stringify(values)}', '${at}')`;
  db.exec(`
    INSERT INTO officers (id, name, unit, created_at) VALUES ('${LI}', '李明', '区经济发展局', '2026-01-01T00:00:00.000Z'),
      ('${ZHANG}', '张伟', '区住建局', '2026-01-01T00:00:00.000Z');
    INSERT INTO master_imports (id, file_name, sha256, imported_at, rows, added, updated, unchanged, withdrawn, restored)
    VALUES ('i1', 'a.xlsx', 'x', '2026-01-05T00:00:00.000Z', 2, 2, 0, 0, 0, 0), ('i2', 'b.xlsx', 'y', '2026-03-09T00:00:00.000Z', 1, 0, 1, 0, 1, 0);
    INSERT INTO projects (id, code, name, level, stage, sponsoring_leader, sponsoring_unit, officer_id, plan_year, annual_planned_investment, archived_at)
    VALUES ${project(P1, 'GX-1', ZHANG, null)}, ${project(P2, 'GX-2', LI, '2026-03-09T00:00:00.000Z')};
    INSERT INTO project_revisions (project_id, import_id, change, old_values, new_values, changed_at) VALUES
      ${revision(P1, 'i1', 'added', { officerId: LI, archivedAt: null }, '2026-01-05T00:00:00.000Z')},
      ${revision(P2, 'i1', 'added', { officerId: LI, archivedAt: null }, '2026-01-05T00:00:00.000Z')},
      ${revision(P1, 'i2', 'updated', { officerId: ZHANG }, '2026-03-09T00:00:00.000Z')},
      ${revision(P2, 'i2', 'withdrawn', { archivedAt: '2026-03-09T00:00:00.000Z' }, '2026-03-09T00:00:00.000Z')};
    INSERT INTO assignments (officer_id, sequence, packet_id, created_at, file_name, sha256, acknowledged_sequence, projects) VALUES
      ('${LI}', 1, 'a-li-1', '2026-01-05T00:00:00.000Z', 'a1.zip', 'x', 0, 2),
      ('${LI}', 2, 'a-li-2', '2026-03-09T00:00:00.000Z', 'a2.zip', 'x', 0, 0),
      ('${ZHANG}', 1, 'a-zhang-1', '2026-03-09T00:00:00.000Z', 'z1.zip', 'x', 0, 1);
    INSERT INTO conflicts (entity, record_id, officer_id, packet_id, existing, incoming, detected_at)
    VALUES ('visit', 'v1', '${LI}', 'p1', '{"id":"v1"}', '{"id":"v1","summary":"x"}', '2026-02-01T00:00:00.000Z');
  `);
}

const dir = useTempDir('sponsor-desk-bureau-migration-003-');

describe('bureau migration 003 from version 2', () => {
  it('rebuilds what each earlier assignment handed over and marks the earlier conflicts as content conflicts', () => {
    expect(BUREAU_MIGRATIONS[2]?.version).toBe(3);
    const path = dir.file('v2.sqlite');
    const old = new Database(path);
    old.pragma(`application_id = ${BUREAU_APPLICATION_ID}`);
    migrate(old, BUREAU_MIGRATIONS, 2);
    seed(old);
    old.close();

    const db = openBureauDatabase(path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(BUREAU_MIGRATIONS.length);
      // 李明's first file listed both projects; his second (after the hand-over and withdrawal) none; 张伟's P1.
      expect(db.prepare('SELECT officer_id AS o, sequence AS s, project_id AS p FROM assignment_projects ORDER BY o, s, p').all()).toEqual([
        { o: LI, s: 1, p: P1 },
        { o: LI, s: 1, p: P2 },
        { o: ZHANG, s: 1, p: P1 },
      ]);
      expect(db.prepare('SELECT record_id, kind FROM conflicts').all()).toEqual([{ record_id: 'v1', kind: 'content' }]);
      expect(() => db.prepare("UPDATE conflicts SET kind = 'other'").run()).toThrow(/CHECK/);
      // A row for an assignment that does not exist is refused.
      expect(() => db.prepare('INSERT INTO assignment_projects (officer_id, sequence, project_id) VALUES (?, 9, ?)').run(LI, P1)).toThrow(/FOREIGN KEY/);
    } finally {
      db.close();
    }
  });
});
