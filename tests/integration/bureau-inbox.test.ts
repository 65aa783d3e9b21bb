/**
 * Issue 12, screen 3, through the operations a page calls (handles, never paths): the inbox's preview says per
 * file what folding it would do and writes nothing (the database dump and the desk's files the same after), the
 * fold then does exactly that, conflicts are listed with both versions, a receipt is written to the outbox, and
 * every bad file is refused with a clear Chinese message and changes nothing.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppErrorShape } from '@shared/errors.js';
import { assignAll } from '../../electron/bureau/assign.js';
import type { BureauContext } from '../../electron/bureau/context.js';
import { dumpBureauDatabase } from '../../electron/bureau/database.js';
import { createBureauRegistry } from '../../electron/bureau/operations/index.js';
import { servePage } from '../../electron/bureau/page-files.js';
import { grantFolder } from '../../electron/files/file-handles.js';
import { PACKET_PROBLEMS } from '../../electron/packets/errors.js';
import { generateSigningKeyPair, signBytes } from '../../electron/packets/keys.js';
import { fileOutcome, type FileResult } from '../../renderer/src/bureau/inbox/outcome.js';
import { translator } from '../../renderer/src/i18n/index.js';
import { sampleBureau } from '../helpers/bureau.js';
import { inboxWeek, twoSenders, type Sender } from '../helpers/bureau-inbox-packets.js';
import { writeWeeklyPacket } from '../fixtures/bureau/weekly-packet.js';
import { useTempDir } from '../helpers/per-test.js';
import { unzipFile, zipTo } from '../helpers/zip.js';

const NOW = new Date('2026-11-27T10:00:00');
const registry = createBureauRegistry();
const zh = translator('zh-CN');
const dir = useTempDir('sponsor-desk-bureau-inbox-');
let ctx: BureauContext;
let li: Sender;
let zhang: Sender;

beforeEach(() => {
  ctx = sampleBureau(dir.file('desk/bureau.sqlite'), () => NOW);
  [li, zhang] = twoSenders(ctx, dir);
  // From here on the desk answers a page: files are handles.
  servePage(ctx, { outboxDir: dir.file('outbox') });
});
afterEach(() => ctx.db.close());

async function call<T = any>(name: string, input: unknown): Promise<T> {
  const result = await registry.dispatch(name, input, ctx);
  if (!result.ok) throw Object.assign(new Error(`${name}: ${result.error.code} ${result.error.message}`), { shape: result.error });
  return result.value as T;
}

async function refusal(name: string, input: unknown): Promise<AppErrorShape> {
  const result = await registry.dispatch(name, input, ctx);
  if (result.ok) throw new Error(`${name} was expected to be refused`);
  return result.error;
}

/** A file handed to the desk as a page does (an upload kept in the inbox): its handle. */
const upload = async (path: string, name = path.split('/').pop()!): Promise<string> =>
  (await call<{ file: string }>('bureau.files.receive', { fileName: name, contentBase64: readFileSync(path).toString('base64') })).file;

