import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion, type SqliteDatabase } from '../../electron/store/database.js';
import { MIGRATIONS } from '../../electron/store/migrations/index.js';
import { changesAfter } from '../../electron/store/repositories/change-log.js';
import { listProblemEvents } from '../../electron/store/repositories/problems.js';
import { upsertProject } from '../../electron/store/repositories/projects.js';
import { getAttachment, insertVisit } from '../../electron/store/repositories/visits.js';
import { listProjectSummaries } from '../../electron/handlers/project-views.js';
import { FIXED_NOW } from '../helpers/temp-store.js';
import { migration009Case } from '../helpers/migration-009-case.js';
import { useTempDir } from '../helpers/per-test.js';

/**
 * "Each migration has a test seeded at the version before." For migration N a database is created at
 * version N−1 with `openDatabase(path, { targetVersion: N − 1 })`, filled with rows the way the app at
 * N−1 wrote them (plain SQL: the repositories follow the latest schema), closed, then opened normally
 * (which runs N and everything after it) and checked.
 *
 * Adding migration 002 means adding one entry to CASES: `seed` writes version-1 rows, `check` asserts
 * what 002 did to them. The first test fails until the entry exists.
 */
interface MigrationCase {
  version: number;
  /** Writes rows into a database at version − 1. */
  seed(db: SqliteDatabase): void;
  /** Runs against the database after it was opened (and so migrated to the latest version). */
  check(db: SqliteDatabase): void;
}

