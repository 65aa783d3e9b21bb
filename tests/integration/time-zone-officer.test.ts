import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRegistry } from '../../electron/handlers/index.js';
import { writeSetting } from '../../electron/store/repositories/settings.js';
import { insertInvestmentEntry } from '../../electron/store/repositories/investment.js';
import { insertProblem, insertProblemEvent } from '../../electron/store/repositories/problems.js';
import { upsertProject } from '../../electron/store/repositories/projects.js';
import { insertVisit } from '../../electron/store/repositories/visits.js';
import { makeInvestmentEntry, makeProblem, makeProblemEvent, makeProject, makeVisit, OFFICER_ID } from '../helpers/fixtures.js';
import { dumpDatabase, openTempStore, type TempStore } from '../helpers/temp-store.js';
import { useTempStore } from '../helpers/per-test.js';

/**
 * Point 11 of issue 9 at the officer desk: the store's time zone, not the process's, decides every day. The
 * same store is read by child processes under TZ=UTC and TZ=Asia/Shanghai at 2025-11-30T20:00Z (04:00 on
 * 1 December in Beijing, 21:00 on 30 November in Berlin); what they print must be the same, and must move to
 * 30 November only when the store's zone is set to Europe/Berlin.
 */
const WORKER = join(import.meta.dirname, '../helpers/time-zone-worker.ts');
const EVENT = '2025-11-30T20:00:00.000Z';
const registry = createRegistry();

/** What the worker prints (tests/helpers/time-zone-worker.ts). */
interface Reading {
  today: string;
  week: { start: string; today: string; investmentOn: string[]; stepsOn: string[] };
  weekly: { from: string; to: string; investmentEntries: number; problemsResolved: number };
  reportMeta: string | null;
  reportFooter: string | null;
  fileName: string;
  ledger: Record<string, Record<string, unknown>[]>;
}

function readUnder(tz: string, dbPath: string): Reading {
  const child = spawnSync(process.execPath, ['--import', 'tsx', WORKER, dbPath], { env: { ...process.env, TZ: tz }, encoding: 'utf8', timeout: 60_000 });
  if (child.status !== 0) throw new Error(`worker under TZ=${tz} failed: ${child.stderr}`);
  const { processZone, ...reading } = JSON.parse(child.stdout) as Reading & { processZone: string };
  expect(processZone).toBe(tz); // the child really ran in that zone
  return reading;
}

const ISO_MOMENT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

