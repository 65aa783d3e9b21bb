import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '../../electron/store/database.js';
import { changesAfter, countChangesAfter, lastChangeSeq, recordChange, type ChangeEntity } from '../../electron/store/repositories/change-log.js';
import { insertChecklistEvent, listChecklistEvents, listChecklistItems, upsertChecklistItem } from '../../electron/store/repositories/checklist.js';
import { insertInvestmentEntry, listInvestmentEntries } from '../../electron/store/repositories/investment.js';
import { insertProblem, insertProblemEvent, listProblemEvents, listProblems } from '../../electron/store/repositories/problems.js';
import {
  getProject,
  insertMilestoneReport,
  listMilestoneReports,
  listMilestones,
  listProjects,
  upsertMilestone,
  upsertProject,
} from '../../electron/store/repositories/projects.js';
import { readSetting, writeSetting } from '../../electron/store/repositories/settings.js';
import { getAttachment, insertAttachment, insertVisit, lastVisitDays, listAttachments, listVisits } from '../../electron/store/repositories/visits.js';
import { z } from 'zod';
import {
  makeAttachment,
  makeChecklistEvent,
  makeChecklistItem,
  makeInvestmentEntry,
  makeMilestone,
  makeMilestoneReport,
  makeProblem,
  makeProblemEvent,
  makeProject,
  makeVisit,
} from '../helpers/fixtures.js';
import { countRows, dumpDatabase, openTempStore, type TempStore } from '../helpers/temp-store.js';

let store: TempStore;
let db: SqliteDatabase;
/** Parents the officer's records hang from: a project, a milestone, a bureau checklist item, a bureau problem. */
let parent: { projectId: string; milestoneId: string; itemId: string; problemId: string };

beforeEach(() => {
  store = openTempStore();
  db = store.db;
  const project = makeProject();
  upsertProject(db, project);
  const milestone = makeMilestone(project.id);
  upsertMilestone(db, milestone);
  const item = makeChecklistItem(project.id);
  upsertChecklistItem(db, item);
  const problem = makeProblem(project.id, { origin: 'bureau', raisedBy: '重点项目办' });
  insertProblem(db, problem);
  parent = { projectId: project.id, milestoneId: milestone.id, itemId: item.id, problemId: problem.id };
});
afterEach(() => store.close());

const MISSING = '00000000-0000-4000-8000-00000000dead';

interface OfficerWrite {
  entity: ChangeEntity;
  table: string;
  /** Writes one valid record; returns it and the time its change row must carry. */
  write(db: SqliteDatabase): { record: { id: string }; recordedAt: string };
  /** Writes a record whose parent does not exist (a foreign-key violation), when the table has one. */
  orphan?(db: SqliteDatabase): void;
}

const OFFICER_WRITES: OfficerWrite[] = [
  {
    entity: 'visit',
    table: 'visits',
    write: (d) => {
      const r = makeVisit(parent.projectId);
      insertVisit(d, r);
      return { record: r, recordedAt: r.recordedAt };
    },
    orphan: (d) => insertVisit(d, makeVisit(MISSING)),
  },
  {
    entity: 'attachment',
    table: 'attachments',
    write: (d) => {
      const r = makeAttachment(randomUUID());
      insertAttachment(d, r);
      return { record: r, recordedAt: r.recordedAt };
    },
  },
  {
    entity: 'checklist_item',
    table: 'checklist_items',
    write: (d) => {
      const r = makeChecklistItem(parent.projectId, { origin: 'officer', title: '补充：消防设计审查' });
      upsertChecklistItem(d, r, '2026-11-21T01:00:00.000Z');
      return { record: r, recordedAt: '2026-11-21T01:00:00.000Z' };
    },
    orphan: (d) => upsertChecklistItem(d, makeChecklistItem(MISSING, { origin: 'officer' }), '2026-11-21T01:00:00.000Z'),
  },
  {
    entity: 'checklist_event',
    table: 'checklist_events',
    write: (d) => {
      const r = makeChecklistEvent(parent.itemId);
      insertChecklistEvent(d, r);
      return { record: r, recordedAt: r.recordedAt };
    },
    orphan: (d) => insertChecklistEvent(d, makeChecklistEvent(MISSING)),
  },
  {
    entity: 'milestone_report',
    table: 'milestone_reports',
    write: (d) => {
      const r = makeMilestoneReport(parent.milestoneId);
      insertMilestoneReport(d, r);
      return { record: r, recordedAt: r.recordedAt };
    },
    orphan: (d) => insertMilestoneReport(d, makeMilestoneReport(MISSING)),
  },
  {
    entity: 'problem',
    table: 'problems',
    write: (d) => {
      const r = makeProblem(parent.projectId);
      insertProblem(d, r);
      return { record: r, recordedAt: r.recordedAt };
    },
    orphan: (d) => insertProblem(d, makeProblem(MISSING)),
  },
  {
    entity: 'problem_event',
    table: 'problem_events',
    write: (d) => {
      const r = makeProblemEvent(parent.problemId, { at: '2026-11-22T03:00:00.000Z' });
      insertProblemEvent(d, r);
      return { record: r, recordedAt: r.at };
    },
    orphan: (d) => insertProblemEvent(d, makeProblemEvent(MISSING)),
  },
  {
    entity: 'investment_entry',
    table: 'investment_entries',
    write: (d) => {
      const r = makeInvestmentEntry(parent.projectId);
      insertInvestmentEntry(d, r);
      return { record: r, recordedAt: r.recordedAt };
    },
    orphan: (d) => insertInvestmentEntry(d, makeInvestmentEntry(MISSING)),
  },
];