const CASES: MigrationCase[] = [
  {
    version: 1,
    // Version 0 is an empty file: nothing to seed.
    seed: () => {},
    check: (db) => {
      const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map(
        (r) => r.name,
      );
      expect(tables).toEqual(
        expect.arrayContaining([
          'settings',
          'projects',
          'milestones',
          'milestone_reports',
          'checklist_items',
          'checklist_events',
          'visits',
          'attachments',
          'problems',
          'problem_events',
          'investment_entries',
          'change_log',
        ]),
      );
      // The outbox refuses a second row for the same record.
      const index = db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'change_log_record'`).get() as { sql: string };
      expect(index.sql).toMatch(/UNIQUE/);
    },
  },
  {
    version: 2,
    // A version-1 store in use: a project, a visit with its outbox row, settings.
    seed: (db) => {
      db.exec(`
        INSERT INTO settings (key, value) VALUES ('language', '"en"');
        INSERT INTO projects (id, code, name, company, level, industry, stage, sponsoring_leader, sponsoring_unit, officer_id,
          plan_year, annual_planned_investment, total_investment, location, archived_at)
        VALUES ('00000000-0000-4000-8000-000000000a01', 'GX-2026-001', '欣旺达动力电池二期项目', '欣旺达动力科技（枣庄）有限公司',
          'provincial', '锂电新能源', 'construction', '王立新', '区经济发展局', '00000000-0000-4000-8000-000000000001',
          2026, 120000, 500000, '复元三路以东', NULL);
        INSERT INTO visits (id, project_id, visited_on, kind, participants, summary, findings, follow_ups, recorded_at, recorded_by)
        VALUES ('00000000-0000-4000-8000-000000000a02', '00000000-0000-4000-8000-000000000a01', '2026-11-20', 'site_visit',
          '李明', '现场查看施工进度', '', '', '2026-11-20T10:00:00.000Z', '李明');
        INSERT INTO change_log (entity, record_id, recorded_at, payload)
        VALUES ('visit', '00000000-0000-4000-8000-000000000a02', '2026-11-20T10:00:00.000Z', '{"id":"00000000-0000-4000-8000-000000000a02"}');
      `);
      v1Dump = dumpTables(db, V1_TABLES);
    },
    check: (db) => {
      // The version-1 rows are untouched, the sync tables exist and are empty, the outbox keeps counting.
      expect(dumpTables(db, V1_TABLES, LATER_PROJECT_COLUMNS)).toBe(v1Dump);
      for (const table of ['assignment_imports', 'packet_exports', 'sync_conflicts']) {
        expect((db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n).toBe(0);
      }
      const { seq } = db.prepare(`INSERT INTO change_log (entity, record_id, recorded_at, payload) VALUES ('visit', 'x', 't', '{}') RETURNING seq`).get() as {
        seq: number;
      };
      expect(seq).toBe(2);
      // (The probe row stays: from version 3 on the outbox refuses DELETE, see the next case.)
    },
  },
  {
    version: 3,
    // A version-2 store in use: a project, an officer visit, an officer problem and a bureau one, their outbox rows.
    seed: (db) => {
      db.exec(`
        INSERT INTO projects (id, code, name, company, level, industry, stage, sponsoring_leader, sponsoring_unit, officer_id,
          plan_year, annual_planned_investment, total_investment, location, archived_at)
        VALUES ('00000000-0000-4000-8000-000000000b01', 'GX-2026-002', '鲁南高端装备产业园', '枣庄装备有限公司',
          'district', '装备制造', 'construction', '王立新', '区经济发展局', '00000000-0000-4000-8000-000000000001',
          2026, 50000, NULL, '', NULL);
        INSERT INTO visits (id, project_id, visited_on, kind, participants, summary, findings, follow_ups, recorded_at, recorded_by)
        VALUES ('00000000-0000-4000-8000-000000000b02', '00000000-0000-4000-8000-000000000b01', '2026-11-20', 'call',
          '', '电话了解用地进展', '', '', '2026-11-20T10:00:00.000Z', '李明');
        INSERT INTO problems (id, project_id, category, description, responsible_department, coordinating_leader, due_on, origin,
          raised_on, raised_by, recorded_at)
        VALUES ('00000000-0000-4000-8000-000000000b03', '00000000-0000-4000-8000-000000000b01', 'land', '用地指标不足', '', '', NULL,
          'officer', '2026-11-20', '李明', '2026-11-20T10:00:00.000Z'),
          ('00000000-0000-4000-8000-000000000b04', '00000000-0000-4000-8000-000000000b01', 'capital', '融资未落实', '', '', NULL,
          'bureau', '2026-11-19', '重点项目办', '2026-11-19T10:00:00.000Z');
        INSERT INTO change_log (entity, record_id, recorded_at, payload)
        VALUES ('visit', '00000000-0000-4000-8000-000000000b02', '2026-11-20T10:00:00.000Z', '{}');
      `);
      v2Dump = dumpTables(db, ['visits', 'problems', 'change_log']);
    },
    check: (db) => {
      // The rows are as they were; from now on the database refuses to change or delete officer rows.
      expect(dumpTables(db, ['visits', 'problems', 'change_log'])).toBe(v2Dump);
      expect(() => db.prepare(`UPDATE visits SET summary = '改' WHERE id = '00000000-0000-4000-8000-000000000b02'`).run()).toThrow(/append_only/);
      expect(() => db.prepare(`DELETE FROM change_log`).run()).toThrow(/append_only/);
      expect(() => db.prepare(`DELETE FROM problems WHERE id = '00000000-0000-4000-8000-000000000b03'`).run()).toThrow(/append_only/);
      // A bureau-owned problem row stays the bureau's to correct.
      db.prepare(`UPDATE problems SET due_on = '2026-12-31' WHERE id = '00000000-0000-4000-8000-000000000b04'`).run();
      expect(dumpTables(db, ['visits', 'change_log'])).toBe(
        v2Dump
          .split('\n')
          .filter((l) => !l.startsWith('problems:'))
          .join('\n'),
      );
    },
  },
  {
    version: 4,
    // A version-3 store: a project with a milestone the officer reported on.
    seed: (db) => {
      db.exec(`
        INSERT INTO projects (id, code, name, company, level, industry, stage, sponsoring_leader, sponsoring_unit, officer_id,
          plan_year, annual_planned_investment, total_investment, location, archived_at)
        VALUES ('00000000-0000-4000-8000-000000000c01', 'GX-2026-003', '鲁南新材料基地', '', 'district', '', 'construction', '王立新',
          '区经济发展局', '00000000-0000-4000-8000-000000000001', 2026, 30000, NULL, '', NULL);
        INSERT INTO milestones (id, project_id, kind, title, planned_on, sort_order)
        VALUES ('00000000-0000-4000-8000-000000000c02', '00000000-0000-4000-8000-000000000c01', 'other', '设备安装完成', '2026-09-30', 0);
        INSERT INTO milestone_reports (id, milestone_id, reached_on, note, recorded_at, recorded_by)
        VALUES ('00000000-0000-4000-8000-000000000c03', '00000000-0000-4000-8000-000000000c02', '2026-10-08', '', '2026-10-08T10:00:00.000Z', '李明');
      `);
      v3Dump = dumpTables(db, ['milestones', 'milestone_reports']);
    },
    check: (db) => {
      // Every milestone is in force (withdrawn_at empty); the reports are as they were.
      expect(db.prepare('SELECT withdrawn_at FROM milestones').pluck().all()).toEqual([null]);
      expect(dumpTables(db, ['milestone_reports'])).toBe(v3Dump.split('\n').find((l) => l.startsWith('milestone_reports:')));
      db.prepare(`UPDATE milestones SET withdrawn_at = '2026-11-20T10:00:00.000Z'`).run();
    },
  },
  {
    version: 5,
    // A version-4 store with a project the officer entered monthly figures for (as every store before the bureau's figure).
    seed: (db) => {
      db.exec(`
        INSERT INTO projects (id, code, name, company, level, industry, stage, sponsoring_leader, sponsoring_unit, officer_id,
          plan_year, annual_planned_investment, total_investment, location, archived_at)
        VALUES ('00000000-0000-4000-8000-000000000d01', 'GX-2026-004', '鲁南储能基地', '', 'district', '', 'construction', '王立新',
          '区经济发展局', '00000000-0000-4000-8000-000000000001', 2026, 12000, NULL, '', NULL);
        INSERT INTO investment_entries (id, project_id, month, amount, recorded_at, recorded_by)
        VALUES ('00000000-0000-4000-8000-000000000d02', '00000000-0000-4000-8000-000000000d01', '2026-10', 1100, '2026-11-02T10:00:00.000Z', '李明');
      `);
      v4Dump = dumpTables(db, ['projects', 'investment_entries']);
    },
    check: (db) => {
      // The rows are as they were, with no bureau figure; progress is the officer's own figures, as before.
      expect(dumpTables(db, ['projects', 'investment_entries'], LATER_PROJECT_COLUMNS)).toBe(v4Dump);
      expect(
        db.prepare(`SELECT bureau_completed_month, bureau_completed_amount FROM projects WHERE id = '00000000-0000-4000-8000-000000000d01'`).get(),
      ).toEqual({ bureau_completed_month: null, bureau_completed_amount: null });
      const summary = listProjectSummaries(db, FIXED_NOW, false).find((p) => p.code === 'GX-2026-004')!;
      expect(summary.bureauCompleted).toBeNull();
      expect(summary.progress.bureauThroughMonth).toBeNull();
      // The new columns refuse a malformed month and a negative amount.
      expect(() => db.prepare(`UPDATE projects SET bureau_completed_month = '2026-13x' WHERE code = 'GX-2026-004'`).run()).toThrow(/CHECK/);
      expect(() => db.prepare(`UPDATE projects SET bureau_completed_amount = -1 WHERE code = 'GX-2026-004'`).run()).toThrow(/CHECK/);
    },
  },
  {
    version: 6,
    // A version-5 store with a problem step typed when it happened (its only time, `at`).
    seed: (db) => {
      db.exec(`
        INSERT INTO projects (id, code, name, company, level, industry, stage, sponsoring_leader, sponsoring_unit, officer_id,
          plan_year, annual_planned_investment, total_investment, location, archived_at)
        VALUES ('00000000-0000-4000-8000-000000000e01', 'GX-2026-006', '鲁南光伏园', '', 'district', '', 'construction', '王立新',
          '区经济发展局', '00000000-0000-4000-8000-000000000001', 2026, 5000, NULL, '', NULL);
        INSERT INTO problems (id, project_id, category, description, responsible_department, coordinating_leader, due_on, origin, raised_on, raised_by, recorded_at)
        VALUES ('00000000-0000-4000-8000-000000000e02', '00000000-0000-4000-8000-000000000e01', 'land', '用地指标未落实', '自然资源局', '王立新', NULL,
          'officer', '2026-11-02', '李明', '2026-11-02T02:00:00.000Z');
        INSERT INTO problem_events (id, problem_id, action, at, by, origin, note, department, resolution)
        VALUES ('00000000-0000-4000-8000-000000000e03', '00000000-0000-4000-8000-000000000e02', 'dispatch', '2026-11-03T02:00:00.000Z', '李明', 'officer', '',
          '自然资源局', NULL);
      `);
      v5Dump = dumpTables(db, ['problem_events']);
    },
    check: (db) => {
      // The old step is as it was, with no entry time (it reads as entered when it happened).
      expect(dumpTables(db, ['problem_events'], ['recorded_at'])).toBe(v5Dump);
      expect(db.prepare('SELECT recorded_at FROM problem_events').pluck().all()).toEqual([null]);
      const [event] = listProblemEvents(db, ['00000000-0000-4000-8000-000000000e02']);
      expect(event).toMatchObject({ at: '2026-11-03T02:00:00.000Z' });
      expect(event).not.toHaveProperty('recordedAt');
    },
  },
  {
    version: 7,
    // A version-6 store with a visit photo (no time or place: no version before kept them).
    seed: (db) => {
      db.exec(`
        INSERT INTO projects (id, code, name, company, level, industry, stage, sponsoring_leader, sponsoring_unit, officer_id,
          plan_year, annual_planned_investment, total_investment, location, archived_at)
        VALUES ('00000000-0000-4000-8000-000000000f01', 'GX-2026-007', '鲁南物流园', '', 'district', '', 'construction', '王立新',
          '区经济发展局', '00000000-0000-4000-8000-000000000001', 2026, 5000, NULL, '', NULL);
        INSERT INTO visits (id, project_id, visited_on, kind, participants, summary, findings, follow_ups, recorded_at, recorded_by)
        VALUES ('00000000-0000-4000-8000-000000000f02', '00000000-0000-4000-8000-000000000f01', '2026-11-20', 'site_visit', '', '现场查看', '', '',
          '2026-11-20T02:00:00.000Z', '李明');
        INSERT INTO attachments (id, owner_kind, owner_id, file_name, mime_type, sha256, bytes, width, height, recorded_at)
        VALUES ('00000000-0000-4000-8000-000000000f03', 'visit', '00000000-0000-4000-8000-000000000f02', '00000000-0000-4000-8000-000000000f03.jpg',
          'image/jpeg', '${'a'.repeat(64)}', 1234, 2000, 1500, '2026-11-20T02:00:00.000Z');
      `);
      v6Dump = dumpTables(db, ['attachments']);
    },
    check: (db) => {
      // The old photo is as it was, with no time or place; read back it has no such fields at all.
      expect(dumpTables(db, ['attachments'], ['taken_at', 'latitude', 'longitude'])).toBe(v6Dump);
      expect(db.prepare('SELECT taken_at, latitude, longitude FROM attachments').get()).toEqual({ taken_at: null, latitude: null, longitude: null });
      const photo = getAttachment(db, '00000000-0000-4000-8000-000000000f03')!;
      expect(photo).not.toHaveProperty('latitude');
      expect(photo).not.toHaveProperty('takenAt');
      // Attachments stay append-only: the new columns cannot be set afterwards.
      expect(() => db.prepare('UPDATE attachments SET latitude = 34.8').run()).toThrow();
    },
  },
  {
    version: 8,
    // A version-7 store with two problems: one taken round the whole loop to closed, one just raised.
    seed: (db) => {
      db.exec(`
        INSERT INTO projects (id, code, name, company, level, industry, stage, sponsoring_leader, sponsoring_unit, officer_id,
          plan_year, annual_planned_investment, total_investment, location, archived_at)
        VALUES ('00000000-0000-4000-8000-000000001001', 'GX-2026-008', '鲁南储能站', '', 'district', '', 'construction', '王立新',
          '区经济发展局', '00000000-0000-4000-8000-000000000001', 2026, 5000, NULL, '', NULL);
        INSERT INTO problems (id, project_id, category, description, responsible_department, coordinating_leader, due_on, origin, raised_on, raised_by, recorded_at)
        VALUES ('00000000-0000-4000-8000-000000001002', '00000000-0000-4000-8000-000000001001', 'land', '用地指标未落实', '自然资源局', '王立新', NULL,
          'officer', '2026-11-02', '李明', '2026-11-02T02:00:00.000Z'),
               ('00000000-0000-4000-8000-000000001003', '00000000-0000-4000-8000-000000001001', 'power_water', '临时用电不足', '供电中心', '王立新', NULL,
          'officer', '2026-11-04', '李明', '2026-11-04T02:00:00.000Z');
        INSERT INTO problem_events (id, problem_id, action, at, by, origin, note, department, resolution, recorded_at) VALUES
          ('00000000-0000-4000-8000-000000001011', '00000000-0000-4000-8000-000000001002', 'dispatch', '2026-11-03T02:00:00.000Z', '李明', 'officer', '', '自然资源局', NULL, NULL),
          ('00000000-0000-4000-8000-000000001012', '00000000-0000-4000-8000-000000001002', 'resolve', '2026-11-05T02:00:00.000Z', '李明', 'officer', '', NULL, '已落实', NULL),
          ('00000000-0000-4000-8000-000000001013', '00000000-0000-4000-8000-000000001002', 'verify_close', '2026-11-06T02:00:00.000Z', '重点项目办', 'bureau', '', NULL, NULL, NULL);
      `);
      v7Dump = dumpTables(db, ['problems', 'problem_events']);
    },
    check: (db) => {
      // Nothing the officer wrote changed; the new read model starts "to be derived" and the first read derives it.
      expect(dumpTables(db, ['problems', 'problem_events'])).toBe(v7Dump);
      expect(db.prepare('SELECT count(*) FROM problem_status WHERE status IS NULL').pluck().get()).toBe(2);
      const [summary] = listProjectSummaries(db, new Date('2026-11-24T02:00:00Z'), false);
      expect(summary).toMatchObject({ code: 'GX-2026-008', openProblems: 1 });
      expect(db.prepare('SELECT problem_id, status, last_id FROM problem_status ORDER BY problem_id').all()).toEqual([
        { problem_id: '00000000-0000-4000-8000-000000001002', status: 'closed', last_id: '00000000-0000-4000-8000-000000001013' },
        { problem_id: '00000000-0000-4000-8000-000000001003', status: 'raised', last_id: null },
      ]);
      const indexes = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`).pluck().all();
      expect(indexes).toEqual(
        expect.arrayContaining(['problem_status_project', 'problems_project_raised', 'checklist_events_latest', 'investment_entries_latest']),
      );
    },
  },
  migration009Case,
];
let v7Dump = '';
let v6Dump = '';
let v5Dump = '';
/** Columns migration 5 adds to projects: left out when comparing rows seeded before it. */
const LATER_PROJECT_COLUMNS = ['bureau_completed_month', 'bureau_completed_amount'];
let v4Dump = '';
let v3Dump = '';
let v2Dump = '';