/** Every file of the desk's folder (database, keys, photos, pending packets, inbox) with its hash; SQLite's own side files aside. */
function filesTree(): Record<string, string> {
  const root = dir.file('desk');
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!/-(wal|shm|journal)$/.test(name)) out[relative(root, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(root);
  return out;
}

const snapshot = () => ({ db: dumpBureauDatabase(ctx.db), files: filesTree() });

describe('the inbox: preview, fold, conflicts, receipt', () => {
  it('previews what the fold will do, writing nothing; the fold then does exactly that', async () => {
    const first = await inboxWeek(ctx, dir.file('in'), li.officer, li.keys, { sequence: 1, day: '2026-11-23', photo: true, fileName: 'li-1.zip' });
    const changedVisit = { ...first.visit, record: { ...first.visit.record, summary: '现场查看，主体结构封顶' } };
    const second = await inboxWeek(ctx, dir.file('in'), li.officer, li.keys, { sequence: 2, day: '2026-11-24', visit: changedVisit, fileName: 'li-2.zip' });
    const other = await inboxWeek(ctx, dir.file('in'), zhang.officer, zhang.keys, { sequence: 1, day: '2026-11-25', photo: true, fileName: 'zhang-1.zip' });
    const handles = [await upload(first.file), await upload(first.file, 'li-1 (copy).zip'), await upload(other.file), await upload(second.file)];
    const before = snapshot();

    const preview = await call<FileResult[]>('bureau.inbox.preview', { paths: handles });
    expect(snapshot()).toEqual(before);
    expect(preview.map((r) => [r.status, r.officerName, r.sequence, r.newRecords, r.duplicateRecords, r.conflicts, r.photosStored])).toEqual([
      ['accepted', '李明', 1, 4, 0, 0, 1],
      ['duplicate', '李明', 1, 0, 0, 0, 0], // the same packet again, later in the same batch
      ['accepted', '张伟', 1, 4, 0, 0, 1],
      ['accepted', '李明', 2, 2, 0, 1, 0],
    ]);
    expect(preview[3]!.counts).toMatchObject({ visit: { new: 0, duplicate: 0, conflict: 1 }, problem: { new: 1 }, investment_entry: { new: 1 } });
    expect(fileOutcome(zh, preview[3]!, false)).toMatchObject({ label: '将汇入', text: '新记录 2 条，重复 0 条，冲突 1 条，照片 0 张。' });
    expect(fileOutcome(zh, preview[3]!, false).warnings[0]).toContain('两个版本都保留，以先收到的为准');
    expect(fileOutcome(zh, preview[1]!, false)).toMatchObject({ label: '重复', text: '此工作包已汇入过，不会重复计入，不作改动。' });

    // The fold, as the page runs it (a job), answers what the preview said, file for file.
    const { jobId } = await call('bureau.jobs.start', { kind: 'bureau.ingest', input: { paths: handles } });
    let job: { status: string; result: FileResult[] | null };
    do {
      await new Promise((r) => setTimeout(r, 20)); // the worker's messages arrive between timers
      job = await call('bureau.jobs.get', { jobId });
    } while (job.status === 'running');
    expect(job.result).toEqual(preview);
    expect(snapshot()).not.toEqual(before);

    // The conflict is kept with both versions, named by officer, packet and project.
    const conflicts = await call<any[]>('bureau.inbox.conflicts', {});
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      kind: 'content',
      entity: 'visit',
      recordId: first.visit.record.id,
      officerName: '李明',
      packetSequence: 2,
      existing: { summary: '现场查看主体施工进度' },
      incoming: { summary: '现场查看，主体结构封顶' },
      project: { code: expect.stringMatching(/^GX-/) },
    });

    // A receipt, written into the outbox: the bureau, the time, each file; every name only text.
    const receipt = await call<{ file: string; bytes: number }>('bureau.inbox.writeReceipt', {
      language: 'zh',
      lines: [
        {
          file: 'li-1.zip',
          officer: '李明',
          sequence: 1,
          outcome: '已汇入',
          note: '新记录 4 条',
          newRecords: 4,
          duplicateRecords: 0,
          conflicts: 0,
          photosStored: 1,
        },
        {
          file: '<script>x</script>.zip',
          officer: '—',
          sequence: null,
          outcome: '拒收',
          note: '不是工作包',
          newRecords: 0,
          duplicateRecords: 0,
          conflicts: 0,
          photosStored: 0,
        },
      ],
    });
    expect(receipt.file.startsWith(dir.file('outbox'))).toBe(true);
    const html = readFileSync(receipt.file, 'utf8');
    expect(html).toContain('工作包接收回执');
    expect(html).toContain('区经济发展局重点项目办');
    expect(html).toContain('2026-11-27 10:00');
    expect(html).toContain('<td>第 1 号</td>');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;.zip');
    expect(html).not.toContain('<script>');
    expect((await refusal('bureau.inbox.writeReceipt', { out: dir.file('r.html'), lines: [] })).code).toBe('invalid_input');
    // One packet's receipt, to hand back to its officer, names whose and which; never over another file.
    const line = {
      file: 'li-1.zip',
      officer: '李明',
      sequence: 1,
      outcome: '已汇入',
      note: '',
      newRecords: 4,
      duplicateRecords: 0,
      conflicts: 0,
      photosStored: 1,
    };
    const one = await call<{ file: string }>('bureau.inbox.writeReceipt', { lines: [line] });
    const again = await call<{ file: string }>('bureau.inbox.writeReceipt', { lines: [line] });
    expect(one.file.split('/').pop()).toBe('工作包接收回执-李明-第1号-202611271000.html');
    expect(again.file.split('/').pop()).toBe('工作包接收回执-李明-第1号-202611271000 (2).html');
  });
});

