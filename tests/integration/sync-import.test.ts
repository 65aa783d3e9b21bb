import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors.js';
import type { AssignmentApplyResult, AssignmentPreview, SyncStatus } from '@shared/operations/sync.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { grantFile } from '../../electron/files/file-handles.js';
import { applyAssignment, previewAssignment } from '../../electron/sync/assignment-import.js';
import { exportWeeklyPacket } from '../../electron/sync/weekly-export.js';
import { listProjects } from '../../electron/store/repositories/projects.js';
import { countRows, dumpDatabase, openTempStore, type TempStore } from '../helpers/temp-store.js';
import {
  bureauEvent,
  bureauProblem,
  makeAssignment,
  makeBureau,
  makeOfficer,
  trustBureau,
  writeAssignment,
  type AssignmentShape,
  type TestBureau,
} from './sync-fixtures.js';
import { wholeLedger } from '../helpers/ledger-pages.js';

const registry = createRegistry();

async function call<T>(store: TempStore, name: string, input: unknown): Promise<T> {
  const result = await registry.dispatch(name, input, store.ctx);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code, params: result.error.params });
  return result.value as T;
}

const clone = <T>(v: T): T => structuredClone(v);

/** A copy of the assignment with only its first `count` projects, and their milestones and checklist items. */
function firstProjects(shape: AssignmentShape, count: number): AssignmentShape {
  const kept = clone(shape);
  kept.projects = kept.projects.slice(0, count);
  const ids = new Set(kept.projects.map((p) => p.id));
  kept.milestones = kept.milestones.filter((m) => ids.has(m.projectId));
  kept.checklistItems = kept.checklistItems.filter((i) => ids.has(i.projectId));
  return kept;
}

