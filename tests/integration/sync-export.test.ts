import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ExportResult } from '@shared/operations/sync.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { readWeeklyFile, verifyBytes } from '../../electron/packets/index.js';
import { LEDGER_SHEET_NAMES } from '../../electron/sync/ledger-workbook.js';
import { readLedgerWorkbook } from '../../electron/sync/ledger-read.js';
import { draftWeeklySummary } from '../../electron/sync/weekly-report.js';
import { exportWeeklyPacket } from '../../electron/sync/weekly-export.js';
import { changesAfter } from '../../electron/store/repositories/change-log.js';
import { dumpDatabase, openTempStore, type TempStore } from '../helpers/temp-store.js';
import { makeAssignment, makeBureau, makeOfficer, type AssignmentShape } from './sync-fixtures.js';
import { applyFirstAssignment } from '../helpers/first-assignment.js';
import { useTempStore } from '../helpers/per-test.js';

const registry = createRegistry();

async function call<T>(store: TempStore, name: string, input: unknown): Promise<T> {
  const result = await registry.dispatch(name, input, store.ctx);
  if (!result.ok) throw Object.assign(new Error(`${name}: ${result.error.message}`), { code: result.error.code });
  return result.value as T;
}

/** The dump without the export history: what "export never changes domain data" compares. */
function dumpWithoutHistory(store: TempStore): string {
  const out: string[] = [];
  let skipping = false;
  for (const line of dumpDatabase(store.db).split('\n')) {
    if (line.startsWith('table ')) skipping = line.startsWith('table packet_exports ');
    if (!skipping) out.push(line);
  }
  return out.join('\n');
}

async function pngOf(width: number, height: number): Promise<string> {
  const data = await sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .png()
    .toBuffer();
  return data.toString('base64');
}

