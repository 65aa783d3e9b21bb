import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OperationOutput, ProblemView } from '@shared/operations/index.js';
import { WeeklyChange } from '@shared/packets/weekly.js';
import { localDay } from '@shared/rules/index.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { changesAfter } from '../../electron/store/repositories/change-log.js';
import { dumpDatabase, openTempStore, type TempStore } from '../helpers/temp-store.js';
import { perform } from '../helpers/operations.js';

/**
 * Issue 13, point 7: a problem step is recorded with the day it happened, not only when it was typed, and
 * the record keeps both (`at` = happened, `recordedAt` = entered). Through the registry, as the bridge calls it.
 */
const registry = createRegistry();
const PROJECT = '00000000-0000-4000-8000-00000000000c'; // a demo project
const ZONE = 'Asia/Shanghai';

let store: TempStore;
let clock: Date;
beforeEach(() => {
  // Thursday 26 November 2026, 10:00 in Beijing.
  clock = new Date('2026-11-26T02:00:00Z');
  store = openTempStore({ demo: true, now: () => new Date(clock.getTime()) });
});
afterEach(() => store.close());

const ok = <T = ProblemView>(name: string, input: unknown) => perform<T>(store.ctx, name, input);

/** Refused with `happenedOn` named, its reason given, and not one byte of the store changed. */
async function expectRefused(input: Record<string, unknown>, reason: string) {
  const before = dumpDatabase(store.db);
  const result = await registry.dispatch('problems.act', input, store.ctx);
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.issues.map((i) => i.path)).toContain('happenedOn');
    expect(result.error.params.reason ?? result.error.issues[0]?.message).toBe(reason);
  }
  expect(dumpDatabase(store.db)).toBe(before);
}

describe('problem steps carry the day they happened', () => {
  let problemId: string;
  beforeEach(async () => {
    // Raised on Monday 23 November.
    clock = new Date('2026-11-23T02:00:00Z');
    problemId = (await ok('problems.raise', { projectId: PROJECT, category: 'land', description: '配套道路未贯通', responsibleDepartment: '区交通运输局' })).id;
    clock = new Date('2026-11-26T02:00:00Z');
  });

  it('a coordination meeting held on Tuesday and entered on Thursday keeps both times; the history reads in happened order', async () => {
    await ok('problems.act', { problemId, action: 'dispatch', department: '区交通运输局', happenedOn: '2026-11-24' });
    const view = await ok('problems.act', { problemId, action: 'coordinate', note: '现场协调会', happenedOn: '2026-11-24' });
    const [dispatch, meeting] = view.events;
    expect(localDay(dispatch!.at, ZONE)).toBe('2026-11-24');
    expect(localDay(meeting!.at, ZONE)).toBe('2026-11-24');
    expect(meeting!.at > dispatch!.at).toBe(true);
    expect(meeting!.recordedAt).toBe('2026-11-26T02:00:00.000Z');
    expect(view.status).toBe('in_progress');
    // Without a day it happened now.
    const resolved = await ok('problems.act', { problemId, action: 'resolve', resolution: '道路已贯通' });
    expect(resolved.events.at(-1)).toMatchObject({ at: '2026-11-26T02:00:00.000Z', recordedAt: '2026-11-26T02:00:00.000Z' });
    // The store and the weekly packet's change keep both, and the packet schema accepts the record.
    const row = store.db.prepare('SELECT at, recorded_at FROM problem_events WHERE id = ?').get(meeting!.id) as { at: string; recorded_at: string };
    expect(row).toEqual({ at: meeting!.at, recorded_at: '2026-11-26T02:00:00.000Z' });
    const change = changesAfter(store.db, 0).find((c) => c.recordId === meeting!.id)!;
    expect(change.recordedAt).toBe('2026-11-26T02:00:00.000Z');
    expect(WeeklyChange.parse({ ...change, record: change.payload }).record).toMatchObject({ at: meeting!.at, recordedAt: '2026-11-26T02:00:00.000Z' });
  });

  it('a step dated last week shows in this week too, since it was entered this week', async () => {
    clock = new Date('2026-12-01T02:00:00Z'); // Tuesday of the next week
    await ok('problems.act', { problemId, action: 'dispatch', department: '区交通运输局', happenedOn: '2026-11-27' });
    const thisWeek = await ok<OperationOutput<'week.overview'>>('week.overview', {});
    const lastWeek = await ok<OperationOutput<'week.overview'>>('week.overview', { weekOf: '2026-11-27' });
    const ours = (o: OperationOutput<'week.overview'>) => o.done.problemSteps.filter((s) => s.problemId === problemId).map((s) => s.on);
    expect(ours(thisWeek)).toEqual(['2026-11-27']);
    expect(ours(lastWeek)).toEqual(['2026-11-27']);
  });

  it('refuses a day after today, before the problem was raised, or before its latest step', async () => {
    await expectRefused({ problemId, action: 'dispatch', department: '区交通运输局', happenedOn: '2026-11-27' }, 'after_today');
    await expectRefused({ problemId, action: 'dispatch', department: '区交通运输局', happenedOn: '2026-11-22' }, 'before_raised');
    await ok('problems.act', { problemId, action: 'dispatch', department: '区交通运输局', happenedOn: '2026-11-25' });
    await expectRefused({ problemId, action: 'coordinate', happenedOn: '2026-11-24' }, 'before_last_step');
  });

  it('near midnight the day is Beijing’s: 00:30 on the 27th is today there, though UTC still says the 26th', async () => {
    clock = new Date('2026-11-26T16:30:00Z');
    const view = await ok('problems.act', { problemId, action: 'dispatch', department: '区交通运输局', happenedOn: '2026-11-27' });
    expect(view.events.at(-1)!.at).toBe('2026-11-26T16:30:00.000Z');
  });

  it('a malformed day is refused by the operation’s schema', async () => {
    const before = dumpDatabase(store.db);
    const result = await registry.dispatch('problems.act', { problemId, action: 'coordinate', happenedOn: '2026-11-31x' }, store.ctx);
    expect(result.ok).toBe(false);
    expect(dumpDatabase(store.db)).toBe(before);
  });
});
