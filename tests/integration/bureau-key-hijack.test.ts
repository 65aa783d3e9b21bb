import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBureauCommand } from '../../electron/cli/bureau/commands.js';
import { openBureau } from '../../electron/bureau/context.js';
import { dumpBureauDatabase } from '../../electron/bureau/database.js';
import { readAssignmentFile } from '../../electron/packets/assignment-file.js';
import { generateSigningKeyPair, keyFingerprint, writePublicKeyFile, type KeyPairPem } from '../../electron/packets/keys.js';
import { applyAssignment } from '../../electron/sync/assignment-import.js';
import { pinBureauKey, readOfficerKey } from '../../electron/sync/keys.js';
import { exportWeeklyPacket } from '../../electron/sync/weekly-export.js';
import { readLedgerWorkbook } from '../../electron/sync/ledger-read.js';
import { makeTempDir, openTempStore, type TempDir, type TempStore } from '../helpers/temp-store.js';
import { perform } from '../helpers/operations.js';
import { acceptOfficerKey } from '../fixtures/bureau/accept-key.js';
import { writeWeeklyPacket, type FixtureChange } from '../fixtures/bureau/weekly-packet.js';
import { makeProblem, makeProblemEvent } from '../helpers/fixtures.js';
import { OFFICER_RECORD_TABLES } from '../helpers/bureau.js';

/**
 * Issue 9, point 2, played whole: an attacker who knows an officer's id (printed in every assignment file)
 * makes a new key and sends a packet numbered 1,000,000,000, and another numbered 2 under a fresh key.
 * Before: the first packet's key was registered as the officer's (trust on first use), the real officer's
 * packets were refused, and the forged acknowledgement broke the officer's export for good. Now: nothing
 * folds, the jump is refused, the other waits in the pending list; a person accepts the real key after
 * reading its fingerprint back; a key accepted by mistake is replaced, and everything it delivered is voided.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const NOW = new Date('2026-11-24T10:00:00');
const AT = '2026-11-20T02:00:00.000Z';
const PACKET_DATE = '2026-11-24T01:00:00.000Z';
const RECORD_TABLES = [...OFFICER_RECORD_TABLES, 'conflicts'];

let dir: TempDir;
let db: string;
let store: TempStore;
let officerId: string;
let projectId: string;

async function bureau(args: string[]): Promise<{ code: number; result: any; err: string; doc: any }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await createBureauCommand({ now: () => NOW, env: {} }).run([...args, '--db', db, '--json'], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  });
  const doc = out.length ? JSON.parse(out.join('\n')) : null;
  return { code, result: doc?.result, err: err.join('\n'), doc };
}

function dump(): Record<string, unknown[]> {
  const ctx = openBureau(db, () => NOW);
  try {
    return dumpBureauDatabase(ctx.db);
  } finally {
    ctx.db.close();
  }
}

const records = (d: Record<string, unknown[]>) => Object.fromEntries(RECORD_TABLES.map((t) => [t, d[t]]));

const call = <T = any>(name: string, input: unknown) => perform<T>(store.ctx, name, input);

/** The bureau's next assignment for 李明, applied by the real officer's store; returns what it acknowledged. */
async function assignAndApply(out: string): Promise<number> {
  const r = await bureau(['assign', '--out', dir.file(out), '--officer', officerId]);
  expect(r.code).toBe(0);
  const applied = await applyAssignment(store.ctx, r.result[0].file);
  expect(applied.applied).toBe(true);
  return r.result[0].acknowledgedWeeklySequence as number;
}

