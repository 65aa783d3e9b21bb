import { beforeEach, describe, expect, it } from 'vitest';
import type { WeeklyChange } from '@shared/packets/weekly.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { readWeeklyFile } from '../../electron/packets/index.js';
import { applyAssignment } from '../../electron/sync/assignment-import.js';
import { exportWeeklyPacket } from '../../electron/sync/weekly-export.js';
import { changesAfter } from '../../electron/store/repositories/change-log.js';
import { type TempStore } from '../helpers/temp-store.js';
import { makeAssignment, makeOfficer, writeAssignment, type AssignmentShape, type TestBureau } from './sync-fixtures.js';
import { applyFirstAssignment } from '../helpers/first-assignment.js';
import { useTempStore } from '../helpers/per-test.js';

/**
 * Files get lost, sent twice and opened out of order. Between an officer store and a minimal reference
 * bureau fold (records by entity and id, duplicates ignored, acknowledgement = highest weekly sequence
 * received), this drops, repeats and shuffles packets and assignments with a seeded random schedule and
 * shows every change arrives exactly once, with unacknowledged changes resent until acknowledged.
 */

const registry = createRegistry();

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The reference fold: what a bureau must do with weekly packets, and nothing more. */
class ReferenceFold {
  readonly records = new Map<string, WeeklyChange['record']>();
  readonly inserts = new Map<string, number>();
  readonly receivedPackets = new Set<string>();
  readonly arrivalOrder: number[] = [];
  duplicateRecords = 0;
  duplicatePackets = 0;
  highestSequence = 0;

  constructor(private readonly officerKeyPem: string) {}

  async ingest(file: string): Promise<void> {
    const packet = await readWeeklyFile(file, { resolveOfficerKey: () => this.officerKeyPem });
    this.arrivalOrder.push(packet.manifest.sequence);
    if (this.receivedPackets.has(packet.manifest.packetId)) {
      this.duplicatePackets += 1;
      return;
    }
    this.receivedPackets.add(packet.manifest.packetId);
    for (const change of packet.payload.changes) {
      const key = `${change.entity}:${change.recordId}`;
      const seen = this.records.get(key);
      if (seen) {
        // Same id must mean same content: records are immutable.
        expect(seen).toEqual(change.record);
        this.duplicateRecords += 1;
        continue;
      }
      this.records.set(key, change.record);
      this.inserts.set(key, (this.inserts.get(key) ?? 0) + 1);
    }
    this.highestSequence = Math.max(this.highestSequence, packet.manifest.sequence);
  }
}

async function call(store: TempStore, name: string, input: unknown): Promise<{ id?: string }> {
  const result = await registry.dispatch(name, input, store.ctx);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as { id?: string };
}

