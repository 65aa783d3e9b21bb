import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBureauCommand } from '../../electron/cli/bureau/commands.js';
import { projectIdForCode } from '../../electron/bureau/ids.js';
import { generateSigningKeyPair, keyFingerprint, writePublicKeyFile } from '../../electron/packets/keys.js';
import { readAssignmentFile } from '../../electron/packets/assignment-file.js';
import { readLedgerWorkbook } from '../../electron/sync/ledger-read.js';
import { masterListWorkbook, sampleRows } from '../../electron/demo/bureau-samples.js';
import { DOCS_SAMPLES_CLOCK } from '../../electron/demo/sample-calendar.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';
import { writeWeeklyPacket } from '../fixtures/bureau/weekly-packet.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SAMPLE = join(root, 'docs/samples/master-list.xlsx');
const NOW = new Date('2026-11-24T10:00:00');

let dir: TempDir;
let db: string;

beforeEach(() => {
  dir = makeTempDir('sponsor-desk-bureau-cli-');
  db = dir.file('desk/bureau.sqlite');
});
afterEach(() => dir.remove());

async function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string[]; err: string[]; json: () => any }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await createBureauCommand({ now: () => NOW, env, cwd: () => dir.path }).run(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err, json: () => JSON.parse(out.join('\n')) };
}

