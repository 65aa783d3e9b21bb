import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assignAll } from '../../electron/bureau/assign.js';
import { createBureauCommand } from '../../electron/cli/bureau/commands.js';
import { openBureau, type BureauContext } from '../../electron/bureau/context.js';
import { dumpBureauDatabase } from '../../electron/bureau/database.js';
import { projectIdForCode } from '../../electron/bureau/ids.js';
import { importMasterList } from '../../electron/bureau/import-master.js';
import { ingestFiles, ingestPacket, photoPath } from '../../electron/bureau/ingest.js';
import { findOfficer, getOfficer, listBureauChecklistItems, listBureauMilestones, listConflicts, listFolded } from '../../electron/bureau/repository.js';
import { buildSignedManifest } from '../../electron/packets/container.js';
import { generateSigningKeyPair, keyFingerprint, signBytes, type KeyPairPem } from '../../electron/packets/keys.js';
import type { Officer } from '@shared/domain/index.js';
import { makeTempDir } from '../helpers/temp-store.js';
import { zipTo } from '../helpers/zip.js';
import { writeWeeklyPacket, type FixtureChange } from '../fixtures/bureau/weekly-packet.js';
import { newBureau, OFFICER_RECORD_TABLES, registeredOfficer, registerOfficerKey, sampleBureau } from '../helpers/bureau.js';
import { makeProblem, makeProblemEvent } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/per-test.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const NOW = new Date('2026-11-24T10:00:00');
const AT = '2026-11-20T02:00:00.000Z';

const dir = useTempDir('sponsor-desk-bureau-ingest-');
let ctx: BureauContext;
let officer: Officer;
let other: Officer;
let keys: KeyPairPem;
let otherKeys: KeyPairPem;

beforeEach(() => {
  ctx = sampleBureau(dir.file('bureau.sqlite'), () => NOW);
  officer = registeredOfficer(ctx, '李明', '区经济发展局');
  other = registeredOfficer(ctx, '张伟', '区住房和城乡建设局');
  keys = generateSigningKeyPair();
  otherKeys = generateSigningKeyPair();
  mkdirSync(dir.file('in'));
  // 李明's key is accepted (a key file handed over); 张伟 has none: his packets wait in the pending list.
  registerKey(ctx, officer, keys);
});

const registerKey = (c: BureauContext, o: Officer, k: KeyPairPem) => registerOfficerKey(c, o, k, dir);

afterEach(() => ctx.db.close());

const P1 = () => projectIdForCode('GX-2026-001');
const photoBytes = Buffer.from('\xff\xd8\xff\xe0 fake jpeg bytes of a site photo', 'latin1');

/** A week of one officer's work on GX-2026-001: a visit with a photo, a close-off, a milestone, a problem, a figure. */
function week(): FixtureChange[] {
  const visitId = randomUUID();
  const problemId = randomUUID();
  const item = listBureauChecklistItems(ctx.db, { projectId: P1() })[0]!;
  const milestone = listBureauMilestones(ctx.db, P1()).find((m) => m.kind === 'construction_start')!;
  const ownItem = randomUUID();
  return [
    {
      entity: 'visit',
      record: {
        id: visitId,
        projectId: P1(),
        visitedOn: '2026-11-18',
        kind: 'site_visit',
        participants: '李明、王立新',
        summary: '现场查看主体施工',
        findings: '临时用电偏紧',
        followUps: '协调供电',
        recordedAt: AT,
        recordedBy: '李明',
      },
    },
    {
      entity: 'attachment',
      record: {
        id: randomUUID(),
        ownerKind: 'visit',
        ownerId: visitId,
        fileName: 'site.jpg',
        mimeType: 'image/jpeg',
        sha256: createHash('sha256').update(photoBytes).digest('hex'),
        bytes: photoBytes.length,
        width: 800,
        height: 600,
        recordedAt: AT,
      },
    },
    {
      entity: 'checklist_event',
      record: {
        id: randomUUID(),
        itemId: item.id,
        action: 'close_off',
        effectiveOn: '2026-11-19',
        note: '批复已归档',
        attachmentId: null,
        recordedAt: AT,
        recordedBy: '李明',
      },
    },
    {
      entity: 'checklist_item',
      record: {
        id: ownItem,
        projectId: P1(),
        stage: 'construction',
        title: '塔吊安全检查',
        dueOn: '2026-12-10',
        sortOrder: 99,
        origin: 'officer',
        withdrawnAt: null,
      },
    },
    {
      entity: 'milestone_report',
      record: { id: randomUUID(), milestoneId: milestone.id, reachedOn: '2026-03-05', note: '', recordedAt: AT, recordedBy: '李明' },
    },
    {
      entity: 'problem',
      record: makeProblem(P1(), {
        id: problemId,
        description: '施工临时用电容量不足',
        responsibleDepartment: '供电中心',
        dueOn: '2026-12-20',
        raisedOn: '2026-11-18',
        recordedAt: AT,
      }),
    },
    { entity: 'problem_event', record: makeProblemEvent(problemId, { at: '2026-11-19T02:00:00.000Z' }) },
    { entity: 'investment_entry', record: { id: randomUUID(), projectId: P1(), month: '2026-10', amount: 10500.5, recordedAt: AT, recordedBy: '李明' } },
  ];
}

