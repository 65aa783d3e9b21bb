import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBureauCommand } from '../../electron/cli/bureau/commands.js';
import { openBureau } from '../../electron/bureau/context.js';
import { photoPath } from '../../electron/bureau/ingest.js';
import { FOLD_TABLES, listFolded, type FoldEntity } from '../../electron/bureau/repository.js';
import { grantFile } from '../../electron/files/file-handles.js';
import { changesAfter } from '../../electron/store/repositories/change-log.js';
import { readSetting } from '../../electron/store/repositories/settings.js';
import { readOfficerKey } from '../../electron/sync/keys.js';
import { ledgerDataFromStore } from '../../electron/sync/ledger-rows.js';
import { writeLedgerWorkbook } from '../../electron/sync/ledger-workbook.js';
import { readLedgerWorkbook } from '../../electron/sync/ledger-read.js';
import { exportWeeklyPacket } from '../../electron/sync/weekly-export.js';
import { Officer } from '@shared/domain/index.js';
import { makeTempDir, openTempStore, type TempDir, type TempStore } from '../helpers/temp-store.js';
import { perform } from '../helpers/operations.js';
import { LEDGER_ROW_KEY } from '../helpers/ledger-pages.js';

/**
 * Issue 5's end-to-end run on real files: init → import-master → assign → officer stores import their
 * assignments → officers record visits (with photos), close-offs, problems and figures through the services
 * → export → ingest in shuffled order with one packet dropped and one repeated → the next assign acknowledges
 * → the officers import it and export again → the bureau ledger matches every officer store record for record.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
let clock = new Date('2026-11-16T10:00:00');
const now = () => new Date(clock.getTime());

let dir: TempDir;
let db: string;
const stores = new Map<string, TempStore>();
const OFFICERS = ['李明', '张伟', '王芳', '赵磊'] as const;

async function bureau(args: string[]): Promise<any> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await createBureauCommand({ now, env: {} }).run([...args, '--db', db, '--json'], { out: (t) => out.push(t), err: (t) => err.push(t) });
  const parsed = JSON.parse(out.join('\n'));
  if (code !== 0 && args[0] !== 'ingest') throw new Error(`bureau ${args[0]} failed: ${err.join('\n')}`);
  return parsed.result;
}

const call = <T = any>(store: TempStore, name: string, input: unknown) => perform<T>(store.ctx, name, input);

async function photo(seed: number): Promise<string> {
  const png = await sharp({ create: { width: 64 + seed, height: 48, channels: 3, background: { r: (seed * 40) % 255, g: 120, b: 200 } } })
    .png()
    .toBuffer();
  return png.toString('base64');
}

/** One officer's week through the services: a visit with a photo, a close-off, a problem moved on, figures, a milestone. */
async function work(store: TempStore, week: number): Promise<void> {
  const projects = await call<{ id: string; code: string }[]>(store, 'projects.list', { includeArchived: false });
  const project = projects[week % projects.length]!;
  const detail = await call<{
    checklist: { id: string; closedOff: boolean; withdrawnAt: string | null }[];
    milestones: { id: string; reachedOn: string | null }[];
  }>(store, 'projects.get', { projectId: project.id });
  const day = `2026-11-${String(10 + week).padStart(2, '0')}`;
  await call(store, 'visits.log', {
    projectId: project.id,
    visitedOn: day,
    kind: 'site_visit',
    participants: '企业负责人',
    summary: `第${week}周现场查看${project.code}建设进度`,
    findings: '施工正常',
    photos: [{ fileName: `site-${week}.png`, mimeType: 'image/png', dataBase64: await photo(week) }],
  });
  const open = detail.checklist.find((c) => !c.closedOff && c.withdrawnAt === null);
  if (open) await call(store, 'checklist.closeOff', { itemId: open.id, effectiveOn: day, note: `第${week}周办结，材料已归档` });
  const problem = await call<{ id: string }>(store, 'problems.raise', {
    projectId: project.id,
    category: 'approval',
    description: `第${week}周发现：施工许可办理排队`,
    responsibleDepartment: '区行政审批服务局',
    dueOn: '2026-12-31',
  });
  await call(store, 'problems.act', { problemId: problem.id, action: 'dispatch', department: '区行政审批服务局' });
  if (week > 1) await call(store, 'problems.act', { problemId: problem.id, action: 'resolve', resolution: '开辟绿色通道，已办结' });
  for (let m = 1; m <= 10; m++)
    await call(store, 'investment.record', { projectId: project.id, month: `2026-${String(m).padStart(2, '0')}`, amount: 1000 * week + m * 10 });
  const milestone = detail.milestones.find((ms) => ms.reachedOn === null);
  if (milestone && week === 1) await call(store, 'milestones.report', { milestoneId: milestone.id, reachedOn: '2026-03-05' });
}

