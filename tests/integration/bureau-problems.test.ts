import { mkdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assignAll } from '../../electron/bureau/assign.js';
import { createBureauCommand } from '../../electron/cli/bureau/commands.js';
import { type BureauContext } from '../../electron/bureau/context.js';
import { dumpBureauDatabase } from '../../electron/bureau/database.js';
import { ingestPacket } from '../../electron/bureau/ingest.js';
import { actOnBureauProblem, getBureauProblem, listBureauProblems, raiseBureauProblem } from '../../electron/bureau/problems.js';
import { readAssignmentFile } from '../../electron/packets/assignment-file.js';
import { readPublicKeyFile } from '../../electron/packets/keys.js';
import { grantFile } from '../../electron/files/file-handles.js';
import { changesAfter } from '../../electron/store/repositories/change-log.js';
import { exportWeeklyPacket } from '../../electron/sync/weekly-export.js';
import { readOfficerKey } from '../../electron/sync/keys.js';
import { acceptOfficerKey } from '../fixtures/bureau/accept-key.js';
import { resolveOfficer } from '../../electron/bureau/officers.js';
import { makeTempDir, openTempStore, type TempDir, type TempStore } from '../helpers/temp-store.js';
import { perform } from '../helpers/operations.js';
import { wholeLedger } from '../helpers/ledger-pages.js';
import { sampleBureau } from '../helpers/bureau.js';

/**
 * The bureau's side of the closed problem loop (electron/bureau/problems.ts): raising, dispatching,
 * coordinating at the top level, verifying and closing; each step checked against the state derived from
 * every event the bureau holds; carried to the officer in the next assignment and merged there as a union;
 * the officer's events on a bureau problem coming back in the weekly packet. Through the module and the CLI.
 */

let clock = new Date('2026-11-02T09:00:00');
const now = () => new Date(clock.getTime());
let dir: TempDir;
let dbPath: string;
let ctx: BureauContext;
const stores: TempStore[] = [];

beforeEach(() => {
  clock = new Date('2026-11-02T09:00:00');
  dir = makeTempDir('sponsor-desk-bureau-problems-');
  dbPath = dir.file('desk/bureau.sqlite');
  ctx = sampleBureau(dbPath, now);
});
afterEach(() => {
  ctx.db.close();
  for (const s of stores.splice(0)) s.close();
  dir.remove();
});

const call = <T = any>(store: TempStore, name: string, input: unknown) => perform<T>(store.ctx, name, input);

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string; json: () => any }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await createBureauCommand({ now, env }).run([...args, '--db', dbPath], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n'), json: () => JSON.parse(out.join('\n')) };
}

/** 李明's store with the latest assignment applied. */
async function officerStore(): Promise<TempStore> {
  const store = openTempStore({ now });
  stores.push(store);
  await call(store, 'sync.trustBureauKey', { keyPem: readFileSync(dir.file('desk/bureau.pub'), 'utf8') });
  return store;
}

async function assignTo(store: TempStore, outName: string): Promise<string> {
  mkdirSync(dir.file(outName), { recursive: true });
  const [result] = await assignAll(ctx, { outDir: dir.file(outName), officer: '李明' });
  const applied = await call(store, 'sync.applyAssignment', { file: grantFile(store.ctx, result!.file) });
  expect(applied.applied).toBe(true);
  return result!.file;
}

