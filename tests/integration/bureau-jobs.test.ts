import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppErrorShape } from '@shared/errors.js';
import type { BureauJobView } from '@shared/operations/bureau-jobs.js';
import type { BureauContext } from '../../electron/bureau/context.js';
import { dumpBureauDatabase } from '../../electron/bureau/database.js';
import { createBureauRegistry } from '../../electron/bureau/operations/index.js';
import { stopBureauJobs } from '../../electron/bureau/operations/jobs.js';
import { setJobRunOptions } from '../../electron/jobs/job-table.js';
import { startThread } from '../../electron/main/long-work.js';
import { sampleBureau } from '../helpers/bureau.js';
import { inboxWeek, twoSenders, type Sender } from '../helpers/bureau-inbox-packets.js';
import { writeWeeklyPacket } from '../fixtures/bureau/weekly-packet.js';
import { useTempDir } from '../helpers/per-test.js';

/**
 * The bureau's long jobs on a real bureau database with real signed packets, each in a real worker thread
 * (the app's own entry, electron/main/workers/long-work.ts, run from source): progress, the result as the
 * operation's own output, one job per desk, and a store left as it was when a job fails or is stopped.
 */
const NOW = new Date('2026-11-27T10:00:00');
const registry = createBureauRegistry();
const dir = useTempDir('sponsor-desk-bureau-jobs-');
let ctx: BureauContext;
let officers: Sender[];

beforeEach(() => {
  ctx = sampleBureau(dir.file('bureau.sqlite'), () => NOW);
  officers = twoSenders(ctx, dir);
});

afterEach(async () => {
  setJobRunOptions({});
  await stopBureauJobs(ctx);
  ctx.db.close();
});

async function call<T = any>(name: string, input: unknown): Promise<T> {
  const result = await registry.dispatch(name, input, ctx);
  if (!result.ok) throw Object.assign(new Error(`${name}: ${result.error.code}`), { shape: result.error });
  return result.value as T;
}

async function refusal(name: string, input: unknown): Promise<AppErrorShape> {
  const result = await registry.dispatch(name, input, ctx);
  if (result.ok) throw new Error(`${name} was expected to be refused`);
  return result.error;
}