beforeAll(async () => {
  dir = makeTempDir('sponsor-desk-bureau-e2e-');
  db = dir.file('bureau/bureau.sqlite');
  for (const d of ['assign1', 'assign2', 'usb', 'usb2']) mkdirSync(dir.file(d));
  await bureau(['init']);
  await bureau(['import-master', join(root, 'docs/samples/master-list.xlsx')]);
  const bureauKey = readFileSync(dir.file('bureau/bureau.pub'), 'utf8');
  const assignments = (await bureau(['assign', '--out', dir.file('assign1')])) as { officerName: string; file: string }[];
  for (const name of OFFICERS) {
    const store = openTempStore({ now });
    stores.set(name, store);
    await call(store, 'sync.trustBureauKey', { keyPem: bureauKey });
    const applied = await call(store, 'sync.applyAssignment', { file: grantFile(store.ctx, assignments.find((a) => a.officerName === name)!.file) });
    expect(applied.applied).toBe(true);
  }
});

afterAll(() => {
  for (const s of stores.values()) s.close();
  dir?.remove();
});

describe('bureau end to end', () => {
  it('runs the whole exchange and the bureau ledger matches every officer store record for record', async () => {
    // Two weeks of work and two packets per officer.
    const packets: { officer: string; sequence: number; file: string }[] = [];
    for (const week of [1, 2]) {
      clock = new Date(`2026-11-${16 + week}T18:00:00`);
      for (const name of OFFICERS) {
        const store = stores.get(name)!;
        await work(store, week);
        const exported = await exportWeeklyPacket(store.ctx, { outDir: dir.file('usb') });
        packets.push({ officer: name, sequence: exported.sequence, file: exported.filePath });
      }
    }
    expect(packets.map((p) => p.sequence)).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);

    // The transport: 李明's first packet is lost, 张伟's second arrives twice, everything out of order.
    const dropped = packets.find((p) => p.officer === '李明' && p.sequence === 1)!;
    const repeated = packets.find((p) => p.officer === '张伟' && p.sequence === 2)!;
    const delivered = [...packets.filter((p) => p !== dropped), repeated];
    const order = [6, 2, 7, 0, 4, 1, 5, 3];
    const shuffled = order.map((i) => delivered[i]!.file);
    clock = new Date('2026-11-20T09:00:00');
    const results = (await bureau(['ingest', ...shuffled])) as {
      status: string;
      officerName: string;
      sequence: number;
      pendingKey: { alreadyPending: boolean } | null;
      error: unknown;
    }[];
    expect(results.filter((r) => r.status === 'refused')).toEqual([]);
    // No key is accepted yet: every packet waits (the repeated one is already waiting), nothing is folded.
    expect(results.map((r) => r.status)).toEqual(results.map(() => 'pending'));
    expect(results.filter((r) => r.pendingKey!.alreadyPending)).toHaveLength(1);
    // Each officer reads their fingerprint back (Settings shows it); the bureau accepts it: the waiting packets fold in order.
    for (const name of OFFICERS) {
      const fingerprint = readOfficerKey(stores.get(name)!.db)!.fingerprint;
      const officerId = readSetting(stores.get(name)!.db, 'officer', Officer)!.id;
      const accepted = (await bureau(['officers', 'accept-key', officerId, '--fingerprint', fingerprint])) as {
        folded: { status: string; sequence: number }[];
      };
      expect(accepted.folded.map((f) => [f.status, f.sequence])).toEqual(
        name === '李明'
          ? [['accepted', 2]]
          : [
              ['accepted', 1],
              ['accepted', 2],
            ],
      );
    }

    // The next assignment acknowledges the highest packet received from each officer, 2 for all.
    const next = (await bureau(['assign', '--out', dir.file('assign2')])) as {
      officerName: string;
      file: string;
      sequence: number;
      acknowledgedWeeklySequence: number;
    }[];
    expect(next.map((a) => [a.officerName, a.sequence, a.acknowledgedWeeklySequence]).sort()).toEqual(OFFICERS.map((n) => [n, 2, 2]).sort());
    for (const name of OFFICERS) {
      const store = stores.get(name)!;
      await call(store, 'sync.applyAssignment', { file: grantFile(store.ctx, next.find((a) => a.officerName === name)!.file) });
      const status = await call<{ acknowledgedSequence: number; pendingChanges: number }>(store, 'sync.status', {});
      expect(status).toMatchObject({ acknowledgedSequence: 2, pendingChanges: 0 });
    }

    // A third week: the packets carry only what was not acknowledged.
    clock = new Date('2026-11-24T18:00:00');
    const third: string[] = [];
    for (const name of OFFICERS) {
      const store = stores.get(name)!;
      await work(store, 3);
      const exported = await exportWeeklyPacket(store.ctx, { outDir: dir.file('usb2') });
      expect(exported.sequence).toBe(3);
      expect(exported.afterSeq).toBeGreaterThan(0);
      third.push(exported.filePath);
    }
    const thirdResults = (await bureau(['ingest', dir.file('usb2')])) as { status: string; duplicateRecords: number; newRecords: number }[];
    expect(thirdResults.map((r) => [r.status, r.duplicateRecords])).toEqual(third.map(() => ['accepted', 0]));

    // Record for record: every officer-owned record of every store is at the bureau, once, with the same content.
    const ctx = openBureau(db, now);
    try {
      const officers = new Map<string, string>();
      for (const name of OFFICERS) {
        const store = stores.get(name)!;
        const officer = readSetting(store.db, 'officer', Officer)!;
        officers.set(officer.id, name);
        const changes = changesAfter(store.db, 0);
        expect(changes.length).toBeGreaterThan(20);
        for (const c of changes) {
          const held = listFolded<Record<string, unknown>>(ctx.db, c.entity as FoldEntity, 'WHERE id = ?', c.recordId);
          expect(held, `${name} ${c.entity} ${c.recordId}`).toHaveLength(1);
          // Every field the bureau keeps (FOLD_TABLES' columns): a problem step's entry time (recordedAt) stays in
          // the archived packet only; the bureau orders and prints steps by when they happened (docs/packets.md).
          const kept = (r: unknown) => {
            const parsed = FOLD_TABLES[c.entity as FoldEntity].schema.parse(r) as Record<string, unknown>;
            return Object.fromEntries(Object.keys(FOLD_TABLES[c.entity as FoldEntity].columns).map((f) => [f, parsed[f] ?? null]));
          };
          expect(kept(held[0])).toEqual(kept(c.payload));
        }
        // Photos arrived as files beside the bureau database, byte for byte what the store keeps.
        for (const c of changes.filter((x) => x.entity === 'attachment')) {
          const a = c.payload as { sha256: string; mimeType: string };
          expect(
            createHash('sha256')
              .update(readFileSync(photoPath(ctx.filesDir, a)))
              .digest('hex'),
          ).toBe(a.sha256);
        }
      }
      const total = [...stores.values()].reduce((n, s) => n + changesAfter(s.db, 0).length, 0);
      const held = (Object.keys(FOLD_TABLES) as FoldEntity[]).reduce(
        (n, e) => n + (ctx.db.prepare(`SELECT count(*) FROM ${FOLD_TABLES[e].table} WHERE officer_id IS NOT NULL`).pluck().get() as number),
        0,
      );
      expect(held).toBe(total);
      expect(ctx.db.prepare('SELECT count(*) FROM conflicts').pluck().get()).toBe(0);
    } finally {
      ctx.db.close();
    }

    // The district ledger against each officer's own ledger, sheet by sheet, row by row.
    const exported = (await bureau(['export-ledger', '--out', dir.file('district.xlsx')])) as { asOfMonth: string };
    expect(exported.asOfMonth).toBe('2026-10');
    const district = readLedgerWorkbook(readFileSync(dir.file('district.xlsx')));
    const keyOf = LEDGER_ROW_KEY;
    for (const name of OFFICERS) {
      const store = stores.get(name)!;
      const officer = readSetting(store.db, 'officer', Officer)!;
      const own = readLedgerWorkbook(await writeLedgerWorkbook(ledgerDataFromStore(store.db, now(), officer)));
      for (const [sheet, key] of Object.entries(keyOf)) {
        const bureauRows = new Map(district[sheet]!.map((r) => [key(r), r]));
        expect(own[sheet]!.length, `${name} ${sheet}`).toBeGreaterThan(0);
        for (const row of own[sheet]!) expect(bureauRows.get(key(row)), `${name} ${sheet} ${key(row)}`).toEqual(row);
      }
    }
    // And nothing at the bureau that no officer has.
    const ownBooks = await Promise.all(
      [...stores.values()].map(async (s) =>
        readLedgerWorkbook(await writeLedgerWorkbook(ledgerDataFromStore(s.db, now(), readSetting(s.db, 'officer', Officer)!))),
      ),
    );
    const officerRows = (sheet: string) => ownBooks.reduce((n, book) => n + book[sheet]!.length, 0);
    for (const sheet of Object.keys(keyOf)) expect(district[sheet]!.length, sheet).toBe(officerRows(sheet));

    // The summary counts what the officers did.
    const summary = await bureau(['summary']);
    expect(summary.sponsorActions.total).toBe(12);
    expect(summary.problems).toMatchObject({ collected: 12, resolved: 8, open: 4 });
    expect(summary.byLeader.reduce((n: number, r: { sponsorActions: number }) => n + r.sponsorActions, 0)).toBe(12);
  });
});
