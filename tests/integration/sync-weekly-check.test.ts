import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordId } from '@shared/domain/index.js';
import { WeeklyChange } from '@shared/packets/weekly.js';
import { RECORDS, WEEKLY_KINDS } from '@shared/records/catalogue.js';
import { readWeeklyFile } from '../../electron/packets/index.js';
import { changesAfter, type ChangeRow } from '../../electron/store/repositories/change-log.js';
import { insertInvestmentEntry } from '../../electron/store/repositories/investment.js';
import { insertVisit } from '../../electron/store/repositories/visits.js';
import { ensureOfficerKey } from '../../electron/sync/keys.js';
import { parseChanges } from '../../electron/sync/weekly-changes.js';
import { exportWeeklyPacket } from '../../electron/sync/weekly-export.js';
import { applyFirstAssignment } from '../helpers/first-assignment.js';
import { dumpDatabase, openTempStore, type TempStore } from '../helpers/temp-store.js';
import { makeAssignment, makeOfficer } from './sync-fixtures.js';

/**
 * The export's check of each change-log record (issue 11): each record against its kind's schema, the row's
 * framing checked directly, not through WeeklyChange's union. These tests hold its verdict and output equal to
 * WeeklyChange's on good and spoiled rows, show that a packet reads back as exactly what was checked, and that a
 * bad record still stops the export with nothing written.
 */
const AT = '2026-11-20T02:00:00.000Z';

describe('the weekly export checks each record as WeeklyChange does', () => {
  let store: TempStore;
  let projectId: string;
  beforeEach(async () => {
    store = openTempStore();
    const shape = makeAssignment(makeOfficer('王芳'), { projects: 2, items: 3 });
    await applyFirstAssignment(store, shape);
    projectId = shape.projects[0]!.id;
    const visit = { id: randomUUID(), projectId, visitedOn: '2026-11-20', kind: 'site_visit' as const, participants: '王芳', findings: '', followUps: '' };
    insertVisit(store.db, { ...visit, summary: '现场查看', recordedAt: AT, recordedBy: '王芳' });
    insertInvestmentEntry(store.db, { id: randomUUID(), projectId, month: '2026-10', amount: 120.5, recordedAt: AT, recordedBy: '王芳' });
  });
  afterEach(() => store.close());

  /** A record written straight into the change log, around the services (as a damaged or older store might hold it). */
  const writeRaw = (entity: string, recordId: string, payload: string, recordedAt = AT) =>
    store.db.prepare('INSERT INTO change_log (entity, record_id, recorded_at, payload) VALUES (?, ?, ?, ?)').run(entity, recordId, recordedAt, payload);

  it('every weekly kind keys its record by a RecordId: a record id equal to it is one too', () => {
    for (const kind of WEEKLY_KINDS) expect(RECORDS[kind].schema.shape.id, kind).toBe(RecordId);
  });

  it('accepts, refuses and outputs exactly what WeeklyChange does, row by row', () => {
    const [good] = changesAfter(store.db, 0) as ChangeRow[];
    const record = good!.payload as Record<string, unknown>;
    const other = randomUUID();
    const rows: [string, ChangeRow][] = [
      ['as stored', good!],
      ['seq 0', { ...good!, seq: 0 }],
      ['seq 1.5', { ...good!, seq: 1.5 }],
      ['a bureau kind', { ...good!, entity: 'project' as never }],
      ['no such kind', { ...good!, entity: '__proto__' as never }],
      ['another record id', { ...good!, recordId: other }],
      ['ids not UUIDs', { ...good!, recordId: 'not-a-uuid', payload: { ...record, id: 'not-a-uuid' } }],
      ['recordedAt not a moment', { ...good!, recordedAt: 'yesterday' }],
      ['a field of the wrong type', { ...good!, payload: { ...record, summary: 42 } }],
      ['a required field missing', { ...good!, payload: { ...record, summary: undefined } }],
      ['untrimmed text', { ...good!, payload: { ...record, summary: '  现场查看  ' } }],
      ['an unknown field', { ...good!, payload: { ...record, extra: 1 } }],
      ['not an object', { ...good!, payload: 'visit' }],
    ];
    for (const [name, row] of rows) {
      const reference = WeeklyChange.safeParse({ seq: row.seq, entity: row.entity, recordId: row.recordId, recordedAt: row.recordedAt, record: row.payload });
      let ours: unknown;
      let error: unknown;
      try {
        [ours] = parseChanges([row]);
      } catch (e) {
        error = e;
      }
      expect(error === undefined, name).toBe(reference.success);
      if (reference.success) expect(JSON.stringify(ours), name).toBe(JSON.stringify(reference.data));
      else
        expect(error, name).toMatchObject({
          code: 'internal',
          message: expect.stringContaining(`change ${row.seq} (${row.entity} ${row.recordId}) is not a valid record`),
        });
    }
  });

  it('a packet reads back as exactly what was checked, records written around the services included', async () => {
    // Valid records the services would not have written this way: keys in another order, text untrimmed, an unknown field, U+2028.
    const id = randomUUID();
    const odd = {
      summary: '  走访\u2028企业  ',
      id,
      kind: 'meeting',
      visitedOn: '2026-11-21',
      projectId,
      participants: '',
      findings: '',
      followUps: '',
      recordedBy: '王芳',
    };
    writeRaw('visit', id, JSON.stringify({ ...odd, recordedAt: AT, note: '未知字段' }));
    const checked = parseChanges(changesAfter(store.db, 0));
    expect(checked.at(-1)!.record).toMatchObject({ summary: '走访\u2028企业' });
    const key = ensureOfficerKey(store.db, store.ctx.now());
    const result = await exportWeeklyPacket(store.ctx, { outDir: store.dir.folder('outbox') });
    const opened = await readWeeklyFile(result.filePath, { resolveOfficerKey: () => key.publicKeyPem });
    expect(opened.payload.changes).toEqual(checked);
    expect(JSON.stringify(opened.payload.changes)).toBe(JSON.stringify(checked));
  });

  const spoiled: [string, (record: Record<string, unknown>, id: string) => string, RegExp][] = [
    ['not JSON', (_record, id) => `{"id": "${id}`, /JSON/],
    ['a field of the wrong type', (record, id) => JSON.stringify({ ...record, id, summary: 42 }), /record\.summary/],
  ];
  for (const [name, spoil, why] of spoiled) {
    it(`a stored record ${name} stops the export: no file, no history, the store unchanged`, async () => {
      const out = store.dir.folder('outbox');
      ensureOfficerKey(store.db, store.ctx.now());
      const [good] = changesAfter(store.db, 0);
      const id = randomUUID();
      const seq = writeRaw('visit', id, spoil(good!.payload as Record<string, unknown>, id)).lastInsertRowid;
      const before = dumpDatabase(store.db);
      const refused = exportWeeklyPacket(store.ctx, { outDir: out });
      if (name === 'not JSON')
        await expect(refused).rejects.toThrow(why); // changesAfter's JSON.parse, as before issue 11
      else
        await expect(refused).rejects.toMatchObject({
          code: 'internal',
          message: expect.stringMatching(new RegExp(`change ${seq} \\(visit ${id}\\) is not a valid record: .*${why.source}`)),
        });
      expect(readdirSync(out)).toEqual([]);
      expect(dumpDatabase(store.db)).toBe(before);
    });
  }
});
