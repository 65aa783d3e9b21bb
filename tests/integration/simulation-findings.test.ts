import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BureauContext } from '../../electron/bureau/context.js';
import { exportDistrictLedger } from '../../electron/bureau/ledger.js';
import { actOnBureauProblem, raiseBureauProblem } from '../../electron/bureau/problems.js';
import { districtSummary } from '../../electron/bureau/summary.js';
import { readLedgerWorkbook } from '../../electron/sync/ledger-read.js';
import { renderWeeklyReport, weeklyContext } from '../../electron/sync/weekly-report.js';
import { makeTempDir, openTempStore, type TempDir } from '../helpers/temp-store.js';
import { sampleBureau } from '../helpers/bureau.js';

/**
 * What the seeded simulation found when run on a machine set to Beijing time (TZ=Asia/Shanghai, where the
 * officers and the bureau are) with officers working early in the morning: dates taken from a UTC timestamp
 * with `.slice(0, 10)` are the day before for anything done between 00:00 and 08:00. Each test pins the
 * process to Beijing time for its duration (Node reads TZ again when it changes).
 */
let previousTz: string | undefined;
let dir: TempDir;
let clock: Date;
let ctx: BureauContext;

beforeEach(() => {
  previousTz = process.env.TZ;
  process.env.TZ = 'Asia/Shanghai';
  dir = makeTempDir('sponsor-desk-sim-findings-');
  clock = new Date('2026-11-30T10:00:00+08:00');
  ctx = sampleBureau(dir.file('desk/bureau.sqlite'), () => clock);
});
afterEach(() => {
  ctx.db.close();
  dir.remove();
  if (previousTz === undefined) delete process.env.TZ;
  else process.env.TZ = previousTz;
});

describe('dates near midnight, Beijing time', () => {
  it('the ledger’s 办理经过 dates a step by the local day (07:30 on 1 December is not 30 November)', async () => {
    const problem = raiseBureauProblem(ctx, { project: 'GX-2026-001', category: 'land', description: '用地指标不足' });
    clock = new Date('2026-12-01T07:30:00+08:00'); // 2026-11-30T23:30Z
    actOnBureauProblem(ctx, { problem: problem.id, action: 'dispatch', department: '区自然资源局' });
    await exportDistrictLedger(ctx, dir.file('ledger.xlsx'), { asOfMonth: '2026-11', referenceDay: '2026-12-01' });
    const rows = readLedgerWorkbook(readFileSync(dir.file('ledger.xlsx')))['问题台账']!;
    const history = rows.find((r) => r['问题ID'] === problem.id)!['办理经过'];
    expect(history).toContain('2026-12-01 交办');
    expect(history).not.toContain('2026-11-30 交办');
  });

  it('the weekly report’s heading carries the local day the packet was written', () => {
    const store = openTempStore({ now: () => new Date('2026-12-01T07:30:00+08:00') });
    try {
      const html = renderWeeklyReport(weeklyContext(store.db, store.ctx.now()), '本周小结', {
        sequence: 3,
        createdAt: store.ctx.now().toISOString(),
        changeCount: 0,
      });
      expect(html).toContain('第3期　2026-12-01');
    } finally {
      store.close();
    }
  });

  // The summary counts what was known by the end of the reference day in local time (Beijing), not UTC.
  it('the summary to 30 November does not count a problem resolved at 07:30 on 1 December', () => {
    const problem = raiseBureauProblem(ctx, { project: 'GX-2026-001', category: 'land', description: '用地指标不足' });
    actOnBureauProblem(ctx, { problem: problem.id, action: 'dispatch', department: '区自然资源局' });
    clock = new Date('2026-12-01T07:30:00+08:00');
    actOnBureauProblem(ctx, { problem: problem.id, action: 'resolve', resolution: '调剂用地指标' });
    const summary = districtSummary(ctx, { asOfMonth: '2026-11', referenceDay: '2026-11-30' });
    expect(summary.problems).toMatchObject({ collected: 1, resolved: 0, open: 1 });
  });
});

describe('the weekly packet file name', () => {
  it('carries the local day the packet was written (07:30 on 1 December in Beijing is 20261201)', async () => {
    const { weeklyFileName } = await import('../../electron/sync/weekly-export.js');
    expect(weeklyFileName('李明', 3, new Date('2026-12-01T07:30:00+08:00').toISOString(), 'Asia/Shanghai')).toBe('sponsor-desk-weekly-20261201-李明-0003.zip');
  });
});
