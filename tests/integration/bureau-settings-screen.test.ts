/**
 * Issue 12: the bureau desk's settings, each operation through the bureau's registry as a page calls it (files
 * as handles): an officer added with an uploaded key, a pending key accepted only with the fingerprint the
 * officer reads out (a wrong one is refused and changes nothing), another rejected, the desk backed up to the
 * outbox and restored from that file, the public key handed out, neither a restore nor leaving the demo while a
 * job runs, and the demo left (kept aside, an empty desk
 * with a new key in its place).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lazyBureau } from '../../electron/bureau/context.js';
import { dumpBureauDatabase } from '../../electron/bureau/database.js';
import { verifyBureauBackup } from '../../electron/bureau/backup.js';
import { createBureauRegistry } from '../../electron/bureau/operations/index.js';
import { stopBureauJobs } from '../../electron/bureau/operations/jobs.js';
import { servePage } from '../../electron/bureau/page-files.js';
import { findOfficer } from '../../electron/bureau/repository.js';
import { DEMO_BUREAU_NAME, seedDemoDistrict } from '../../electron/demo/bureau-district.js';
import { generateSigningKeyPair, keyFingerprint, readPublicKeyFile } from '../../electron/packets/keys.js';
import { writeWeeklyPacket } from '../fixtures/bureau/weekly-packet.js';
import { makeTempDir } from '../helpers/temp-store.js';

const NOW = new Date('2026-12-02T10:00:00+08:00');

describe('the bureau settings, through the registry as a page calls them', () => {
  const dir = makeTempDir('sponsor-desk-bureau-settings-');
  const dbPath = join(dir.path, 'desk', 'sponsor-desk-bureau.sqlite');
  const outbox = join(dir.path, 'outbox');
  const ctx = lazyBureau(dbPath, () => NOW);
  const registry = createBureauRegistry();

  async function call<T = any>(name: string, input: unknown): Promise<T> {
    const answer = await registry.dispatch(name as never, input as never, ctx);
    if (!answer.ok) throw Object.assign(new Error(`${name}: ${answer.error.message}`), { shape: answer.error });
    return answer.value as T;
  }
  async function refusal(name: string, input: unknown) {
    const answer = await registry.dispatch(name as never, input as never, ctx);
    expect(answer.ok, `${name} should be refused`).toBe(false);
    return (answer as { error: { code: string; params: Record<string, unknown> } }).error;
  }
  const upload = async (fileName: string, bytes: Buffer | string) =>
    (await call<{ file: string }>('bureau.files.receive', { fileName, contentBase64: Buffer.from(bytes).toString('base64') })).file;
  const dump = () => dumpBureauDatabase(ctx.db);

  /**
   * A weekly packet signed with `keys` (which the bureau has not accepted) of an officer just added without a key
   * (the demo's officers all have theirs): it waits as pending.
   */
  async function pendingPacket(name: string, unit: string, keys: ReturnType<typeof generateSigningKeyPair>) {
    await call('bureau.officers.add', { name, unit });
    const o = findOfficer(ctx.db, name, unit)!;
    const officer = { id: o.id, name: o.name, unit: o.unit, phone: o.phone };
    mkdirSync(join(dir.path, 'packets'), { recursive: true });
    const file = await writeWeeklyPacket(join(dir.path, 'packets'), { officer, keys, sequence: 1, changes: [], createdAt: '2026-11-30T02:00:00.000Z' });
    const [result] = await call<{ status: string }[]>('bureau.ingest', { paths: [await upload('weekly.zip', readFileSync(file))] });
    expect(result!.status).toBe('pending');
    return o.id;
  }

  beforeAll(async () => {
    mkdirSync(outbox);
    await seedDemoDistrict(dbPath, () => NOW);
    servePage(ctx, { outboxDir: outbox });
  });
  afterAll(async () => {
    await stopBureauJobs(ctx);
    ctx.close();
    dir.remove();
  });

  it('shows the desk: demo, its key fingerprint in groups, its files', async () => {
    const about = await call('bureau.desk.about', {});
    expect(about).toMatchObject({ bureauName: DEMO_BUREAU_NAME, demo: true, projects: 96, officers: 10, timeZone: 'Asia/Shanghai' });
    expect(about.fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    expect(about.fingerprint).toBe(readPublicKeyFile(ctx.publicKeyPath).fingerprint);
  });

  it('hands out the public key (never the private one) into the outbox', async () => {
    const given = await call('bureau.key.give', {});
    expect(given.file).toBe(join(outbox, 'bureau.pub'));
    const text = readFileSync(given.file, 'utf8');
    expect(text).toContain('BEGIN PUBLIC KEY');
    expect(text).not.toContain('PRIVATE');
    expect(readPublicKeyFile(given.file).fingerprint).toBe(given.fingerprint);
    expect((await refusal('bureau.key.give', { folder: '/tmp' })).params.reason).toBe('raw_path');
  });

  it('adds an officer with an uploaded key file; a file that is not a key is refused and adds no one', async () => {
    const before = dump();
    const bad = await refusal('bureau.officers.add', { name: '周明', unit: '区商务局', keyFile: await upload('周明.pub', 'not a key') });
    expect(bad.params.what).toBe('key');
    expect(dump()).toEqual(before);

    const keys = generateSigningKeyPair();
    const added = await call('bureau.officers.add', {
      name: '周明',
      unit: '区商务局',
      phone: '0632-8117099',
      keyFile: await upload('周明.pub', keys.publicKeyPem),
    });
    expect(added).toMatchObject({ created: true, key: 'registered', officer: { name: '周明', keyFingerprint: keyFingerprint(keys.publicKeyPem) } });
    const listed = (await call<{ name: string; keyConfirmed: string | null }[]>('bureau.officers.list', {})).find((o) => o.name === '周明');
    expect(listed?.keyConfirmed).toBe('file');
  });

  it('accepts a pending key only with the fingerprint the officer reads out: a wrong one is refused and changes nothing', async () => {
    const keys = generateSigningKeyPair();
    const officerId = await pendingPacket('魏然', '区经济发展局', keys);
    const pending = (await call<{ id: string; pendingKeys: { fingerprint: string; packets: number }[] }[]>('bureau.officers.list', {})).find(
      (o) => o.id === officerId,
    )!;
    const right = keyFingerprint(keys.publicKeyPem);
    expect(pending.pendingKeys).toEqual([{ fingerprint: right, packets: 1 }]);

    const before = dump();
    const misread = right.replace(/^..../, right.startsWith('0000') ? '1111' : '0000');
    expect((await refusal('bureau.officers.acceptKey', { officer: officerId, fingerprint: misread })).params.reason).toBe('pending_key_unknown');
    expect((await refusal('bureau.officers.acceptKey', { officer: officerId, fingerprint: '12 34' })).params.reason).toBe('fingerprint_invalid');
    expect(dump()).toEqual(before);

    // Typed as read out: lower case, without the spaces.
    const accepted = await call('bureau.officers.acceptKey', { officer: officerId, fingerprint: right.replace(/ /g, '').toLowerCase() });
    expect(accepted).toMatchObject({ decision: 'accepted', fingerprint: right, folded: [{ status: 'accepted' }] });
  });

  it('replaces a key only when asked, and answers what the replacement voided', async () => {
    const officerId = findOfficer(ctx.db, '魏然', '区经济发展局')!.id;
    const keys = generateSigningKeyPair();
    const keyFile = await upload('魏然-new.pub', keys.publicKeyPem);
    const before = dump();
    expect((await refusal('bureau.officers.addKey', { officer: officerId, keyFile })).params.reason).toBe('key_in_force');
    expect(dump()).toEqual(before);
    const replaced = await call('bureau.officers.addKey', { officer: officerId, keyFile, replaceKey: true });
    expect(replaced).toMatchObject({ key: 'replaced', voided: { packets: 1 }, officer: { keyFingerprint: keyFingerprint(keys.publicKeyPem) } });
  });

  it('rejects a pending key: its packets are set aside and the officer keeps no key', async () => {
    const keys = generateSigningKeyPair();
    const officerId = await pendingPacket('沈冰', '区发展和改革局', keys);
    const rejected = await call('bureau.officers.rejectKey', { officer: officerId, fingerprint: keyFingerprint(keys.publicKeyPem) });
    expect(rejected).toMatchObject({ decision: 'rejected', rejectedPackets: 1, officer: { keyFingerprint: null } });
    const after = (await call<{ id: string; pendingKeys: unknown[] }[]>('bureau.officers.list', {})).find((o) => o.id === officerId)!;
    expect(after.pendingKeys).toEqual([]);
  });

  it('backs the desk up into the outbox, and restores it from that file (the replaced database kept in backups/)', async () => {
    const backup = await call('bureau.backup', {});
    expect(backup.file.startsWith(outbox)).toBe(true);
    expect(verifyBureauBackup(backup.file).keys?.fingerprint).toBe(backup.keyFingerprint);
    const atBackup = dump();

    // Work after the backup: an officer added. The restore brings the desk back to the backup.
    await call('bureau.officers.add', { name: '新来的', unit: '区财政局' });
    expect(findOfficer(ctx.db, '新来的', '区财政局')).toBeDefined();
    const restored = await call('bureau.restore', { file: await upload('backup.sqlite', readFileSync(backup.file)) });
    expect(existsSync(restored.keptAside)).toBe(true);
    expect(restored.keptAside.startsWith(join(ctx.dir, 'backups'))).toBe(true);
    // The desk's own connection now reads the restored database.
    expect(findOfficer(ctx.db, '新来的', '区财政局')).toBeUndefined();
    // The same desk as at the backup, but for the floor of assignment numbers a restore keeps (restore.ts).
    const { settings, ...rest } = dump();
    expect({ ...rest, settings: settings!.filter((r) => (r as { key: string }).key !== 'assignment_sequence_floor') }).toEqual(atBackup);

    const before = dump();
    const notBackup = await refusal('bureau.restore', { file: await upload('x.sqlite', 'not a database at all') });
    expect(notBackup.code).toBe('database_corrupt');
    expect(dump()).toEqual(before);
  });

  it('refuses a restore and leaving the demo while a job runs on the desk (busy), and changes nothing', async () => {
    const backup = await call('bureau.backup', {});
    const file = await upload('backup.sqlite', readFileSync(backup.file));
    const { jobId } = await call('bureau.jobs.start', { kind: 'bureau.exportLedger', input: {} });
    const before = dump();
    expect(await refusal('bureau.demo.leave', {})).toMatchObject({ code: 'busy', params: { running: 'bureau.exportLedger' } });
    expect(await refusal('bureau.restore', { file })).toMatchObject({ code: 'busy' });
    expect(dump()).toEqual(before);
    while ((await call('bureau.jobs.get', { jobId })).status === 'running') await new Promise((r) => setTimeout(r, 20));
  });

  it('leaves the demo: the demo (database and key) kept aside, an empty desk with a new key in its place', async () => {
    const demoFingerprint = (await call('bureau.desk.about', {})).fingerprint;
    const left = await call('bureau.demo.leave', {});
    expect(left.demoFingerprint).toBe(demoFingerprint);
    expect(left.fingerprint).not.toBe(demoFingerprint);
    const kept = verifyBureauBackup(left.keptAside);
    expect(kept.keys?.fingerprint).toBe(demoFingerprint);
    expect(readPublicKeyFile(ctx.publicKeyPath).fingerprint).toBe(left.fingerprint);
    expect(existsSync(left.keyKeptAside)).toBe(true);

    const about = await call('bureau.desk.about', {});
    expect(about).toMatchObject({ demo: false, projects: 0, officers: 0, fingerprint: left.fingerprint, timeZone: 'Asia/Shanghai' });
    expect(about.bureauName).not.toContain('演示');
    expect(readdirSync(ctx.dir).filter((f) => f.startsWith('.leave-demo-'))).toEqual([]);

    // Not the demo any more: refused, nothing changed.
    const before = dump();
    expect((await refusal('bureau.demo.leave', {})).params.reason).toBe('not_demo');
    expect(dump()).toEqual(before);
    // The demo comes back like any backup.
    await call('bureau.restore', { file: await upload('demo.sqlite', readFileSync(left.keptAside)) });
    expect(await call('bureau.desk.about', {})).toMatchObject({ demo: true, projects: 96, fingerprint: demoFingerprint });
  });
});

