import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Timestamp, type Officer } from '@shared/domain/index.js';
import type { WeeklyChange } from '@shared/packets/weekly.js';
import { checkNotFuture } from '../../electron/bureau/authorize.js';
import type { BureauContext } from '../../electron/bureau/context.js';
import { dumpBureauDatabase } from '../../electron/bureau/database.js';
import { projectIdForCode } from '../../electron/bureau/ids.js';
import { ingestPacket } from '../../electron/bureau/ingest.js';
import { canonicalRecord, foldRecord, listConflicts, lookupFold } from '../../electron/bureau/repository.js';
import { generateSigningKeyPair, type KeyPairPem } from '../../electron/packets/keys.js';
import { writeWeeklyPacket, type FixtureChange } from '../fixtures/bureau/weekly-packet.js';
import { registeredOfficer, registerOfficerKey, sampleBureau } from '../helpers/bureau.js';
import { makeInvestmentEntry, makeProblem, makeProblemEvent, makeVisit } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/per-test.js';

/**
 * The cheaper per-record checks of ingest (issue 11) decide exactly as the ones they replaced: a timestamp
 * compared as text, a held version compared as stored, a new record bound without a JSON round trip, parents
 * read once per packet.
 */

const NOW = new Date('2026-11-24T10:00:00');
const AT = '2026-11-20T02:00:00.000Z';
const dir = useTempDir('sponsor-desk-bureau-ingest-checks-');
let ctx: BureauContext;
let officer: Officer;
let keys: KeyPairPem;

beforeEach(() => {
  ctx = sampleBureau(dir.file('bureau.sqlite'), () => NOW);
  officer = registeredOfficer(ctx, '李明', '区经济发展局');
  keys = generateSigningKeyPair();
  registerOfficerKey(ctx, officer, keys, dir);
  mkdirSync(dir.file('in'));
});

afterEach(() => ctx.db.close());

const P1 = () => projectIdForCode('GX-2026-001');
let sequence = 0;
const packet = (changes: FixtureChange[], createdAt = AT) => writeWeeklyPacket(dir.file('in'), { officer, keys, sequence: ++sequence, changes, createdAt });
const visitChange = (overrides: Record<string, unknown> = {}): FixtureChange => ({
  entity: 'visit',
  record: { ...makeVisit(P1(), { recordedAt: AT }), ...overrides },
});

describe('a timestamp against the packet’s date', () => {
  // Packet written at AT: a moment up to one day later is allowed, 2026-11-21T02:00:00.000Z exactly.
  const limit = Date.parse('2026-11-21T02:00:00.000Z');
  const edge = [
    '2026-11-21T02:00:00.000Z',
    '2026-11-21T02:00:00Z',
    '2026-11-21T02:00:00.0Z',
    '2026-11-21T02:00:00.0009Z',
    '2026-11-21T02:00:00.001Z',
    '2026-11-21T02:00:00.1Z',
    '2026-11-21T02:00:01Z',
    '2026-11-21T01:59:59.999Z',
    '2026-11-21T01:59:59.9999Z',
    '2026-11-21T01:59:59Z',
    '2026-11-20T23:59:59.999Z',
    '2026-11-22T00:00:00.000Z',
    '2027-01-01T00:00:00Z',
  ];
  const change = (field: 'recordedAt' | 'at' | 'change', value: string): WeeklyChange =>
    ({
      seq: 1,
      entity: 'visit',
      recordId: 'v1',
      recordedAt: field === 'change' ? value : AT,
      record: { id: 'v1', [field === 'change' ? 'recordedAt' : field]: field === 'change' ? AT : value },
    }) as unknown as WeeklyChange;

  it('is refused exactly when Date.parse puts it after the limit, in every precision the schema allows', () => {
    for (const value of edge) {
      expect(Timestamp.safeParse(value).success, value).toBe(true);
      for (const field of ['recordedAt', 'at', 'change'] as const) {
        const refused = (() => {
          try {
            checkNotFuture(change(field, value), AT, 'Asia/Shanghai');
            return false;
          } catch (error) {
            expect((error as { params?: { reason?: string } }).params?.reason).toBe('future_date');
            return true;
          }
        })();
        expect(refused, `${field} ${value}`).toBe(Date.parse(value) > limit);
      }
    }
  });

  it('a moment written with an offset (not a schema Timestamp) is still read as a moment', () => {
    // 21:30 at UTC−5 on the 20th is 02:30 UTC on the 21st: after the limit, though its text sorts before it.
    expect(() => checkNotFuture(change('recordedAt', '2026-11-20T21:30:00.000-05:00'), AT, 'Asia/Shanghai')).toThrow(/recordedAt/);
    expect(() => checkNotFuture(change('recordedAt', '2026-11-21T09:30:00.000+08:00'), AT, 'Asia/Shanghai')).not.toThrow();
  });

  it('a packet whose record is one millisecond past the slack is refused and changes nothing; at the limit it is folded', async () => {
    const late = await packet([visitChange({ recordedAt: '2026-11-21T02:00:00.001Z' })]);
    const before = dumpBureauDatabase(ctx.db);
    const refused = await ingestPacket(ctx, late);
    expect(refused.status).toBe('refused');
    expect(refused.error?.params).toMatchObject({ reason: 'future_date', field: 'recordedAt', value: '2026-11-21T02:00:00.001Z' });
    expect(dumpBureauDatabase(ctx.db)).toEqual(before);
    const onTime = await ingestPacket(ctx, await packet([visitChange({ recordedAt: '2026-11-21T02:00:00Z' })]));
    expect(onTime).toMatchObject({ status: 'accepted', newRecords: 1 });
  });
});