describe('bureau problems: the module', () => {
  it('raises a problem with origin bureau, walks the whole loop, and derives the state from every event held', () => {
    const raised = raiseBureauProblem(ctx, { project: 'GX-2026-001', category: 'land', description: '用地指标缺口 30 亩', dueOn: '2026-12-15' });
    expect(raised).toMatchObject({ origin: 'bureau', projectCode: 'GX-2026-001', status: 'raised', raisedOn: '2026-11-02', officerName: '李明', events: [] });
    expect(raised.coordinatingLeader).toBe('王立新'); // the project's sponsoring leader
    const row = ctx.db.prepare('SELECT officer_id, packet_id FROM problems WHERE id = ?').get(raised.id);
    expect(row).toEqual({ officer_id: null, packet_id: null });

    clock = new Date('2026-11-03T10:00:00');
    expect(actOnBureauProblem(ctx, { problem: raised.id, action: 'dispatch', department: '区自然资源局' })).toMatchObject({
      status: 'dispatched',
      currentDepartment: '区自然资源局',
    });
    const coordinated = actOnBureauProblem(ctx, { problem: raised.id.slice(0, 8), action: 'coordinate', note: '王立新副区长召开专题会' });
    expect(coordinated.status).toBe('in_progress');
    expect(coordinated.events.at(-1)).toMatchObject({ action: 'coordinate', by: '王立新', origin: 'bureau' });
    actOnBureauProblem(ctx, { problem: raised.id, action: 'resolve', resolution: '调剂用地指标 30 亩' });
    const closed = actOnBureauProblem(ctx, { problem: raised.id, action: 'verify_close', note: '现场核实' });
    expect(closed).toMatchObject({ status: 'closed', resolution: '调剂用地指标 30 亩' });
    // Same clock for every step: each event is still strictly after the one before it.
    const ats = closed.events.map((e) => e.at);
    expect([...ats].sort()).toEqual(ats);
    expect(new Set(ats).size).toBe(ats.length);

    expect(listBureauProblems(ctx, { openOnly: true })).toEqual([]);
    expect(listBureauProblems(ctx, { project: 'GX-2026-001' }).map((p) => p.id)).toEqual([raised.id]);
    expect(getBureauProblem(ctx, raised.id).events).toHaveLength(4);
  });

  it('refuses illegal steps and incomplete input and leaves the database unchanged', () => {
    const p = raiseBureauProblem(ctx, { project: 'GX-2026-002', category: 'approval', description: '施工许可排队' });
    const before = JSON.stringify(dumpBureauDatabase(ctx.db));
    const refusals: [Parameters<typeof actOnBureauProblem>[1], string][] = [
      [{ problem: p.id, action: 'verify_close' }, 'illegal_transition'],
      [{ problem: p.id, action: 'resolve', resolution: '已办' }, 'illegal_transition'],
      [{ problem: p.id, action: 'reopen', note: '未解决' }, 'illegal_transition'],
      [{ problem: p.id, action: 'dispatch' }, 'invalid_input'],
      [{ problem: p.id, action: 'note' }, 'invalid_input'],
      [{ problem: p.id, action: 'escalate' }, 'invalid_input'],
      [{ problem: '00000000-0000-4000-8000-000000000000', action: 'note', note: 'x' }, 'not_found'],
      [{ problem: p.id, action: 'dispatch', department: 'x'.repeat(101) }, 'invalid_input'],
    ];
    for (const [input, code] of refusals) {
      expect(() => actOnBureauProblem(ctx, input), JSON.stringify(input)).toThrow(expect.objectContaining({ code }));
    }
    expect(() => raiseBureauProblem(ctx, { project: 'NO-SUCH', category: 'land', description: 'x' })).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => raiseBureauProblem(ctx, { project: 'GX-2026-001', category: 'weather', description: 'x' })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => raiseBureauProblem(ctx, { project: 'GX-2026-001', category: 'land', description: '  ' })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => raiseBureauProblem(ctx, { project: 'GX-2026-001', category: 'land', description: 'x', dueOn: '2026-02-30' })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(JSON.stringify(dumpBureauDatabase(ctx.db))).toBe(before);
  });

  it('refuses to raise a problem on a withdrawn project', () => {
    const ids = ctx.db.prepare("UPDATE projects SET archived_at = '2026-10-01T00:00:00.000Z' WHERE code = 'GX-2026-003'").run();
    expect(ids.changes).toBe(1);
    expect(() => raiseBureauProblem(ctx, { project: 'GX-2026-003', category: 'land', description: '用地' })).toThrow(
      expect.objectContaining({ code: 'invalid_input', params: expect.objectContaining({ reason: 'project_withdrawn' }) }),
    );
  });
});

