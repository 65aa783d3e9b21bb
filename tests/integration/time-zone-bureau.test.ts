import { readLedgerWorkbook } from '../../electron/sync/ledger-read.js';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMasterList } from '../../electron/bureau/import-master.js';
import { actOnBureauProblem, raiseBureauProblem } from '../../electron/bureau/problems.js';
import { masterListWorkbook, sampleRows } from '../../electron/demo/bureau-samples.js';
import { DOCS_SAMPLES_CLOCK } from '../../electron/demo/sample-calendar.js';
import { checkNotFuture } from '../../electron/bureau/authorize.js';
import { createBureauCommand } from '../../electron/cli/bureau/commands.js';
import { generateSigningKeyPair } from '../../electron/packets/keys.js';
import { writeWeeklyPacket } from '../fixtures/bureau/weekly-packet.js';
import { openBureauDatabase } from '../../electron/bureau/database.js';
import type { WeeklyChange } from '@shared/packets/weekly.js';
import { PROBLEM_ACTION_WORDS } from '@shared/i18n/vocabulary.js';
import { dumpDatabase, makeTempDir, type TempDir } from '../helpers/temp-store.js';
import { newBureau } from '../helpers/bureau.js';

/**
 * Point 11 of issue 9 at the bureau desk, through the real command (`node electron/cli/sponsor-desk.mjs bureau …`)
 * in child processes under TZ=UTC and TZ=Asia/Shanghai. A problem is resolved at 2025-11-30T20:00Z: 04:00 on
 * 1 December in Beijing (the default zone), 21:00 on 30 November in Berlin. Before the fix, `summary --on
 * 2025-11-30` counted it as resolved under TZ=UTC and not under TZ=Asia/Shanghai.
 */
const root = join(import.meta.dirname, '../..');
const CLI = join(root, 'electron/cli/sponsor-desk.mjs');
const RESOLVED_AT = new Date('2025-11-30T20:00:00.000Z');
let dir: TempDir;
let db: string;

