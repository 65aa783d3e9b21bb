import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors.js';
import { buildSignedManifest, signBytes } from '../../electron/packets/index.js';
import { applyAssignment, previewAssignment } from '../../electron/sync/assignment-import.js';
import { dumpDatabase, openTempStore, type TempStore } from '../helpers/temp-store.js';
import { appErrorOf } from '../helpers/app-error.js';
import { unzipFile, zipTo } from '../helpers/zip.js';
import { makeAssignment, makeBureau, makeOfficer, trustBureau, writeAssignment, writeRawPacket, type TestBureau } from './sync-fixtures.js';

/**
 * Every bad input is refused with a clear error code and reason, and leaves the database byte-for-byte
 * unchanged (a dump before and after) with no backup written: nothing is touched before the file is proved.
 */

/** Replaces every occurrence of `from` with `to` (same length) in the file: names in the local header and central directory. */
function patchBytes(path: string, from: string | Buffer, to: string | Buffer): void {
  const buf = readFileSync(path);
  const a = Buffer.isBuffer(from) ? from : Buffer.from(from);
  const b = Buffer.isBuffer(to) ? to : Buffer.from(to);
  expect(a.length).toBe(b.length);
  let i = buf.indexOf(a);
  expect(i).toBeGreaterThanOrEqual(0);
  while (i >= 0) {
    b.copy(buf, i);
    i = buf.indexOf(a, i + 1);
  }
  writeFileSync(path, buf);
}

/** Sets the uncompressed size of `name` in its local header and its central directory record. */
function patchUncompressedSize(path: string, name: string, size: number): void {
  const buf = readFileSync(path);
  const nameBytes = Buffer.from(name);
  for (let i = 0; i < buf.length - 4; i++) {
    const sig = buf.readUInt32LE(i);
    if (sig === 0x04034b50 && buf.subarray(i + 30, i + 30 + nameBytes.length).equals(nameBytes) && buf.readUInt16LE(i + 26) === nameBytes.length) {
      buf.writeUInt32LE(size, i + 22);
    }
    if (sig === 0x02014b50 && buf.subarray(i + 46, i + 46 + nameBytes.length).equals(nameBytes) && buf.readUInt16LE(i + 28) === nameBytes.length) {
      buf.writeUInt32LE(size, i + 24);
    }
  }
  writeFileSync(path, buf);
}

