import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBureauCommand } from '../../electron/cli/bureau/commands.js';
import { openBureau } from '../../electron/bureau/context.js';
import { dumpBureauDatabase } from '../../electron/bureau/database.js';
import { FOLD_TABLES, type FoldEntity } from '../../electron/bureau/repository.js';
import { generateSigningKeyPair } from '../../electron/packets/keys.js';
import { Database } from '../../electron/store/driver.js';
import { changesAfter } from '../../electron/store/repositories/change-log.js';
import { applyAssignment } from '../../electron/sync/assignment-import.js';
import { syncStatus } from '../../electron/sync/status.js';
import { exportWeeklyPacket } from '../../electron/sync/weekly-export.js';
import { makeTempDir, openTempStore, type TempDir, type TempStore } from '../helpers/temp-store.js';
import { perform } from '../helpers/operations.js';

/**
 * Issue 9, point 3: a bureau restore never loses a record. The bureau folds weekly packets 1..3, restores
 * a backup taken after packet 1 (through `sponsor-desk bureau backup/restore`), writes the next assignment
 * (acknowledging 1, numbered above every assignment it wrote before), the officer imports it, the next
 * packet carries everything after packet 1, the bureau ingests it, and the bureau's records equal the
 * officer's: nothing lost, nothing doubled. A problem the bureau raised after the backup is carried over
 * from the replaced database, so the officer's step on it folds. Bad backup files are refused with the
 * database unchanged; the signing key comes back with the database.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
let clock = new Date('2026-11-02T09:00:00');
const now = () => new Date(clock.getTime());

let dir: TempDir;
let db: string;
let store: TempStore;
let officerId: string;
let bureauProblemId = '';

async function bureau(args: string[], expectCode = 0): Promise<any> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await createBureauCommand({ now, env: {} }).run([...args, '--db', db, '--json'], { out: (t) => out.push(t), err: (t) => err.push(t) });
  expect(code, `bureau ${args.join(' ')}: ${err.join('\n')}`).toBe(expectCode);
  const parsed = JSON.parse(out.join('\n'));
  return expectCode === 0 ? parsed.result : parsed;
}

const call = <T = any>(name: string, input: unknown) => perform<T>(store.ctx, name, input);

let assignDir = 0;
/** `bureau assign` for the one officer; the officer applies it; returns the assignment's number and acknowledgement. */
async function assignAndApply(): Promise<{ sequence: number; ack: number }> {
  const out = dir.file(`assign-${++assignDir}`);
  const results = (await bureau(['assign', '--out', out, '--officer', officerId])) as { sequence: number; acknowledgedWeeklySequence: number; file: string }[];
  expect(results).toHaveLength(1);
  const applied = await applyAssignment(store.ctx, results[0]!.file, { allowWithdrawMost: true });
  expect(applied.applied).toBe(true);
  return { sequence: results[0]!.sequence, ack: results[0]!.acknowledgedWeeklySequence };
}

/** A week of the officer's work: a visit and a monthly figure. */
async function work(week: number): Promise<void> {
  const projects = await call<{ id: string }[]>('projects.list', { includeArchived: false });
  const project = projects[week % projects.length]!;
  await call('visits.log', { projectId: project.id, visitedOn: `2026-11-0${week + 1}`, kind: 'site_visit', summary: `第${week}周现场查看` });
  await call('investment.record', { projectId: project.id, month: '2026-10', amount: 100 * week });
}

async function exportPacket(): Promise<{ sequence: number; afterSeq: number; throughSeq: number; file: string }> {
  const r = await exportWeeklyPacket(store.ctx, { outDir: dir.file('usb') });
  return { sequence: r.sequence, afterSeq: r.afterSeq, throughSeq: r.throughSeq, file: r.filePath };
}

/** Every officer record at the bureau, as entity:id, with how often each id is there. */
function bureauRecords(): string[] {
  const ctx = openBureau(db, now);
  try {
    const ids: string[] = [];
    for (const [entity, spec] of Object.entries(FOLD_TABLES) as [FoldEntity, { table: string }][]) {
      for (const r of ctx.db.prepare(`SELECT id FROM ${spec.table} WHERE officer_id = ?`).all(officerId) as { id: string }[]) ids.push(`${entity}:${r.id}`);
    }
    return ids.sort();
  } finally {
    ctx.db.close();
  }
}

function dump(): string {
  const ctx = openBureau(db, now);
  try {
    return JSON.stringify(dumpBureauDatabase(ctx.db));
  } finally {
    ctx.db.close();
  }
}