describe.each(OFFICER_WRITES)('officer-owned $entity', (w) => {
  it('is written with exactly one change_log row carrying the record', () => {
    const seq = lastChangeSeq(db);
    const { record, recordedAt } = w.write(db);
    expect(countRows(db, w.table, 'id = ?', record.id)).toBe(1);
    const changes = changesAfter(db, seq);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ entity: w.entity, recordId: record.id, recordedAt, payload: record });
  });

  it.runIf(w.orphan)('with a missing parent (foreign-key violation): neither the record nor a change row exists', () => {
    const before = dumpDatabase(db);
    expect(() => w.orphan!(db)).toThrow(/FOREIGN KEY/);
    expect(dumpDatabase(db)).toBe(before);
  });

  it('when the change row cannot be written, the record is not written either (one transaction)', () => {
    db.exec(`CREATE TEMP TRIGGER refuse_change BEFORE INSERT ON main.change_log BEGIN SELECT RAISE(ABORT, 'outbox refused'); END`);
    const before = dumpDatabase(db);
    expect(() => w.write(db)).toThrow(/outbox refused/);
    db.exec('DROP TRIGGER temp.refuse_change');
    expect(dumpDatabase(db)).toBe(before);
  });

  it('inside a caller’s transaction that fails, both the record and its change row are rolled back', () => {
    const before = dumpDatabase(db);
    expect(() =>
      db.transaction(() => {
        w.write(db);
        throw new Error('later step failed');
      })(),
    ).toThrow('later step failed');
    expect(dumpDatabase(db)).toBe(before);
  });

  it('writing the same record twice is refused and leaves one change row', () => {
    const seq = lastChangeSeq(db);
    const table = w.table;
    const { record } = w.write(db);
    const row = db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(record.id);
    if (w.entity === 'checklist_item') {
      // The officer's own item is an upsert: writing it again updates it, the outbox still has one row.
      w.write(db);
    } else {
      expect(() => db.prepare(`INSERT INTO ${table} SELECT * FROM ${table} WHERE id = ?`).run(record.id)).toThrow(/UNIQUE|PRIMARY KEY/);
    }
    expect(db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(record.id)).toEqual(row);
    expect(countChangesAfter(db, seq)).toBe(w.entity === 'checklist_item' ? 2 : 1);
  });
});

describe('bureau-owned writes are not logged', () => {
  it('projects, milestones, bureau checklist items, bureau problems and their events write no change row', () => {
    const seq = lastChangeSeq(db);
    expect(seq).toBe(0); // beforeEach wrote a project, milestone, bureau item and bureau problem
    const project = makeProject();
    upsertProject(db, project);
    upsertMilestone(db, makeMilestone(project.id));
    upsertChecklistItem(db, makeChecklistItem(project.id), '2026-11-21T01:00:00.000Z');
    const problem = makeProblem(project.id, { origin: 'bureau' });
    insertProblem(db, problem);
    insertProblemEvent(db, makeProblemEvent(problem.id, { origin: 'bureau', by: '重点项目办' }));
    insertProblemEvent(db, makeProblemEvent(parent.problemId, { origin: 'bureau', action: 'note', note: '已转办' }));
    expect(countChangesAfter(db, 0)).toBe(0);
    expect(countRows(db, 'problem_events')).toBe(2);
  });

  it('an officer’s event on a bureau problem is logged, the bureau’s is not', () => {
    const officer = makeProblemEvent(parent.problemId, { action: 'dispatch', at: '2026-11-22T01:00:00.000Z' });
    const bureau = makeProblemEvent(parent.problemId, { action: 'coordinate', origin: 'bureau', at: '2026-11-23T01:00:00.000Z' });
    insertProblemEvent(db, officer);
    insertProblemEvent(db, bureau);
    expect(changesAfter(db, 0).map((c) => c.recordId)).toEqual([officer.id]);
  });
});

