import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { investmentHandlers } from '../../electron/handlers/investment.js';
import { milestoneHandlers } from '../../electron/handlers/milestones.js';
import { problemHandlers } from '../../electron/handlers/problems.js';
import { OperationRegistry } from '../../electron/handlers/registry.js';
import { dumpDatabase, openTempStore, type TempStore } from '../helpers/temp-store.js';

/**
 * Nothing new on a project the bureau withdrew or handed to another officer: a figure, a milestone report, a
 * problem or a problem step made after the store archived the project would be refused by the bureau with the
 * whole packet, and by every later packet carrying it (docs/bureau.md "Whose records a packet may carry").
 * Visits and close-offs refused already (services-visits, services-checklist).
 */
let store: TempStore;
const registry = new OperationRegistry().register(investmentHandlers).register(milestoneHandlers).register(problemHandlers);
const PROJECT = '00000000-0000-4000-8000-00000000000a';

beforeEach(() => {
  store = openTempStore({ demo: true });
});
afterEach(() => store.close());

async function expectWithdrawn(op: string, input: unknown): Promise<void> {
  const before = dumpDatabase(store.db);
  const result = await registry.dispatch(op as never, input, store.ctx);
  expect(result.ok, op).toBe(false);
  if (!result.ok) expect(result.error).toMatchObject({ code: 'invalid_input', params: { reason: 'project_withdrawn', id: PROJECT } });
  expect(dumpDatabase(store.db)).toBe(before);
}

describe('a withdrawn or handed-over project takes no new records', () => {
  it('figures, milestone reports, problems and problem steps are refused; the store is unchanged', async () => {
    const milestone = store.db.prepare('SELECT id FROM milestones WHERE project_id = ? AND withdrawn_at IS NULL LIMIT 1').pluck().get(PROJECT) as string;
    const raised = await registry.dispatch(
      'problems.raise',
      { projectId: PROJECT, category: 'land', description: '用地指标不足', responsibleDepartment: '', coordinatingLeader: '', dueOn: null },
      store.ctx,
    );
    expect(raised.ok).toBe(true);
    const problemId = (raised as { ok: true; value: { id: string } }).value.id;
    // While the project is open all four are accepted (so the refusals below are about the withdrawal).
    expect((await registry.dispatch('investment.record', { projectId: PROJECT, month: '2026-10', amount: 100 }, store.ctx)).ok).toBe(true);

    store.db.prepare('UPDATE projects SET archived_at = ? WHERE id = ?').run('2026-11-20T00:00:00.000Z', PROJECT);
    await expectWithdrawn('investment.record', { projectId: PROJECT, month: '2026-10', amount: 200 });
    await expectWithdrawn('milestones.report', { milestoneId: milestone, reachedOn: '2026-11-20', note: '' });
    await expectWithdrawn('problems.raise', {
      projectId: PROJECT,
      category: 'capital',
      description: '资金缺口',
      responsibleDepartment: '',
      coordinatingLeader: '',
      dueOn: null,
    });
    await expectWithdrawn('problems.act', { problemId, action: 'dispatch', department: '区财政局', note: '' });
  });
});
