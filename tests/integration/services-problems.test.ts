import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProblemAction, ProblemStatus } from '@shared/domain/index.js';
import type { LedgerPage, ProblemView } from '@shared/operations/index.js';
import { nextProblemStatus } from '@shared/rules/index.js';
import { problemHandlers } from '../../electron/handlers/problems.js';
import { OperationRegistry } from '../../electron/handlers/registry.js';
import { changesAfter, lastChangeSeq } from '../../electron/store/repositories/change-log.js';
import { insertProblemEvent } from '../../electron/store/repositories/problems.js';
import { countRows, dumpDatabase, openTempStore, type TempStore } from '../helpers/temp-store.js';
import { wholeLedger } from '../helpers/ledger-pages.js';
import { refusedWithNothingWritten } from '../helpers/operations.js';

/** The problem operations through a registry (input validated as over a transport), on a real demo store. */
let store: TempStore;
const registry = new OperationRegistry().register(problemHandlers);
const PROJECT = '00000000-0000-4000-8000-00000000000c'; // 云岭超充电池项目（演示）, sponsoring leader 王立新
const OTHER_PROJECT = '00000000-0000-4000-8000-00000000000a';
const MISSING = '00000000-0000-4000-8000-0000000fffff';

beforeEach(() => {
  store = openTempStore({ demo: true });
});
afterEach(() => store.close());

const call = (name: string, input: unknown) => registry.dispatch(name, input, store.ctx);

