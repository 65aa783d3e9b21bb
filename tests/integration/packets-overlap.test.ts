import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyAssignment, previewAssignment } from '../../electron/sync/assignment-import.js';
import { ASSIGNMENT_PAYLOAD_PATH } from '@shared/packets/assignment.js';
import { dumpDatabase, openTempStore, type TempStore } from '../helpers/temp-store.js';
import { appErrorOf } from '../helpers/app-error.js';
import { loadPacketBase } from '../reliability/mutate.js';
import { packetOverlapZip } from '../reliability/mutate-bombs.js';
import { makeAssignment, makeBureau, makeOfficer, trustBureau, writeAssignment, type TestBureau } from './sync-fixtures.js';

/**
 * Issue 9, point 5, for packets ("no file hangs either program"): a correctly signed packet whose manifest
 * lists many entries that all point at one part of the zip. Before electron/packets/zip-layout.ts the reader
 * inflated and hashed that part once per entry: 2,000 entries over 8 MB of empty deflate blocks took 50 s
 * and were accepted; 20,000 entries (the entry limit) and more padding, hours. Now the central directory is
 * checked first and the file refused in milliseconds, the officer's store unchanged and no backup made.
 */
describe('a signed packet whose entries share bytes', () => {
  let store: TempStore;
  let bureau: TestBureau;
  let good: string;

  beforeEach(async () => {
    store = openTempStore();
    bureau = makeBureau(store.dir.path);
    trustBureau(store.db, bureau);
    const officer = makeOfficer();
    await applyAssignment(store.ctx, await writeAssignment(store.dir.path, bureau, makeAssignment(officer), 1));
    good = await writeAssignment(store.dir.path, bureau, makeAssignment(officer, { projects: 4 }), 2, { fileName: 'good.zip' });
  });
  afterEach(() => store.close());

  async function expectRefusedQuickly(bytes: Buffer, reason: string, fragment: RegExp): Promise<void> {
    const file = store.dir.file('overlap.zip');
    writeFileSync(file, bytes);
    const before = dumpDatabase(store.db);
    const backups = readdirSync(join(store.dir.path, 'backups')).length;
    const started = performance.now();
    for (const run of [() => applyAssignment(store.ctx, file, { allowWithdrawMost: true }), () => previewAssignment(store.ctx, file)]) {
      const caught = await appErrorOf(run);
      expect(caught.params.reason).toBe(reason);
      expect(caught.message).toMatch(fragment);
    }
    expect(performance.now() - started).toBeLessThan(1000);
    expect(dumpDatabase(store.db)).toBe(before);
    expect(readdirSync(join(store.dir.path, 'backups')).length).toBe(backups);
  }

  it('2,000 empty entries at one part padded with 8 MB of empty deflate blocks: refused before inflating', async () => {
    const base = await loadPacketBase(readFileSync(good), ASSIGNMENT_PAYLOAD_PATH, bureau.keys);
    const bomb = packetOverlapZip(base, { copies: 2000, padded: true, megabytes: 8 });
    await expectRefusedQuickly(bomb.bytes, 'entry_too_large', /attachments\/overlap-0\.bin has 8388607 bytes of compressed data for the 0 bytes/);
  });

  it('200 entries at one honestly deflated part of 2 MB of zeros: refused as overlapping, naming two entries', async () => {
    const base = await loadPacketBase(readFileSync(good), ASSIGNMENT_PAYLOAD_PATH, bureau.keys);
    const bomb = packetOverlapZip(base, { copies: 200, padded: false, megabytes: 8 });
    await expectRefusedQuickly(bomb.bytes, 'unsafe_entry', /entries attachments\/overlap-\d+\.bin and attachments\/overlap-\d+\.bin share bytes/);
  });

  it('the control: the same packet without the extra entries is accepted', async () => {
    const r = await applyAssignment(store.ctx, good, { allowWithdrawMost: true });
    expect(r.applied).toBe(true);
  });
});