describe('leaving the demo when it cannot finish', () => {
  it('changes nothing: the demo desk, its key and its database stay as they were', async () => {
    const dir = makeTempDir('sponsor-desk-bureau-leave-demo-');
    const dbPath = join(dir.path, 'sponsor-desk-bureau.sqlite');
    await seedDemoDistrict(dbPath, () => NOW);
    const ctx = lazyBureau(dbPath, () => NOW);
    try {
      servePage(ctx, { outboxDir: join(dir.path, 'outbox') });
      // The swap fails at its third step: bureau.pub cannot be replaced (a folder stands in its place).
      rmSync(ctx.publicKeyPath);
      mkdirSync(ctx.publicKeyPath);
      writeFileSync(join(ctx.publicKeyPath, 'x'), 'x');
      const key = readFileSync(ctx.privateKeyPath, 'utf8');
      const before = dumpBureauDatabase(ctx.db);
      const answer = await createBureauRegistry().dispatch('bureau.demo.leave', {}, ctx);
      expect(answer.ok).toBe(false);
      // It failed in the swap (the demo's backup was written before), and the demo key is back in its place.
      expect(readdirSync(join(dir.path, 'backups')).filter((f) => f.startsWith('bureau-demo-'))).toHaveLength(1);
      expect(readFileSync(ctx.privateKeyPath, 'utf8')).toBe(key);
      // The desk goes on as the demo, on its own connection.
      expect(dumpBureauDatabase(ctx.db)).toEqual(before);
      expect((await createBureauRegistry().dispatch('bureau.desk.about', {}, ctx)) as unknown).toMatchObject({ ok: true, value: { demo: true, projects: 96 } });
      expect(readdirSync(dir.path).filter((f) => f.startsWith('.leave-demo-'))).toEqual([]);
    } finally {
      ctx.close();
      dir.remove();
    }
  });
});