beforeAll(async () => {
  dir = makeTempDir('sponsor-desk-bureau-restore-');
  db = dir.file('bureau/bureau.sqlite');
  mkdirSync(dir.file('usb'));
  await bureau(['init']);
  await bureau(['import-master', join(root, 'docs/samples/master-list.xlsx')]);
  const officers = (await bureau(['officers', 'list'])) as { id: string; name: string }[];
  officerId = officers.find((o) => o.name === '李明')!.id;
  store = openTempStore({ now });
  await call('sync.trustBureauKey', { keyPem: readFileSync(dir.file('bureau/bureau.pub'), 'utf8') });
  expect(await assignAndApply()).toEqual({ sequence: 1, ack: 0 });
  // The bureau registers the officer's key from a file (read back by phone), so packets fold at once.
  const key = (await call<{ publicKeyPem: string }>('sync.officerKey', {})).publicKeyPem;
  writeFileSync(dir.file('li.pub'), key);
  await bureau(['officers', 'add', '--officer', officerId, '--key', dir.file('li.pub')]);
});

afterAll(() => {
  store?.close();
  dir?.remove();
});

describe('bureau restore', () => {
  it('loses nothing: after restoring a backup taken after packet 1, the officer resends everything after packet 1', async () => {
    const packets: Awaited<ReturnType<typeof exportPacket>>[] = [];
    const assignments: { sequence: number; ack: number }[] = [];
    for (let week = 1; week <= 3; week++) {
      clock = new Date(`2026-11-0${week + 1}T18:00:00`);
      await work(week);
      packets.push(await exportPacket());
      const folded = (await bureau(['ingest', packets.at(-1)!.file])) as { status: string }[];
      expect(folded.map((r) => r.status)).toEqual(['accepted']);
      if (week === 1) {
        const backup = await bureau(['backup', '--out', dir.file('after-packet-1.sdbackup')]);
        expect(backup).toMatchObject({ receivedPackets: 1, assignments: 1 });
        expect(backup.keyFingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){15}$/);
        expect(statSync(dir.file('after-packet-1.sdbackup')).mode & 0o077).toBe(0);
      }
      if (week === 2) {
        // After the backup the bureau raises and dispatches a problem; the officer gets it and works on it.
        const projects = await call<{ id: string; code: string }[]>('projects.list', { includeArchived: false });
        const raised = await bureau(['problems', 'raise', '--project', projects[0]!.code, '--category', 'approval', '--description', '环评批复排队']);
        await bureau(['problems', 'act', '--problem', raised.id, '--action', 'dispatch', '--department', '区生态环境分局']);
        bureauProblemId = raised.id;
      }
      assignments.push(await assignAndApply());
    }
    await call('problems.act', { problemId: bureauProblemId, action: 'coordinate', by: '王立新', note: '召开协调会' });
    packets.push(await exportPacket());
    expect(((await bureau(['ingest', packets[3]!.file])) as { status: string }[]).map((r) => r.status)).toEqual(['accepted']);
    assignments.push(await assignAndApply());
    const lastPacket = packets.pop()!; // packet 4: the officer's step on the bureau's problem
    expect(packets.map((p) => p.sequence)).toEqual([1, 2, 3]);
    expect(assignments).toEqual([
      { sequence: 2, ack: 1 },
      { sequence: 3, ack: 2 },
      { sequence: 4, ack: 3 },
      { sequence: 5, ack: 4 },
    ]);
    expect(syncStatus(store.ctx.db)).toMatchObject({ acknowledgedSequence: 4, pendingChanges: 0 });
    const before = bureauRecords();
    expect(before).toHaveLength(changesAfter(store.ctx.db, 0).length);

    // The bureau restores the backup taken after packet 1: packets 2 and 3 are gone from its database.
    clock = new Date('2026-11-06T09:00:00');
    const restored = await bureau(['restore', dir.file('after-packet-1.sdbackup')]);
    expect(restored.notInBackup).toEqual({ packets: 3, ownProblemRecords: 2, masterImports: 0, assignments: 4 });
    // The bureau's own problem and its step are carried over from the replaced database: the officer's step on it must fold.
    expect(restored.ownProblemRecordsCarried).toBe(2);
    expect(existsSync(restored.keptAside)).toBe(true);
    expect(bureauRecords().length).toBeLessThan(before.length);

    // A late second copy of packet 3 arrives: its base (packet 2) is lost, so it is not acknowledged.
    expect(((await bureau(['ingest', packets[2]!.file])) as { status: string }[]).map((r) => r.status)).toEqual(['accepted']);

    // The next assignment is numbered above #5 (the officer applied it) and acknowledges 1: the acknowledgement goes down.
    const next = await assignAndApply();
    expect(next).toEqual({ sequence: 6, ack: 1 });
    const status = syncStatus(store.ctx.db);
    expect(status.acknowledgedSequence).toBe(1);
    expect(status.pendingChanges).toBe(changesAfter(store.ctx.db, packets[0]!.throughSeq).length);
    expect(status.nextSequence).toBe(5);
    const marks = store.ctx.db.prepare('SELECT sequence, acknowledged_at IS NOT NULL AS received FROM packet_exports ORDER BY sequence').all();
    expect(marks).toEqual([
      { sequence: 1, received: 1 },
      { sequence: 2, received: 0 },
      { sequence: 3, received: 0 },
      { sequence: 4, received: 0 },
    ]);

    // The next packet carries everything after packet 1; the bureau folds it.
    clock = new Date('2026-11-06T18:00:00');
    const resend = await exportPacket();
    expect(resend).toMatchObject({ sequence: 5, afterSeq: packets[0]!.throughSeq, throughSeq: lastPacket.throughSeq });
    expect(((await bureau(['ingest', resend.file])) as { status: string }[]).map((r) => r.status)).toEqual(['accepted']);

    // Nothing lost, nothing doubled: the bureau holds exactly the officer's records, each once.
    const officerRecords = changesAfter(store.ctx.db, 0)
      .map((c) => `${c.entity}:${c.recordId}`)
      .sort();
    const after = bureauRecords();
    expect(new Set(after).size).toBe(after.length);
    expect(after).toEqual(officerRecords);
    expect(after).toEqual(before);
    expect(await assignAndApply()).toEqual({ sequence: 7, ack: 5 });
    expect(syncStatus(store.ctx.db)).toMatchObject({ acknowledgedSequence: 5, pendingChanges: 0 });
  });

  it('refuses a file that is not a bureau backup, and changes nothing', async () => {
    const unchanged = dump();
    const notSqlite = dir.file('not-a-backup.sdbackup');
    writeFileSync(notSqlite, 'this is not a database');
    const officerStore = store.ctx.databasePath;
    const good = dir.file('good.sdbackup');
    await bureau(['backup', '--out', good]);
    const truncated = dir.file('truncated.sdbackup');
    writeFileSync(truncated, readFileSync(good).subarray(0, 4096));
    const newer = dir.file('newer.sdbackup');
    copyFileSync(good, newer);
    const n = new Database(newer);
    n.pragma('user_version = 99');
    n.close();
    const otherKey = dir.file('other-key.sdbackup');
    copyFileSync(good, otherKey);
    const k = new Database(otherKey);
    k.prepare("UPDATE backup_key_files SET content = ? WHERE name = 'bureau.key'").run(generateSigningKeyPair().privateKeyPem);
    k.close();
    const keyBefore = readFileSync(dir.file('bureau/bureau.key'));
    const cases: [string, string][] = [
      [notSqlite, 'database_corrupt'],
      [officerStore, 'database_corrupt'],
      [truncated, 'database_corrupt'],
      [newer, 'database_newer'],
      [otherKey, 'key_missing'],
      [dir.file('missing.sdbackup'), 'not_found'],
    ];
    for (const [file, code] of cases) {
      const refused = await bureau(['restore', file], 1);
      expect(refused.error.code, file).toBe(code);
      expect(dump(), file).toBe(unchanged);
      expect(readFileSync(dir.file('bureau/bureau.key')).equals(keyBefore), file).toBe(true);
    }
    expect(readdirSync(dir.file('bureau')).filter((f) => f.startsWith('.restore-'))).toEqual([]);
    // In Chinese, the whole message is Chinese.
    const err: string[] = [];
    const code = await createBureauCommand({ now, env: { LANG: 'zh_CN.UTF-8' } }).run(['restore', officerStore, '--db', db], {
      out: () => undefined,
      err: (t) => err.push(t),
    });
    expect(code).toBe(1);
    expect(err.join('\n')).toContain('不是经发局数据库的备份');
    expect(err.join('\n')).not.toMatch(/not a bureau backup/);
    // A backup never overwrites a file.
    const existing = readFileSync(good);
    const again = await bureau(['backup', '--out', good], 1);
    expect(again.error.code).toBe('invalid_input');
    expect(readFileSync(good).equals(existing)).toBe(true);
    expect(dump()).toBe(unchanged);
  });

  it('brings the signing key back with the database', async () => {
    const backup = dir.file('with-key.sdbackup');
    await bureau(['backup', '--out', backup]);
    const key = readFileSync(dir.file('bureau/bureau.key'), 'utf8');
    writeFileSync(dir.file('bureau/bureau.key'), 'damaged');
    const r = await bureau(['restore', backup]);
    expect(readFileSync(dir.file('bureau/bureau.key'), 'utf8')).toBe(key);
    expect(statSync(dir.file('bureau/bureau.key')).mode & 0o077).toBe(0);
    expect(readFileSync(r.keyKeptAside, 'utf8')).toBe('damaged');
    // The restored desk signs again: an assignment is written and the officer accepts it.
    expect((await assignAndApply()).ack).toBe(5);
  });
});
