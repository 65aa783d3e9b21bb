import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors.js';
import { WeeklyPayload } from '@shared/packets/weekly.js';
import { checkedPayload, parseChanges } from '../../electron/sync/weekly-changes.js';
import { changesAfter } from '../../electron/store/repositories/change-log.js';
import { exportWeeklyPacket } from '../../electron/sync/weekly-export.js';
import { ensureOfficerKey } from '../../electron/sync/keys.js';
import { insertInvestmentEntry } from '../../electron/store/repositories/investment.js';
import { insertVisit } from '../../electron/store/repositories/visits.js';
import { dumpDatabase, openTempStore, type TempStore } from '../helpers/temp-store.js';
import { makeAssignment, makeOfficer } from './sync-fixtures.js';
import { applyFirstAssignment } from '../helpers/first-assignment.js';

/**
 * The weekly export parses each change-log record once (issue 11) and checks the payload's envelope and its
 * rules across records without parsing the records again. These tests hold that equal to WeeklyPayload.parse
 * on real records, and show a bad row still stops the export with nothing written.
 */
describe('weekly payload, each record validated once', () => {
  let store: TempStore;
  beforeEach(async () => {
    store = openTempStore();
    const shape = makeAssignment(makeOfficer('王芳'), { projects: 2, items: 3 });
    await applyFirstAssignment(store, shape);
    const projectId = shape.projects[0]!.id;
    for (let i = 0; i < 5; i++) {
      insertVisit(store.db, {
        id: randomUUID(),
        projectId,
        visitedOn: '2026-11-20',
        kind: 'site_visit',
        participants: '王芳',
        summary: `现场 ${i}`,
        findings: '',
        followUps: '',
        recordedAt: '2026-11-20T02:00:00.000Z',
        recordedBy: '王芳',
      });
      insertInvestmentEntry(store.db, {
        id: randomUUID(),
        projectId,
        month: `2026-0${i + 1}`,
        amount: 100 + i,
        recordedAt: '2026-11-20T02:00:00.000Z',
        recordedBy: '王芳',
      });
    }
  });
  afterEach(() => store.close());

  function input() {
    const changes = parseChanges(changesAfter(store.db, 0));
    return {
      officer: makeOfficer('王芳'),
      appliedAssignmentSequence: 1,
      acknowledgedWeeklySequence: 0,
      period: { from: '2026-11-16', to: '2026-11-22' },
      summary: '本周走访 5 次',
      afterSeq: 0,
      throughSeq: changes.at(-1)!.seq,
      changes,
      photos: [] as { attachmentId: string; path: string; sha256: string; bytes: number }[],
      missingPhotos: [] as string[],
    };
  }

  it('gives exactly what WeeklyPayload.parse gives, key order included', () => {
    const x = input();
    expect(x.changes.length).toBeGreaterThanOrEqual(10);
    const once = checkedPayload(x);
    expect(once).toEqual(WeeklyPayload.parse(x));
    expect(JSON.stringify(once)).toBe(JSON.stringify(WeeklyPayload.parse(x)));
  });

  it('refuses what WeeklyPayload refuses: seq out of range, a seq or record twice, a stray photo, a bad envelope', () => {
    const cases: [string, (x: ReturnType<typeof input>) => void][] = [
      ['seq outside', (x) => (x.throughSeq = x.changes.at(-2)!.seq)],
      ['seq twice', (x) => x.changes.push({ ...x.changes[1]!, seq: x.changes[0]!.seq })],
      [
        'record twice',
        (x) => {
          x.changes.push({ ...x.changes[0]!, seq: x.throughSeq + 1 });
          x.throughSeq += 1;
        },
      ],
      ['photo of no attachment', (x) => x.photos.push({ attachmentId: randomUUID(), path: 'photos/a.jpg', sha256: 'a'.repeat(64), bytes: 1 })],
      ['summary too long', (x) => (x.summary = '长'.repeat(4001))],
      ['period backwards', (x) => (x.period = { from: '2026-11-22', to: '2026-11-16' })],
    ];
    for (const [name, spoil] of cases) {
      const x = input();
      spoil(x);
      expect(WeeklyPayload.safeParse(x).success, name).toBe(false);
      let error: unknown;
      try {
        checkedPayload(x);
      } catch (e) {
        error = e;
      }
      expect(error, name).toBeInstanceOf(AppError);
      expect((error as AppError).code, name).toBe('internal');
    }
  });

  it('a change-log row that is not a valid record stops the export: no file, no history, the store unchanged', async () => {
    // From outside the services: a row written straight into the store's file.
    store.db
      .prepare('INSERT INTO change_log (entity, record_id, recorded_at, payload) VALUES (?, ?, ?, ?)')
      .run('visit', 'not-a-uuid', '2026-11-20T02:00:00.000Z', JSON.stringify({ id: 'not-a-uuid', summary: 42 }));
    const out = store.dir.folder('outbox');
    ensureOfficerKey(store.db, store.ctx.now()); // made at the first export anyway: not what this test is about
    const before = dumpDatabase(store.db);
    await expect(exportWeeklyPacket(store.ctx, { outDir: out })).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringMatching(/change \d+ \(visit not-a-uuid\) is not a valid record/),
    });
    expect(readdirSync(out)).toEqual([]);
    expect(dumpDatabase(store.db)).toBe(before);
  });
});