describe('a held version', () => {
  it('resent unchanged is a duplicate; changed, a conflict that keeps the held version as its schema gives it', async () => {
    const visit = visitChange();
    expect(await ingestPacket(ctx, await packet([visit]))).toMatchObject({ status: 'accepted', newRecords: 1 });
    expect(await ingestPacket(ctx, await packet([visit]))).toMatchObject({ status: 'accepted', duplicateRecords: 1, conflicts: 0 });
    const changed = { ...visit, record: { ...visit.record, summary: '改过的摘要' } };
    expect(await ingestPacket(ctx, await packet([changed]))).toMatchObject({ status: 'accepted', conflicts: 1 });
    const [conflict] = listConflicts(ctx.db);
    expect(conflict).toMatchObject({ entity: 'visit', recordId: visit.record.id, kind: 'content' });
    expect(JSON.stringify(conflict!.existing)).toBe(canonicalRecord('visit', visit.record));
    expect(JSON.stringify(conflict!.incoming)).toBe(canonicalRecord('visit', changed.record));
  });

  it('stored untrimmed (as an older desk might have) is still the same record as its trimmed resend', async () => {
    const visit = visitChange();
    await ingestPacket(ctx, await packet([visit]));
    ctx.db.prepare('UPDATE visits SET summary = ? WHERE id = ?').run(`  ${String(visit.record.summary)}  `, visit.record.id);
    expect(await ingestPacket(ctx, await packet([visit]))).toMatchObject({ status: 'accepted', duplicateRecords: 1, conflicts: 0 });
    expect(listConflicts(ctx.db)).toEqual([]);
  });
});

describe('a new record', () => {
  it('is stored as its JSON content would store it: an absent optional field NULL, −0 as 0', () => {
    const origin = { officerId: officer.id, packetId: 'p1', at: AT };
    const zero = makeInvestmentEntry(P1(), { amount: 0 });
    const negativeZero = makeInvestmentEntry(P1(), { amount: -0 });
    for (const record of [zero, negativeZero])
      expect(foldRecord(ctx.db, 'investment_entry', record, origin, lookupFold(ctx.db, 'investment_entry', record))).toBe('new');
    const stored = (id: string) => ctx.db.prepare('SELECT amount, typeof(amount) AS type, officer_id AS sender FROM investment_entries WHERE id = ?').get(id);
    expect(stored(negativeZero.id)).toEqual(stored(zero.id));
    expect(Object.is((stored(negativeZero.id) as { amount: number }).amount, -0)).toBe(false);

    const problem = makeProblem(P1(), { dueOn: null });
    foldRecord(ctx.db, 'problem', problem, origin, lookupFold(ctx.db, 'problem', problem));
    expect(ctx.db.prepare('SELECT due_on AS dueOn, packet_id AS packetId FROM problems WHERE id = ?').get(problem.id)).toEqual({ dueOn: null, packetId: 'p1' });
  });
});

describe('parents read once per packet', () => {
  it('a step on a problem carried earlier in the same packet is folded; one on a problem nobody has refuses the packet', async () => {
    const problem = makeProblem(P1(), { recordedAt: AT });
    const held = makeProblem(P1(), { recordedAt: AT });
    await ingestPacket(ctx, await packet([{ entity: 'problem', record: held }]));
    const good = [
      { entity: 'problem', record: problem },
      { entity: 'problem_event', record: makeProblemEvent(problem.id) },
      { entity: 'problem_event', record: makeProblemEvent(held.id) },
    ] as FixtureChange[];
    expect(await ingestPacket(ctx, await packet(good))).toMatchObject({ status: 'accepted', newRecords: 3 });

    const orphan = makeProblemEvent(randomUUID());
    const bad = [
      { entity: 'problem_event', record: makeProblemEvent(held.id, { action: 'note', department: null }) },
      { entity: 'problem_event', record: orphan },
    ];
    const before = dumpBureauDatabase(ctx.db);
    const refused = await ingestPacket(ctx, await packet(bad as FixtureChange[]));
    expect(refused.error?.params).toMatchObject({ reason: 'unknown_reference', id: orphan.id, missing: orphan.problemId });
    expect(dumpBureauDatabase(ctx.db)).toEqual(before);
  });
});