describe('the inbox: a folder', () => {
  it("a folder the desktop's dialog chose is previewed and folded file by file, in name order, hidden files left out", async () => {
    const folder = dir.file('week');
    await inboxWeek(ctx, folder, zhang.officer, zhang.keys, { sequence: 1, day: '2026-11-25', fileName: 'b.zip' });
    await inboxWeek(ctx, folder, li.officer, li.keys, { sequence: 1, day: '2026-11-23', fileName: 'a.zip' });
    writeFileSync(join(folder, '.DS_Store'), 'x');
    const handle = grantFolder(ctx, folder);
    const before = snapshot();
    const preview = await call<FileResult[]>('bureau.inbox.preview', { paths: [handle] });
    expect(preview.map((r) => [r.file.split('/').pop(), r.status, r.officerName])).toEqual([
      ['a.zip', 'accepted', '李明'],
      ['b.zip', 'accepted', '张伟'],
    ]);
    expect(snapshot()).toEqual(before);
    expect(await call<FileResult[]>('bureau.ingest', { paths: [handle] })).toEqual(preview);
  });
});

describe('the inbox: every bad file is refused per file, said in Chinese, and changes nothing', () => {
  const good = () => inboxWeek(ctx, dir.file('in'), li.officer, li.keys, { sequence: 1, day: '2026-11-23', photo: true });
  const cases: { kind: string; reason: string; zh: string; make(): Promise<string> }[] = [
    {
      kind: 'not a zip',
      reason: 'not_a_zip',
      zh: '不是工作包：不是 zip 压缩包',
      make: async () => (writeFileSync(dir.file('note.zip'), '本周工作情况见附件'), dir.file('note.zip')),
    },
    {
      kind: 'a truncated packet',
      reason: 'not_a_zip',
      zh: '文件不完整、已损坏',
      make: async () => {
        const { file } = await good();
        writeFileSync(file, readFileSync(file).subarray(0, 900));
        return file;
      },
    },
    {
      kind: "another desk's file (an assignment)",
      reason: 'wrong_kind',
      zh: '这是任务文件（局里发给帮包责任人的），不是工作包',
      make: async () => (await assignAll(ctx, { outDir: dir.file('assign'), officer: li.officer.id }))[0]!.file,
    },
    {
      kind: 'a forged signature',
      reason: 'signature_bad',
      zh: '签名校验失败',
      make: async () => {
        const { file } = await good();
        const entries = await unzipFile(file);
        // Signed by someone else's key over the same manifest: the officer's key does not verify it.
        entries.set('manifest.sig', Buffer.from(signBytes(entries.get('manifest.json')!, generateSigningKeyPair().privateKeyPem).toString('base64')));
        return zipTo(
          dir.file('forged.zip'),
          [...entries].map(([name, data]) => ({ name, data })),
        );
      },
    },
    {
      kind: 'an officer the bureau does not know',
      reason: 'unknown_officer',
      zh: '发送人 王五 不是本局登记的帮包责任人',
      make: async () => {
        const stranger = { id: '7d0c3f43-5d0a-4a57-9d7e-2b1f6f3e9a10', name: '王五', unit: '某局', phone: '' };
        mkdirSync(dir.file('in'), { recursive: true });
        return writeWeeklyPacket(dir.file('in'), { officer: stranger, keys: generateSigningKeyPair(), sequence: 1, changes: [] });
      },
    },
  ];

  for (const c of cases) {
    it(`${c.kind}: refused with ${c.reason}`, async () => {
      const handle = await upload(await c.make());
      const before = snapshot();
      const [preview] = await call<FileResult[]>('bureau.inbox.preview', { paths: [handle] });
      expect(preview).toMatchObject({ status: 'refused', error: { params: { reason: c.reason } } });
      const said = fileOutcome(zh, preview!, false);
      expect(said.label).toBe('拒收');
      expect(said.text).toContain(c.zh);
      expect(said.next).toMatch(/请|不要|先导入|打电话/);
      expect(said.next).toContain('此文件未作任何改动。');
      const [folded] = await call<FileResult[]>('bureau.ingest', { paths: [handle] });
      expect(folded).toEqual(preview);
      expect(snapshot()).toEqual(before);
    });
  }

  it('a packet folded before is a duplicate and changes nothing', async () => {
    const handle = await upload((await good()).file);
    await call('bureau.ingest', { paths: [handle] });
    const before = snapshot();
    const [preview] = await call<FileResult[]>('bureau.inbox.preview', { paths: [handle] });
    expect(preview).toMatchObject({ status: 'duplicate', officerName: '李明', sequence: 1 });
    expect(fileOutcome(zh, preview!, true).text).toBe('此工作包已汇入过，不会重复计入，不作改动。');
    expect((await call<FileResult[]>('bureau.ingest', { paths: [handle] }))[0]).toEqual(preview);
    expect(snapshot()).toEqual(before);
  });

  it('a key the bureau has not accepted: the preview holds nothing, the fold holds the packet for a read-back', async () => {
    const unaccepted = generateSigningKeyPair();
    const { file } = await inboxWeek(ctx, dir.file('in'), li.officer, unaccepted, { sequence: 1, day: '2026-11-23', photo: true });
    const handle = await upload(file);
    const before = snapshot();
    const [preview] = await call<FileResult[]>('bureau.inbox.preview', { paths: [handle] });
    expect(preview).toMatchObject({ status: 'pending', pendingKey: { alreadyPending: false } });
    expect(snapshot()).toEqual(before);
    const said = fileOutcome(zh, preview!, false);
    expect(said).toMatchObject({ label: '待认可密钥' });
    expect(said.next).toContain('与李明电话逐字核对指纹');
    const [folded] = await call<FileResult[]>('bureau.ingest', { paths: [handle] });
    expect(folded).toEqual(preview);
    expect(ctx.db.prepare("SELECT count(*) AS n FROM pending_packets WHERE status = 'pending'").get()).toEqual({ n: 1 });
    expect(ctx.db.prepare('SELECT count(*) AS n FROM visits').get()).toEqual({ n: 0 });
  });

  it('an empty file is refused when it is handed over, and a path from a page is refused', async () => {
    expect(await refusal('bureau.files.receive', { fileName: 'empty.zip', contentBase64: '' })).toMatchObject({ code: 'invalid_input' });
    expect(await refusal('bureau.inbox.preview', { paths: [dir.file('in')] })).toMatchObject({ code: 'invalid_input', params: { reason: 'raw_path' } });
  });
});