function bureau(tz: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, [CLI, 'bureau', ...args, '--db', db], {
    env: { ...process.env, TZ: tz, LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

function summaryOn(tz: string, day: string): { problems: { collected: number; resolved: number; open: number } } & Record<string, unknown> {
  const r = bureau(tz, ['summary', '--as-of', '2025-11', '--on', day, '--json']);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout).result;
}

function dump(): string {
  const handle = openBureauDatabase(db);
  try {
    return JSON.stringify(dumpDatabase(handle));
  } finally {
    handle.close();
  }
}

const ISO_MOMENT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function ledgerUnder(tz: string, name: string): Record<string, Record<string, unknown>[]> {
  const out = dir.file(name);
  const r = bureau(tz, ['export-ledger', '--out', out, '--as-of', '2025-11', '--on', '2025-12-31']);
  expect(r.status, r.stderr).toBe(0);
  // The ledger's own reader: headings below the title lines, days and moments as the text the sheet shows.
  return readLedgerWorkbook(readFileSync(out));
}

beforeAll(() => {
  dir = makeTempDir('sponsor-desk-tz-bureau-');
  db = dir.file('desk/bureau.sqlite');
  let clock = new Date('2025-11-18T02:00:00.000Z');
  const ctx = newBureau(db, () => clock);
  try {
    const list = dir.file('master-2025.xlsx');
    writeFileSync(list, masterListWorkbook(sampleRows(DOCS_SAMPLES_CLOCK).map((r) => ({ ...r, planYear: 2025 }))));
    importMasterList(ctx, list, { defaultYear: 2025 });
    const code = String(sampleRows(DOCS_SAMPLES_CLOCK)[0]!.code);
    const problem = raiseBureauProblem(ctx, { project: code, category: 'land', description: '用地指标不足' });
    clock = new Date('2025-11-20T02:00:00.000Z');
    actOnBureauProblem(ctx, { problem: problem.id, action: 'dispatch', department: '区自然资源局' });
    clock = RESOLVED_AT;
    actOnBureauProblem(ctx, { problem: problem.id, action: 'resolve', resolution: '调剂用地指标' });
  } finally {
    ctx.db.close();
  }
});
afterAll(() => dir.remove());

describe('bureau desk: the district’s zone, not the process’s', () => {
  it('summary --on 2025-11-30 counts a problem resolved at 20:00 UTC the same under TZ=UTC and TZ=Asia/Shanghai (not yet: it is 1 December in Beijing)', () => {
    const utc = summaryOn('UTC', '2025-11-30');
    const beijing = summaryOn('Asia/Shanghai', '2025-11-30');
    expect(utc).toEqual(beijing);
    expect(utc.problems).toMatchObject({ collected: 1, resolved: 0, open: 1 });
    expect(utc.timeZone).toBe('Asia/Shanghai');
    expect(summaryOn('UTC', '2025-12-01').problems).toMatchObject({ collected: 1, resolved: 1, open: 0 });
  });

  it('problems list prints local times in the district’s zone, never a UTC ISO string', () => {
    for (const tz of ['UTC', 'Asia/Shanghai']) {
      const r = bureau(tz, ['problems', 'list']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(`2025-12-01 04:00  ${PROBLEM_ACTION_WORDS.resolve.en}`);
      expect(r.stdout).toContain(`2025-11-20 10:00  ${PROBLEM_ACTION_WORDS.dispatch.en}`);
      expect(r.stdout).not.toMatch(ISO_MOMENT);
    }
  });

  it('the district ledger shows local times, the same under both process zones, and no ISO timestamps', () => {
    const utc = ledgerUnder('UTC', 'ledger-utc.xlsx');
    const beijing = ledgerUnder('Asia/Shanghai', 'ledger-cst.xlsx');
    expect(utc).toEqual(beijing);
    const problem = utc['问题台账']![0]!;
    expect(problem['化解时间']).toBe('2025-12-01 04:00');
    expect(problem['办理经过']).toContain('2025-12-01 化解');
    const cells = Object.values(utc).flatMap((rows) => rows.flatMap((row) => Object.values(row)));
    expect(cells.length).toBeGreaterThan(50);
    expect(cells.filter((c) => typeof c === 'string' && ISO_MOMENT.test(c))).toEqual([]);
  });

  it('refuses a time zone that is not one, in both languages, and changes nothing', () => {
    const before = dump();
    for (const zone of ['Mars/Olympus', 'Asia/Beijing', '', '+08:00', '../../etc/passwd']) {
      const r = bureau('UTC', ['settings', '--time-zone', zone]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('--time-zone');
      const zh = spawnSync(process.execPath, [CLI, 'bureau', 'settings', '--time-zone', zone, '--db', db, '--lang', 'zh'], {
        encoding: 'utf8',
        env: { ...process.env, TZ: 'UTC' },
      });
      expect(zh.status).toBe(1);
      expect(zh.stderr).toMatch(/时区/);
    }
    expect(dump()).toBe(before);
    const shown = bureau('UTC', ['settings', '--json']);
    expect(JSON.parse(shown.stdout).result).toMatchObject({ timeZone: 'Asia/Shanghai', changed: false });
  });

  it('“not after the packet’s date plus a day” is counted on the district’s calendar, not the UTC one', () => {
    // Written at 07:30 on 1 December in Beijing (23:30 UTC on 30 November): a visit dated 2 December is within
    // the day of slack there; 3 December is not. On the UTC calendar 2 December would have been refused.
    const visit = (visitedOn: string) =>
      ({
        seq: 1,
        entity: 'visit',
        recordId: 'v1',
        recordedAt: '2025-11-30T23:30:00.000Z',
        record: { id: 'v1', visitedOn, recordedAt: '2025-11-30T23:30:00.000Z' },
      }) as unknown as WeeklyChange;
    const createdAt = '2025-11-30T23:30:00.000Z';
    expect(() => checkNotFuture(visit('2025-12-02'), createdAt, 'Asia/Shanghai')).not.toThrow();
    expect(() => checkNotFuture(visit('2025-12-03'), createdAt, 'Asia/Shanghai')).toThrow(/visitedOn 2025-12-03/);
    expect(() => checkNotFuture(visit('2025-12-02'), createdAt, 'UTC')).toThrow(/visitedOn 2025-12-02/); // a desk set to UTC
  });

  it('officers pending prints when a packet arrived as local time, not a UTC ISO string', async () => {
    const run = async (args: string[]) => {
      const out: string[] = [];
      const code = await createBureauCommand({ now: () => RESOLVED_AT, env: { LANG: 'en_US.UTF-8' } }).run([...args, '--db', db], {
        out: (t) => out.push(t),
        err: (t) => out.push(t),
      });
      return { code, text: out.join('\n') };
    };
    const officers = JSON.parse((await run(['officers', 'list', '--json'])).text).result as { id: string; name: string; unit: string }[];
    const o = officers[0]!;
    const packet = await writeWeeklyPacket(dir.path, {
      officer: { id: o.id, name: o.name, unit: o.unit, phone: '' },
      keys: generateSigningKeyPair(),
      sequence: 1,
      changes: [],
    });
    expect((await run(['ingest', packet])).code).toBe(0);
    const pending = await run(['officers', 'pending']);
    expect(pending.code).toBe(0);
    expect(pending.text).toContain('received 2025-12-01 04:00');
    expect(pending.text).not.toMatch(ISO_MOMENT);
  });

  // Last: it changes the desk's zone for good.
  it('a desk set to Europe/Berlin counts the same moment on 30 November, under every process zone', () => {
    const set = bureau('Asia/Shanghai', ['settings', '--time-zone', 'Europe/Berlin']);
    expect(set.status, set.stderr).toBe(0);
    expect(set.stdout).toContain('Time zone: Europe/Berlin (changed)');
    const utc = summaryOn('UTC', '2025-11-30');
    expect(summaryOn('Asia/Shanghai', '2025-11-30')).toEqual(utc);
    expect(utc.problems).toMatchObject({ collected: 1, resolved: 1, open: 0 });
    expect(utc.timeZone).toBe('Europe/Berlin');
    const ledger = ledgerUnder('Asia/Shanghai', 'ledger-berlin.xlsx');
    expect(ledger['问题台账']![0]!['化解时间']).toBe('2025-11-30 21:00');
  });
});