const V1_TABLES = ['settings', 'projects', 'visits', 'change_log'];
let v1Dump = '';

/** The rows of some tables, as a stable string (a subset of dumpDatabase, for tables a migration must not touch). */
function dumpTables(db: SqliteDatabase, tables: readonly string[], omit: readonly string[] = []): string {
  const rows = (t: string) =>
    (db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all() as Record<string, unknown>[]).map((r) =>
      Object.fromEntries(Object.entries(r).filter(([k]) => !omit.includes(k))),
    );
  return tables.map((t) => `${t}: ${JSON.stringify(rows(t))}`).join('\n');
}

/** What every upgraded database must support, whatever the migration: the current app reads and writes it. */
function checkCurrentAppWorks(db: SqliteDatabase): void {
  const projectId = randomUUID();
  upsertProject(db, {
    id: projectId,
    code: `MIG-${projectId.slice(0, 8)}`,
    name: '迁移测试项目',
    company: '枣庄测试有限公司',
    level: 'district',
    industry: '',
    stage: 'construction',
    sponsoringLeader: '王立新',
    sponsoringUnit: '区经济发展局',
    officerId: randomUUID(),
    planYear: 2026,
    annualPlannedInvestment: 1000,
    totalInvestment: null,
    location: '',
    archivedAt: null,
  });
  const visitId = randomUUID();
  insertVisit(db, {
    id: visitId,
    projectId,
    visitedOn: '2026-11-20',
    kind: 'site_visit',
    participants: '',
    summary: '现场查看',
    findings: '',
    followUps: '',
    recordedAt: '2026-11-20T10:00:00.000Z',
    recordedBy: '李明',
  });
  expect(changesAfter(db, 0).some((c) => c.recordId === visitId && c.entity === 'visit')).toBe(true);
  expect(listProjectSummaries(db, FIXED_NOW, true).some((p) => p.id === projectId)).toBe(true);
}

