/**
 * Long jobs (jobs.start / jobs.get): a weekly packet exported, an assignment applied and a backup written in a
 * worker thread with its own connection to a real temporary store, while this thread goes on answering other
 * operations. Progress, results checked with the operation's own output schema, errors with their codes, the
 * one-job-per-store rule, a protected store, and a worker stopped in the middle of its transaction.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JOB_PHASE_WEIGHTS, type JobView } from '@shared/operations/jobs.js';
import { runLongWork, startThread, type LongWorkProgress, type StartWorker } from '../../electron/main/long-work.js';
import { grantFile, grantFolder } from '../../electron/files/file-handles.js';
import { FINISHED_KEPT, setJobRunOptions, stopJobs } from '../../electron/handlers/jobs.js';
import type { LongJobData } from '../../electron/jobs/long-jobs.js';
import { openDatabase } from '../../electron/store/database.js';
import { isEncryptedFile, openConnection } from '../../electron/store/driver.js';
import { countRows, dumpDatabase, openTempStore, type TempStore } from '../helpers/temp-store.js';
import { perform, refusalOf } from '../helpers/operations.js';
import { makeAssignment, makeBureau, makeOfficer, writeAssignment, type AssignmentShape, type TestBureau } from './sync-fixtures.js';
import { applyFirstAssignment } from '../helpers/first-assignment.js';

const call = <T>(store: TempStore, name: string, input: unknown) => perform<T>(store.ctx, name, input);

const refusal = (store: TempStore, name: string, input: unknown) => refusalOf(store.ctx, name, input);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls jobs.get until the job has finished; returns every view seen, the last one finished. */
async function follow(store: TempStore, jobId: string, everyMs = 20, timeoutMs = 60_000): Promise<JobView[]> {
  const seen: JobView[] = [];
  const until = Date.now() + timeoutMs;
  for (;;) {
    const view = await call<JobView>(store, 'jobs.get', { jobId });
    seen.push(view);
    if (view.status !== 'running') return seen;
    if (Date.now() > until) throw new Error(`job ${jobId} still running after ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}

/** `count` officer records with their change-log rows (what a weekly packet carries), written by a worker thread. */
async function seedChanges(store: TempStore, shape: AssignmentShape, count: number): Promise<void> {
  const worker = new Worker(join(import.meta.dirname, '../helpers/seed-changes-worker.ts'), {
    execArgv: ['--import', 'tsx'],
    workerData: { databasePath: store.ctx.databasePath, projectIds: shape.projects.map((p) => p.id), officerName: shape.officer.name, count },
  });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`seeding stopped with exit code ${code}`)));
  });
  await worker.terminate();
}

interface Officer {
  store: TempStore;
  bureau: TestBureau;
  shape: AssignmentShape;
  out: string;
}

/** Assignment 2 for the officer: the projects they hold and `projects` new ones of `items` checklist items each. */
function growingAssignment({ store, bureau, shape }: Officer, projects: number, items: number): Promise<string> {
  const next = makeAssignment(shape.officer, { projects, items, codePrefix: 'GX-2027-' });
  const grown = {
    ...next,
    projects: [...shape.projects, ...next.projects],
    milestones: [...shape.milestones, ...next.milestones],
    checklistItems: [...shape.checklistItems, ...next.checklistItems],
  };
  return writeAssignment(store.dir.path, bureau, grown, 2);
}

/** A store that has applied a first assignment (so it has an officer) and holds `changes` unexported changes. */
async function officerStore(changes: number, projects = 20): Promise<Officer> {
  const store = openTempStore();
  const shape = makeAssignment(makeOfficer(), { projects, items: 5 });
  const bureau = await applyFirstAssignment(store, shape);
  if (changes > 0) await seedChanges(store, shape, changes);
  const out = store.dir.folder('out');
  return { store, bureau, shape, out };
}

const open: TempStore[] = [];
afterEach(async () => {
  setJobRunOptions({});
  for (const store of open.splice(0)) {
    await stopJobs(store.ctx);
    store.close();
  }
});

function phaseIndex(kind: JobView['kind'], phase: string): number {
  return JOB_PHASE_WEIGHTS[kind].findIndex(([p]) => p === phase);
}

describe('a weekly packet exported as a job', () => {
  let big: Officer;
  beforeAll(async () => {
    big = await officerStore(30_000);
  }, 120_000);
  afterAll(() => big?.store.close());

  it('runs in a worker while this thread answers other operations, with progress, and the result is the operation output', async () => {
    const { store, out } = big;
    const pendingBefore = (await call<{ pendingChanges: number }>(store, 'sync.status', {})).pendingChanges;
    expect(pendingBefore).toBeGreaterThanOrEqual(30_000);

    // The first list of a process computes every project's pinyin search key (a few hundred ms on a busy
    // machine); done before measuring, so a long gap below can only be the job holding this thread up.
    await call(store, 'projects.list', {});
    // The event loop of this thread is measured throughout: a blocked thread shows as a long gap between ticks.
    const started = performance.now();
    let last = performance.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 5);
    const { jobId, kind } = await call<{ jobId: string; kind: string }>(store, 'jobs.start', {
      kind: 'sync.exportPacket',
      input: { folder: grantFolder(store.ctx, out), summary: '本周工作顺利。' },
    });
    expect(kind).toBe('sync.exportPacket');

    // While the job runs: an ordinary call, answered at once.
    const listStarted = performance.now();
    const projects = await call<unknown[]>(store, 'projects.list', {});
    const listMs = performance.now() - listStarted;
    const duringJob = await call<JobView>(store, 'jobs.get', { jobId });

    const seen = await follow(store, jobId, 10);
    const jobMs = performance.now() - started;
    clearInterval(ticker);

    expect(projects).toHaveLength(20);
    expect(duringJob.status).toBe('running'); // projects.list was answered before the job finished
    expect(jobMs).toBeGreaterThan(1000); // a store big enough that the export takes a while
    // Answered long before the job ends (the job's status above says it was still running); how fast is the
    // benches' business, so this bound only catches a call that waited for the job.
    expect(listMs).toBeLessThan(jobMs);
    // Never held up for the job: an export on this thread would block it for about the whole job. Half the job
    // tells the two apart on a busy machine, where ordinary work (starting the worker, reading its result) has
    // taken up to ~0.5 s; how short the gaps are is the benches' business.
    expect(longestGap).toBeLessThan(jobMs / 2);

    const final = seen.at(-1)!;
    expect(final).toMatchObject({ status: 'done', phase: 'done', percent: 100, error: null });
    if (final.kind !== 'sync.exportPacket' || !final.result) throw new Error('no export result');
    expect(final.result.changeCount).toBe(pendingBefore);
    expect(readdirSync(out)).toEqual([final.result.fileName]);
    // Written by the worker's connection, seen by this one.
    const history = await call<{ sequence: number; packetId: string }[]>(store, 'sync.exportHistory', {});
    expect(history[0]).toMatchObject({ sequence: final.result.sequence, packetId: final.result.packetId });
    expect((await call<{ neverExportedChanges: number }>(store, 'sync.status', {})).neverExportedChanges).toBe(0);

    // Seen while polling: phases in order, percent never going down.
    const running = seen.filter((v) => v.status === 'running');
    expect(running.length).toBeGreaterThan(3);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.percent).toBeGreaterThanOrEqual(seen[i - 1]!.percent);
    const phases = running.map((v) => phaseIndex(v.kind, v.phase));
    for (let i = 1; i < phases.length; i++) expect(phases[i]).toBeGreaterThanOrEqual(phases[i - 1]!);
    expect(new Set(running.map((v) => v.phase)).size).toBeGreaterThan(1);

    // Read once, it is still there for a second look (a lost answer can be asked again).
    expect((await call<JobView>(store, 'jobs.get', { jobId })).status).toBe('done');
  });

  it("the worker's progress messages arrive in phase order, each phase counting up", async () => {
    const { store, out } = big;
    const messages: LongWorkProgress[] = [];
    const data: LongJobData = {
      kind: 'sync.exportPacket',
      input: { outDir: out },
      databasePath: store.ctx.databasePath,
      attachmentsDir: store.ctx.attachmentsDir,
      appVersion: store.ctx.appVersion,
      passphrase: null,
      clock: { at: store.ctx.now().getTime(), realAt: Date.now() },
    };
    const result = await runLongWork<{ changeCount: number }>('sync.exportPacket', data, { onProgress: (p) => messages.push(p) }).result;
    expect(result.changeCount).toBeGreaterThanOrEqual(30_000);
    const order = messages.map((m) => phaseIndex('sync.exportPacket', m.phase));
    expect(order.every((i) => i >= 0)).toBe(true);
    for (let i = 1; i < messages.length; i++) {
      expect(order[i]).toBeGreaterThanOrEqual(order[i - 1]!);
      if (order[i] === order[i - 1]) expect(messages[i]!.done).toBeGreaterThanOrEqual(messages[i - 1]!.done);
    }
    expect(messages.map((m) => m.phase)).toEqual(expect.arrayContaining(['start', 'collect', 'ledger', 'write']));
    const lastWrite = messages.filter((m) => m.phase === 'write').at(-1)!;
    expect(lastWrite.done).toBe(lastWrite.total);
  });
});

describe('jobs', () => {
  it('refuses a second job for the same store, and a backup or restore meanwhile, with busy', async () => {
    const officer = await officerStore(0);
    open.push(officer.store);
    const { store } = officer;
    const first = await call<{ jobId: string }>(store, 'jobs.start', { kind: 'backup.create', input: {} });
    const second = await refusal(store, 'jobs.start', { kind: 'sync.exportPacket', input: { folder: grantFolder(store.ctx, officer.out) } });
    expect(second).toMatchObject({ code: 'busy', params: { running: 'backup.create', jobId: first.jobId } });
    expect(second.message).toMatch(/already running/);
    expect((await refusal(store, 'backup.create', {})).code).toBe('busy');
    expect((await refusal(store, 'store.leaveDemo', {})).code).toBe('busy');

    const done = (await follow(store, first.jobId)).at(-1)!;
    expect(done.status).toBe('done');
    if (done.kind !== 'backup.create' || !done.result) throw new Error('no backup result');
    expect((await call<{ fileName: string }[]>(store, 'backup.list', {})).map((b) => b.fileName)).toContain(done.result.fileName);
    // Free again once finished.
    const again = await call<{ jobId: string }>(store, 'jobs.start', { kind: 'sync.exportPacket', input: { folder: grantFolder(store.ctx, officer.out) } });
    expect((await follow(store, again.jobId)).at(-1)!.status).toBe('done');
  });

  it("checks the input with the operation's own schema before anything starts", async () => {
    const store = openTempStore();
    open.push(store);
    expect(await refusal(store, 'jobs.start', { kind: 'sync.exportPacket', input: { folder: store.dir.path } })).toMatchObject({
      code: 'invalid_input',
      params: { path: 'input.folder' },
    });
    expect((await refusal(store, 'jobs.start', { kind: 'sync.applyAssignment', input: { file: '' } })).code).toBe('invalid_input');
    expect((await refusal(store, 'jobs.start', { kind: 'backup.restore', input: {} })).code).toBe('invalid_input');
    expect(await refusal(store, 'jobs.get', { jobId: randomUUID() })).toMatchObject({ code: 'not_found', params: { what: 'job' } });
    // Nothing was left holding the store.
    expect((await call<{ fileName: string }>(store, 'backup.create', {})).fileName).toMatch(/^sponsor-desk-/);
  });

  it("reports a failing job's AppError code, and frees the store", async () => {
    const store = openTempStore();
    open.push(store);
    const missing = store.dir.file('no-such-folder');
    const { jobId } = await call<{ jobId: string }>(store, 'jobs.start', { kind: 'sync.exportPacket', input: { folder: grantFolder(store.ctx, missing) } });
    const failed = (await follow(store, jobId)).at(-1)!;
    expect(failed).toMatchObject({ status: 'failed', phase: 'done', result: null, error: { code: 'not_found', params: { what: 'officer' } } });

    // An assignment without a pinned bureau key: key_missing, nothing written.
    const bureau = makeBureau(store.dir.path);
    const file = await writeAssignment(store.dir.path, bureau, makeAssignment(makeOfficer()), 1);
    const before = dumpDatabase(store.db);
    const apply = await call<{ jobId: string }>(store, 'jobs.start', { kind: 'sync.applyAssignment', input: { file: grantFile(store.ctx, file) } });
    expect((await follow(store, apply.jobId)).at(-1)).toMatchObject({ status: 'failed', error: { code: 'key_missing' } });
    expect(dumpDatabase(store.db)).toBe(before);
  });

  it('applies an assignment in a worker; this thread sees the new projects at once', async () => {
    const officer = await officerStore(0, 3);
    open.push(officer.store);
    const { store } = officer;
    const file = await growingAssignment(officer, 200, 10);
    expect(await call<unknown[]>(store, 'projects.list', {})).toHaveLength(3);

    const { jobId } = await call<{ jobId: string }>(store, 'jobs.start', { kind: 'sync.applyAssignment', input: { file: grantFile(store.ctx, file) } });
    const seen = await follow(store, jobId, 5);
    const final = seen.at(-1)!;
    expect(final.status).toBe('done');
    if (final.kind !== 'sync.applyAssignment' || !final.result) throw new Error('no apply result');
    expect(final.result).toMatchObject({ applied: true, sequence: 2 });
    expect(final.result.changes.projects.added).toHaveLength(200);
    expect(existsSync(final.result.backupPath!)).toBe(true);
    expect(await call<unknown[]>(store, 'projects.list', {})).toHaveLength(203);
    expect((await call<{ lastAssignment: { sequence: number } }>(store, 'sync.status', {})).lastAssignment.sequence).toBe(2);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.percent).toBeGreaterThanOrEqual(seen[i - 1]!.percent);
  });

  it('works on a protected store: the worker opens it with the passphrase, the backup is encrypted', async () => {
    const officer = await officerStore(500);
    open.push(officer.store);
    const { store } = officer;
    // A protected store writes no packet into its own data folder (kept-copies.ts): the officer's folder is elsewhere.
    const out = `${store.dir.path}-usb`;
    mkdirSync(out);
    await call(store, 'store.setPassphrase', { passphrase: '正确的口令 correct horse' });
    expect(isEncryptedFile(store.ctx.databasePath)).toBe(true);

    const exported = (
      await follow(
        store,
        (await call<{ jobId: string }>(store, 'jobs.start', { kind: 'sync.exportPacket', input: { folder: grantFolder(store.ctx, out) } })).jobId,
      )
    ).at(-1)!;
    expect(exported).toMatchObject({ status: 'done', error: null });
    expect(exported.kind === 'sync.exportPacket' && exported.result?.changeCount).toBeGreaterThanOrEqual(500);

    const backup = (await follow(store, (await call<{ jobId: string }>(store, 'jobs.start', { kind: 'backup.create', input: {} })).jobId)).at(-1)!;
    if (backup.kind !== 'backup.create' || !backup.result) throw new Error(`no backup: ${JSON.stringify(backup.error)}`);
    const path = join(store.dir.path, 'backups', backup.result.fileName);
    expect(isEncryptedFile(path)).toBe(true);
    const copy = openConnection(path, { readonly: true, fileMustExist: true, passphrase: '正确的口令 correct horse' });
    try {
      expect(countRows(copy, 'packet_exports')).toBe(1);
    } finally {
      copy.close();
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('a worker stopped in the middle of applying leaves the database whole and unchanged, and the job failed', async () => {
    const officer = await officerStore(0, 3);
    open.push(officer.store);
    const { store } = officer;
    const file = await growingAssignment(officer, 2000, 40);
    const before = dumpDatabase(store.db);

    // The real worker, stopped (like a crash) the moment it reports that its one transaction has begun.
    let stoppedInApply = false;
    let stopped: Promise<number> | null = null;
    setJobRunOptions({
      start: (entry, data, name) => {
        const worker = startThread(entry, data, name);
        worker.on('message', (message) => {
          const m = message as { type: string; phase?: string; done?: number };
          if (m.type === 'progress' && m.phase === 'apply' && m.done === 0 && !stopped) {
            stoppedInApply = true;
            stopped = worker.terminate();
          }
        });
        return worker;
      },
    });
    const { jobId } = await call<{ jobId: string }>(store, 'jobs.start', { kind: 'sync.applyAssignment', input: { file: grantFile(store.ctx, file) } });
    const final = (await follow(store, jobId, 5)).at(-1)!;
    await stopped;
    setJobRunOptions({});
    expect(stoppedInApply).toBe(true);

    expect(final).toMatchObject({ status: 'failed', error: { code: 'internal' } });
    expect(final.error?.message).toMatch(/stopped before it finished/);
    expect(dumpDatabase(store.db)).toBe(before);
    // A fresh connection (as after a restart) finds the file whole.
    const fresh = openDatabase(store.ctx.databasePath);
    try {
      expect(fresh.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(countRows(fresh, 'assignment_imports')).toBe(1);
      expect(countRows(fresh, 'projects')).toBe(3);
    } finally {
      fresh.close();
    }
    // And the store is free for the next job.
    const again = await call<{ jobId: string }>(store, 'jobs.start', { kind: 'sync.applyAssignment', input: { file: grantFile(store.ctx, file) } });
    expect((await follow(store, again.jobId)).at(-1)!.status).toBe('done');
    expect(countRows(store.db, 'projects')).toBe(2003);
  });

  it('keeps finished jobs until read, at most a few, the oldest read ones dropped first', async () => {
    // A stand-in worker that answers at once: this is about the bookkeeping, not the work.
    const instant: StartWorker = () => {
      const listeners: Record<string, ((arg: never) => void)[]> = {};
      const worker = {
        on(event: string, listener: (arg: never) => void) {
          (listeners[event] ??= []).push(listener);
          return worker;
        },
        terminate: async () => 0,
      };
      setImmediate(() => {
        for (const l of listeners.message ?? [])
          l({
            type: 'result',
            value: { fileName: 'sponsor-desk-20261124-100000.sqlite', bytes: 1, createdAt: '2026-11-24T02:00:00.000Z', kind: 'manual' },
          } as never);
      });
      return worker;
    };
    setJobRunOptions({ start: instant });
    const store = openTempStore();
    open.push(store);
    const run = async () => {
      const { jobId } = await call<{ jobId: string }>(store, 'jobs.start', { kind: 'backup.create', input: {} });
      await sleep(5);
      return jobId;
    };
    const unreadFirst = await run();
    const read: string[] = [];
    for (let i = 0; i < FINISHED_KEPT; i++) {
      const id = await run();
      expect((await call<JobView>(store, 'jobs.get', { jobId: id })).status).toBe('done');
      read.push(id);
    }
    // FINISHED_KEPT + 1 finished: the oldest read one went, the unread one stayed.
    expect((await refusal(store, 'jobs.get', { jobId: read[0]! })).code).toBe('not_found');
    expect((await call<JobView>(store, 'jobs.get', { jobId: unreadFirst })).status).toBe('done');
    expect((await call<JobView>(store, 'jobs.get', { jobId: read.at(-1)! })).status).toBe('done');
  });
});
