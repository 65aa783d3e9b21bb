import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assignAll } from '../../electron/bureau/assign.js';
import { type BureauContext } from '../../electron/bureau/context.js';
import { milestoneIdFor } from '../../electron/bureau/ids.js';
import { importMasterList } from '../../electron/bureau/import-master.js';
import { grantFile } from '../../electron/files/file-handles.js';
import { changesAfter } from '../../electron/store/repositories/change-log.js';
import { dumpDatabase, makeTempDir, openTempStore, type TempDir, type TempStore } from '../helpers/temp-store.js';
import { perform } from '../helpers/operations.js';
import { newBureau } from '../helpers/bureau.js';

/**
 * A milestone the bureau drops from the master list is withdrawn in the officer's store too (migration 004):
 * marked, never deleted, its reports kept; left out of the project view; a new report on it refused; listed
 * again, restored. The seeded simulation's model relies on this rule (tests/reliability/simulation/model.ts).
 */
let clock = new Date('2026-10-05T09:00:00');
const now = () => new Date(clock.getTime());
let dir: TempDir;
let ctx: BureauContext;
let store: TempStore;
let round = 0;

const HEADER = '项目编码,项目名称,项目级别,年度计划投资（万元）,帮包领导,帮包单位,帮包责任人,当前阶段,里程碑';
const row = (code: string, milestones: string) => `${code},鲁南新材料基地${code.slice(-1)},区级,30000,王立新,区经济发展局,李明,建设,${milestones}`;
const ALL = '开工建设:2026-03-01;入库纳统:2026-06-30;设备安装完成:2026-09-30;竣工投产:2026-12-20';
const WITHOUT = '开工建设:2026-03-01;入库纳统:2026-06-30;竣工投产:2026-12-20';
const EQUIPMENT = milestoneIdFor('SIM-2026-001', 'other', '设备安装完成');
const EQUIPMENT_2 = milestoneIdFor('SIM-2026-002', 'other', '设备安装完成');

const call = <T = any>(name: string, input: unknown) => perform<T>(store.ctx, name, input);

/** Imports the list at the bureau, writes 李明's next assignment and applies it; returns the preview warnings. */
async function listAndAssign(rows: string[]): Promise<string[]> {
  round += 1;
  const file = dir.file(`list-${round}.csv`);
  writeFileSync(file, `\ufeff${[HEADER, ...rows].join('\r\n')}\r\n`);
  importMasterList(ctx, file, { defaultYear: 2026 });
  mkdirSync(dir.file(`a${round}`));
  const [assignment] = await assignAll(ctx, { outDir: dir.file(`a${round}`), officer: '李明' });
  const applied = await call<{ applied: boolean; warnings: string[] }>('sync.applyAssignment', {
    file: grantFile(store.ctx, assignment!.file),
    allowWithdrawMost: true,
  });
  expect(applied.applied).toBe(true);
  return applied.warnings;
}

const withdrawnAt = (id: string) => store.db.prepare('SELECT withdrawn_at FROM milestones WHERE id = ?').pluck().get(id);
const viewed = async (code: string) => {
  const projects = await call<{ id: string; code: string }[]>('projects.list', { includeArchived: true });
  const detail = await call<{ milestones: { id: string; reachedOn: string | null }[] }>('projects.get', {
    projectId: projects.find((p) => p.code === code)!.id,
  });
  return detail.milestones;
};

beforeEach(async () => {
  clock = new Date('2026-10-05T09:00:00');
  round = 0;
  dir = makeTempDir('sponsor-desk-milestone-withdrawal-');
  ctx = newBureau(dir.file('desk/bureau.sqlite'), now);
  store = openTempStore({ now });
  await call('sync.trustBureauKey', { keyPem: readFileSync(dir.file('desk/bureau.pub'), 'utf8') });
});
afterEach(() => {
  ctx.db.close();
  store.close();
  dir.remove();
});

describe('milestones the bureau withdraws', () => {
  it('are marked withdrawn with their reports kept, hidden from the view, closed to new reports, and restored when listed again', async () => {
    await listAndAssign([row('SIM-2026-001', ALL), row('SIM-2026-002', ALL)]);
    await call('milestones.report', { milestoneId: EQUIPMENT, reachedOn: '2026-10-02', note: '设备已进场' });
    expect((await viewed('SIM-2026-001')).map((m) => m.id)).toContain(EQUIPMENT);

    // The bureau drops 设备安装完成 from SIM-2026-001 only.
    clock = new Date('2026-10-12T09:00:00');
    const warnings = await listAndAssign([row('SIM-2026-001', WITHOUT), row('SIM-2026-002', ALL)]);
    expect(warnings.filter((w) => w.startsWith('milestone_withdrawn'))).toEqual([
      'milestone_withdrawn: SIM-2026-001 设备安装完成 was withdrawn by the bureau; reports on it are kept',
    ]);
    expect(withdrawnAt(EQUIPMENT)).toBe(clock.toISOString());
    expect(withdrawnAt(EQUIPMENT_2)).toBeNull();
    expect((await viewed('SIM-2026-001')).map((m) => m.id)).not.toContain(EQUIPMENT);
    expect(store.db.prepare('SELECT count(*) FROM milestone_reports WHERE milestone_id = ?').pluck().get(EQUIPMENT)).toBe(1);
    expect(changesAfter(store.db, 0).filter((c) => c.entity === 'milestone_report')).toHaveLength(1);

    // A new report on it is refused and changes nothing.
    const before = dumpDatabase(store.db);
    await expect(call('milestones.report', { milestoneId: EQUIPMENT, reachedOn: '2026-10-10' })).rejects.toMatchObject({
      shape: { code: 'invalid_input', params: { reason: 'milestone_withdrawn' } },
    });
    expect(dumpDatabase(store.db)).toBe(before);

    // Listed again: restored, with its report.
    clock = new Date('2026-10-19T09:00:00');
    const again = await listAndAssign([row('SIM-2026-001', ALL), row('SIM-2026-002', ALL)]);
    expect(again.filter((w) => w.startsWith('milestone_'))).toEqual(['milestone_restored: SIM-2026-001 设备安装完成 is planned again (2026-09-30)']);
    expect(withdrawnAt(EQUIPMENT)).toBeNull();
    expect((await viewed('SIM-2026-001')).find((m) => m.id === EQUIPMENT)).toMatchObject({ reachedOn: '2026-10-02' });

    // A withdrawn project keeps its milestones as they were (the project is archived, not its plan).
    clock = new Date('2026-10-26T09:00:00');
    await listAndAssign([row('SIM-2026-001', ALL)]);
    expect(withdrawnAt(EQUIPMENT_2)).toBeNull();
    expect(store.db.prepare("SELECT archived_at IS NOT NULL FROM projects WHERE code = 'SIM-2026-002'").pluck().get()).toBe(1);
  });

  it('applying the same assignment twice withdraws nothing twice', async () => {
    await listAndAssign([row('SIM-2026-001', ALL)]);
    clock = new Date('2026-10-12T09:00:00');
    await listAndAssign([row('SIM-2026-001', WITHOUT)]);
    const first = withdrawnAt(EQUIPMENT);
    const file = dir.file(`a${round}`);
    const [name] = (await import('node:fs')).readdirSync(file);
    clock = new Date('2026-10-13T09:00:00');
    const repeat = await call<{ status: string; applied: boolean }>('sync.applyAssignment', { file: grantFile(store.ctx, `${file}/${name}`) });
    expect(repeat).toMatchObject({ status: 'already_imported', applied: false });
    expect(withdrawnAt(EQUIPMENT)).toBe(first);
  });
});