/** The attacker's packet: the officer's id from the assignment file, a key of their own, a huge figure. */
async function forge(keys: KeyPairPem, sequence: number): Promise<string> {
  const problemId = randomUUID();
  const changes: FixtureChange[] = [
    {
      entity: 'problem',
      record: makeProblem(projectId, {
        id: problemId,
        category: 'land',
        description: '伪造的问题',
        responsibleDepartment: '',
        coordinatingLeader: '',
        dueOn: null,
        raisedOn: '2026-11-19',
        recordedAt: AT,
      }),
    },
    { entity: 'problem_event', record: makeProblemEvent(problemId, { at: AT, department: '区自然资源局' }) },
    { entity: 'investment_entry', record: { id: randomUUID(), projectId, month: '2026-10', amount: 999999, recordedAt: AT, recordedBy: '李明' } },
    {
      entity: 'visit',
      record: {
        id: randomUUID(),
        projectId,
        visitedOn: '2026-11-19',
        kind: 'site_visit',
        participants: '',
        summary: '伪造的走访',
        findings: '',
        followUps: '',
        recordedAt: AT,
        recordedBy: '李明',
      },
    },
  ];
  return writeWeeklyPacket(dir.file('forged'), {
    officer: { id: officerId, name: '李明', unit: '区经济发展局', phone: '' },
    keys,
    sequence,
    changes,
    createdAt: PACKET_DATE,
  });
}

/**
 * The next assignment acknowledges packet 1 and the officer applies it, records `amount` for October and
 * exports packet 2; the bureau folds it and counts `amount`.
 */
async function nextRound(amount: number): Promise<void> {
  expect(await assignAndApply('a2')).toBe(1);
  await call('investment.record', { projectId, month: '2026-10', amount });
  const second = await exportWeeklyPacket(store.ctx, { outDir: dir.file('usb') });
  expect(second.sequence).toBe(2);
  const folded = await bureau(['ingest', second.filePath]);
  expect(folded.result[0]).toMatchObject({ status: 'accepted', sequence: 2 });
  expect(await completed()).toBe(amount);
}

async function completed(): Promise<number> {
  const s = await bureau(['summary', '--as-of', '2026-10', '--on', '2026-11-24']);
  return s.result.investment.all.completed as number;
}

beforeEach(async () => {
  dir = makeTempDir('sponsor-desk-key-hijack-');
  db = dir.file('bureau/bureau.sqlite');
  for (const d of ['forged', 'usb']) mkdirSync(dir.file(d));
  expect((await bureau(['init'])).code).toBe(0);
  expect((await bureau(['import-master', join(root, 'docs/samples/master-list.xlsx'), '--year', '2026'])).code).toBe(0);
  const first = await bureau(['assign', '--out', dir.file('a1')]);
  const li = (first.result as { officerName: string; officerId: string; file: string }[]).find((a) => a.officerName === '李明')!;
  // The attacker's knowledge: the assignment file (it travels over messaging apps) names the officer's id.
  const opened = await readAssignmentFile(li.file, { bureauPublicKeyPem: readFileSync(dir.file('bureau/bureau.pub'), 'utf8') });
  officerId = opened.payload.officer.id;
  projectId = opened.payload.projects[0]!.id;
  // The real officer's store imports its assignment and records a figure.
  store = openTempStore({ now: () => NOW });
  pinBureauKey(store.ctx.db, readFileSync(dir.file('bureau/bureau.pub'), 'utf8'), NOW);
  expect((await applyAssignment(store.ctx, li.file)).applied).toBe(true);
  await call('investment.record', { projectId, month: '2026-10', amount: 1234 });
});

afterEach(() => {
  store.close();
  dir.remove();
});