describe('bureau CLI: init', () => {
  it('creates the database, a private key only its owner can read and bureau.pub, and prints the fingerprint', async () => {
    const r = await run(['init', '--db', db, '--name', '枣庄高新区经济发展局重点项目办']);
    expect(r.code).toBe(0);
    const pub = dir.file('desk/bureau.pub');
    const fingerprint = keyFingerprint(readFileSync(pub, 'utf8'));
    expect(r.out).toContain(`Fingerprint: ${fingerprint}`);
    expect(statSync(dir.file('desk/bureau.key')).mode & 0o777).toBe(0o600);
    expect(existsSync(db)).toBe(true);
    expect(existsSync(dir.file('desk/bureau-files'))).toBe(true);

    const again = await run(['init', '--db', db, '--json']);
    expect(again.code).toBe(0);
    expect(again.json().result).toMatchObject({ created: false, fingerprint });
  });

  it('defaults to sponsor-desk-bureau.sqlite in the current folder and speaks Chinese under a zh locale', async () => {
    const r = await run(['init'], { LANG: 'zh_CN.UTF-8' });
    expect(r.code).toBe(0);
    expect(existsSync(dir.file('sponsor-desk-bureau.sqlite'))).toBe(true);
    expect(r.out[0]).toContain('已建立经发局数据库');
    expect(r.out.join('\n')).toContain('公钥指纹');
  });

  it('keeps an existing key beside a new database, and refuses a database whose key is gone', async () => {
    await run(['init', '--db', db]);
    const fingerprint = keyFingerprint(readFileSync(dir.file('desk/bureau.pub'), 'utf8'));
    rmSync(db);
    const reused = await run(['init', '--db', db, '--json']);
    expect(reused.json().result).toMatchObject({ created: true, keyReused: true, fingerprint });
    rmSync(dir.file('desk/bureau.key'));
    const missing = await run(['init', '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.err.join('\n')).toContain('missing');
  });

  it('other commands refuse to run before init, and wrong arguments exit 2', async () => {
    const r = await run(['summary', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toContain('bureau init');
    expect(existsSync(db)).toBe(false);
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['assign', '--db', db])).code).toBe(2);
    expect((await run(['summary', '--db', db, '--bogus'])).code).toBe(2);
    expect((await run([])).code).toBe(2);
  });
});

describe('bureau CLI: officers, assign, export-ledger', () => {
  beforeEach(async () => {
    expect((await run(['init', '--db', db])).code).toBe(0);
    expect((await run(['import-master', SAMPLE, '--db', db])).code).toBe(0);
  });

  it('officers list shows the four officers; add --key registers, refuses a different key, replaces with --replace-key', async () => {
    const list = (await run(['officers', 'list', '--db', db, '--json'])).json().result as {
      name: string;
      id: string;
      projects: number;
      keyFingerprint: string | null;
    }[];
    expect(list.map((o) => o.name).sort()).toEqual(['张伟', '李明', '王芳', '赵磊'].sort());
    expect(list.reduce((n, o) => n + o.projects, 0)).toBe(30);

    const k1 = generateSigningKeyPair();
    const k2 = generateSigningKeyPair();
    writePublicKeyFile(dir.file('li.pub'), k1.publicKeyPem);
    writePublicKeyFile(dir.file('li2.pub'), k2.publicKeyPem);
    const added = await run(['officers', 'add', '--db', db, '--officer', '李明', '--key', dir.file('li.pub'), '--json']);
    expect(added.json().result).toMatchObject({
      created: false,
      key: 'registered',
      officer: { keySource: 'file', keyFingerprint: keyFingerprint(k1.publicKeyPem) },
    });
    const refused = await run(['officers', 'add', '--db', db, '--officer', '李明', '--key', dir.file('li2.pub')]);
    expect(refused.code).toBe(1);
    expect(refused.err.join('\n')).toContain('--replace-key');
    const replaced = await run(['officers', 'add', '--db', db, '--officer', '李明', '--key', dir.file('li2.pub'), '--replace-key', '--json']);
    expect(replaced.json().result).toMatchObject({ key: 'replaced', previousFingerprint: keyFingerprint(k1.publicKeyPem) });
    // One key, one officer.
    const taken = await run(['officers', 'add', '--db', db, '--officer', '张伟', '--key', dir.file('li2.pub')]);
    expect(taken.code).toBe(1);

    const created = await run(['officers', 'add', '--db', db, '--name', '钱进', '--unit', '区商务局', '--phone', '0632-1234567', '--json']);
    expect(created.json().result).toMatchObject({ created: true, key: 'none', officer: { name: '钱进', unit: '区商务局' } });
    expect((await run(['officers', 'add', '--db', db, '--name', '钱进'])).code).toBe(1);
  });

  it('a first packet registers no key: it waits; the key file registers the key and folds the waiting packet', async () => {
    const li = ((await run(['officers', 'list', '--db', db, '--json'])).json().result as { name: string; id: string; unit: string }[]).find(
      (o) => o.name === '李明',
    )!;
    const keys = generateSigningKeyPair();
    const packet = await writeWeeklyPacket(dir.path, { officer: { id: li.id, name: li.name, unit: li.unit, phone: '' }, keys, sequence: 1, changes: [] });
    const ingested = await run(['ingest', packet, '--db', db, '--json']);
    expect(ingested.code).toBe(0);
    expect(ingested.json().result[0]).toMatchObject({
      status: 'pending',
      pendingKey: { fingerprint: keyFingerprint(keys.publicKeyPem), registeredFingerprint: null },
    });
    const listed = (await run(['officers', 'list', '--db', db])).out.join('\n');
    expect(listed).toContain(`pending key ${keyFingerprint(keys.publicKeyPem)} (1 packet(s))`);
    writePublicKeyFile(dir.file('li.pub'), keys.publicKeyPem);
    const registered = await run(['officers', 'add', '--db', db, '--officer', li.id, '--key', dir.file('li.pub'), '--json']);
    expect(registered.json().result).toMatchObject({ key: 'registered', officer: { keySource: 'file', keyConfirmed: 'file' } });
    expect(registered.json().result.folded.map((f: { status: string; sequence: number }) => [f.status, f.sequence])).toEqual([['accepted', 1]]);
    expect((await run(['officers', 'pending', '--db', db, '--json'])).json().result).toEqual([]);
  });

  it('accept-key and reject-key need the officer and a well-formed fingerprint; usage and wording in Chinese', async () => {
    const noFp = await run(['officers', 'accept-key', '李明', '--db', db]);
    expect(noFp.code).toBe(1);
    const bad = await run(['officers', 'reject-key', '李明', '--fingerprint', 'not-a-fingerprint', '--db', db, '--json']);
    expect(bad.code).toBe(1);
    expect(bad.json().error).toMatchObject({ code: 'invalid_input', params: { what: 'fingerprint' } });
    const help = await run(['officers', '--help'], { LANG: 'zh_CN.UTF-8' });
    expect(help.out.join('\n')).toContain('officers accept-key ID|姓名 --fingerprint 指纹');
    const none = await run(['officers', 'pending', '--db', db], { LANG: 'zh_CN.UTF-8' });
    expect(none.out).toEqual(['没有待确认的密钥。']);
    // Whole sentences in Chinese: no English tail.
    const unknown = await run(['officers', 'accept-key', '李明', '--fingerprint', 'ab'.repeat(32), '--db', db], { LANG: 'zh_CN.UTF-8' });
    expect(unknown.code).toBe(1);
    expect(unknown.err.join('\n')).toContain('该责任人没有使用此指纹的待确认数据包，未作改动');
    expect(unknown.err.join('\n').replace(/officers pending/g, '')).not.toMatch(/[a-z]{4,}/); // commands aside
    const malformed = await run(['officers', 'reject-key', '李明', '--fingerprint', 'xyz', '--db', db], { LANG: 'zh_CN.UTF-8' });
    expect(malformed.err.join('\n')).toContain('不是公钥指纹');
  });

  it('assign writes one signed assignment per officer, each with the next sequence, verifiable with bureau.pub', async () => {
    const first = await run(['assign', '--db', db, '--out', dir.file('out1'), '--json']);
    expect(first.code).toBe(0);
    const results = first.json().result as { officerName: string; officerId: string; sequence: number; file: string; projects: number }[];
    expect(results).toHaveLength(4);
    expect(results.every((r) => r.sequence === 1)).toBe(true);
    const bureauKey = readFileSync(dir.file('desk/bureau.pub'), 'utf8');
    const li = results.find((r) => r.officerName === '李明')!;
    const opened = await readAssignmentFile(li.file, { bureauPublicKeyPem: bureauKey });
    expect(opened.manifest.sequence).toBe(1);
    expect(opened.payload.officer.id).toBe(li.officerId);
    expect(opened.payload.projects.map((p) => p.code)).toEqual(['GX-2026-001', 'GX-2026-002', 'GX-2026-003', 'GX-2026-004', 'GX-2026-005', 'GX-2026-006']);
    expect(opened.payload.projects[0]!.id).toBe(projectIdForCode('GX-2026-001'));
    expect(opened.payload.milestones.length).toBeGreaterThanOrEqual(18);
    expect(opened.payload.checklistItems.every((c) => c.origin === 'bureau')).toBe(true);
    expect(opened.payload.acknowledgedWeeklySequence).toBe(0);

    // A project withdrawn from the list is absent from the next assignment; sequences go on.
    const rows = sampleRows(DOCS_SAMPLES_CLOCK).filter((r) => r.code !== 'GX-2026-006');
    writeFileSync(dir.file('v2.xlsx'), masterListWorkbook(rows));
    expect((await run(['import-master', dir.file('v2.xlsx'), '--db', db])).code).toBe(0);
    const second = (await run(['assign', '--db', db, '--out', dir.file('out2'), '--officer', '李明', '--json'])).json().result as {
      sequence: number;
      file: string;
    }[];
    expect(second).toHaveLength(1);
    expect(second[0]!.sequence).toBe(2);
    const next = await readAssignmentFile(second[0]!.file, { bureauPublicKeyPem: bureauKey });
    expect(next.payload.projects.map((p) => p.code)).not.toContain('GX-2026-006');
    expect(next.payload.checklistItems.some((c) => c.projectId === projectIdForCode('GX-2026-006'))).toBe(false);
  });

  it('export-ledger writes the district ledger: 汇总 first, then the packet ledger sheets, Chinese headings', async () => {
    const r = await run(['export-ledger', '--db', db, '--out', dir.file('ledger/台账.xlsx'), '--as-of', '2026-10', '--json']);
    expect(r.code).toBe(0);
    const book = readLedgerWorkbook(readFileSync(dir.file('ledger/台账.xlsx')));
    expect(Object.keys(book)).toEqual(['汇总', '项目进度', '走访记录', '销号记录', '问题台账', '月度投资']);
    expect(book['项目进度']).toHaveLength(30);
    expect(book['项目进度']![0]).toMatchObject({ 项目编号: 'GX-2026-001', 帮包责任人: '李明', 项目级别: '省级', 统计截至月份: '2026-10' });
    expect(book['汇总']![0]).toMatchObject({ 类别: '全区', 名称: '全部重点项目', 项目数: 30 });
    expect(book['汇总']!.filter((row) => row['类别'] === '帮包单位').length).toBeGreaterThan(5);
  });

  it('export-summary writes the printable district summary the screen exports, never over an existing file', async () => {
    const out = dir.file('ledger/汇总.html');
    const r = await run(['export-summary', '--db', db, '--out', out, '--as-of', '2026-10', '--lang', 'zh']);
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).toContain(`已导出全区汇总（A4，可打印）：${out}`);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('@page');
    expect(html).toContain('共有重点项目 30 个');
    const again = await run(['export-summary', '--db', db, '--out', out]);
    expect(again.code).not.toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(html);
  });
});