/** Polls the job until it has finished; every view seen, in order. */
async function follow(jobId: string): Promise<BureauJobView[]> {
  const seen: BureauJobView[] = [];
  for (;;) {
    const view = await call<BureauJobView>('bureau.jobs.get', { jobId });
    seen.push(view);
    if (view.status !== 'running') return seen;
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Three packets of two officers in a folder (李明 #1 and #2, 张伟 #1). */
async function weekFolder(): Promise<string> {
  const folder = dir.file('week');
  const [li, zhang] = officers;
  await inboxWeek(ctx, folder, li!.officer, li!.keys, { sequence: 1, day: '2026-11-23', photo: true, fileName: 'a-li-1.zip' });
  await inboxWeek(ctx, folder, li!.officer, li!.keys, { sequence: 2, day: '2026-11-24', fileName: 'b-li-2.zip' });
  await inboxWeek(ctx, folder, zhang!.officer, zhang!.keys, { sequence: 1, day: '2026-11-25', photo: true, fileName: 'c-zhang-1.zip' });
  return folder;
}

/** Records the worker's own progress messages (a poll may miss the fast ones). */
function recordProgress(): { phase: string; done: number; total: number }[] {
  const messages: { phase: string; done: number; total: number }[] = [];
  setJobRunOptions({
    start: (entry, data, name) => {
      const worker = startThread(entry, data, name);
      worker.on('message', (m) => {
        const message = m as { type: string; phase: string; done: number; total: number };
        if (message.type === 'progress') messages.push({ phase: message.phase, done: message.done, total: message.total });
      });
      return worker;
    },
  });
  return messages;
}

describe('bureau jobs', () => {
  it('folds a folder of packets in a worker, file by file, and the result is the operation output', async () => {
    const folder = await weekFolder();
    const messages = recordProgress();
    const { jobId, kind } = await call('bureau.jobs.start', { kind: 'bureau.ingest', input: { paths: [folder] } });
    expect(kind).toBe('bureau.ingest');
    // This thread answers meanwhile.
    expect((await call<unknown[]>('bureau.officers.list', {})).length).toBe(4);
    const seen = await follow(jobId);
    const final = seen.at(-1)!;
    expect(final).toMatchObject({ status: 'done', phase: 'done', percent: 100, error: null });
    const result = final.result as { file: string; status: string; newRecords: number; photosStored: number }[];
    expect(result.map((r) => [r.file.split('/').pop(), r.status])).toEqual([
      ['a-li-1.zip', 'accepted'],
      ['b-li-2.zip', 'accepted'],
      ['c-zhang-1.zip', 'accepted'],
    ]);
    expect(result.map((r) => r.newRecords)).toEqual([4, 3, 4]);
    expect(result.map((r) => r.photosStored)).toEqual([1, 0, 1]);
    // This thread's connection sees what the worker committed.
    expect(ctx.db.prepare('SELECT count(*) AS n FROM received_packets').get()).toEqual({ n: 3 });

    // The worker reported each file of the fold, counting up; the percent seen never went down.
    expect(messages.filter((m) => m.phase === 'fold')).toEqual([0, 1, 2, 3].map((done) => ({ phase: 'fold', done, total: 3 })));
    expect(messages[0]).toEqual({ phase: 'start', done: 0, total: 1 });
    const percents = seen.map((v) => v.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    // Read once, still there; an unknown id is not_found.
    expect((await call<BureauJobView>('bureau.jobs.get', { jobId })).status).toBe('done');
    expect((await refusal('bureau.jobs.get', { jobId: '00000000-0000-4000-8000-000000000000' })).code).toBe('not_found');
  });

  it('refuses a second job on the same desk with busy, and takes the next once the first is done', async () => {
    const folder = await weekFolder();
    const first = await call<{ jobId: string }>('bureau.jobs.start', { kind: 'bureau.ingest', input: { paths: [folder] } });
    const busy = await refusal('bureau.jobs.start', { kind: 'bureau.exportLedger', input: { out: dir.file('ledger.xlsx') } });
    expect(busy).toMatchObject({ code: 'busy', params: { running: 'bureau.ingest', jobId: first.jobId } });
    // Nor a preview meanwhile: the fold under way would change its answer.
    expect(await refusal('bureau.inbox.preview', { paths: [folder] })).toMatchObject({ code: 'busy', params: { running: 'bureau.ingest' } });
    expect((await follow(first.jobId)).at(-1)!.status).toBe('done');

    const messages = recordProgress();
    const ledger = await call<{ jobId: string }>('bureau.jobs.start', { kind: 'bureau.exportLedger', input: { out: dir.file('ledger.xlsx') } });
    const final = (await follow(ledger.jobId)).at(-1)!;
    expect(final).toMatchObject({ kind: 'bureau.exportLedger', status: 'done', percent: 100 });
    expect(final.result).toMatchObject({ file: dir.file('ledger.xlsx'), sheets: { 项目进度: 30, 走访记录: 3 } });
    // Counting the rows changes nothing of the workbook: the same bytes as the operation writes directly.
    await call('bureau.exportLedger', { out: dir.file('direct.xlsx') });
    expect(readFileSync(dir.file('ledger.xlsx')).equals(readFileSync(dir.file('direct.xlsx')))).toBe(true);
    // The rows gathered, then written: the last report counts every row of the five record sheets.
    expect(messages.map((m) => m.phase)).toEqual(['start', 'start', 'collect', 'write']);
    const sheets = (final.result as { sheets: Record<string, number> }).sheets;
    const rows = sheets['项目进度']! + sheets['走访记录']! + sheets['销号记录']! + sheets['问题台账']! + sheets['月度投资']!;
    expect(messages.at(-1)).toEqual({ phase: 'write', done: rows, total: rows });
  });

  it('imports the master list in a worker: read, then written', async () => {
    const messages = recordProgress();
    const sample = join(import.meta.dirname, '../../docs/samples/master-list.xlsx');
    const { jobId } = await call('bureau.jobs.start', { kind: 'bureau.importMaster', input: { file: sample, year: 2026 } });
    const final = (await follow(jobId)).at(-1)!;
    expect(final).toMatchObject({ status: 'done', result: { applied: true, rows: 30, unchanged: 30 } });
    expect(messages).toEqual([
      { phase: 'start', done: 0, total: 1 },
      { phase: 'start', done: 1, total: 1 },
      { phase: 'read', done: 0, total: 1 },
      { phase: 'compare', done: 0, total: 30 },
      { phase: 'compare', done: 30, total: 30 },
      { phase: 'write', done: 0, total: 30 },
      { phase: 'write', done: 30, total: 30 },
    ]);
  });

  it("reports a failing job's error with its code and what it carries, and leaves the database as it was", async () => {
    const bad = dir.file('项目清单.csv');
    writeFileSync(bad, '项目代码,项目名称\nGX-1,\n');
    const before = dumpBureauDatabase(ctx.db);
    const direct = await refusal('bureau.importMaster', { file: bad });
    const { jobId } = await call('bureau.jobs.start', { kind: 'bureau.importMaster', input: { file: bad } });
    const final = (await follow(jobId)).at(-1)!;
    expect(final).toMatchObject({ status: 'failed', phase: 'done', result: null, error: { code: direct.code, params: direct.params } });
    // The row issues travel with the error, for the page to show in its table.
    expect((final.error as { masterIssues?: unknown[] }).masterIssues?.length).toBeGreaterThan(0);
    expect(dumpBureauDatabase(ctx.db)).toEqual(before);
    // The desk is free again.
    const next = await call<{ jobId: string }>('bureau.jobs.start', { kind: 'bureau.exportLedger', input: { out: dir.file('l.xlsx') } });
    expect((await follow(next.jobId)).at(-1)!.status).toBe('done');
  });

  it('refuses an input its operation refuses before anything starts', async () => {
    expect((await refusal('bureau.jobs.start', { kind: 'bureau.ingest', input: { paths: [] } })).code).toBe('invalid_input');
    expect((await refusal('bureau.jobs.start', { kind: 'bureau.exportLedger', input: { asOfMonth: '11月' } })).code).toBe('invalid_input');
    expect((await refusal('bureau.jobs.start', { kind: 'bureau.summary', input: {} })).code).toBe('invalid_input');
  });

  it('a fold stopped in the middle of its packet leaves the database unchanged, and the job failed', async () => {
    const [li] = officers;
    // A week of many visits: its one transaction is long enough to be stopped in the middle.
    const { changes } = await inboxWeek(ctx, dir.file('one'), li!.officer, li!.keys, { sequence: 1, day: '2026-11-23' });
    const visit = changes[0]!.record;
    const visits = Array.from({ length: 3000 }, () => ({ entity: 'visit' as const, record: { ...visit, id: randomUUID() } }));
    const file = await writeWeeklyPacket(dir.file('one'), { officer: li!.officer, keys: li!.keys, sequence: 2, changes: visits });
    const before = dumpBureauDatabase(ctx.db);
    let stopped: Promise<number> | null = null;
    setJobRunOptions({
      start: (entry, data, name) => {
        const worker = startThread(entry, data, name);
        worker.on('message', (m) => {
          const message = m as { type: string; phase?: string; done?: number };
          // The moment the fold of the first (only) file begins, like a crash.
          if (message.type === 'progress' && message.phase === 'fold' && message.done === 0 && !stopped) stopped = worker.terminate();
        });
        return worker;
      },
    });
    const { jobId } = await call('bureau.jobs.start', { kind: 'bureau.ingest', input: { paths: [file] } });
    const final = (await follow(jobId)).at(-1)!;
    await stopped;
    expect(stopped).not.toBeNull();
    expect(final).toMatchObject({ status: 'failed', error: { code: 'internal' } });
    expect(final.error?.message).toMatch(/stopped/);
    expect(dumpBureauDatabase(ctx.db)).toEqual(before);
    // The same file folds whole once the desk is free again.
    setJobRunOptions({});
    const again = await call<{ jobId: string }>('bureau.jobs.start', { kind: 'bureau.ingest', input: { paths: [file] } });
    expect((await follow(again.jobId)).at(-1)!.result).toMatchObject([{ status: 'accepted', newRecords: 3000 }]);
    expect(ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