describe('officer store: days and times follow the store’s zone, never the process’s', () => {
  let store: TempStore;
  beforeEach(() => {
    store = openTempStore({ now: new Date(EVENT) });
    const db = store.db;
    writeSetting(db, 'officer', { id: OFFICER_ID, name: '李明', unit: '区经济发展局', phone: '' });
    const project = makeProject({ planYear: 2025, code: 'GX-2025-001' });
    upsertProject(db, project);
    insertInvestmentEntry(db, makeInvestmentEntry(project.id, { month: '2025-11', amount: 800, recordedAt: EVENT }));
    insertVisit(db, makeVisit(project.id, { visitedOn: '2025-11-28', recordedAt: '2025-11-28T02:00:00.000Z' }));
    const problem = makeProblem(project.id, { raisedOn: '2025-11-20', recordedAt: '2025-11-20T02:00:00.000Z' });
    insertProblem(db, problem);
    insertProblemEvent(db, makeProblemEvent(problem.id, { action: 'dispatch', at: '2025-11-21T02:00:00.000Z' }));
    insertProblemEvent(db, makeProblemEvent(problem.id, { action: 'resolve', at: EVENT }));
  });
  afterEach(() => store.close());

  it('prints the same days under TZ=UTC and TZ=Asia/Shanghai: the default zone puts 20:00 UTC on 1 December', () => {
    const dbPath = store.ctx.databasePath;
    const utc = readUnder('UTC', dbPath);
    const beijing = readUnder('Asia/Shanghai', dbPath);
    expect(utc).toEqual(beijing);
    expect(utc.today).toBe('2025-12-01');
    expect(utc.week).toEqual({ start: '2025-12-01', today: '2025-12-01', investmentOn: ['2025-12-01'], stepsOn: ['2025-12-01'] });
    expect(utc.weekly).toEqual({ from: '2025-12-01', to: '2025-12-07', investmentEntries: 1, problemsResolved: 1 });
    expect(utc.reportMeta).toContain('第1期　2025-12-01');
    expect(utc.reportFooter).toContain('生成时间：2025-12-01 04:00');
    expect(utc.fileName).toBe('sponsor-desk-weekly-20251201-李明-0001.zip');
    expect(utc.ledger['月度投资']![0]!['填报时间']).toBe('2025-12-01 04:00');
    expect(utc.ledger['问题台账']![0]!['化解时间']).toBe('2025-12-01 04:00');
    expect(utc.ledger['问题台账']![0]!['办理经过']).toContain('2025-12-01 化解');
    expect(utc.ledger['走访记录']![0]!['记录时间']).toBe('2025-11-28 10:00');
  });

  it('a store set to Europe/Berlin counts the same moment on 30 November, in every process zone', async () => {
    const set = await registry.dispatch('settings.setTimeZone', { timeZone: 'Europe/Berlin' }, store.ctx);
    expect(set).toEqual({ ok: true, value: { timeZone: 'Europe/Berlin' } });
    const dbPath = store.ctx.databasePath;
    const utc = readUnder('UTC', dbPath);
    expect(readUnder('Asia/Shanghai', dbPath)).toEqual(utc);
    expect(utc.today).toBe('2025-11-30');
    expect(utc.week).toEqual({ start: '2025-11-24', today: '2025-11-30', investmentOn: ['2025-11-30'], stepsOn: ['2025-11-30'] });
    expect(utc.weekly).toMatchObject({ from: '2025-11-24', to: '2025-11-30', investmentEntries: 1, problemsResolved: 1 });
    expect(utc.fileName).toBe('sponsor-desk-weekly-20251130-李明-0001.zip');
    expect(utc.reportFooter).toContain('生成时间：2025-11-30 21:00');
    expect(utc.ledger['月度投资']![0]!['填报时间']).toBe('2025-11-30 21:00');
    expect(utc.ledger['走访记录']![0]!['记录时间']).toBe('2025-11-28 03:00');
  });

  it('backups are named by the local time in the store’s zone, and read back to the same moment', async () => {
    const first = await registry.dispatch('backup.create', {}, store.ctx);
    expect(first).toMatchObject({ ok: true, value: { fileName: 'sponsor-desk-20251201-040000.sqlite', createdAt: EVENT } });
    await registry.dispatch('settings.setTimeZone', { timeZone: 'Europe/Berlin' }, store.ctx);
    const second = await registry.dispatch('backup.create', {}, store.ctx);
    expect(second).toMatchObject({ ok: true, value: { fileName: 'sponsor-desk-20251130-210000.sqlite', createdAt: EVENT } });
  });

  it('a received file is dated by the store’s calendar, not the UTC one', async () => {
    const received = await registry.dispatch('files.receive', { fileName: 'assignment.zip', contentBase64: Buffer.from('PK').toString('base64') }, store.ctx);
    expect(received.ok && (received.value as { fileName: string }).fileName).toMatch(/^2025-12-01-[0-9a-f]{8}-assignment\.zip$/);
  });

  it('no cell of the officer ledger holds a UTC ISO timestamp', () => {
    const { ledger } = readUnder('UTC', store.ctx.databasePath);
    const cells = Object.values(ledger).flatMap((rows) => rows.flatMap((row) => Object.values(row)));
    expect(cells.length).toBeGreaterThan(20);
    expect(cells.filter((c) => typeof c === 'string' && ISO_MOMENT.test(c))).toEqual([]);
  });
});

describe('settings.setTimeZone refuses what is not a time zone, writing nothing', () => {
  const store = useTempStore({ demo: true });

  it.each(['', '   ', 'Mars/Olympus', 'Asia/Beijing', 'Asia/Shanghai; DROP TABLE settings', 'x'.repeat(65)])('refuses "%s"', async (timeZone) => {
    const before = dumpDatabase(store.db);
    const result = await registry.dispatch('settings.setTimeZone', { timeZone }, store.ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.issues[0]?.path).toBe('timeZone');
    }
    expect(dumpDatabase(store.db)).toEqual(before);
    const settings = await registry.dispatch('settings.get', {}, store.ctx);
    expect(settings.ok && (settings.value as { timeZone: string }).timeZone).toBe('Asia/Shanghai');
  });

  it('refuses a number or a missing field the same way', async () => {
    const before = dumpDatabase(store.db);
    for (const input of [{ timeZone: 8 }, {}, { timeZone: null }]) {
      const result = await registry.dispatch('settings.setTimeZone', input as never, store.ctx);
      expect(result.ok ? 'ok' : result.error.code).toBe('invalid_input');
    }
    expect(dumpDatabase(store.db)).toEqual(before);
  });

  it('a stored zone this runtime does not know (a hand-edited store) reads as Asia/Shanghai', async () => {
    writeSetting(store.db, 'timeZone', 'Atlantis/Capital');
    const settings = await registry.dispatch('settings.get', {}, store.ctx);
    expect(settings.ok && (settings.value as { timeZone: string }).timeZone).toBe('Asia/Shanghai');
  });
});
