import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MilestoneView, ProjectDetail } from '@shared/operations/index.js';
import { milestoneHandlers } from '../../electron/handlers/milestones.js';
import { projectHandlers } from '../../electron/handlers/projects.js';
import { OperationRegistry } from '../../electron/handlers/registry.js';
import { changesAfter, lastChangeSeq } from '../../electron/store/repositories/change-log.js';
import { openTempStore, type TempStore } from '../helpers/temp-store.js';
import { refusedWithNothingWritten } from '../helpers/operations.js';

/** milestones.report through a registry, on a real demo store standing at 2026-11-24. */
let store: TempStore;
const registry = new OperationRegistry().register(milestoneHandlers).register(projectHandlers);
const PROJECT = '00000000-0000-4000-8000-00000000000d'; // 石榴园 (statistics enrolment stage)
const MISSING = '00000000-0000-4000-8000-0000000fffff';

beforeEach(() => {
  store = openTempStore({ demo: true });
});
afterEach(() => store.close());

const call = (name: string, input: unknown) => registry.dispatch(name, input, store.ctx);
async function detail(): Promise<ProjectDetail> {
  const r = await call('projects.get', { projectId: PROJECT });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as ProjectDetail;
}
async function report(input: unknown): Promise<MilestoneView> {
  const r = await call('milestones.report', input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as MilestoneView;
}
async function expectRefused(input: unknown, code: string, path?: string) {
  const refusal = await refusedWithNothingWritten(store.ctx, 'milestones.report', input, code, JSON.stringify(input));
  if (path !== undefined) expect(refusal.issues.map((i) => i.path)).toContain(path);
}

describe('milestones.report', () => {
  it('records a milestone reached, by the officer, logged for the weekly packet', async () => {
    const enrolment = (await detail()).milestones.find((m) => m.kind === 'statistics_enrolment')!;
    expect(enrolment.reachedOn).toBeNull();
    const seq = lastChangeSeq(store.db);
    const view = await report({ milestoneId: enrolment.id, reachedOn: '2026-11-20', note: ' 已完成入库纳统 ' });
    expect(view).toMatchObject({ id: enrolment.id, kind: 'statistics_enrolment', reachedOn: '2026-11-20' });
    expect(view.reports).toHaveLength(1);
    expect(view.reports[0]).toMatchObject({
      reachedOn: '2026-11-20',
      note: '已完成入库纳统',
      recordedBy: '演示用户',
      recordedAt: store.ctx.now().toISOString(),
    });
    const changes = changesAfter(store.db, seq);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ entity: 'milestone_report', recordId: view.reports[0]!.id });
    expect((await detail()).milestones.find((m) => m.id === enrolment.id)!.reachedOn).toBe('2026-11-20');
  });

  it('corrects a date with a new report; the first stays in the history', async () => {
    const m = (await detail()).milestones.find((x) => x.reachedOn !== null)!;
    const before = m.reports.length;
    await report({ milestoneId: m.id, reachedOn: '2026-11-01' });
    const corrected = await report({ milestoneId: m.id, reachedOn: '2026-11-02', note: '更正' });
    expect(corrected.reports).toHaveLength(before + 2);
    expect(corrected.reachedOn).toBe('2026-11-02');
    // The same clock moment for both: the correction still sorts last, in projects.get too.
    expect((await detail()).milestones.find((x) => x.id === m.id)!.reachedOn).toBe('2026-11-02');
  });

  it('accepts today', async () => {
    const m = (await detail()).milestones[0]!;
    expect((await report({ milestoneId: m.id, reachedOn: '2026-11-24' })).reachedOn).toBe('2026-11-24');
  });

  it('refuses each kind of bad input, writing nothing', async () => {
    const m = (await detail()).milestones[1]!;
    await expectRefused({ milestoneId: m.id, reachedOn: '2026-11-25' }, 'invalid_input', 'reachedOn'); // tomorrow
    await expectRefused({ milestoneId: m.id, reachedOn: '2026-02-30' }, 'invalid_input', 'reachedOn');
    await expectRefused({ milestoneId: m.id, reachedOn: '20261120' }, 'invalid_input', 'reachedOn');
    await expectRefused({ milestoneId: m.id }, 'invalid_input', 'reachedOn');
    await expectRefused({ milestoneId: m.id, reachedOn: '2026-11-20', note: 'x'.repeat(2001) }, 'invalid_input', 'note');
    await expectRefused({ milestoneId: 'm1', reachedOn: '2026-11-20' }, 'invalid_input', 'milestoneId');
    await expectRefused({ milestoneId: MISSING, reachedOn: '2026-11-20' }, 'not_found');
    store.db.prepare("DELETE FROM settings WHERE key = 'officer'").run();
    await expectRefused({ milestoneId: m.id, reachedOn: '2026-11-20' }, 'invalid_input', 'officer');
  });
});