describe('trust on first use cannot be hijacked', () => {
  it('forged packets fold nothing: the jump is refused, the other waits; the real key is accepted by fingerprint, the forged one rejected', async () => {
    const before = dump();
    const jump = await forge(generateSigningKeyPair(), 1_000_000_000);
    const attackerKeys = generateSigningKeyPair();
    const pendingForged = await forge(attackerKeys, 2);
    const attackerFp = keyFingerprint(attackerKeys.publicKeyPem);

    const ingested = await bureau(['ingest', jump, pendingForged]);
    expect(ingested.code).toBe(1);
    expect(ingested.result.map((r: any) => [r.status, r.error?.params?.reason ?? null])).toEqual([
      ['refused', 'sequence_jump'],
      ['pending', null],
    ]);
    expect(ingested.result[1].pendingKey).toEqual({ fingerprint: attackerFp, registeredFingerprint: null, alreadyPending: false });
    const after = dump();
    expect(records(after)).toEqual(records(before));
    expect(after.received_packets).toEqual([]);
    expect(after.officers).toEqual(before.officers); // no key registered by a packet
    expect(after.pending_packets).toEqual([expect.objectContaining({ officer_id: officerId, fingerprint: attackerFp, sequence: 2, status: 'pending' })]);
    const archived = join(dir.file('bureau/bureau-files'), (after.pending_packets![0] as { archive_path: string }).archive_path);
    expect(readFileSync(archived)).toEqual(readFileSync(pendingForged));
    expect(await completed()).toBe(0);
    // The same forged file again changes nothing.
    expect((await bureau(['ingest', pendingForged])).result[0].pendingKey.alreadyPending).toBe(true);
    expect(dump()).toEqual(after);

    // The real officer's packet: also pending until a person accepts its key.
    const first = await exportWeeklyPacket(store.ctx, { outDir: dir.file('usb') });
    const realFp = readOfficerKey(store.ctx.db)!.fingerprint; // made by the first export
    expect(first.sequence).toBe(1);
    const real = await bureau(['ingest', first.filePath]);
    expect(real.result[0]).toMatchObject({ status: 'pending', pendingKey: { fingerprint: realFp } });
    const pending = await bureau(['officers', 'pending']);
    expect(pending.result.map((p: any) => p.fingerprint).sort()).toEqual([attackerFp, realFp].sort());

    // A fingerprint typed wrong (one digit off) accepts nothing.
    const heldDump = dump();
    const typo = realFp.slice(0, -1) + (realFp.endsWith('0') ? '1' : '0');
    const wrong = await bureau(['officers', 'accept-key', officerId, '--fingerprint', typo]);
    expect(wrong.code).toBe(1);
    expect(wrong.doc.error.code).toBe('not_found');
    expect(dump()).toEqual(heldDump);

    // Read back with the officer, typed in lower case without spaces: accepted; the pending packet folds.
    const accepted = await bureau(['officers', 'accept-key', officerId, '--fingerprint', realFp.replace(/ /g, '').toLowerCase()]);
    expect(accepted.code).toBe(0);
    expect(accepted.result).toMatchObject({ decision: 'accepted', fingerprint: realFp, officer: { keyFingerprint: realFp, keyConfirmed: 'read_back' } });
    expect(accepted.result.folded.map((f: any) => [f.status, f.sequence])).toEqual([['accepted', 1]]);
    expect(await completed()).toBe(1234);

    // The attacker's key is rejected: its packet set aside (the archived bytes kept), its packets refused from now on.
    const rejected = await bureau(['officers', 'reject-key', officerId, '--fingerprint', attackerFp]);
    expect(rejected.result).toMatchObject({ decision: 'rejected', rejectedPackets: 1 });
    expect(existsSync(archived)).toBe(true);
    const again = await bureau(['ingest', pendingForged]);
    expect(again.result[0].error.params.reason).toBe('key_rejected');
    expect((dump().pending_packets as { status: string; fingerprint: string }[]).map((p) => [p.fingerprint, p.status]).sort()).toEqual(
      [
        [attackerFp, 'rejected'],
        [realFp, 'folded'],
      ].sort(),
    );

    // The next assignment acknowledges the real packet; the officer imports it, exports, and the bureau folds it.
    await nextRound(2345);
  });

  it('a forged key accepted by mistake is replaced by the real key file: its packets are voided, kept aside, not counted or acknowledged', async () => {
    const attackerKeys = generateSigningKeyPair();
    const attackerFp = keyFingerprint(attackerKeys.publicKeyPem);
    const problemsBefore = await bureau(['problems', 'list']);
    await bureau(['ingest', await forge(attackerKeys, 2)]);
    // The mistake: the forged fingerprint is accepted without reading it back with the officer.
    const wrongAccept = await bureau(['officers', 'accept-key', officerId, '--fingerprint', attackerFp]);
    expect(wrongAccept.result.folded.map((f: any) => f.status)).toEqual(['accepted']);
    expect(await completed()).toBe(999999);
    const poisoned = await bureau(['assign', '--out', dir.file('poisoned'), '--officer', officerId]);
    expect(poisoned.result[0].acknowledgedWeeklySequence).toBe(2);
    expect((await bureau(['problems', 'list'])).result.map((p: any) => p.description)).toContain('伪造的问题');
    const ledgerText = async (name: string) => {
      expect((await bureau(['export-ledger', '--out', dir.file(name), '--as-of', '2026-10', '--on', '2026-11-24'])).code).toBe(0);
      return JSON.stringify(readLedgerWorkbook(readFileSync(dir.file(name))));
    };
    expect(await ledgerText('ledger-poisoned.xlsx')).toContain('伪造的问题');

    // The real officer's packet waits: its key is not the one in force.
    const first = await exportWeeklyPacket(store.ctx, { outDir: dir.file('usb') });
    const realKey = readOfficerKey(store.ctx.db)!;
    const held = await bureau(['ingest', first.filePath]);
    expect(held.result[0]).toMatchObject({ status: 'pending', pendingKey: { fingerprint: realKey.fingerprint, registeredFingerprint: attackerFp } });
    // Accepting it without --replace-key is refused and changes nothing.
    const beforeRefusal = dump();
    const noReplace = await bureau(['officers', 'accept-key', officerId, '--fingerprint', realKey.fingerprint]);
    expect(noReplace.code).toBe(1);
    expect(noReplace.doc.error.code).toBe('conflict');
    expect(dump()).toEqual(beforeRefusal);

    // The real key file, handed over in person, replaces the forged key.
    writePublicKeyFile(dir.file('li.pub'), realKey.publicKeyPem);
    const replaced = await bureau(['officers', 'add', '--officer', officerId, '--key', dir.file('li.pub'), '--replace-key']);
    expect(replaced.code).toBe(0);
    expect(replaced.result).toMatchObject({ key: 'replaced', previousFingerprint: attackerFp, voided: { packets: 1, records: 4, conflicts: 0 } });
    expect(replaced.result.folded.map((f: any) => [f.status, f.sequence])).toEqual([['accepted', 1]]);

    const after = dump();
    expect(after.received_packets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sequence: 2, key_fingerprint: attackerFp, voided_reason: 'key_replaced', voided_at: expect.any(String) }),
        expect.objectContaining({ sequence: 1, key_fingerprint: realKey.fingerprint, voided_at: null }),
      ]),
    );
    // Kept aside and visible, no longer in the tables the summary, ledger, problems and assignments read.
    const aside = after.voided_records as { entity: string; record: string; reason: string }[];
    expect(aside.map((r) => r.entity).sort()).toEqual(['investment_entry', 'problem', 'problem_event', 'visit']);
    expect(aside.find((r) => r.entity === 'investment_entry')!.record).toContain('999999');
    const listed = await bureau(['officers', 'voided', officerId]);
    expect(listed.result.map((v: any) => [v.entity, v.reason]).sort()).toEqual(aside.map((r) => [r.entity, r.reason]).sort());
    expect((after.investment_entries as { amount: number }[]).map((e) => e.amount)).toEqual([1234]);
    expect((after.visits as { summary: string }[]).some((v) => v.summary === '伪造的走访')).toBe(false);
    expect(await completed()).toBe(1234);
    expect((await bureau(['problems', 'list'])).result).toEqual(problemsBefore.result);
    const ledger = await ledgerText('ledger.xlsx');
    expect(ledger).not.toContain('伪造');
    expect(ledger).not.toContain('999999');
    // The voided packet's file sent again does not count.
    expect((await bureau(['ingest', join(dir.file('forged'), readdirSync(dir.file('forged'))[0]!)])).result[0].error.params.reason).toMatch(
      /packet_voided|key_rejected/,
    );

    // The next assignment acknowledges only the real packet; the officer imports it, exports, and the bureau folds it.
    await nextRound(4321);
  });

  it('rejecting the key in force voids its packets and what hangs on them, even the bureau’s own step on a forged problem', async () => {
    const attackerKeys = generateSigningKeyPair();
    const attackerFp = keyFingerprint(attackerKeys.publicKeyPem);
    await bureau(['ingest', await forge(attackerKeys, 2)]);
    await bureau(['officers', 'accept-key', officerId, '--fingerprint', attackerFp]);
    const forged = (await bureau(['problems', 'list'])).result.find((p: any) => p.description === '伪造的问题');
    expect((await bureau(['problems', 'act', '--problem', forged.id, '--action', 'note', '--note', '局里跟进'])).code).toBe(0);

    const rejected = await bureau(['officers', 'reject-key', officerId, '--fingerprint', attackerFp]);
    expect(rejected.code).toBe(0);
    expect(rejected.result).toMatchObject({ decision: 'rejected', officer: { keyFingerprint: null }, voided: { packets: 1, records: 5 } });
    const aside = dump().voided_records as { entity: string; reason: string; packet_id: string | null }[];
    expect(aside.filter((r) => r.reason === 'key_rejected:parent_voided').map((r) => [r.entity, r.packet_id])).toEqual([
      ['problem_event', null], // the bureau's note: it hung on the forged problem
    ]);
    expect((await bureau(['problems', 'list'])).result.some((p: any) => p.description === '伪造的问题')).toBe(false);
    expect(await completed()).toBe(0);
    expect((await bureau(['assign', '--out', dir.file('a2'), '--officer', officerId])).result[0].acknowledgedWeeklySequence).toBe(0);

    // The officer has no key now: the real packet waits, and folds once its key is accepted.
    const first = await exportWeeklyPacket(store.ctx, { outDir: dir.file('usb') });
    expect((await bureau(['ingest', first.filePath])).result[0]).toMatchObject({ status: 'pending', pendingKey: { registeredFingerprint: null } });
    const accepted = await bureau(['officers', 'accept-key', officerId, '--fingerprint', readOfficerKey(store.ctx.db)!.fingerprint]);
    expect(accepted.result.folded.map((f: any) => f.status)).toEqual(['accepted']);
    expect(await completed()).toBe(1234);
  });

  it('a waiting packet sent again once its key is in force folds and leaves the pending list', async () => {
    const first = await exportWeeklyPacket(store.ctx, { outDir: dir.file('usb') });
    expect((await bureau(['ingest', first.filePath])).result[0].status).toBe('pending');
    const ctx = openBureau(db, () => NOW);
    try {
      acceptOfficerKey(ctx, officerId, readOfficerKey(store.ctx.db)!.publicKeyPem); // e.g. registered before an upgrade, without folding
    } finally {
      ctx.db.close();
    }
    expect((await bureau(['ingest', first.filePath])).result[0]).toMatchObject({ status: 'accepted', sequence: 1 });
    expect((dump().pending_packets as { status: string }[]).map((p) => p.status)).toEqual(['folded']);
    expect((await bureau(['officers', 'pending'])).result).toEqual([]);
    expect(await completed()).toBe(1234);
  });

  it('a copy of a waiting packet re-signed with another key under the same id is refused and changes nothing', async () => {
    const first = await exportWeeklyPacket(store.ctx, { outDir: dir.file('usb') });
    expect((await bureau(['ingest', first.filePath])).result[0].status).toBe('pending');
    const before = dump();
    const copy = await writeWeeklyPacket(dir.file('forged'), {
      officer: { id: officerId, name: '李明', unit: '区经济发展局', phone: '' },
      keys: generateSigningKeyPair(),
      sequence: 1,
      packetId: first.packetId,
      changes: [],
      createdAt: PACKET_DATE,
    });
    const r = await bureau(['ingest', copy]);
    expect(r.result[0].error.params.reason).toBe('packet_id_taken');
    expect(dump()).toEqual(before);
  });
});