function photoOf(changes: FixtureChange[]): Map<string, Buffer> {
  return new Map([[changes.find((c) => c.entity === 'attachment')!.record.id, photoBytes]]);
}

function filesIn(path: string): string[] {
  if (!existsSync(path)) return [];
  return readdirSync(path, { recursive: true }).map(String).sort();
}

function snapshot() {
  return { db: dumpBureauDatabase(ctx.db), files: filesIn(ctx.filesDir) };
}

describe('bureau ingest: folding weekly packets', () => {
  it('folds a packet signed by the accepted key: every record, the photo beside the database, the packet recorded with its key', async () => {
    const changes = week();
    const file = await writeWeeklyPacket(dir.file('in'), { officer, keys, sequence: 1, changes, photos: photoOf(changes), createdAt: AT });
    const r = await ingestPacket(ctx, file);
    expect(r.error).toBeNull();
    expect(r).toMatchObject({ status: 'accepted', officerId: officer.id, sequence: 1, newRecords: 8, duplicateRecords: 0, conflicts: 0, photosStored: 1 });
    expect(r.pendingKey).toBeNull();
    expect(getOfficer(ctx.db, officer.id)).toMatchObject({ keySource: 'file', keyConfirmed: 'file', keyFingerprint: keyFingerprint(keys.publicKeyPem) });
    const attachment = changes.find((c) => c.entity === 'attachment')!.record as unknown as { sha256: string; mimeType: string };
    expect(readFileSync(photoPath(ctx.filesDir, attachment))).toEqual(photoBytes);
    expect(ctx.db.prepare('SELECT file_stored FROM attachments').pluck().get()).toBe(1);
    expect(listFolded(ctx.db, 'visit')).toHaveLength(1);
    expect(ctx.db.prepare('SELECT officer_id, sequence, key_fingerprint FROM received_packets').all()).toEqual([
      { officer_id: officer.id, sequence: 1, key_fingerprint: keyFingerprint(keys.publicKeyPem) },
    ]);
  });

  it('the same file again, or a renamed copy, is a duplicate and changes nothing', async () => {
    const changes = week();
    const file = await writeWeeklyPacket(dir.file('in'), { officer, keys, sequence: 1, changes, photos: photoOf(changes) });
    await ingestPacket(ctx, file);
    const before = snapshot();
    writeFileSync(dir.file('in/renamed-copy.dat'), readFileSync(file));
    const results = await ingestFiles(ctx, [file, dir.file('in/renamed-copy.dat')]);
    expect(results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(snapshot()).toEqual(before);
  });

  it('overlapping packets in any order fold to the same records, each exactly once', async () => {
    const first = week();
    const second = [...first, ...week().filter((c) => c.entity !== 'checklist_event' && c.entity !== 'milestone_report')];
    const f1 = await writeWeeklyPacket(dir.file('in'), { officer, keys, sequence: 1, changes: first, photos: photoOf(first) });
    const f2 = await writeWeeklyPacket(dir.file('in'), { officer, keys, sequence: 2, changes: second, photos: new Map([...photoOf(first)]) });
    const [late, early] = await ingestFiles(ctx, [f2, f1]);
    expect(late).toMatchObject({ status: 'accepted', newRecords: second.length, duplicateRecords: 0 });
    expect(early).toMatchObject({ status: 'accepted', newRecords: 0, duplicateRecords: first.length });
    const reversed = snapshot().db;

    // The same two packets in order, into a fresh bureau: the same records.
    ctx.db.close();
    const dir2 = makeTempDir('sponsor-desk-bureau-ingest-b-');
    try {
      const ctx2 = newBureau(dir2.file('bureau.sqlite'), () => NOW);
      importMasterList(ctx2, join(root, 'docs/samples/master-list.xlsx'), { defaultYear: 2026 });
      // Same officer ids as in the first bureau, so the packets name a registered officer.
      ctx2.db.pragma('foreign_keys = OFF');
      for (const o of [officer, other]) {
        const mine = findOfficer(ctx2.db, o.name, o.unit)!;
        ctx2.db.prepare('UPDATE projects SET officer_id = ? WHERE officer_id = ?').run(o.id, mine.id);
        ctx2.db.prepare('UPDATE officers SET id = ? WHERE id = ?').run(o.id, mine.id);
      }
      ctx2.db.pragma('foreign_keys = ON');
      registerKey(ctx2, officer, keys);
      const inOrder = await ingestFiles(ctx2, [f1, f2]);
      expect(inOrder.map((r) => [r.status, r.newRecords, r.duplicateRecords])).toEqual([
        ['accepted', first.length, 0],
        ['accepted', second.length - first.length, first.length],
      ]);
      const forward = dumpBureauDatabase(ctx2.db);
      const records = (d: Record<string, unknown[]>, t: string) => (d[t] as Record<string, unknown>[]).map(({ packet_id: _p, ...rest }) => rest);
      for (const t of OFFICER_RECORD_TABLES) {
        expect(records(forward, t)).toEqual(records(reversed, t));
      }
      ctx2.db.close();
    } finally {
      dir2.remove();
      ctx = openBureau(dir.file('bureau.sqlite'), () => NOW);
    }
  });

  it('the same id with different content is a conflict: both kept, the first stays in force', async () => {
    const changes = week();
    const f1 = await writeWeeklyPacket(dir.file('in'), { officer, keys, sequence: 1, changes });
    const altered = changes.map((c) => (c.entity === 'investment_entry' ? { ...c, record: { ...c.record, amount: 99999 } } : c));
    const f2 = await writeWeeklyPacket(dir.file('in'), { officer, keys, sequence: 2, changes: altered });
    await ingestPacket(ctx, f1);
    const r = await ingestPacket(ctx, f2);
    expect(r).toMatchObject({ status: 'accepted', conflicts: 1, newRecords: 0 });
    expect(listFolded<{ amount: number }>(ctx.db, 'investment_entry').map((e) => e.amount)).toEqual([10500.5]);
    const conflicts = listConflicts(ctx.db);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      entity: 'investment_entry',
      officerId: officer.id,
      existing: expect.objectContaining({ amount: 10500.5 }),
      incoming: expect.objectContaining({ amount: 99999 }),
    });
    // The conflicting version arriving again is not a second conflict row.
    const f3 = await writeWeeklyPacket(dir.file('in'), { officer, keys, sequence: 3, changes: altered });
    await ingestPacket(ctx, f3);
    expect(listConflicts(ctx.db)).toHaveLength(1);
  });

  it('the next assignment acknowledges the highest sequence received, in whatever order they came', async () => {
    const f3 = await writeWeeklyPacket(dir.file('in'), { officer, keys, sequence: 3, changes: week() });
    const f1 = await writeWeeklyPacket(dir.file('in'), { officer, keys, sequence: 1, changes: week() });
    await ingestFiles(ctx, [f3, f1]);
    const results = await assignAll(ctx, { outDir: dir.file('out') });
    expect(results.find((r) => r.officerId === officer.id)!.acknowledgedWeeklySequence).toBe(3);
    expect(results.find((r) => r.officerId === other.id)!.acknowledgedWeeklySequence).toBe(0);
  });
});