describe('bad assignment files', () => {
  let store: TempStore;
  let bureau: TestBureau;
  let good: string;
  let officer: ReturnType<typeof makeOfficer>;

  beforeEach(async () => {
    store = openTempStore();
    bureau = makeBureau(store.dir.path);
    trustBureau(store.db, bureau);
    officer = makeOfficer();
    // The store already holds an applied assignment, so "unchanged" covers real data.
    const first = await writeAssignment(store.dir.path, bureau, makeAssignment(officer), 1);
    await applyAssignment(store.ctx, first);
    good = await writeAssignment(store.dir.path, bureau, makeAssignment(officer, { projects: 4 }), 2, { fileName: 'good.zip' });
  });
  afterEach(() => store.close());

  /** Applies (and previews) the file, expecting a refusal; checks the store is unchanged and no backup was made. */
  async function expectRefused(file: string, code: string, reason?: string, options: Parameters<typeof applyAssignment>[2] = {}): Promise<AppError> {
    const before = dumpDatabase(store.db);
    const backupsBefore = readdirSync(join(store.dir.path, 'backups')).length;
    const error = await appErrorOf(() => applyAssignment(store.ctx, file, { allowWithdrawMost: true, ...options }), 'apply must refuse');
    expect(error.code).toBe(code);
    if (reason) expect(error.params.reason).toBe(reason);
    expect(error.message.length).toBeGreaterThan(10);
    await expect(previewAssignment(store.ctx, file, options)).rejects.toMatchObject({ code });
    expect(dumpDatabase(store.db)).toBe(before);
    expect(readdirSync(join(store.dir.path, 'backups')).length).toBe(backupsBefore);
    return error;
  }

  it('accepts the good file (the control)', async () => {
    const result = await applyAssignment(store.ctx, good, { allowWithdrawMost: true });
    expect(result.applied).toBe(true);
  });

  it('refuses a file that is not a zip', async () => {
    const file = store.dir.file('not-a-zip.zip');
    writeFileSync(file, '这不是一个压缩包 — just text\n'.repeat(50));
    await expectRefused(file, 'packet_invalid', 'not_a_zip');
  });

  it('refuses an empty file', async () => {
    const file = store.dir.file('empty.zip');
    writeFileSync(file, '');
    await expectRefused(file, 'packet_invalid', 'not_a_zip');
  });

  it('refuses a truncated file', async () => {
    const file = store.dir.file('truncated.zip');
    const bytes = readFileSync(good);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expectRefused(file, 'packet_invalid', 'not_a_zip');
  });

  it('refuses a missing file', async () => {
    await expectRefused(store.dir.file('nowhere.zip'), 'not_found');
  });

  it('refuses a weekly packet offered as an assignment (wrong kind)', async () => {
    const file = await writeRawPacket(store.dir.file('weekly.zip'), {
      kind: 'weekly',
      officerId: officer.id,
      sequence: 3,
      senderName: bureau.name,
      keys: bureau.keys,
      entries: [{ path: 'changes.json', data: Buffer.from('{}') }],
    });
    const error = await expectRefused(file, 'packet_invalid', 'wrong_kind');
    expect(error.message).toMatch(/weekly.*assignment/);
  });

  it('refuses an unknown format version', async () => {
    const entries = await unzipFile(good);
    const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
    manifest.formatVersion = 2;
    const manifestBytes = Buffer.from(JSON.stringify(manifest));
    const file = await zipTo(store.dir.file('v2.zip'), [
      { name: 'manifest.json', data: manifestBytes },
      { name: 'manifest.sig', data: Buffer.from(signBytes(manifestBytes, bureau.keys.privateKeyPem).toString('base64')) },
      { name: 'assignment.json', data: entries.get('assignment.json')! },
    ]);
    const error = await expectRefused(file, 'packet_invalid', 'format_version');
    expect(error.message).toMatch(/version 2/);
  });

  it('refuses a zip that is not a packet (no manifest)', async () => {
    const file = await zipTo(store.dir.file('plain.zip'), [{ name: 'readme.txt', data: Buffer.from('hello') }]);
    await expectRefused(file, 'packet_invalid', 'missing_manifest');
  });

  it('refuses an entry whose content does not match its hash', async () => {
    const entries = await unzipFile(good);
    const payload = entries.get('assignment.json')!.toString('utf8').replace('重点项目1号', '重点项目9号');
    const file = await zipTo(store.dir.file('tampered.zip'), [
      { name: 'manifest.json', data: entries.get('manifest.json')! },
      { name: 'manifest.sig', data: entries.get('manifest.sig')! },
      { name: 'assignment.json', data: Buffer.from(payload) },
    ]);
    await expectRefused(file, 'packet_invalid', 'hash_mismatch');
  });

  it('refuses a changed manifest (bad signature)', async () => {
    const entries = await unzipFile(good);
    const manifest = entries
      .get('manifest.json')!
      .toString('utf8')
      .replace(/"sequence": 2/, '"sequence": 9');
    const file = await zipTo(store.dir.file('bad-sig.zip'), [
      { name: 'manifest.json', data: Buffer.from(manifest) },
      { name: 'manifest.sig', data: entries.get('manifest.sig')! },
      { name: 'assignment.json', data: entries.get('assignment.json')! },
    ]);
    await expectRefused(file, 'packet_signature', 'signature_bad');
  });

  it('refuses garbage in manifest.sig', async () => {
    const entries = await unzipFile(good);
    const file = await zipTo(store.dir.file('garbage-sig.zip'), [
      { name: 'manifest.json', data: entries.get('manifest.json')! },
      { name: 'manifest.sig', data: Buffer.from('not base64 !!') },
      { name: 'assignment.json', data: entries.get('assignment.json')! },
    ]);
    await expectRefused(file, 'packet_signature', 'signature_bad');
  });

  it('refuses a packet without a signature', async () => {
    const entries = await unzipFile(good);
    const file = await zipTo(store.dir.file('unsigned.zip'), [
      { name: 'manifest.json', data: entries.get('manifest.json')! },
      { name: 'assignment.json', data: entries.get('assignment.json')! },
    ]);
    await expectRefused(file, 'packet_signature', 'signature_missing');
  });

  it('refuses an assignment signed by another key than the pinned one', async () => {
    const impostor = makeBureau(store.dir.path, '冒充的经发局');
    const file = await writeAssignment(store.dir.path, impostor, makeAssignment(officer), 5);
    const error = await expectRefused(file, 'packet_signature', 'signature_wrong_key');
    expect(error.params.expected).not.toBe(error.params.found);
  });

  it('refuses an import when no bureau key is pinned', async () => {
    store.db.prepare("DELETE FROM settings WHERE key = 'bureau_key'").run();
    await expectRefused(good, 'key_missing');
  });

  it('refuses an entry the signed manifest does not list', async () => {
    const entries = await unzipFile(good);
    const file = await zipTo(store.dir.file('extra.zip'), [
      { name: 'manifest.json', data: entries.get('manifest.json')! },
      { name: 'manifest.sig', data: entries.get('manifest.sig')! },
      { name: 'assignment.json', data: entries.get('assignment.json')! },
      { name: 'extra.txt', data: Buffer.from('smuggled') },
    ]);
    await expectRefused(file, 'packet_invalid', 'entries_mismatch');
  });

  it('refuses path traversal, absolute paths and backslashes in entry names', async () => {
    const entries = await unzipFile(good);
    const base = [
      { name: 'manifest.json', data: entries.get('manifest.json')! },
      { name: 'manifest.sig', data: entries.get('manifest.sig')! },
      { name: 'assignment.json', data: entries.get('assignment.json')! },
    ];
    const traversal = await zipTo(store.dir.file('traversal.zip'), [...base, { name: 'xx/evil.txt', data: Buffer.from('x') }]);
    patchBytes(traversal, 'xx/evil.txt', '../evil.txt');
    await expectRefused(traversal, 'packet_invalid', 'unsafe_entry');

    const absolute = await zipTo(store.dir.file('absolute.zip'), [...base, { name: 'xtmp/evil.txt', data: Buffer.from('x') }]);
    patchBytes(absolute, 'xtmp/evil.txt', '/tmp/evil.txt');
    await expectRefused(absolute, 'packet_invalid', 'unsafe_entry');

    const backslash = await zipTo(store.dir.file('backslash.zip'), [...base, { name: 'a_evil.txt', data: Buffer.from('x') }]);
    patchBytes(backslash, 'a_evil.txt', 'a\\evil.txt');
    await expectRefused(backslash, 'packet_invalid', 'unsafe_entry');

    const hidden = await zipTo(store.dir.file('hidden.zip'), [...base, { name: 'photos/.hidden', data: Buffer.from('x') }]);
    await expectRefused(hidden, 'packet_invalid', 'unsafe_entry');
    expect(existsSync(join(store.dir.path, '..', 'evil.txt'))).toBe(false);
  });

  it('refuses a symbolic link entry', async () => {
    const entries = await unzipFile(good);
    const file = await zipTo(store.dir.file('symlink.zip'), [
      { name: 'manifest.json', data: entries.get('manifest.json')! },
      { name: 'manifest.sig', data: entries.get('manifest.sig')! },
      { name: 'assignment.json', data: entries.get('assignment.json')! },
      { name: 'link', data: Buffer.from('/etc/passwd'), mode: 0o120777 },
    ]);
    const error = await expectRefused(file, 'packet_invalid', 'unsafe_entry');
    expect(error.message).toMatch(/symbolic link/);
  });

  it('refuses an entry whose declared size is over the cap, before inflating it', async () => {
    const entries = await unzipFile(good);
    const file = await zipTo(store.dir.file('declared-big.zip'), [
      { name: 'manifest.json', data: entries.get('manifest.json')! },
      { name: 'manifest.sig', data: entries.get('manifest.sig')! },
      { name: 'assignment.json', data: entries.get('assignment.json')! },
    ]);
    patchUncompressedSize(file, 'assignment.json', 0x7fff_0000);
    const error = await expectRefused(file, 'packet_invalid', 'entry_too_large');
    expect(error.message).toMatch(/declares/);
  });

  it('stops inflating an entry that is larger than it declares (zip bomb)', async () => {
    // A correctly signed manifest saying 10 bytes, and an entry that inflates to 5 MB of zeros.
    const small = Buffer.alloc(10);
    const { manifestBytes, signatureText } = buildSignedManifest({
      kind: 'assignment',
      officerId: officer.id,
      sequence: 7,
      createdAt: '2026-11-01T00:00:00.000Z',
      senderName: bureau.name,
      keys: bureau.keys,
      writtenBy: 'test',
      entries: [{ path: 'assignment.json', data: small }],
    });
    const file = await zipTo(store.dir.file('bomb.zip'), [
      { name: 'manifest.json', data: manifestBytes },
      { name: 'manifest.sig', data: Buffer.from(signatureText) },
      { name: 'assignment.json', data: Buffer.alloc(5 * 1024 * 1024) },
    ]);
    patchUncompressedSize(file, 'assignment.json', 10);
    await expectRefused(file, 'packet_invalid', 'entry_too_large');
  });

  it('refuses more entries than the cap, and a total over the cap', async () => {
    await expectRefused(good, 'packet_invalid', 'too_many_entries', { limits: { maxEntries: 2 } });
    await expectRefused(good, 'packet_invalid', 'total_too_large', { limits: { maxTotalBytes: 100 } });
    await expectRefused(good, 'packet_invalid', 'too_large', { limits: { maxFileBytes: 100 } });
  });

  describe('invalid field values, validly signed', () => {
    async function withPayload(mutate: (payload: Record<string, any>) => void): Promise<string> {
      const shape = makeAssignment(officer) as unknown as Record<string, any>;
      mutate(shape);
      return writeRawPacket(store.dir.file(`invalid-${Math.random().toString(36).slice(2)}.zip`), {
        kind: 'assignment',
        officerId: officer.id,
        sequence: 4,
        senderName: bureau.name,
        keys: bureau.keys,
        entries: [{ path: 'assignment.json', data: Buffer.from(JSON.stringify(shape)) }],
      });
    }

    it('negative amounts', async () => {
      const error = await expectRefused(await withPayload((p) => (p.projects[0].annualPlannedInvestment = -500)), 'packet_invalid', 'payload_invalid');
      expect(error.params.field).toBe('projects.0.annualPlannedInvestment');
    });

    it('an unknown level', async () => {
      const error = await expectRefused(await withPayload((p) => (p.projects[1].level = 'national')), 'packet_invalid', 'payload_invalid');
      expect(error.params.field).toBe('projects.1.level');
    });

    it('an impossible date', async () => {
      const error = await expectRefused(await withPayload((p) => (p.checklistItems[0].dueOn = '2026-02-30')), 'packet_invalid', 'payload_invalid');
      expect(error.params.field).toBe('checklistItems.0.dueOn');
    });

    it('an item of a project not in the assignment', async () => {
      await expectRefused(
        await withPayload((p) => (p.checklistItems[0].projectId = '11111111-1111-4111-8111-111111111111')),
        'packet_invalid',
        'payload_invalid',
      );
    });

    it('a project assigned to another officer', async () => {
      await expectRefused(await withPayload((p) => (p.projects[0].officerId = '11111111-1111-4111-8111-111111111111')), 'packet_invalid', 'payload_invalid');
    });

    it('JSON that does not parse', async () => {
      const file = await writeRawPacket(store.dir.file('bad-json.zip'), {
        kind: 'assignment',
        officerId: officer.id,
        sequence: 4,
        senderName: bureau.name,
        keys: bureau.keys,
        entries: [{ path: 'assignment.json', data: Buffer.from('{"officer": ') }],
      });
      await expectRefused(file, 'packet_invalid', 'payload_invalid');
    });
  });

  it('refuses an assignment for another officer', async () => {
    const file = await writeAssignment(store.dir.path, bureau, makeAssignment(makeOfficer('李四')), 3);
    const error = await expectRefused(file, 'packet_wrong_officer', 'other_officer');
    expect(error.message).toMatch(/李四/);
  });

  it('refuses a stale sequence and says so', async () => {
    await applyAssignment(store.ctx, good, { allowWithdrawMost: true });
    const older = await writeAssignment(store.dir.path, bureau, makeAssignment(officer), 2);
    const error = await expectRefused(older, 'packet_stale');
    expect(error.params).toMatchObject({ found: 2, last: 2 });
    const oldest = await writeAssignment(store.dir.path, bureau, makeAssignment(officer), 1);
    expect((await expectRefused(oldest, 'packet_stale')).message).toMatch(/out of date/);
  });
});