describe('change_log', () => {
  it('is idempotent per record: recording the same record again adds nothing', () => {
    const visit = makeVisit(parent.projectId);
    insertVisit(db, visit);
    const before = dumpDatabase(db);
    recordChange(db, 'visit', visit, visit.recordedAt);
    recordChange(db, 'visit', { ...visit, summary: 'changed' } as { id: string }, '2027-01-01T00:00:00.000Z');
    expect(dumpDatabase(db)).toBe(before);
    expect(changesAfter(db, 0)).toHaveLength(1);
  });

  it('sequence numbers stay contiguous when a record is recorded again', () => {
    const first = OFFICER_WRITES[0]!.write(db).record as { id: string; recordedAt: string };
    recordChange(db, 'visit', first, first.recordedAt);
    recordChange(db, 'visit', first, first.recordedAt);
    OFFICER_WRITES[0]!.write(db);
    expect(changesAfter(db, 0).map((c) => c.seq)).toEqual([1, 2]);
  });

  it('the same id under two entities is two rows', () => {
    const id = randomUUID();
    recordChange(db, 'visit', { id }, '2026-11-20T00:00:00.000Z');
    recordChange(db, 'attachment', { id }, '2026-11-20T00:00:00.000Z');
    expect(countChangesAfter(db, 0)).toBe(2);
  });

  it('pages by sequence number in write order', () => {
    const written = Array.from({ length: 5 }, () => OFFICER_WRITES[0]!.write(db).record.id);
    expect(changesAfter(db, 0).map((c) => c.recordId)).toEqual(written);
    const third = changesAfter(db, 0)[2]!.seq;
    expect(changesAfter(db, third).map((c) => c.recordId)).toEqual(written.slice(3));
    expect(changesAfter(db, 0, 2).map((c) => c.recordId)).toEqual(written.slice(0, 2));
    expect(countChangesAfter(db, third)).toBe(2);
    expect(lastChangeSeq(db)).toBe(changesAfter(db, 0).at(-1)!.seq);
  });
});

describe('reading back', () => {
  it('every record reads back as written', () => {
    const project = getProject(db, parent.projectId)!;
    expect(listProjects(db)).toEqual([project]);
    upsertProject(db, { ...project, archivedAt: '2026-11-23T00:00:00.000Z' });
    expect(listProjects(db)).toEqual([]);
    expect(listProjects(db, true)).toHaveLength(1);

    const visit = makeVisit(parent.projectId, { visitedOn: '2026-11-02' });
    const later = makeVisit(parent.projectId, { visitedOn: '2026-11-18', kind: 'call' });
    insertVisit(db, visit);
    insertVisit(db, later);
    expect(listVisits(db, parent.projectId)).toEqual([later, visit]);
    expect(lastVisitDays(db).get(parent.projectId)).toBe('2026-11-18');

    const photo = makeAttachment(visit.id);
    insertAttachment(db, photo);
    expect(getAttachment(db, photo.id)).toEqual(photo);
    expect(listAttachments(db, 'visit', [visit.id, later.id])).toEqual([photo]);
    expect(listAttachments(db, 'visit', [])).toEqual([]);

    const close = makeChecklistEvent(parent.itemId);
    insertChecklistEvent(db, close);
    expect(listChecklistEvents(db, parent.projectId)).toEqual([close]);
    expect(listChecklistItems(db, parent.projectId)).toHaveLength(1);

    const report = makeMilestoneReport(parent.milestoneId);
    insertMilestoneReport(db, report);
    expect(listMilestoneReports(db, parent.projectId)).toEqual([report]);
    expect(listMilestones(db, parent.projectId)).toHaveLength(1);

    const entry = makeInvestmentEntry(parent.projectId, { amount: 1234.5678 });
    insertInvestmentEntry(db, entry);
    expect(listInvestmentEntries(db, parent.projectId)).toEqual([entry]);

    const event = makeProblemEvent(parent.problemId);
    insertProblemEvent(db, event);
    expect(listProblemEvents(db, [parent.problemId])).toEqual([event]);
    expect(listProblemEvents(db, [])).toEqual([]);
    expect(listProblems(db, parent.projectId).map((p) => p.id)).toEqual([parent.problemId]);
  });

  it('settings are JSON under a key, parsed on the way out', () => {
    expect(readSetting(db, 'language', z.enum(['zh-CN', 'en']))).toBeNull();
    writeSetting(db, 'language', 'en');
    writeSetting(db, 'language', 'zh-CN');
    expect(readSetting(db, 'language', z.enum(['zh-CN', 'en']))).toBe('zh-CN');
    writeSetting(db, 'language', 'fr');
    expect(readSetting(db, 'language', z.enum(['zh-CN', 'en']))).toBeNull();
  });
});