describe('bureau problems: both sides of the loop through the files', () => {
  it('carries bureau problems and events to the officer, merges them as a union, and folds the officer’s events back', async () => {
    const store = await officerStore();
    await assignTo(store, 'a1');
    const projects = await call<{ id: string; code: string }[]>(store, 'projects.list', { includeArchived: false });
    const project = projects.find((p) => p.code === 'GX-2026-001')!;

    // The officer raises one; the bureau raises one and dispatches it.
    clock = new Date('2026-11-03T09:00:00');
    const own = await call<{ id: string }>(store, 'problems.raise', { projectId: project.id, category: 'capital', description: '融资到位慢' });
    await call(store, 'problems.act', { problemId: own.id, action: 'dispatch', department: '区财政局' });
    const fromBureau = raiseBureauProblem(ctx, { project: 'GX-2026-001', category: 'energy_quota', description: '能耗指标不足' });
    clock = new Date('2026-11-03T10:00:00');
    actOnBureauProblem(ctx, { problem: fromBureau.id, action: 'dispatch', department: '区发展和改革局' });

    // Assignment 2 carries the bureau's problem; the officer's store inserts it without logging it for the packet.
    clock = new Date('2026-11-04T09:00:00');
    const file = await assignTo(store, 'a2');
    const payload = (await readAssignmentFile(file, { bureauPublicKeyPem: readPublicKeyFile(dir.file('desk/bureau.pub')).publicKeyPem })).payload;
    expect(payload.problems.map((p) => p.id)).toContain(fromBureau.id);
    expect(payload.problemEvents.filter((e) => e.problemId === fromBureau.id).map((e) => e.action)).toEqual(['dispatch']);
    const ledger = await wholeLedger((input) => call(store, 'problems.ledger', input));
    expect(ledger.find((p) => p.id === fromBureau.id)).toMatchObject({ status: 'dispatched', origin: 'bureau' });
    expect(changesAfter(store.db, 0).filter((c) => c.recordId === fromBureau.id)).toEqual([]);

    // The officer works it: coordination by the leader and the resolution; the weekly packet carries only its own events.
    clock = new Date('2026-11-05T15:00:00');
    await call(store, 'problems.act', { problemId: fromBureau.id, action: 'coordinate', by: '王立新', note: '顶格协调' });
    await call(store, 'problems.act', { problemId: fromBureau.id, action: 'resolve', resolution: '市里调剂能耗指标' });
    mkdirSync(dir.file('usb'));
    const exported = await exportWeeklyPacket(store.ctx, { outDir: dir.file('usb') });
    clock = new Date('2026-11-06T09:00:00');
    // The officer's key handed over (docs/bureau.md: a packet never registers its own key).
    acceptOfficerKey(ctx, resolveOfficer(ctx, '李明').id, readOfficerKey(store.db)!.publicKeyPem);
    const ingested = await ingestPacket(ctx, exported.filePath);
    expect(ingested).toMatchObject({ status: 'accepted', conflicts: 0 });
    expect(getBureauProblem(ctx, fromBureau.id).status).toBe('resolved');
    expect(getBureauProblem(ctx, own.id)).toMatchObject({ status: 'dispatched', origin: 'officer', officerName: '李明' });

    // The bureau verifies and closes both; a verification before the resolution is known would be refused.
    expect(() => actOnBureauProblem(ctx, { problem: own.id, action: 'verify_close' })).toThrow(expect.objectContaining({ code: 'illegal_transition' }));
    actOnBureauProblem(ctx, { problem: fromBureau.id, action: 'verify_close', note: '经核实已化解' });
    actOnBureauProblem(ctx, { problem: own.id, action: 'coordinate', note: '协调金融机构' });

    // The officer resolves its own meanwhile (not yet known at the bureau); the next assignment merges both sides.
    clock = new Date('2026-11-06T11:00:00');
    await call(store, 'problems.act', { problemId: own.id, action: 'resolve', resolution: '贷款已发放' });
    clock = new Date('2026-11-09T09:00:00');
    await assignTo(store, 'a3');
    const after = await wholeLedger((input) => call(store, 'problems.ledger', input));
    expect(after.find((p) => p.id === fromBureau.id)).toMatchObject({ status: 'closed' });
    const mine = after.find((p) => p.id === own.id)!;
    expect(mine.status).toBe('resolved');
    expect(mine.events.map((e) => e.origin)).toEqual(['officer', 'bureau', 'officer']);

    // Importing the same assignment again changes nothing; the officer's change log holds only its own records.
    const logged = changesAfter(store.db, 0);
    expect(logged.every((c) => (c.payload as { origin?: string }).origin !== 'bureau')).toBe(true);
    expect(logged.filter((c) => c.entity === 'problem_event')).toHaveLength(4);

    // The last packet brings the officer's resolution; bureau and officer now derive the same state for both.
    const second = await exportWeeklyPacket(store.ctx, { outDir: dir.file('usb') });
    expect((await ingestPacket(ctx, second.filePath)).status).toBe('accepted');
    for (const p of after) expect(getBureauProblem(ctx, p.id).status, p.id).toBe(p.status);
    expect(ctx.db.prepare('SELECT count(*) FROM conflicts').pluck().get()).toBe(0);
  });
});

