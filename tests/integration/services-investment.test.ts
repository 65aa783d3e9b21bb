import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OperationOutput } from '@shared/operations/index.js';
import { investmentHandlers } from '../../electron/handlers/investment.js';
import { projectHandlers } from '../../electron/handlers/projects.js';
import { OperationRegistry } from '../../electron/handlers/registry.js';
import { changesAfter, lastChangeSeq } from '../../electron/store/repositories/change-log.js';
import { countRows, dumpDatabase, openTempStore, type TempStore } from '../helpers/temp-store.js';
import { refusedWithNothingWritten } from '../helpers/operations.js';

/** investment.record through a registry, on a real demo store standing at 2026-11-24 (figures through October count). */
let store: TempStore;
const registry = new OperationRegistry().register(investmentHandlers).register(projectHandlers);
const PROJECT = '00000000-0000-4000-8000-00000000000c'; // plan 30,000 万元
const MISSING = '00000000-0000-4000-8000-0000000fffff';
type Recorded = OperationOutput<'investment.record'>;

beforeEach(() => {
  store = openTempStore({ demo: true });
});
afterEach(() => store.close());

const call = (name: string, input: unknown) => registry.dispatch(name, input, store.ctx);
async function record(month: string, amount: number, projectId = PROJECT): Promise<Recorded> {
  const result = await call('investment.record', { projectId, month, amount });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as Recorded;
}
async function expectRefused(input: unknown, code: string, path?: string) {
  const refusal = await refusedWithNothingWritten(store.ctx, 'investment.record', input, code, JSON.stringify(input));
  if (path !== undefined) expect(refusal.issues.map((i) => i.path)).toContain(path);
}

/** The figure of each month by plain SQL: the latest entry (recorded_at, then id). */
function sqlCompletedThrough(month: string): number {
  const row = store.db
    .prepare(
      `SELECT coalesce(sum(amount), 0) AS s FROM investment_entries e
       WHERE project_id = ? AND month <= ? AND month LIKE '2026-%'
         AND NOT EXISTS (SELECT 1 FROM investment_entries l WHERE l.project_id = e.project_id AND l.month = e.month
                         AND (l.recorded_at > e.recorded_at OR (l.recorded_at = e.recorded_at AND l.id > e.id)))`,
    )
    .get(PROJECT, month) as { s: number };
  return Math.round(row.s * 1e4) / 1e4;
}

describe('investment.record', () => {
  it('appends the figure, logs it and returns the new progress', async () => {
    const seq = lastChangeSeq(store.db);
    const before = sqlCompletedThrough('2026-10');
    const oldOctober = (
      store.db
        .prepare("SELECT amount FROM investment_entries WHERE project_id = ? AND month = '2026-10' ORDER BY recorded_at DESC, id DESC LIMIT 1")
        .get(PROJECT) as { amount: number }
    ).amount;
    const result = await record('2026-10', 2500.5);
    expect(result.written).toBe(true);
    expect(result.entry).toMatchObject({
      projectId: PROJECT,
      month: '2026-10',
      amount: 2500.5,
      recordedBy: '演示用户',
      recordedAt: store.ctx.now().toISOString(),
    });
    const completed = sqlCompletedThrough('2026-10');
    expect(completed).toBeCloseTo(before - oldOctober + 2500.5, 4);
    expect(result.progress).toMatchObject({
      asOfMonth: '2026-10',
      completed,
      planned: 30000,
      completionPct: Math.round((completed / 30000) * 1000) / 10,
      timeProportionalPct: 83.3,
    });
    const changes = changesAfter(store.db, seq);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ entity: 'investment_entry', recordId: result.entry.id });
    expect(changes[0]!.payload).toMatchObject({ month: '2026-10', amount: 2500.5 });
    // projects.get sees the same figure.
    const detail = await call('projects.get', { projectId: PROJECT });
    expect(detail.ok && detail.value).toMatchObject({ project: { progress: { completed } } });
  });

  it('keeps every earlier figure of a month as history; the latest is the figure, even at the same clock moment', async () => {
    const first = await record('2026-11', 100);
    const second = await record('2026-11', 120);
    const third = await record('2026-11', 90.1234);
    expect([first, second, third].every((r) => r.written)).toBe(true);
    const rows = store.db
      .prepare("SELECT amount, recorded_at AS at FROM investment_entries WHERE project_id = ? AND month = '2026-11' ORDER BY recorded_at, id")
      .all(PROJECT) as { amount: number; at: string }[];
    expect(rows.map((r) => r.amount)).toEqual([100, 120, 90.1234]);
    expect(new Set(rows.map((r) => r.at)).size).toBe(3);
    const detail = await call('projects.get', { projectId: PROJECT });
    if (!detail.ok) throw new Error('projects.get failed');
    const november = (detail.value as OperationOutput<'projects.get'>).investment.filter((e) => e.month === '2026-11');
    expect(november).toHaveLength(3);
  });

  it('writes nothing when the figure is the one already saved', async () => {
    await record('2026-09', 1234);
    const before = dumpDatabase(store.db);
    const again = await record('2026-09', 1234);
    expect(again.written).toBe(false);
    expect(dumpDatabase(store.db)).toBe(before);
  });

  it('accepts zero, four decimals, January and the current month', async () => {
    expect((await record('2026-01', 0)).written).toBe(true);
    expect((await record('2026-02', 1.2345)).entry.amount).toBe(1.2345);
    expect((await record('2026-11', 10)).written).toBe(true);
  });

  it('refuses each kind of bad input, writing nothing', async () => {
    const good = { projectId: PROJECT, month: '2026-10', amount: 100 };
    await expectRefused({ ...good, amount: -1 }, 'invalid_input', 'amount');
    await expectRefused({ ...good, amount: -0.0001 }, 'invalid_input', 'amount');
    await expectRefused({ ...good, amount: 1.00001 }, 'invalid_input', 'amount');
    await expectRefused({ ...good, amount: 2e9 }, 'invalid_input', 'amount');
    await expectRefused({ ...good, amount: Number.NaN }, 'invalid_input', 'amount');
    await expectRefused({ ...good, amount: '100' }, 'invalid_input', 'amount');
    await expectRefused({ ...good, amount: null }, 'invalid_input', 'amount');
    await expectRefused({ ...good, month: '2026-13' }, 'invalid_input', 'month');
    await expectRefused({ ...good, month: '2026-1' }, 'invalid_input', 'month');
    await expectRefused({ ...good, month: '2026-12' }, 'invalid_input', 'month'); // the future
    await expectRefused({ ...good, month: '2027-01' }, 'invalid_input', 'month'); // the future and another year
    await expectRefused({ ...good, month: '2025-12' }, 'invalid_input', 'month'); // outside the plan year
    await expectRefused({ ...good, projectId: 'x' }, 'invalid_input', 'projectId');
    await expectRefused({ ...good, projectId: MISSING }, 'not_found');
  });

  it('refuses without an officer in settings, writing nothing', async () => {
    store.db.prepare("DELETE FROM settings WHERE key = 'officer'").run();
    await expectRefused({ projectId: PROJECT, month: '2026-10', amount: 5 }, 'invalid_input', 'officer');
  });

  it('counts entries only through the reporting month in progress figures', async () => {
    const before = await record('2026-10', 1000);
    const withNovember = await record('2026-11', 5000);
    expect(withNovember.progress.completed).toBe(before.progress.completed);
    expect(countRows(store.db, 'investment_entries', "project_id = ? AND month = '2026-11'", PROJECT)).toBe(1);
  });
});