describe('lost, duplicated and reordered files', () => {
  const store = useTempStore();
  let bureau: TestBureau;
  let shape: AssignmentShape;
  let out: string;

  beforeEach(async () => {
    shape = makeAssignment(makeOfficer('赵敏'), { projects: 3, items: 2 });
    bureau = await applyFirstAssignment(store, shape);
    out = store.dir.folder('usb');
  });

  async function officerWorks(week: number, random: () => number): Promise<void> {
    const project = shape.projects[week % shape.projects.length]!;
    const day = `2026-11-${String(1 + (week % 20)).padStart(2, '0')}`;
    for (let v = 0; v < 1 + Math.floor(random() * 3); v++) {
      await call(store, 'visits.log', { projectId: project.id, visitedOn: day, kind: 'call', summary: `第${week}周第${v + 1}次联系` });
    }
    await call(store, 'investment.record', {
      projectId: project.id,
      month: `2026-${String(1 + (week % 10)).padStart(2, '0')}`,
      amount: 100 + week * 7 + Math.floor(random() * 50),
    });
    if (week % 3 === 0) {
      const problem = await call(store, 'problems.raise', { projectId: project.id, category: 'other', description: `第${week}周发现的问题` });
      await call(store, 'problems.act', { problemId: problem.id, action: 'note', note: '已记录' });
    }
  }

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`every change arrives exactly once (schedule ${seed})`, async () => {
      const random = mulberry32(seed);
      const key = (await registry.dispatch('sync.officerKey', {}, store.ctx)) as { ok: true; value: { publicKeyPem: string } };
      const fold = new ReferenceFold(key.value.publicKeyPem);
      const inFlight: string[] = [];
      const assignmentsInFlight: string[] = [];
      const lost: { file: string; changes: string[] }[] = [];
      let assignmentSequence = 1;
      let resentAfterLoss = 0;

      for (let week = 1; week <= 8; week++) {
        await officerWorks(week, random);
        const exported = await exportWeeklyPacket(store.ctx, { outDir: out });
        // The transport: lose some, send some twice, deliver in any order, some late.
        const roll = random();
        if (roll < 0.25) {
          const opened = await readWeeklyFile(exported.filePath, { resolveOfficerKey: () => key.value.publicKeyPem });
          lost.push({ file: exported.filePath, changes: opened.payload.changes.map((c) => `${c.entity}:${c.recordId}`) });
        } else {
          inFlight.push(exported.filePath);
          if (roll > 0.75) inFlight.push(exported.filePath);
        }
        // Deliver a random subset of what is in flight, shuffled.
        inFlight.sort(() => random() - 0.5);
        const deliverNow = inFlight.splice(0, Math.floor(random() * (inFlight.length + 1)));
        for (const file of deliverNow) await fold.ingest(file);

        // Every other week the bureau sends an assignment acknowledging what it has; those get lost, repeated, reordered too.
        if (week % 2 === 0) {
          const next = structuredClone(shape);
          next.acknowledgedWeeklySequence = fold.highestSequence;
          assignmentSequence += 1;
          const file = await writeAssignment(store.dir.path, bureau, next, assignmentSequence);
          if (random() < 0.8) assignmentsInFlight.push(file);
          if (random() < 0.3) assignmentsInFlight.push(file);
          assignmentsInFlight.sort(() => random() - 0.5);
          for (const a of assignmentsInFlight.splice(0)) {
            try {
              await applyAssignment(store.ctx, a);
            } catch (error) {
              expect((error as { code: string }).code).toBe('packet_stale');
            }
          }
        }
      }

      // Whatever was lost was sent again in a later packet until acknowledged.
      for (const l of lost) {
        const later = l.changes.filter((k) => fold.records.has(k));
        resentAfterLoss += later.length;
      }

      // Finally the files still in flight arrive, the bureau acknowledges, and the officer sends what is left.
      for (const file of inFlight.splice(0)) await fold.ingest(file);
      const closing = structuredClone(shape);
      closing.acknowledgedWeeklySequence = fold.highestSequence;
      await applyAssignment(store.ctx, await writeAssignment(store.dir.path, bureau, closing, assignmentSequence + 1));
      const last = await exportWeeklyPacket(store.ctx, { outDir: out });
      await fold.ingest(last.filePath);
      await fold.ingest(last.filePath);

      // Every change the officer recorded is at the bureau, exactly once, with the same content.
      const all = changesAfter(store.db, 0);
      expect([...fold.records.keys()].sort()).toEqual(all.map((c) => `${c.entity}:${c.recordId}`).sort());
      for (const c of all) expect(fold.records.get(`${c.entity}:${c.recordId}`)).toEqual(c.payload);
      expect([...fold.inserts.values()].every((n) => n === 1)).toBe(true);
      // The schedule did exercise what it claims: duplicates were ignored, and lost changes came again later.
      expect(fold.duplicateRecords + fold.duplicatePackets).toBeGreaterThan(0);
      if (lost.length > 0) expect(resentAfterLoss).toBeGreaterThan(0);

      // After the closing acknowledgement only the last packet's changes are pending.
      const status = (await registry.dispatch('sync.status', {}, store.ctx)) as { ok: true; value: { pendingChanges: number } };
      expect(status.value.pendingChanges).toBe(last.changeCount);
    });
  }

  it('an acknowledgement makes the next packet start after the acknowledged one, and a lost packet is covered by the next', async () => {
    const key = (await registry.dispatch('sync.officerKey', {}, store.ctx)) as { ok: true; value: { publicKeyPem: string } };
    const fold = new ReferenceFold(key.value.publicKeyPem);
    await officerWorks(1, () => 0.5);
    const p1 = await exportWeeklyPacket(store.ctx, { outDir: out });
    await fold.ingest(p1.filePath);
    await officerWorks(2, () => 0.5);
    const p2 = await exportWeeklyPacket(store.ctx, { outDir: out }); // lost
    await officerWorks(3, () => 0.5);
    const p3 = await exportWeeklyPacket(store.ctx, { outDir: out });
    expect(p3.afterSeq).toBe(0); // nothing acknowledged yet: everything again
    // p3 carries p2's changes too (p2 was lost): every change recorded so far.
    expect(p3.changeCount).toBe(p3.throughSeq);
    expect(p3.throughSeq).toBeGreaterThan(p2.throughSeq);
    expect(p2.throughSeq).toBeGreaterThan(p1.throughSeq);
    await fold.ingest(p3.filePath);
    expect(fold.arrivalOrder).toEqual([1, 3]);

    const ack = structuredClone(shape);
    ack.acknowledgedWeeklySequence = fold.highestSequence;
    await applyAssignment(store.ctx, await writeAssignment(store.dir.path, bureau, ack, 2));
    await officerWorks(4, () => 0.5);
    const p4 = await exportWeeklyPacket(store.ctx, { outDir: out });
    expect(p4.afterSeq).toBe(p3.throughSeq);
    await fold.ingest(p4.filePath);
    expect([...fold.records.keys()].sort()).toEqual(
      changesAfter(store.db, 0)
        .map((c) => `${c.entity}:${c.recordId}`)
        .sort(),
    );
  });
});