describe('assignment import: preview, apply and merge rules', () => {
  let store: TempStore;
  let bureau: TestBureau;
  let officer: ReturnType<typeof makeOfficer>;
  let shape: AssignmentShape;

  beforeEach(() => {
    store = openTempStore();
    bureau = makeBureau(store.dir.path);
    trustBureau(store.db, bureau);
    officer = makeOfficer();
    shape = makeAssignment(officer, { projects: 4, items: 3 });
  });
  afterEach(() => store.close());

  it('a fresh store takes its identity from the first assignment; preview writes nothing and matches apply', async () => {
    const file = await writeAssignment(store.dir.path, bureau, shape, 1);
    const before = dumpDatabase(store.db);
    const preview = await call<AssignmentPreview>(store, 'sync.previewAssignment', { file: grantFile(store.ctx, file) });
    expect(dumpDatabase(store.db)).toBe(before);
    expect(preview.status).toBe('ready');
    expect(preview.changes.officer).toBe('adopted');
    expect(preview.changes.projects.added.map((p) => p.code)).toEqual(shape.projects.map((p) => p.code));
    expect(preview.changes.checklist.added).toHaveLength(12);
    expect(preview.changes.milestones.added).toBe(8);

    const result = await call<AssignmentApplyResult>(store, 'sync.applyAssignment', { file: grantFile(store.ctx, file) });
    expect(result.applied).toBe(true);
    expect(result.changes).toEqual(preview.changes);
    const info = await call<{ officer: unknown }>(store, 'app.info', {});
    expect(info.officer).toEqual(officer);
    expect(store.db.prepare("SELECT value FROM settings WHERE key = 'identitySource'").get()).toEqual({ value: '"assignment"' });
    expect(countRows(store.db, 'projects')).toBe(4);
    expect(countRows(store.db, 'checklist_items', "origin = 'bureau'")).toBe(12);
    // Bureau records are not officer changes: nothing enters the outbox.
    expect(countRows(store.db, 'change_log')).toBe(0);

    // The backup was made before the import: a complete database without the projects.
    expect(result.backupPath && existsSync(result.backupPath)).toBeTruthy();
    const backup = new Database(result.backupPath!, { readonly: true });
    expect((backup.prepare('SELECT count(*) AS n FROM projects').get() as { n: number }).n).toBe(0);
    expect(backup.pragma('user_version', { simple: true })).toBe(store.db.pragma('user_version', { simple: true }));
    backup.close();

    const status = await call<SyncStatus>(store, 'sync.status', {});
    expect(status.lastAssignment?.sequence).toBe(1);
    expect(status.lastAssignment?.packetId).toBe(result.packetId);
  });

  it('the same file again is a no-op reported as already imported', async () => {
    const file = await writeAssignment(store.dir.path, bureau, shape, 1);
    const first = await applyAssignment(store.ctx, file);
    const before = dumpDatabase(store.db);
    const again = await applyAssignment(store.ctx, file);
    expect(again.status).toBe('already_imported');
    expect(again.applied).toBe(false);
    expect(again.appliedAt).toBe(first.appliedAt);
    expect(again.changes).toEqual(first.changes);
    expect((await previewAssignment(store.ctx, file)).status).toBe('already_imported');
    expect(dumpDatabase(store.db)).toBe(before);
  });

  it('updates bureau fields, re-dates and withdraws items, archives withdrawn projects, never touches officer records', async () => {
    await applyAssignment(store.ctx, await writeAssignment(store.dir.path, bureau, shape, 1));
    const [p0, p1, , p3] = shape.projects;
    const [item0, item1, item2] = shape.checklistItems.filter((i) => i.projectId === p0!.id);
    // Officer work on project 3 (to be withdrawn) and on an item that will be withdrawn.
    await call(store, 'visits.log', { projectId: p3!.id, visitedOn: '2026-11-20', kind: 'site_visit', summary: '现场查看' });
    await call(store, 'checklist.closeOff', { itemId: item2!.id, effectiveOn: '2026-11-20', note: '已办结' });
    const outbox = dumpTable(store, 'change_log');

    const next = clone(shape);
    next.projects[0]!.name = '重点项目1号（更名）';
    next.projects[0]!.annualPlannedInvestment = 20000;
    next.projects = next.projects.filter((p) => p.id !== p3!.id);
    next.milestones = next.milestones.filter((m) => m.projectId !== p3!.id);
    next.checklistItems = next.checklistItems.filter((i) => i.projectId !== p3!.id && i.id !== item2!.id);
    next.checklistItems.find((i) => i.id === item0!.id)!.dueOn = '2026-12-31';
    next.checklistItems.find((i) => i.id === item1!.id)!.title = '清单事项2（调整）';
    const added = {
      id: randomUUID(),
      projectId: p1!.id,
      stage: 'construction' as const,
      title: '新增事项',
      dueOn: '2026-12-01',
      sortOrder: 9,
      origin: 'bureau' as const,
    };
    next.checklistItems.push(added);

    const result = await applyAssignment(store.ctx, await writeAssignment(store.dir.path, bureau, next, 2));
    const c = result.changes;
    expect(c.officer).toBe('same');
    expect(c.projects.updated).toEqual([{ id: p0!.id, code: p0!.code, name: '重点项目1号（更名）', fields: ['name', 'annualPlannedInvestment'] }]);
    expect(c.projects.withdrawn.map((p) => p.id)).toEqual([p3!.id]);
    expect(c.projects.added).toEqual([]);
    expect(c.projects.unchanged).toBe(2);
    expect(c.checklist.redated).toEqual([{ id: item0!.id, projectCode: p0!.code, title: item0!.title, dueOn: '2026-12-31', previousDueOn: item0!.dueOn }]);
    expect(c.checklist.updated.map((i) => i.id)).toEqual([item1!.id]);
    expect(c.checklist.added.map((i) => i.id)).toEqual([added.id]);
    expect(c.checklist.withdrawn.map((i) => i.id)).toEqual([item2!.id]);
    expect(result.withdrawsMost).toBe(false);

    // Withdrawn project: archived, with its history; nothing deleted.
    const archived = store.db.prepare('SELECT archived_at AS a FROM projects WHERE id = ?').get(p3!.id) as { a: string | null };
    expect(archived.a).not.toBeNull();
    expect(countRows(store.db, 'visits', 'project_id = ?', p3!.id)).toBe(1);
    expect(countRows(store.db, 'checklist_items', 'project_id = ?', p3!.id)).toBe(3);
    expect(listProjects(store.db).map((p) => p.id)).not.toContain(p3!.id);
    // Withdrawn item: withdrawn_at set, its close-off kept.
    expect(store.db.prepare('SELECT withdrawn_at AS w FROM checklist_items WHERE id = ?').get(item2!.id)).not.toEqual({ w: null });
    expect(countRows(store.db, 'checklist_events', 'item_id = ?', item2!.id)).toBe(1);
    expect(store.db.prepare('SELECT due_on AS d FROM checklist_items WHERE id = ?').get(item0!.id)).toEqual({ d: '2026-12-31' });
    // The officer's outbox is untouched by an import.
    expect(dumpTable(store, 'change_log')).toBe(outbox);

    // Listed again: restored.
    const third = await applyAssignment(store.ctx, await writeAssignment(store.dir.path, bureau, shape, 3));
    expect(third.changes.projects.restored.map((p) => p.id)).toEqual([p3!.id]);
    expect(third.changes.checklist.restored.map((i) => i.id)).toEqual([item2!.id]);
    expect(store.db.prepare('SELECT archived_at AS a FROM projects WHERE id = ?').get(p3!.id)).toEqual({ a: null });
  });

  it('refuses to withdraw most projects unless allowed (fail-safe), and allows a few', async () => {
    await applyAssignment(store.ctx, await writeAssignment(store.dir.path, bureau, shape, 1));
    const keepOne = firstProjects(shape, 1);
    const file = await writeAssignment(store.dir.path, bureau, keepOne, 2);

    const preview = await previewAssignment(store.ctx, file);
    expect(preview.withdrawsMost).toBe(true);
    expect(preview.activeProjectsBefore).toBe(4);
    const before = dumpDatabase(store.db);
    await expect(applyAssignment(store.ctx, file)).rejects.toMatchObject({ code: 'import_withdraws_most', params: { withdrawn: 3, active: 4 } });
    expect(dumpDatabase(store.db)).toBe(before);

    const allowed = await applyAssignment(store.ctx, file, { allowWithdrawMost: true });
    expect(allowed.changes.projects.withdrawn).toHaveLength(3);
    expect(listProjects(store.db)).toHaveLength(1);
    expect(listProjects(store.db, true)).toHaveLength(4);
  });

  it('withdrawing two of four (not more than 2) needs no confirmation', async () => {
    await applyAssignment(store.ctx, await writeAssignment(store.dir.path, bureau, shape, 1));
    const keepTwo = firstProjects(shape, 2);
    const result = await applyAssignment(store.ctx, await writeAssignment(store.dir.path, bureau, keepTwo, 2));
    expect(result.withdrawsMost).toBe(false);
    expect(result.changes.projects.withdrawn).toHaveLength(2);
  });

  it('merges problems and events as a union: duplicates ignored, conflicts kept with both versions', async () => {
    await applyAssignment(store.ctx, await writeAssignment(store.dir.path, bureau, shape, 1));
    const projectId = shape.projects[0]!.id;
    // The officer raises a problem and dispatches it.
    const raised = await call<{ id: string }>(store, 'problems.raise', {
      projectId,
      category: 'capital',
      description: '专项债资金拨付滞后',
      responsibleDepartment: '区财政局',
    });
    await call(store, 'problems.act', { problemId: raised.id, action: 'dispatch', department: '区财政局' });
    const localProblem = store.db.prepare('SELECT * FROM problems WHERE id = ?').get(raised.id);
    const officerEvents = store.db
      .prepare('SELECT id, problem_id AS problemId, action, at, by, origin, note, department, resolution FROM problem_events WHERE problem_id = ?')
      .all(raised.id) as AssignmentShape['problemEvents'];
    const officerProblem = store.db
      .prepare(
        `SELECT id, project_id AS projectId, category, description, responsible_department AS responsibleDepartment, coordinating_leader AS coordinatingLeader,
           due_on AS dueOn, origin, raised_on AS raisedOn, raised_by AS raisedBy, recorded_at AS recordedAt FROM problems WHERE id = ?`,
      )
      .get(raised.id) as AssignmentShape['problems'][number];

    // The bureau tracks a problem of its own with two events, and echoes the officer's problem and event,
    // adding its own coordination event.
    const bp = bureauProblem(projectId);
    const bEvents = [
      bureauEvent(bp.id),
      bureauEvent(bp.id, { action: 'coordinate', at: '2026-11-05T02:00:00.000Z', department: null, note: '区领导顶格协调' }),
    ];
    const coordinate = bureauEvent(raised.id, { action: 'coordinate', at: '2099-01-01T00:00:00.000Z', department: null, note: '经发局协调财政局' });
    const next = clone(shape);
    next.problems = [bp, officerProblem];
    next.problemEvents = [...bEvents, ...officerEvents, coordinate];
    const result = await applyAssignment(store.ctx, await writeAssignment(store.dir.path, bureau, next, 2));
    expect(result.changes.problems.added.map((p) => p.id)).toEqual([bp.id]);
    expect(result.changes.problems.added[0]!.newEvents).toBe(2);
    expect(result.changes.problems.updated).toEqual([{ id: raised.id, projectCode: shape.projects[0]!.code, description: '专项债资金拨付滞后', newEvents: 1 }]);
    expect(result.changes.problems.eventsAdded).toBe(3);
    expect(result.changes.problems.duplicatesIgnored).toBe(1 + officerEvents.length);
    expect(result.changes.conflicts).toEqual([]);
    // The derived state follows the merged log.
    const ledger = await wholeLedger((input) => call(store, 'problems.ledger', input));
    expect(ledger.find((p) => p.id === raised.id)?.status).toBe('in_progress');
    expect(ledger.find((p) => p.id === bp.id)?.status).toBe('in_progress');
    // Bureau records never enter the officer's outbox.
    expect(countRows(store.db, 'change_log', 'record_id IN (?, ?, ?, ?)', bp.id, bEvents[0]!.id, bEvents[1]!.id, coordinate.id)).toBe(0);

    // A different version of the officer's problem and of a bureau event: conflicts, nothing overwritten.
    const third = clone(next);
    third.problems[1] = { ...officerProblem, description: '专项债资金拨付严重滞后' };
    third.problemEvents[0] = { ...bEvents[0]!, note: '改过的说明' };
    const before = dumpTable(store, 'problems') + dumpTable(store, 'problem_events');
    const r3 = await applyAssignment(store.ctx, await writeAssignment(store.dir.path, bureau, third, 3));
    expect(r3.changes.conflicts.map((c) => c.entity).sort()).toEqual(['problem', 'problem_event']);
    expect(dumpTable(store, 'problems') + dumpTable(store, 'problem_events')).toBe(before);
    expect(store.db.prepare('SELECT * FROM problems WHERE id = ?').get(raised.id)).toEqual(localProblem);
    const conflicts = await call<{ entity: string; recordId: string; local: Record<string, unknown>; incoming: Record<string, unknown> }[]>(
      store,
      'sync.conflicts',
      {},
    );
    const problemConflict = conflicts.find((c) => c.entity === 'problem')!;
    expect(problemConflict.recordId).toBe(raised.id);
    expect(problemConflict.local.description).toBe('专项债资金拨付滞后');
    expect(problemConflict.incoming.description).toBe('专项债资金拨付严重滞后');
    expect((await call<SyncStatus>(store, 'sync.status', {})).openConflicts).toBe(2);

    // The same conflicting version again is not recorded twice.
    await applyAssignment(store.ctx, await writeAssignment(store.dir.path, bureau, third, 4));
    expect(countRows(store.db, 'sync_conflicts')).toBe(2);
  });

  it("a bureau item with the id of the officer's own item is a conflict, the officer's item stays", async () => {
    await applyAssignment(store.ctx, await writeAssignment(store.dir.path, bureau, shape, 1));
    const projectId = shape.projects[0]!.id;
    const own = {
      id: randomUUID(),
      project_id: projectId,
      stage: 'construction',
      title: '自己加的事项',
      due_on: '2026-12-01',
      sort_order: 50,
      origin: 'officer',
    };
    store.db
      .prepare(
        'INSERT INTO checklist_items (id, project_id, stage, title, due_on, sort_order, origin) VALUES (@id, @project_id, @stage, @title, @due_on, @sort_order, @origin)',
      )
      .run(own);
    const next = clone(shape);
    next.checklistItems.push({ id: own.id, projectId, stage: 'construction', title: '经发局的事项', dueOn: '2026-10-01', sortOrder: 1, origin: 'bureau' });
    const result = await applyAssignment(store.ctx, await writeAssignment(store.dir.path, bureau, next, 2));
    expect(result.changes.conflicts).toEqual([{ entity: 'checklist_item', recordId: own.id, label: expect.stringContaining('自己加的事项') }]);
    expect(store.db.prepare('SELECT title, origin FROM checklist_items WHERE id = ?').get(own.id)).toEqual({ title: '自己加的事项', origin: 'officer' });
  });

  it('projects may swap codes, and a code given to a new project leaves the old one archived under a suffixed code', async () => {
    await applyAssignment(store.ctx, await writeAssignment(store.dir.path, bureau, shape, 1));
    const next = clone(shape);
    const [a, b] = next.projects;
    [a!.code, b!.code] = [b!.code, a!.code];
    const result = await applyAssignment(store.ctx, await writeAssignment(store.dir.path, bureau, next, 2));
    expect(result.changes.projects.updated.map((p) => p.fields)).toEqual([['code'], ['code']]);
    expect(store.db.prepare('SELECT code FROM projects WHERE id = ?').get(a!.id)).toEqual({ code: shape.projects[1]!.code });

    const replaced = clone(next);
    const old = replaced.projects[3]!;
    const fresh = { ...old, id: randomUUID(), name: '新建项目' };
    replaced.projects[3] = fresh;
    replaced.milestones = replaced.milestones.filter((m) => m.projectId !== old.id);
    replaced.checklistItems = replaced.checklistItems.filter((i) => i.projectId !== old.id);
    const r = await applyAssignment(store.ctx, await writeAssignment(store.dir.path, bureau, replaced, 3));
    expect(r.warnings.some((w) => w.startsWith('code_reused'))).toBe(true);
    expect(store.db.prepare('SELECT code, archived_at IS NOT NULL AS archived FROM projects WHERE id = ?').get(old.id)).toEqual({
      code: `${old.code}~${old.id.replace(/-/g, '').slice(0, 4)}`,
      archived: 1,
    });
    expect(store.db.prepare('SELECT id FROM projects WHERE code = ?').get(old.code)).toEqual({ id: fresh.id });
  });

  it('the demo store refuses an assignment and tells the user to start a fresh store', async () => {
    const demo = openTempStore({ demo: true });
    try {
      trustBureau(demo.db, bureau);
      const file = await writeAssignment(demo.dir.path, bureau, shape, 1);
      const before = dumpDatabase(demo.db);
      const error = (await applyAssignment(demo.ctx, file).catch((e: unknown) => e)) as AppError;
      expect(error).toBeInstanceOf(AppError);
      expect(error.code).toBe('packet_wrong_officer');
      expect(error.params.reason).toBe('demo_store');
      expect(error.message).toMatch(/fresh store/);
      await expect(previewAssignment(demo.ctx, file)).rejects.toMatchObject({ code: 'packet_wrong_officer' });
      expect(dumpDatabase(demo.db)).toBe(before);
      expect(existsSync(demo.dir.file('backups'))).toBe(false);
    } finally {
      demo.close();
    }
  });

  it('an identity typed in Settings before the first assignment is replaced by the bureau one, then bound', async () => {
    await call(store, 'settings.setOfficer', { name: '自己填的名字', unit: '某单位', phone: '' });
    const result = await applyAssignment(store.ctx, await writeAssignment(store.dir.path, bureau, shape, 1));
    expect(result.changes.officer).toBe('adopted');
    expect((await call<{ officer: unknown }>(store, 'app.info', {})).officer).toEqual(officer);
    // Bound now: another officer's assignment is refused.
    const other = await writeAssignment(store.dir.path, bureau, makeAssignment(makeOfficer('李四')), 2);
    await expect(applyAssignment(store.ctx, other)).rejects.toMatchObject({ code: 'packet_wrong_officer' });
    // The bureau may update the officer's details under the same id.
    const renamed = clone(shape);
    renamed.officer = { ...officer, phone: '13900000000' };
    for (const p of renamed.projects) p.officerId = officer.id;
    const r = await applyAssignment(store.ctx, await writeAssignment(store.dir.path, bureau, renamed, 2));
    expect(r.changes.officer).toBe('updated');
  });

  it('the acknowledgement marks exported packets received and only unacknowledged changes stay pending', async () => {
    await applyAssignment(store.ctx, await writeAssignment(store.dir.path, bureau, shape, 1));
    const projectId = shape.projects[0]!.id;
    await call(store, 'visits.log', { projectId, visitedOn: '2026-11-20', kind: 'site_visit', summary: '第一次走访' });
    await call(store, 'investment.record', { projectId, month: '2026-10', amount: 800 });
    const out = store.dir.file('out');
    mkdirSync(out);
    const p1 = await exportWeeklyPacket(store.ctx, { outDir: out });
    expect(p1.changeCount).toBe(2);
    await call(store, 'visits.log', { projectId, visitedOn: '2026-11-21', kind: 'call', summary: '第二次联系' });
    const p2 = await exportWeeklyPacket(store.ctx, { outDir: out });
    expect(p2.sequence).toBe(2);
    expect(p2.changeCount).toBe(3); // not acknowledged yet: packet 1's changes again, plus the new one
    expect((await call<SyncStatus>(store, 'sync.status', {})).pendingChanges).toBe(3);

    const acked = clone(shape);
    acked.acknowledgedWeeklySequence = 1;
    const preview = await previewAssignment(store.ctx, await writeAssignment(store.dir.path, bureau, acked, 2, { fileName: 'ack1.zip' }));
    expect(preview.changes.acknowledgement).toEqual({ weeklySequence: 1, packetsNewlyAcknowledged: 1, changesNewlyReceived: 2 });
    await applyAssignment(store.ctx, store.dir.file('ack1.zip'));
    const status = await call<SyncStatus>(store, 'sync.status', {});
    expect(status.acknowledgedSequence).toBe(1);
    expect(status.pendingChanges).toBe(1);
    const history = await call<{ sequence: number; acknowledgedAt: string | null }[]>(store, 'sync.exportHistory', {});
    expect(history.map((h) => [h.sequence, h.acknowledgedAt !== null])).toEqual([
      [2, false],
      [1, true],
    ]);
    const p3 = await exportWeeklyPacket(store.ctx, { outDir: out });
    expect(p3.sequence).toBe(3);
    expect(p3.changeCount).toBe(1);
    expect(p3.afterSeq).toBe(p1.throughSeq);
  });
});

function dumpTable(store: TempStore, table: string): string {
  return JSON.stringify(store.db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all());
}
