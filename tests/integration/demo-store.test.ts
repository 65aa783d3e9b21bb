/**
 * Issue 13.1: the demo can neither send nor take files, and leaving it starts the real store cleanly.
 * The weekly export is refused on a demo store by the operation, the job and the CLI, with nothing written;
 * leaving the demo keeps the pinned bureau key (and the officer's key, language and zone), removes the packets
 * an older version let the demo write into the outbox, and the first real packet is no. 1 under its plain name.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main.js';
import type { CliIo } from '../../electron/cli/command.js';
import { grantFile } from '../../electron/files/file-handles.js';
import { writeStoreTimeZone } from '../../electron/store/time-zone.js';
import { openDatabase } from '../../electron/store/database.js';
import { insertPacketExport } from '../../electron/store/repositories/sync.js';
import { keyFingerprint } from '../../electron/packets/index.js';
import { pinBureauKey, readBureauKey, readBureauKeyHistory, readOfficerKey } from '../../electron/sync/keys.js';
import { dumpDatabase, openTempStore, type TempStore } from '../helpers/temp-store.js';
import { perform, refusalOf } from '../helpers/operations.js';
import { makeAssignment, makeBureau, makeOfficer, trustBureau, writeAssignment } from './sync-fixtures.js';

const call = <T>(store: TempStore, name: string, input: unknown) => perform<T>(store.ctx, name, input);

const refusal = (store: TempStore, name: string, input: unknown) => refusalOf(store.ctx, name, input);

async function cli(argv: string[], lang: string) {
  const saved = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL, LC_MESSAGES: process.env.LC_MESSAGES };
  process.env.LANG = lang;
  delete process.env.LC_ALL;
  delete process.env.LC_MESSAGES;
  let stdout = '';
  let stderr = '';
  const io: CliIo = { out: (text) => void (stdout += `${text}\n`), err: (text) => void (stderr += `${text}\n`) };
  try {
    const code = await runCli(argv, io);
    return { code, stdout, stderr };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const open: TempStore[] = [];
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

function demoStore(): TempStore {
  const store = openTempStore({ demo: true });
  open.push(store);
  return store;
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('a demo store never exports a weekly packet', () => {
  it('the operation and the job refuse it with demo_store before anything is written (no officer key, no outbox)', async () => {
    const store = demoStore();
    const bureau = makeBureau(store.dir.path);
    trustBureau(store.db, bureau);
    const before = dumpDatabase(store.db);

    const direct = await refusal(store, 'sync.exportPacket', { summary: '本周走访两个项目。' });
    expect(direct).toMatchObject({ code: 'illegal_transition', params: { reason: 'demo_store' } });
    expect(direct.message).toMatch(/leave the demo first/);
    const job = await refusal(store, 'jobs.start', { kind: 'sync.exportPacket', input: {} });
    expect(job).toMatchObject({ code: 'illegal_transition', params: { reason: 'demo_store' } });

    expect(dumpDatabase(store.db)).toBe(before);
    expect(readOfficerKey(store.db)).toBeNull();
    expect(existsSync(store.dir.file('outbox'))).toBe(false);
    // The store is not held by a job that never started: a backup runs at once.
    expect((await call<{ fileName: string }>(store, 'backup.create', {})).fileName).toMatch(/^sponsor-desk-/);
  });

  it('the CLI refuses it in whole Chinese or English, saying to leave the demo; the database and the folder are untouched', async () => {
    const store = demoStore();
    const dbPath = store.ctx.databasePath;
    const before = dumpDatabase(store.db);
    store.ctx.db.close(); // the CLI opens the file itself
    const out = store.dir.file('usb-stick');

    const zh = await cli(['export', '--db', dbPath, '--out', out], 'zh_CN.UTF-8');
    expect(zh.code).not.toBe(0);
    expect(zh.stderr).toContain('当前为演示数据');
    expect(zh.stderr).toContain('请先退出演示');
    // The sentence between the command's prefix and the code tag is whole Chinese.
    const sentence = zh.stderr.replace(/^sponsor-desk export: 错误: /, '').replace(/\s*\[illegal_transition\/demo_store\]\s*$/, '');
    expect(sentence).not.toMatch(/[A-Za-z]/);
    const en = await cli(['export', '--db', dbPath, '--out', out, '--json'], 'en_US.UTF-8');
    expect(en.code).not.toBe(0);
    expect(en.stdout + en.stderr).toMatch(/demo_store|leave the demo first/);

    expect(existsSync(out)).toBe(false);
    const again = openDatabase(dbPath);
    try {
      expect(dumpDatabase(again)).toBe(before);
    } finally {
      again.close();
    }
  });
});

describe('leaving the demo', () => {
  it('keeps the pinned bureau key (with the keys it replaced), the officer key, the language and the zone; the first real packet is no. 1 with the plain name', async () => {
    const store = demoStore();
    // The bureau changed its key while the officer tried the demo: the replacement was confirmed (by phone).
    trustBureau(store.db, makeBureau(store.dir.path, '旧密钥'));
    const bureau = makeBureau(store.dir.path);
    pinBureauKey(store.db, bureau.keys.publicKeyPem, new Date('2026-11-20T00:00:00Z'), { confirmReplaceFingerprint: keyFingerprint(bureau.keys.publicKeyPem) });
    const pinned = readBureauKey(store.db)!;
    const history = readBureauKeyHistory(store.db);
    expect(history).toHaveLength(1);
    const officerKey = await call<{ fingerprint: string }>(store, 'sync.officerKey', {});
    await call(store, 'settings.setLanguage', { language: 'en' });
    writeStoreTimeZone(store.db, 'Asia/Urumqi');

    // What an older version let the demo do: a packet in the outbox, recorded in the demo's export history,
    // under the very name the first real packet of an officer called 李明 gets today.
    const outbox = store.dir.file('outbox');
    mkdirSync(outbox);
    const plainName = 'sponsor-desk-weekly-20261124-李明-0001.zip';
    const demoPacket = join(outbox, plainName);
    writeFileSync(demoPacket, 'demo packet bytes');
    const changed = join(outbox, 'sponsor-desk-weekly-20261117-李明-0002.zip');
    writeFileSync(changed, 'the officer replaced this file since');
    const record = (sequence: number, path: string, sha: string) =>
      insertPacketExport(store.db, {
        sequence,
        packetId: `demo-${sequence}`,
        exportedAt: '2026-11-24T02:00:00.000Z',
        fileName: path.slice(outbox.length + 1),
        filePath: path,
        fileSha256: sha,
        bytes: 17,
        afterSeq: 0,
        throughSeq: 176,
        changeCount: 176,
        photoCount: 0,
        counts: '{}',
        acknowledgedAt: null,
      });
    record(1, demoPacket, sha256(demoPacket));
    record(2, changed, '0'.repeat(64));
    const unrelated = join(outbox, 'notes.txt');
    writeFileSync(unrelated, 'not a packet of the demo');

    const left = await call<{ keptAsBackup: string; backupPath: string; demoPacketsRemoved: number }>(store, 'store.leaveDemo', {});
    const db = store.ctx.db; // the fresh store
    expect(left.backupPath).toBe(join(store.dir.path, 'backups', left.keptAsBackup));
    expect(existsSync(left.backupPath)).toBe(true);
    expect(left.demoPacketsRemoved).toBe(1);
    expect(readdirSync(outbox).sort()).toEqual([changed.slice(outbox.length + 1), 'notes.txt'].sort());

    expect(readBureauKey(db)).toEqual(pinned);
    expect(readBureauKeyHistory(db)).toEqual(history);
    expect(readOfficerKey(db)?.fingerprint).toBe(officerKey.fingerprint);
    const info = await call<{ demo: boolean; officer: unknown; language: string; timeZone: string }>(store, 'app.info', {});
    expect(info).toMatchObject({ demo: false, officer: null, language: 'en', timeZone: 'Asia/Urumqi' });
    const status = await call<{ lastExport: unknown; nextSequence: number; bureauKey: { fingerprint: string } }>(store, 'sync.status', {});
    expect(status).toMatchObject({ lastExport: null, nextSequence: 1, bureauKey: { fingerprint: pinned.fingerprint } });
    expect((db.prepare('SELECT count(*) AS n FROM projects').get() as { n: number }).n).toBe(0);

    // The pinned key proves the first assignment at once (no second trust step), and the first packet is plain.
    const shape = makeAssignment({ ...makeOfficer('李明'), unit: '区经济发展局' }, { projects: 2, items: 1 });
    const file = await writeAssignment(store.dir.path, bureau, shape, 1);
    await call(store, 'sync.applyAssignment', { file: grantFile(store.ctx, file) });
    const exported = await call<{ sequence: number; fileName: string }>(store, 'sync.exportPacket', {});
    expect(exported).toMatchObject({ sequence: 1, fileName: plainName });
    expect(existsSync(join(outbox, plainName))).toBe(true);
  });

  it('is refused on a real store, which stays as it is', async () => {
    const store = openTempStore();
    open.push(store);
    const before = dumpDatabase(store.db);
    expect(await refusal(store, 'store.leaveDemo', {})).toMatchObject({ code: 'illegal_transition', params: { reason: 'not_demo' } });
    expect(dumpDatabase(store.ctx.db)).toBe(before);
    expect(existsSync(store.dir.file('backups'))).toBe(false);
  });
});