/** Li Ming's packet 1 of the usual week, its first `entity` record's `field` set to `value` after the week was built. */
function weekWith(entity: string, field: string, value: unknown): Promise<string> {
  return writeWeeklyPacket(dir.file('in'), {
    officer,
    keys,
    sequence: 1,
    changes: week(),
    mutate: (p) => {
      (p.changes as { entity: string; record: Record<string, unknown> }[]).find((c) => c.entity === entity)!.record[field] = value;
    },
  });
}

/** The manifest of Li Ming's weekly packet 1 over `payload` as changes.json, signed with his key. */
function weeklyManifest(payload: Buffer) {
  return buildSignedManifest({
    kind: 'weekly',
    officerId: officer.id,
    sequence: 1,
    createdAt: AT,
    senderName: '李明',
    keys,
    writtenBy: 'test',
    entries: [{ path: 'changes.json', data: payload }],
  }).manifest;
}

function signedEntries(manifest: object, payload: Buffer, signer: KeyPairPem) {
  const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
  return [
    { name: 'manifest.json', data: manifestBytes },
    { name: 'manifest.sig', data: Buffer.from(signBytes(manifestBytes, signer.privateKeyPem).toString('base64')) },
    { name: 'changes.json', data: payload },
  ];
}

describe('bureau ingest: every bad packet is refused with its reason and changes nothing', () => {
  const cases: { kind: string; reason: string; code?: string; make(): Promise<string>; options?: Parameters<typeof ingestPacket>[2] }[] = [
    {
      kind: 'not a zip',
      reason: 'not_a_zip',
      make: async () => (writeFileSync(dir.file('in/x.zip'), 'this is a text file, not a packet'), dir.file('in/x.zip')),
    },
    {
      kind: 'truncated file',
      reason: 'not_a_zip',
      make: async () => {
        const good = await writeWeeklyPacket(dir.file('in'), { officer, keys, sequence: 1, changes: week() });
        const bytes = readFileSync(good);
        writeFileSync(good, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
        return good;
      },
    },
    {
      kind: 'wrong kind (an assignment)',
      reason: 'wrong_kind',
      make: async () => (await assignAll(ctx, { outDir: dir.file('in/assign'), officer: officer.id }))[0]!.file,
    },
    {
      kind: 'unknown format version',
      reason: 'format_version',
      make: async () => {
        const payload = Buffer.from('{}');
        const manifest = weeklyManifest(payload);
        return zipTo(dir.file('in/v2.zip'), signedEntries({ ...manifest, formatVersion: 2 }, payload, keys));
      },
    },
    {
      kind: 'hash mismatch (payload changed after signing)',
      reason: 'hash_mismatch',
      make: async () => {
        const payload = Buffer.from(JSON.stringify({ hello: 'world' }));
        const manifest = weeklyManifest(payload);
        return zipTo(dir.file('in/tampered.zip'), signedEntries(manifest, Buffer.from(JSON.stringify({ hello: 'WORLD' })), keys));
      },
    },
    {
      kind: 'bad signature',
      reason: 'signature_bad',
      make: async () => {
        const payload = Buffer.from('{}');
        const manifest = weeklyManifest(payload);
        const entries = signedEntries(manifest, payload, keys);
        entries[1]!.data = Buffer.from(Buffer.alloc(64, 7).toString('base64'));
        return zipTo(dir.file('in/badsig.zip'), entries);
      },
    },
    {
      kind: 'missing signature',
      reason: 'signature_missing',
      make: async () => {
        const payload = Buffer.from('{}');
        const manifest = weeklyManifest(payload);
        return zipTo(
          dir.file('in/nosig.zip'),
          signedEntries(manifest, payload, keys).filter((e) => e.name !== 'manifest.sig'),
        );
      },
    },
    {
      kind: 'signed by a key other than the registered one, while registered keys are required',
      reason: 'signature_wrong_key',
      options: { requireRegisteredKeys: true },
      make: async () => {
        await ingestPacket(ctx, await writeWeeklyPacket(dir.file('in'), { officer, keys, sequence: 1, changes: [] }));
        return writeWeeklyPacket(dir.file('in'), { officer, keys: otherKeys, sequence: 2, changes: week() });
      },
    },
    {
      kind: 'an officer this bureau does not know',
      reason: 'unknown_officer',
      code: 'packet_wrong_officer',
      make: async () => writeWeeklyPacket(dir.file('in'), { officer: { ...officer, id: randomUUID() }, keys, sequence: 1, changes: [] }),
    },
    {
      kind: 'path traversal entry',
      reason: 'unsafe_entry',
      make: async () => {
        const file = await writeWeeklyPacket(dir.file('in'), {
          officer,
          keys,
          sequence: 1,
          changes: [],
          extraEntries: [{ path: 'aa/evil.txt', data: Buffer.from('x'), compress: false }],
        });
        const bytes = readFileSync(file);
        const from = Buffer.from('aa/evil.txt');
        let at = bytes.indexOf(from);
        while (at >= 0) {
          Buffer.from('../evil.txt').copy(bytes, at);
          at = bytes.indexOf(from, at + 1);
        }
        writeFileSync(file, bytes);
        return file;
      },
    },
    {
      kind: 'oversized entry',
      reason: 'entry_too_large',
      options: { limits: { maxEntryBytes: 4096 } },
      make: async () =>
        writeWeeklyPacket(dir.file('in'), { officer, keys, sequence: 1, changes: week(), extraEntries: [{ path: 'big.bin', data: Buffer.alloc(10_000, 1) }] }),
    },
    { kind: 'negative amount', reason: 'payload_invalid', make: () => weekWith('investment_entry', 'amount', -5) },
    { kind: 'impossible date', reason: 'payload_invalid', make: () => weekWith('visit', 'visitedOn', '2026-02-30') },
    { kind: 'unknown visit kind', reason: 'payload_invalid', make: () => weekWith('visit', 'kind', 'party') },
    {
      kind: 'a record for a project the bureau does not have (after its photo was written)',
      reason: 'unknown_reference',
      make: async () => {
        const changes = week();
        changes.push({
          entity: 'investment_entry',
          record: { id: randomUUID(), projectId: randomUUID(), month: '2026-10', amount: 1, recordedAt: AT, recordedBy: '李明' },
        });
        return writeWeeklyPacket(dir.file('in'), { officer, keys, sequence: 1, changes, photos: photoOf(changes) });
      },
    },
    {
      kind: 'a close-off of a checklist item the bureau does not have',
      reason: 'unknown_reference',
      make: async () =>
        writeWeeklyPacket(dir.file('in'), {
          officer,
          keys,
          sequence: 1,
          changes: [
            {
              entity: 'checklist_event',
              record: {
                id: randomUUID(),
                itemId: randomUUID(),
                action: 'close_off',
                effectiveOn: '2026-11-19',
                note: '',
                attachmentId: null,
                recordedAt: AT,
                recordedBy: '李明',
              },
            },
          ],
        }),
    },
    {
      kind: 'a record claiming to be the bureau’s',
      reason: 'not_officer_owned',
      make: async () => {
        const changes = week().map((c) => (c.entity === 'problem_event' ? { ...c, record: { ...c.record, origin: 'bureau' } } : c));
        return writeWeeklyPacket(dir.file('in'), { officer, keys, sequence: 1, changes });
      },
    },
    {
      kind: 'a photo that does not match its attachment record',
      reason: 'photo_mismatch',
      make: async () => {
        const changes = week();
        return writeWeeklyPacket(dir.file('in'), {
          officer,
          keys,
          sequence: 1,
          changes,
          photos: new Map([[changes.find((c) => c.entity === 'attachment')!.record.id, Buffer.from('another picture')]]),
        });
      },
    },
    {
      kind: "another officer's key on a first packet",
      reason: 'key_taken',
      code: 'packet_signature',
      make: async () => {
        await ingestPacket(ctx, await writeWeeklyPacket(dir.file('in'), { officer, keys, sequence: 1, changes: [] }));
        return writeWeeklyPacket(dir.file('in'), { officer: other, keys, sequence: 1, changes: [] });
      },
    },
    {
      kind: 'no registered key while keys are required',
      reason: 'no_officer_key',
      code: 'key_missing',
      options: { requireRegisteredKeys: true },
      make: async () => writeWeeklyPacket(dir.file('in'), { officer: other, keys: otherKeys, sequence: 1, changes: [] }),
    },
    {
      kind: 'a sequence more than 1,000 past the last valid packet',
      reason: 'sequence_jump',
      make: async () => {
        await ingestPacket(ctx, await writeWeeklyPacket(dir.file('in'), { officer, keys, sequence: 3, changes: [] }));
        return writeWeeklyPacket(dir.file('in'), { officer, keys, sequence: 1004, changes: week() });
      },
    },
    {
      kind: 'a key a person rejected for this officer',
      reason: 'key_rejected',
      make: async () => {
        ctx.db
          .prepare("INSERT INTO key_decisions (officer_id, fingerprint, decision, decided_at) VALUES (?, ?, 'rejected', ?)")
          .run(other.id, keyFingerprint(otherKeys.publicKeyPem), AT);
        return writeWeeklyPacket(dir.file('in'), { officer: other, keys: otherKeys, sequence: 1, changes: [] });
      },
    },
  ];

  for (const c of cases) {
    it(c.kind, async () => {
      const file = await c.make();
      const before = snapshot();
      const r = await ingestPacket(ctx, file, c.options);
      expect(r.status).toBe('refused');
      expect(r.error).toMatchObject({ params: expect.objectContaining({ reason: c.reason }) });
      if (c.code) expect(r.error!.code).toBe(c.code);
      else expect(['packet_invalid', 'packet_signature']).toContain(r.error!.code);
      expect(snapshot()).toEqual(before);
    });
  }

  it('the CLI folds a folder: reports each file, refuses the bad one, exits 1, and says a pending key loudly', async () => {
    const good = await writeWeeklyPacket(dir.file('in'), { officer, keys, sequence: 1, changes: week(), fileName: 'a-good.zip' });
    writeFileSync(dir.file('in/b-junk.zip'), 'junk');
    writeFileSync(dir.file('in/c-copy.zip'), readFileSync(good));
    await writeWeeklyPacket(dir.file('in'), { officer: other, keys: otherKeys, sequence: 1, changes: [], fileName: 'd-zhang.zip' });
    ctx.db.close();
    const out: string[] = [];
    const err: string[] = [];
    const cmd = createBureauCommand({ now: () => NOW, env: { LANG: 'zh_CN.UTF-8' } });
    const code = await cmd.run(['ingest', dir.file('in'), '--db', dir.file('bureau.sqlite')], { out: (t) => out.push(t), err: (t) => err.push(t) });
    ctx = openBureau(dir.file('bureau.sqlite'), () => NOW);
    expect(code).toBe(1);
    expect(out[0]).toContain('汇入');
    expect(out[0]).toContain('新记录 8');
    expect(out.join('\n')).toContain(`！！！待确认公钥，指纹 ${keyFingerprint(otherKeys.publicKeyPem)}`);
    expect(out.join('\n')).toContain(`officers accept-key ${other.id}`);
    expect(err.join('\n')).toContain('拒收');
    expect(err.join('\n')).toContain('不是数据包文件');
    expect(out.join('\n')).toContain('重复');
    expect(out.at(-1)).toBe('共 4 个文件：汇入 1，重复 1，待确认公钥 1，拒收 1。');
  });
});