describe('bureau problems: the CLI', () => {
  it('raise, act and list with --json, refusals exit 1, wrong arguments exit 2', async () => {
    const raised = await cli([
      'problems',
      'raise',
      '--project',
      'GX-2026-004',
      '--category',
      'approval',
      '--description',
      '环评批复排队',
      '--due',
      '2026-11-30',
      '--json',
    ]);
    expect(raised.code).toBe(0);
    const problem = raised.json().result;
    expect(problem).toMatchObject({ origin: 'bureau', projectCode: 'GX-2026-004', status: 'raised', dueOn: '2026-11-30' });

    const dispatched = await cli(['problems', 'act', '--problem', problem.id, '--action', 'dispatch', '--department', '区生态环境分局', '--json']);
    expect(dispatched.json()).toMatchObject({ ok: true, command: 'problems', result: { status: 'dispatched', currentDepartment: '区生态环境分局' } });

    const illegal = await cli(['problems', 'act', '--problem', problem.id, '--action', 'verify_close', '--json']);
    expect(illegal.code).toBe(1);
    expect(illegal.json()).toMatchObject({ ok: false, error: { code: 'illegal_transition', params: { status: 'dispatched' } } });

    const list = await cli(['problems', 'list', '--open', '--json']);
    expect(list.json().result.map((p: { id: string }) => p.id)).toEqual([problem.id]);
    const text = await cli(['problems', 'list', '--project', 'GX-2026-004'], { LANG: 'zh_CN.UTF-8' });
    expect(text.code).toBe(0);
    expect(text.out).toContain('已交办');
    expect(text.out).toContain('区生态环境分局');
    const refusedZh = await cli(['problems', 'act', '--problem', problem.id, '--action', 'verify_close'], { LANG: 'zh_CN.UTF-8' });
    expect(refusedZh.code).toBe(1);
    expect(refusedZh.err).toContain('问题当前状态下不能进行此操作');

    expect((await cli(['problems', 'raise', '--project', 'GX-2026-004'])).code).toBe(2);
    expect((await cli(['problems', 'act', '--problem', problem.id])).code).toBe(2);
    expect((await cli(['problems', 'frobnicate'])).code).toBe(2);
    expect((await cli(['problems', 'list', '--origin', 'nobody'])).code).toBe(2);
    expect(readFileSync(dbPath).length).toBeGreaterThan(0);
  });
});
