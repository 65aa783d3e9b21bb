import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readWeeklyFile } from '../../electron/packets/index.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { applyAssignment, previewAssignment } from '../../electron/sync/assignment-import.js';
import { syncStatus } from '../../electron/sync/status.js';
import { exportWeeklyPacket } from '../../electron/sync/weekly-export.js';
import { openTempStore, type TempStore } from '../helpers/temp-store.js';
import { makeAssignment, makeBureau, makeOfficer, trustBureau, writeAssignment, type AssignmentShape, type TestBureau } from './sync-fixtures.js';

/**
 * docs/packets.md §3: the latest applied assignment's acknowledgement counts, not the highest ever. A bureau
 * that restored an older backup acknowledges less; the officer's status says so and the next packet carries
 * everything after the lower acknowledgement. §4: a restored officer store never reuses a packet number.
 */

const registry = createRegistry();

describe('the acknowledgement can go down', () => {
  let store: TempStore;
  let bureau: TestBureau;
  let shape: AssignmentShape;
  let out: string;
  let sequence = 0;

  async function call(name: string, input: unknown): Promise<any> {
    const result = await registry.dispatch(name, input, store.ctx);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value;
  }
  async function assignment(ack: number): Promise<string> {
    return writeAssignment(store.dir.path, bureau, { ...structuredClone(shape), acknowledgedWeeklySequence: ack }, ++sequence);
  }
  async function week(n: number) {
    await call('visits.log', { projectId: shape.projects[0]!.id, visitedOn: `2026-11-0${n}`, kind: 'call', summary: `第${n}周电话联系` });
    return exportWeeklyPacket(store.ctx, { outDir: out });
  }

  beforeEach(async () => {
    sequence = 0;
    store = openTempStore();
    bureau = makeBureau(store.dir.path);
    trustBureau(store.db, bureau);
    shape = makeAssignment(makeOfficer('赵敏'), { projects: 2, items: 1 });
    await applyAssignment(store.ctx, await assignment(0));
    out = store.dir.folder('usb');
  });
  afterEach(() => store.close());

  it('an assignment acknowledging less than the one before: status, marks and the next packet follow it', async () => {
    const p1 = await week(1);
    const p2 = await week(2);
    const p3 = await week(3);
    await applyAssignment(store.ctx, await assignment(3));
    expect(syncStatus(store.db)).toMatchObject({ acknowledgedSequence: 3, pendingChanges: 0, nextSequence: 4 });

    const lower = await assignment(1);
    const preview = await previewAssignment(store.ctx, lower);
    expect(preview.warnings.some((w) => w.startsWith('ack_behind'))).toBe(true);
    const applied = await applyAssignment(store.ctx, lower);
    expect(applied.changes.acknowledgement).toMatchObject({ weeklySequence: 1, changesNewlyReceived: 0 });

    const status = syncStatus(store.db);
    expect(status.acknowledgedSequence).toBe(1);
    expect(status.pendingChanges).toBe(p3.throughSeq - p1.throughSeq);
    expect(status.nextSequence).toBe(4);
    const marks = store.db.prepare('SELECT sequence, acknowledged_at IS NOT NULL AS received FROM packet_exports ORDER BY sequence').all();
    expect(marks).toEqual([
      { sequence: 1, received: 1 },
      { sequence: 2, received: 0 },
      { sequence: 3, received: 0 },
    ]);
    const history = (await call('sync.exportHistory', {})) as { sequence: number; acknowledgedAt: string | null }[];
    expect(
      history
        .filter((h) => h.acknowledgedAt === null)
        .map((h) => h.sequence)
        .sort(),
    ).toEqual([2, 3]);

    const p4 = await week(4);
    expect([p4.sequence, p4.afterSeq, p4.throughSeq]).toEqual([4, p1.throughSeq, p3.throughSeq + 1]);
    const opened = await readWeeklyFile(p4.filePath, { resolveOfficerKey: (m) => m.sender.publicKey });
    expect(opened.payload.acknowledgedWeeklySequence).toBe(1);
    expect(opened.payload.changes.map((c) => c.seq)).toEqual([2, 3, 4].map((n, i) => p1.throughSeq + i + 1));
    expect(p2.sequence).toBe(2);

    // Acknowledging the resend marks every packet up to it received again.
    await applyAssignment(store.ctx, await assignment(4));
    expect(syncStatus(store.db)).toMatchObject({ acknowledgedSequence: 4, pendingChanges: 0, nextSequence: 5 });
  });

  it('a restored store numbers its next packet above every packet the replaced store wrote', async () => {
    await week(1);
    const backup = (await call('backup.create', {})) as { fileName: string };
    await week(2);
    const p3 = await week(3);
    expect(p3.sequence).toBe(3);
    await call('backup.restore', { backupFileName: backup.fileName });
    // The restored store exported only packet 1, but packets 2 and 3 may be at the bureau with other changes.
    expect(syncStatus(store.ctx.db).nextSequence).toBe(4);
    const next = await week(2);
    expect(next.sequence).toBe(4);
  });
});