describe('the inbox says every refusal ingest can give, in both languages, with a next step', () => {
  // The packet reader's reasons, and the ones ingest adds (key gate, sequence, records, photos).
  const INGEST_REASONS = ['unknown_officer', 'no_officer_key', 'sequence_jump', 'key_rejected', 'key_taken', 'packet_id_taken', 'packet_voided'];
  const RECORD_REASONS = ['file_changed', 'not_sender_project', 'future_date', 'unknown_reference', 'not_officer_owned', 'photo_mismatch', 'attachment_kind'];
  for (const reason of [...PACKET_PROBLEMS, ...INGEST_REASONS, ...RECORD_REASONS]) {
    it(reason, async () => {
      // A real refusal (a text file), given each reason in turn.
      writeFileSync(dir.file('note.zip'), 'not a packet');
      const [real] = await call<FileResult[]>('bureau.inbox.preview', { paths: [await upload(dir.file('note.zip'))] });
      const params = { reason, sender: '王五', sequence: 7, found: 2 };
      const refused: FileResult = { ...real!, sequence: 7, error: { code: 'packet_invalid', message: 'english detail', params, issues: [] } };
      for (const language of ['zh-CN', 'en'] as const) {
        const said = fileOutcome(translator(language), refused, false);
        expect(said.text).not.toMatch(/bureauInbox\.|无法汇入|Cannot fold|english detail|\{/);
        expect(said.next).not.toMatch(/bureauInbox\.|技术支持|technical support|\{/);
      }
    });
  }
});