async function ok<T = ProblemView>(name: string, input: unknown): Promise<T> {
  const result = await call(name, input);
  if (!result.ok) throw new Error(`${name} refused: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** A refused call: the right code, the right field, and not one byte of the database changed. */
async function expectRefused(name: string, input: unknown, code: string, path?: string) {
  const refusal = await refusedWithNothingWritten(store.ctx, name, input, code, JSON.stringify(input));
  if (path !== undefined) expect(refusal.issues.map((i) => i.path)).toContain(path);
}

const raise = (extra: Record<string, unknown> = {}) => ok('problems.raise', { projectId: PROJECT, category: 'land', description: '配套道路未贯通', ...extra });

/** A fresh problem brought to `status` through the loop. */
async function problemAt(status: ProblemStatus): Promise<ProblemView> {
  let p = await raise({ responsibleDepartment: '区交通运输局' });
  const path: Record<ProblemStatus, ProblemAction[]> = {
    raised: [],
    dispatched: ['dispatch'],
    in_progress: ['dispatch', 'coordinate'],
    resolved: ['dispatch', 'coordinate', 'resolve'],
    closed: ['dispatch', 'coordinate', 'resolve', 'verify_close'],
  };
  for (const action of path[status]) p = await ok('problems.act', { problemId: p.id, ...fullInput(action) });
  expect(p.status).toBe(status);
  return p;
}

/** Every field an action could need, so only legality decides. */
function fullInput(action: ProblemAction) {
  return { action, note: '说明', department: '区住房和城乡建设局', resolution: '已解决' };
}

describe('problems.raise', () => {
  it('stores an officer problem raised today by the officer, the coordinating leader defaulting to the sponsoring leader, and logs it', async () => {
    const seq = lastChangeSeq(store.db);
    const view = await raise({ description: '  配套道路未贯通  ', responsibleDepartment: '区交通运输局', dueOn: '2026-12-10' });
    expect(view).toMatchObject({
      projectId: PROJECT,
      category: 'land',
      description: '配套道路未贯通',
      responsibleDepartment: '区交通运输局',
      coordinatingLeader: '王立新',
      dueOn: '2026-12-10',
      origin: 'officer',
      raisedOn: '2026-11-24',
      raisedBy: '演示用户',
      recordedAt: store.ctx.now().toISOString(),
      status: 'raised',
      currentDepartment: '区交通运输局',
      overdue: false,
      events: [],
      projectName: '云岭超充电池项目（演示）',
    });
    expect(countRows(store.db, 'problems', 'id = ?', view.id)).toBe(1);
    const changes = changesAfter(store.db, seq);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ entity: 'problem', recordId: view.id });
    expect(changes[0]!.payload).toMatchObject({ id: view.id, description: '配套道路未贯通', origin: 'officer' });
  });

  it('keeps a coordinating leader that was given, and allows no department and no due date', async () => {
    const view = await raise({ coordinatingLeader: '陈静' });
    expect(view).toMatchObject({ coordinatingLeader: '陈静', responsibleDepartment: '', dueOn: null });
  });

  it('is overdue at once when raised with a due date already past', async () => {
    expect((await raise({ dueOn: '2026-11-20' })).overdue).toBe(true);
    expect((await raise({ dueOn: '2026-11-24' })).overdue).toBe(false);
  });

  it('accepts the visit a finding came from when it belongs to the project', async () => {
    const visit = store.db.prepare('SELECT id FROM visits WHERE project_id = ? LIMIT 1').get(PROJECT) as { id: string };
    expect((await raise({ sourceVisitId: visit.id })).status).toBe('raised');
  });

  it('refuses each kind of bad input, writing nothing', async () => {
    const good = { projectId: PROJECT, category: 'land', description: '配套道路未贯通' };
    await expectRefused('problems.raise', { ...good, description: '' }, 'invalid_input', 'description');
    await expectRefused('problems.raise', { ...good, description: '   ' }, 'invalid_input', 'description');
    await expectRefused('problems.raise', { ...good, description: 'x'.repeat(4001) }, 'invalid_input', 'description');
    await expectRefused('problems.raise', { projectId: PROJECT, category: 'land' }, 'invalid_input', 'description');
    await expectRefused('problems.raise', { ...good, category: 'weather' }, 'invalid_input', 'category');
    await expectRefused('problems.raise', { ...good, category: undefined }, 'invalid_input', 'category');
    await expectRefused('problems.raise', { ...good, dueOn: '2026-02-30' }, 'invalid_input', 'dueOn');
    await expectRefused('problems.raise', { ...good, dueOn: '30/11/2026' }, 'invalid_input', 'dueOn');
    await expectRefused('problems.raise', { ...good, responsibleDepartment: 'x'.repeat(101) }, 'invalid_input', 'responsibleDepartment');
    await expectRefused('problems.raise', { ...good, coordinatingLeader: 'x'.repeat(101) }, 'invalid_input', 'coordinatingLeader');
    await expectRefused('problems.raise', { ...good, projectId: 'not-a-uuid' }, 'invalid_input', 'projectId');
    await expectRefused('problems.raise', { ...good, sourceVisitId: 'nope' }, 'invalid_input', 'sourceVisitId');
    await expectRefused('problems.raise', null, 'invalid_input');
  });

  it('refuses an unknown project, a visit of another project and a store without an officer, writing nothing', async () => {
    const good = { projectId: PROJECT, category: 'land', description: '配套道路未贯通' };
    await expectRefused('problems.raise', { ...good, projectId: MISSING }, 'not_found');
    const otherVisit = store.db.prepare('SELECT id FROM visits WHERE project_id = ? LIMIT 1').get(OTHER_PROJECT) as { id: string };
    await expectRefused('problems.raise', { ...good, sourceVisitId: otherVisit.id }, 'not_found');
    await expectRefused('problems.raise', { ...good, sourceVisitId: MISSING }, 'not_found');
    store.db.prepare("DELETE FROM settings WHERE key = 'officer'").run();
    await expectRefused('problems.raise', good, 'invalid_input', 'officer');
  });
});

describe('problems.act', () => {
  it('takes a problem round the whole loop, one event and one change-log row per step', async () => {
    const p = await raise({ responsibleDepartment: '区交通运输局', dueOn: '2026-11-20' });
    expect(p.overdue).toBe(true);
    const seq = lastChangeSeq(store.db);

    const dispatched = await ok('problems.act', { problemId: p.id, action: 'dispatch', department: '  区住房和城乡建设局 ', note: '请本周提出方案' });
    expect(dispatched).toMatchObject({ status: 'dispatched', currentDepartment: '区住房和城乡建设局', responsibleDepartment: '区交通运输局', overdue: true });
    const coordinated = await ok('problems.act', { problemId: p.id, action: 'coordinate', note: '区领导顶格协调', by: '王立新' });
    expect(coordinated.status).toBe('in_progress');
    const resolved = await ok('problems.act', { problemId: p.id, action: 'resolve', resolution: '临时便道已修通' });
    expect(resolved).toMatchObject({ status: 'resolved', resolution: '临时便道已修通', overdue: false });
    const closed = await ok('problems.act', { problemId: p.id, action: 'verify_close' });
    expect(closed).toMatchObject({ status: 'closed', overdue: false, skippedEventIds: [] });
    const reopened = await ok('problems.act', { problemId: p.id, action: 'reopen', note: '便道雨后损毁' });
    expect(reopened).toMatchObject({ status: 'in_progress', resolution: null, overdue: true });
    const noted = await ok('problems.act', { problemId: p.id, action: 'note', note: '已约施工方周五复查' });
    expect(noted.status).toBe('in_progress');

    const rows = store.db
      .prepare('SELECT id, action, by, origin, note, department, resolution, at FROM problem_events WHERE problem_id = ? ORDER BY at, id')
      .all(p.id) as {
      id: string;
      action: string;
      by: string;
      origin: string;
      note: string;
      department: string | null;
      resolution: string | null;
      at: string;
    }[];
    expect(rows.map(({ id: _id, at: _at, ...r }) => r)).toEqual([
      { action: 'dispatch', by: '演示用户', origin: 'officer', note: '请本周提出方案', department: '区住房和城乡建设局', resolution: null },
      { action: 'coordinate', by: '王立新', origin: 'officer', note: '区领导顶格协调', department: null, resolution: null },
      { action: 'resolve', by: '演示用户', origin: 'officer', note: '', department: null, resolution: '临时便道已修通' },
      { action: 'verify_close', by: '演示用户', origin: 'officer', note: '', department: null, resolution: null },
      { action: 'reopen', by: '演示用户', origin: 'officer', note: '便道雨后损毁', department: null, resolution: null },
      { action: 'note', by: '演示用户', origin: 'officer', note: '已约施工方周五复查', department: null, resolution: null },
    ]);
    // The clock stands still in this test; each step still sorts after the one before it.
    expect(new Set(rows.map((r) => r.at)).size).toBe(rows.length);
    expect(noted.events.map((e) => e.id)).toEqual(rows.map((r) => r.id));

    const changes = changesAfter(store.db, seq);
    expect(changes.map((c) => [c.entity, c.recordId])).toEqual(rows.map((r) => ['problem_event', r.id]));
    // The problem as raised never changes.
    expect(store.db.prepare('SELECT responsible_department AS d, description FROM problems WHERE id = ?').get(p.id)).toEqual({
      d: '区交通运输局',
      description: '配套道路未贯通',
    });
  });

  const ILLEGAL = ProblemStatus.options.flatMap((status) =>
    ProblemAction.options.filter((action) => nextProblemStatus(status, action) === null).map((action) => [status, action] as const),
  );

  it('knows which steps are illegal (a table of them)', () => {
    expect(ILLEGAL.map(([s, a]) => `${s}:${a}`)).toEqual([
      'raised:coordinate',
      'raised:resolve',
      'raised:verify_close',
      'raised:reopen',
      'dispatched:verify_close',
      'dispatched:reopen',
      'in_progress:dispatch',
      'in_progress:verify_close',
      'in_progress:reopen',
      'resolved:dispatch',
      'resolved:coordinate',
      'resolved:resolve',
      'closed:dispatch',
      'closed:coordinate',
      'closed:resolve',
      'closed:verify_close',
    ]);
  });

  it.each(ILLEGAL)('refuses %s → %s as an illegal transition, writing nothing', async (status, action) => {
    const p = await problemAt(status);
    await expectRefused('problems.act', { problemId: p.id, ...fullInput(action) }, 'illegal_transition');
  });

  it('refuses a step the merged history makes illegal, even if the officer’s own events alone would allow it', async () => {
    const p = await problemAt('in_progress');
    // The bureau resolved it in the meantime (its event arrived in an assignment).
    insertProblemEvent(store.db, {
      id: '00000000-0000-4000-8000-00000000beef',
      problemId: p.id,
      action: 'resolve',
      at: new Date(store.ctx.now().getTime() + 1000).toISOString(),
      by: '区经济发展局',
      origin: 'bureau',
      note: '',
      department: null,
      resolution: '局里已协调解决',
    });
    await expectRefused('problems.act', { problemId: p.id, action: 'resolve', resolution: '我也解决了' }, 'illegal_transition');
    // And a step after it sorts after it, even though the officer's clock is behind the bureau's event.
    const closed = await ok('problems.act', { problemId: p.id, action: 'verify_close' });
    expect(closed.status).toBe('closed');
    expect(closed.events.at(-1)!.action).toBe('verify_close');
    expect(closed.events.at(-1)!.at > closed.events.at(-2)!.at).toBe(true);
  });

  it('keeps an event the merge could not apply, and reports it as skipped', async () => {
    const p = await problemAt('resolved');
    // Two bureau events at the same moment, right after the officer's resolve: in (at, id) order the second
    // resolve comes first and is illegal there; the verify-and-close after it applies.
    const at = new Date(Date.parse(p.events.at(-1)!.at) + 1).toISOString();
    insertProblemEvent(store.db, {
      id: '00000000-0000-4000-8000-00000000cafe',
      problemId: p.id,
      action: 'verify_close',
      at,
      by: '区经济发展局',
      origin: 'bureau',
      note: '',
      department: null,
      resolution: null,
    });
    insertProblemEvent(store.db, {
      id: '00000000-0000-4000-8000-00000000cafd',
      problemId: p.id,
      action: 'resolve',
      at,
      by: '区经济发展局',
      origin: 'bureau',
      note: '',
      department: null,
      resolution: '重复',
    });
    const ledger = await wholeLedger((input) => ok('problems.ledger', input));
    const view = ledger.find((x) => x.id === p.id)!;
    expect(view.skippedEventIds).toEqual(['00000000-0000-4000-8000-00000000cafd']);
    expect(view.status).toBe('closed');
  });

  it('refuses a step without what it needs, writing nothing', async () => {
    const raised = await problemAt('raised');
    await expectRefused('problems.act', { problemId: raised.id, action: 'dispatch' }, 'invalid_input', 'department');
    await expectRefused('problems.act', { problemId: raised.id, action: 'dispatch', department: '   ' }, 'invalid_input', 'department');
    await expectRefused('problems.act', { problemId: raised.id, action: 'note' }, 'invalid_input', 'note');
    await expectRefused('problems.act', { problemId: raised.id, action: 'note', note: '  ' }, 'invalid_input', 'note');
    const inProgress = await problemAt('in_progress');
    await expectRefused('problems.act', { problemId: inProgress.id, action: 'resolve' }, 'invalid_input', 'resolution');
    await expectRefused('problems.act', { problemId: inProgress.id, action: 'resolve', resolution: ' ', note: '已解决' }, 'invalid_input', 'resolution');
    const closed = await problemAt('closed');
    await expectRefused('problems.act', { problemId: closed.id, action: 'reopen' }, 'invalid_input', 'note');
    await expectRefused('problems.act', { problemId: closed.id, action: 'reopen', note: '   ' }, 'invalid_input', 'note');
  });

  it('refuses malformed input and unknown problems, writing nothing', async () => {
    const p = await problemAt('raised');
    await expectRefused('problems.act', { problemId: p.id, action: 'escalate', note: 'x' }, 'invalid_input', 'action');
    await expectRefused('problems.act', { problemId: 'abc', action: 'note', note: 'x' }, 'invalid_input', 'problemId');
    await expectRefused('problems.act', { problemId: p.id, action: 'note', note: 'x'.repeat(4001) }, 'invalid_input', 'note');
    await expectRefused('problems.act', { problemId: p.id, action: 'dispatch', department: 'x'.repeat(101) }, 'invalid_input', 'department');
    await expectRefused('problems.act', { problemId: p.id, action: 'note', note: 'x', by: 'x'.repeat(101) }, 'invalid_input', 'by');
    await expectRefused('problems.act', { problemId: p.id, action: 'note', note: 42 }, 'invalid_input', 'note');
    await expectRefused('problems.act', { problemId: MISSING, action: 'note', note: 'x' }, 'not_found');
  });

  it('does not keep a department or resolution given to a step that takes none', async () => {
    const p = await problemAt('dispatched');
    const view = await ok('problems.act', { problemId: p.id, action: 'coordinate', department: '别的部门', resolution: '无关' });
    expect(view.events.at(-1)).toMatchObject({ action: 'coordinate', department: null, resolution: null });
    expect(view.currentDepartment).toBe('区住房和城乡建设局');
  });
});

describe('problems.ledger', () => {
  it('lists every problem of every project with its project name and derived state', async () => {
    const mine = await raise({ dueOn: '2026-11-01' });
    const ledger = await wholeLedger((input) => ok('problems.ledger', input));
    expect(ledger).toHaveLength(countRows(store.db, 'problems'));
    expect(new Set(ledger.map((p) => p.projectId)).size).toBeGreaterThan(1);
    const names = new Map((store.db.prepare('SELECT id, name FROM projects').all() as { id: string; name: string }[]).map((r) => [r.id, r.name]));
    for (const p of ledger) expect(p.projectName).toBe(names.get(p.projectId));
    expect(ledger.find((p) => p.id === mine.id)).toMatchObject({ status: 'raised', overdue: true, projectName: '云岭超充电池项目（演示）' });
    // The demo has a problem at every step of the loop.
    expect(new Set(ledger.map((p) => p.status))).toEqual(new Set(ProblemStatus.options));
  });

  it('writes nothing', async () => {
    const before = dumpDatabase(store.db);
    await ok('problems.ledger', {});
    expect(dumpDatabase(store.db)).toBe(before);
  });
});

describe('problems.ledger pages (issue 11)', () => {
  it('answers one page with the filtered total and whole-ledger counts, pages never overlap, and each filter and sort is applied by the store', async () => {
    const project = store.db.prepare('SELECT id FROM projects ORDER BY code LIMIT 1').pluck().get() as string;
    for (let i = 0; i < 30; i++)
      await raise({ projectId: project, description: `分页问题 ${String(i).padStart(2, '0')}`, dueOn: i % 3 === 0 ? '2026-11-01' : '2026-12-30' });
    const all = await wholeLedger((input) => ok('problems.ledger', input));
    const first = await ok<LedgerPage>('problems.ledger', { limit: 7 });
    expect(first.rows).toHaveLength(7);
    expect(first.total).toBe(all.length);
    expect(first.counts).toEqual({
      collected: all.length,
      done: all.filter((p) => p.status === 'resolved' || p.status === 'closed').length,
      open: all.filter((p) => p.status !== 'resolved' && p.status !== 'closed').length,
      overdue: all.filter((p) => p.overdue).length,
    });
    // Consecutive pages tile the ledger: every problem once, in the default order (latest moved first).
    const tiled: ProblemView[] = [];
    for (let offset = 0; offset < all.length; offset += 7) tiled.push(...(await ok<LedgerPage>('problems.ledger', { offset, limit: 7 })).rows);
    expect(tiled.map((p) => p.id)).toEqual(all.map((p) => p.id));
    expect(new Set(tiled.map((p) => p.id)).size).toBe(countRows(store.db, 'problems'));
    const moved = (p: ProblemView) =>
      p.events
        .map((e) => e.at)
        .sort()
        .at(-1) ?? p.recordedAt;
    expect(tiled.map(moved)).toEqual([...tiled.map(moved)].sort().reverse());

    const overdue = await ok<LedgerPage>('problems.ledger', { overdueOnly: true, limit: 1000 });
    expect(overdue.rows.map((p) => p.id).sort()).toEqual(
      all
        .filter((p) => p.overdue)
        .map((p) => p.id)
        .sort(),
    );
    expect(overdue.total).toBe(overdue.rows.length);
    const raised = await ok<LedgerPage>('problems.ledger', { statuses: ['raised', 'closed'], limit: 1000 });
    expect(raised.rows.map((p) => p.id).sort()).toEqual(
      all
        .filter((p) => p.status === 'raised' || p.status === 'closed')
        .map((p) => p.id)
        .sort(),
    );
    const dept = all.find((p) => p.currentDepartment !== '' && p.currentDepartment !== p.responsibleDepartment) ?? all.find((p) => p.currentDepartment !== '')!;
    const byDept = await ok<LedgerPage>('problems.ledger', { departments: [dept.currentDepartment], limit: 1000 });
    expect(byDept.rows.map((p) => p.id).sort()).toEqual(
      all
        .filter((p) => p.currentDepartment === dept.currentDepartment)
        .map((p) => p.id)
        .sort(),
    );
    expect(first.departments).toEqual([...new Set(all.map((p) => p.currentDepartment).filter((d) => d !== ''))].sort());
    const searched = await ok<LedgerPage>('problems.ledger', { search: '分页问题 1', categories: ['land'], projectIds: [project], limit: 1000 });
    expect(searched.rows.map((p) => p.description).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `分页问题 1${i}`));
    const byDue = await ok<LedgerPage>('problems.ledger', { sort: 'dueOn', order: 'asc', limit: 1000 });
    expect(byDue.rows.map((p) => p.dueOn ?? '9999')).toEqual(all.map((p) => p.dueOn ?? '9999').sort());
  });

  it('refuses a bad page request and writes nothing', async () => {
    const before = dumpDatabase(store.db);
    for (const input of [
      { limit: 0 },
      { limit: 1001 },
      { offset: -1 },
      { statuses: ['lost'] },
      { sort: 'id; DROP TABLE problems' },
      { order: 'sideways' },
      { projectIds: ['x'] },
    ]) {
      const result = await call('problems.ledger', input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_input');
    }
    expect(dumpDatabase(store.db)).toBe(before);
  });
});