describe('weekly packet export', () => {
  const store = useTempStore();
  let shape: AssignmentShape;
  let out: string;

  beforeEach(async () => {
    shape = makeAssignment(makeOfficer('王芳'), { projects: 3, items: 4 });
    await applyFirstAssignment(store, shape);
    out = store.dir.folder('outbox');
  });

  /** A week of officer work through the services: visits with photos, close-offs, problems, figures, a milestone. */
  async function recordWeek(): Promise<void> {
    const [p0, p1] = shape.projects;
    await call(store, 'visits.log', {
      projectId: p0!.id,
      visitedOn: '2026-11-20',
      kind: 'site_visit',
      participants: '王芳、企业负责人',
      summary: '现场查看主体施工',
      findings: '临时用电容量不足',
      photos: [
        { fileName: 'big.png', mimeType: 'image/png', dataBase64: await pngOf(2600, 1200) },
        { fileName: 'small.png', mimeType: 'image/png', dataBase64: await pngOf(400, 300) },
      ],
    });
    await call(store, 'visits.log', { projectId: p1!.id, visitedOn: '2026-11-21', kind: 'coordination', summary: '参加要素保障协调会' });
    const item = shape.checklistItems.find((i) => i.projectId === p0!.id)!;
    await call(store, 'checklist.closeOff', { itemId: item.id, effectiveOn: '2026-11-22', note: '批复文件已取得' });
    const problem = await call<{ id: string }>(store, 'problems.raise', {
      projectId: p0!.id,
      category: 'power_water',
      description: '施工临时用电容量不足',
      responsibleDepartment: '供电中心',
      dueOn: '2026-12-10',
    });
    await call(store, 'problems.act', { problemId: problem.id, action: 'dispatch', department: '国网供电中心' });
    await call(store, 'investment.record', { projectId: p0!.id, month: '2026-10', amount: 812.5 });
    await call(store, 'investment.record', { projectId: p0!.id, month: '2026-10', amount: 815 });
    await call(store, 'investment.record', { projectId: p1!.id, month: '2026-09', amount: 300 });
    const milestone = shape.milestones.find((m) => m.projectId === p0!.id)!;
    await call(store, 'milestones.report', { milestoneId: milestone.id, reachedOn: '2026-11-18' });
  }

  it('round trip: every change present, hashes and signature verify, photos and workbook come back', async () => {
    await recordWeek();
    const expected = changesAfter(store.db, 0);
    expect(expected.map((c) => c.entity).sort()).toEqual([
      'attachment',
      'attachment',
      'checklist_event',
      'investment_entry',
      'investment_entry',
      'investment_entry',
      'milestone_report',
      'problem',
      'problem_event',
      'visit',
      'visit',
    ]);
    const progress: { phase: string; done: number; total: number }[] = [];
    const key = await call<{ publicKeyPem: string; fingerprint: string }>(store, 'sync.officerKey', {});
    const before = dumpWithoutHistory(store);

    const result = await exportWeeklyPacket(store.ctx, { outDir: out, summary: '本周工作顺利。\n下周继续协调用电。', onProgress: (p) => progress.push(p) });
    expect(dumpWithoutHistory(store)).toBe(before);
    expect(readdirSync(out)).toEqual([result.fileName]);
    expect(result.changeCount).toBe(expected.length);
    expect(result.photoCount).toBe(2);
    expect(progress.at(-1)).toMatchObject({ phase: 'write' });
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);

    const opened = await readWeeklyFile(result.filePath, { resolveOfficerKey: () => key.publicKeyPem });
    expect(opened.manifest.sender.keyFingerprint).toBe(key.fingerprint);
    expect(opened.manifest.sequence).toBe(1);
    expect(opened.packet.fileSha256).toBe(result.sha256);
    expect(verifyBytes(opened.packet.manifestBytes, Buffer.from(readSig(opened), 'base64'), key.publicKeyPem)).toBe(true);
    // Every change-log row, with its full record, exactly once.
    expect(opened.payload.changes.map((c) => [c.seq, c.entity, c.recordId])).toEqual(expected.map((c) => [c.seq, c.entity, c.recordId]));
    for (const change of opened.payload.changes) {
      expect(change.record).toEqual(expected.find((e) => e.seq === change.seq)!.payload);
    }
    expect(opened.payload.summary).toBe('本周工作顺利。\n下周继续协调用电。');

    // Photos: the stored files, at most 2000 px on the long side.
    const attachments = store.db.prepare('SELECT id, file_name AS fileName, sha256 FROM attachments').all() as {
      id: string;
      fileName: string;
      sha256: string;
    }[];
    expect(opened.photos.size).toBe(2);
    for (const a of attachments) {
      const bytes = opened.photos.get(a.id)!;
      expect(bytes.equals(readFileSync(join(store.ctx.attachmentsDir, a.fileName)))).toBe(true);
      const meta = await sharp(bytes).metadata();
      expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(2000);
    }

    // The workbook re-read with the XLSX library has the right rows.
    const book = readLedgerWorkbook(opened.ledger!);
    expect(Object.keys(book)).toEqual([
      LEDGER_SHEET_NAMES.projects,
      LEDGER_SHEET_NAMES.visits,
      LEDGER_SHEET_NAMES.closeOffs,
      LEDGER_SHEET_NAMES.problems,
      LEDGER_SHEET_NAMES.investment,
    ]);
    const projects = book[LEDGER_SHEET_NAMES.projects]!;
    expect(projects.map((r) => r['项目编号'])).toEqual(shape.projects.map((p) => p.code));
    expect(projects[0]).toMatchObject({
      项目名称: shape.projects[0]!.name,
      项目级别: '省级',
      帮包责任人: '王芳',
      '年度计划投资（万元）': 10000,
      '累计完成投资（万元）': 815,
    });
    const visits = book[LEDGER_SHEET_NAMES.visits]!;
    expect(visits).toHaveLength(2);
    expect(visits.find((v) => v['走访日期'] === '2026-11-20')).toMatchObject({ 方式: '走访', 照片数: 2, 发现问题: '临时用电容量不足' });
    const closeOffs = book[LEDGER_SHEET_NAMES.closeOffs]!;
    expect(closeOffs).toHaveLength(1);
    expect(closeOffs[0]).toMatchObject({ 操作: '销号', 办理日期: '2026-11-22', '佐证材料/说明': '批复文件已取得' });
    const problems = book[LEDGER_SHEET_NAMES.problems]!;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ 问题类别: '水电', 当前状态: '已交办', 责任部门: '国网供电中心' });
    expect(String(problems[0]!['办理经过'])).toContain('交办');
    const investment = book[LEDGER_SHEET_NAMES.investment]!;
    expect(investment.map((r) => [r['项目编号'], r['月份'], r['当月完成投资（万元）'], r['更正次数']])).toEqual([
      [shape.projects[0]!.code, '2026-10', 815, 1],
      [shape.projects[1]!.code, '2026-09', 300, 0],
    ]);

    // The report opens with the summary and prints on its own.
    const report = opened.report!.toString('utf8');
    expect(report).toContain('<p class="summary">本周工作顺利。</p>');
    expect(report).toContain('帮包工作周报');
    expect(report).toContain('@media print');
    expect(report).not.toMatch(/<script|src="http/);
    // And it would run none, should a script ever get in: its own policy allows nothing but inline styles and data: images.
    expect(report).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;`);

    // The export history holds it.
    const history = await call<ExportResult[]>(store, 'sync.exportHistory', {});
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ sequence: 1, fileName: result.fileName, sha256: result.sha256, changeCount: expected.length, photoCount: 2 });
  });

  it('a changed byte anywhere is detected by whoever reads the packet', async () => {
    await recordWeek();
    const key = await call<{ publicKeyPem: string }>(store, 'sync.officerKey', {});
    const result = await exportWeeklyPacket(store.ctx, { outDir: out });
    const bytes = readFileSync(result.filePath);
    const tampered = join(out, 'tampered.zip');
    // Flip a byte in the middle of the (stored, uncompressed) photo data.
    const photoAt = bytes.indexOf(Buffer.from('IDAT'));
    expect(photoAt).toBeGreaterThan(0);
    const copy = Buffer.from(bytes);
    copy[photoAt + 40] = copy[photoAt + 40]! ^ 0xff;
    writeFileSync(tampered, copy);
    await expect(readWeeklyFile(tampered, { resolveOfficerKey: () => key.publicKeyPem })).rejects.toMatchObject({ code: 'packet_invalid' });
    // And another officer's key does not verify it.
    const stranger = makeBureau(store.dir.path);
    await expect(readWeeklyFile(result.filePath, { resolveOfficerKey: () => stranger.keys.publicKeyPem })).rejects.toMatchObject({
      code: 'packet_signature',
      params: { reason: 'signature_wrong_key' },
    });
  });

  it('drafts a Chinese summary of the week from the figures', async () => {
    await recordWeek();
    const { summary, stats } = await call<{ summary: string; stats: Parameters<typeof draftWeeklySummary>[0] }>(store, 'sync.draftSummary', {});
    expect(stats).toMatchObject({ visits: 2, visitedProjects: 2, closeOffs: 1, problemsRaised: 1, problemsOpen: 1, milestonesReached: 1, projects: 3 });
    expect(summary).toContain('开展帮包工作2次');
    expect(summary).toContain('完成清单事项销号1项');
    expect(summary).toContain('新收集问题1个');
    expect(summary).toMatch(/累计完成投资1,115万元/);
    expect(summary).toMatch(/超过时间节点未销号/);
    // Without an edited text the packet carries the draft.
    const result = await exportWeeklyPacket(store.ctx, { outDir: out });
    const key = await call<{ publicKeyPem: string }>(store, 'sync.officerKey', {});
    const opened = await readWeeklyFile(result.filePath, { resolveOfficerKey: () => key.publicKeyPem });
    expect(opened.payload.summary).toBe(summary);
  });

  it('refuses a folder that does not exist and a store without an officer, writing nothing', async () => {
    const before = dumpDatabase(store.db);
    await expect(exportWeeklyPacket(store.ctx, { outDir: store.dir.file('missing') })).rejects.toMatchObject({ code: 'not_found' });
    expect(dumpDatabase(store.db)).toBe(before);
    const empty = openTempStore();
    try {
      mkdirSync(empty.dir.file('o'));
      await expect(exportWeeklyPacket(empty.ctx, { outDir: empty.dir.file('o') })).rejects.toMatchObject({ code: 'not_found', params: { what: 'officer' } });
      expect(readdirSync(empty.dir.file('o'))).toEqual([]);
    } finally {
      empty.close();
    }
  });

  it('a photo file missing from the attachments folder: the record travels, the packet says so', async () => {
    await recordWeek();
    const [first] = store.db.prepare('SELECT id, file_name AS f FROM attachments ORDER BY id').all() as { id: string; f: string }[];
    writeFileSync(join(store.ctx.attachmentsDir, first!.f), 'damaged');
    const result = await exportWeeklyPacket(store.ctx, { outDir: out });
    expect(result.photoCount).toBe(1);
    expect(result.missingPhotos).toBe(1);
    expect(result.warnings[0]).toMatch(/photo_damaged/);
    const key = await call<{ publicKeyPem: string }>(store, 'sync.officerKey', {});
    const opened = await readWeeklyFile(result.filePath, { resolveOfficerKey: () => key.publicKeyPem });
    expect(opened.payload.missingPhotos).toEqual([first!.id]);
    expect(opened.payload.changes.some((c) => c.entity === 'attachment' && c.recordId === first!.id)).toBe(true);
  });
});

function readSig(opened: Awaited<ReturnType<typeof readWeeklyFile>>): string {
  // manifest.sig is not a payload entry; re-read it from the zip through the container's own listing.
  const zip = readFileSync(opened.packet.filePath);
  const at = zip.indexOf(Buffer.from('manifest.sig'));
  expect(at).toBeGreaterThan(0);
  // Stored uncompressed right after its local header (30 bytes + name + extra).
  const header = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), at);
  const nameLength = zip.readUInt16LE(header + 26);
  const extraLength = zip.readUInt16LE(header + 28);
  const size = zip.readUInt32LE(header + 18);
  return zip
    .subarray(header + 30 + nameLength + extraLength, header + 30 + nameLength + extraLength + size)
    .toString('utf8')
    .trim();
}