const dir = useTempDir();

function upgrade(path: string, c: MigrationCase): void {
  const db = openDatabase(path);
  try {
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    c.check(db);
    checkCurrentAppWorks(db);
  } finally {
    db.close();
  }
  // Opening once more changes nothing and keeps the version.
  const again = openDatabase(path);
  try {
    expect(schemaVersion(again)).toBe(MIGRATIONS.length);
  } finally {
    again.close();
  }
}

it('there is a case for every migration', () => {
  expect(CASES.map((c) => c.version)).toEqual(MIGRATIONS.map((m) => m.version));
});

describe.each(CASES)('migration $version', (c) => {
  it(`upgrades a database seeded at version ${c.version - 1}`, () => {
    const path = dir.file(`seeded-at-${c.version - 1}.db`);
    const seeded = openDatabase(path, { targetVersion: c.version - 1 });
    try {
      expect(schemaVersion(seeded)).toBe(c.version - 1);
      seeded.transaction(() => c.seed(seeded))();
    } finally {
      seeded.close();
    }
    upgrade(path, c);
  });

  if (c.version === 1) {
    it('upgrades a zero-byte file (what an interrupted first start can leave)', () => {
      const path = dir.file('empty.db');
      writeFileSync(path, '');
      upgrade(path, c);
    });
  }
});
