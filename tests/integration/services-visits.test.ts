import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Attachment } from '@shared/domain/index.js';
import type { VisitView } from '@shared/operations/index.js';
import { thumbnailFileName } from '@shared/operations/visits.js';
import { OperationRegistry } from '../../electron/handlers/registry.js';
import { visitHandlers } from '../../electron/handlers/visits.js';
import { changesAfter, lastChangeSeq } from '../../electron/store/repositories/change-log.js';
import { countRows, openTempStore, type TempStore } from '../helpers/temp-store.js';
import { refusedWithNothingWritten } from '../helpers/operations.js';

/** visits.log through a registry (input validated as over a transport), on a real demo store with real files. */
let store: TempStore;
const registry = new OperationRegistry().register(visitHandlers);
const TODAY = '2026-11-24';
const PROJECT = '00000000-0000-4000-8000-00000000000a';

beforeEach(() => {
  store = openTempStore({ demo: true });
});
afterEach(() => store.close());

const files = () => readdirSync(store.ctx.attachmentsDir).sort();
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function visit(overrides: Record<string, unknown> = {}) {
  return {
    projectId: PROJECT,
    visitedOn: '2026-11-23',
    kind: 'site_visit',
    participants: '演示用户、王立新、企业负责人',
    summary: '现场查看二期厂房施工进度',
    findings: '临时用电容量不足',
    followUps: '协调供电公司增容',
    ...overrides,
  };
}

/** A photo of a gradient, so it compresses like a photo and not like a flat colour. */
async function photo(width: number, height: number, options: { orientation?: number; format?: 'jpeg' | 'png' } = {}): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = (x * 255) / width;
      raw[i + 1] = (y * 255) / height;
      raw[i + 2] = ((x + y) * 7) % 256;
    }
  }
  let image = sharp(raw, { raw: { width, height, channels: 3 } });
  if (options.orientation) image = image.withMetadata({ orientation: options.orientation });
  return options.format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 90 }).toBuffer();
}

const upload = (data: Buffer, fileName = 'IMG_0001.JPG', mimeType = 'image/jpeg') => ({ fileName, mimeType, dataBase64: data.toString('base64') });

async function log(input: unknown): Promise<VisitView> {
  const result = await registry.dispatch('visits.log', input, store.ctx);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as VisitView;
}

async function expectRefused(input: unknown, code: string, reason?: string) {
  const filesBefore = files();
  const refusal = await refusedWithNothingWritten(store.ctx, 'visits.log', input, code);
  if (reason) expect(refusal.params.reason).toBe(reason);
  expect(files()).toEqual(filesBefore);
}

describe('visits.log', () => {
  it('records a sponsor action by the officer, with a change-log row, and no photos', async () => {
    const seq = lastChangeSeq(store.db);
    const v = await log(visit({ kind: 'coordination', summary: '  参加要素保障协调会  ', findings: undefined, followUps: undefined, participants: undefined }));
    expect(v).toMatchObject({
      projectId: PROJECT,
      visitedOn: '2026-11-23',
      kind: 'coordination',
      summary: '参加要素保障协调会',
      findings: '',
      followUps: '',
      participants: '',
      recordedBy: '演示用户',
      recordedAt: store.ctx.now().toISOString(),
      photos: [],
    });
    expect(countRows(store.db, 'visits', 'id = ?', v.id)).toBe(1);
    const changes = changesAfter(store.db, seq);
    expect(changes.map((c) => [c.entity, c.recordId])).toEqual([['visit', v.id]]);
    expect(changes[0]!.payload).toMatchObject({ id: v.id, summary: '参加要素保障协调会', recordedBy: '演示用户' });
  });

  it('downscales a 4000×3000 photo to 2000×1500 JPEG with a 320 px thumbnail, hash and size recorded', async () => {
    const seq = lastChangeSeq(store.db);
    const original = await photo(4000, 3000);
    const v = await log(visit({ photos: [upload(original)] }));
    expect(v.photos).toHaveLength(1);
    const p = v.photos[0]!;
    expect(p).toMatchObject({ ownerKind: 'visit', ownerId: v.id, mimeType: 'image/jpeg', fileName: `${p.id}.jpg`, width: 2000, height: 1500 });

    const stored = readFileSync(join(store.ctx.attachmentsDir, p.fileName));
    expect(p.bytes).toBe(stored.length);
    expect(p.sha256).toBe(sha(stored));
    const meta = await sharp(stored).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 2000, 1500]);
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(2000);

    const thumb = await sharp(readFileSync(join(store.ctx.attachmentsDir, thumbnailFileName(p)))).metadata();
    expect([thumb.format, thumb.width, thumb.height]).toEqual(['jpeg', 320, 240]);
    expect(files()).toEqual([p.fileName, thumbnailFileName(p)].sort());

    const row = store.db.prepare('SELECT sha256, bytes, width, height FROM attachments WHERE id = ?').get(p.id);
    expect(row).toEqual({ sha256: p.sha256, bytes: p.bytes, width: 2000, height: 1500 });
    expect(changesAfter(store.db, seq).map((c) => c.entity)).toEqual(['visit', 'attachment']);
  });

  it('turns a photo upright by its EXIF orientation before downscaling', async () => {
    const v = await log(visit({ photos: [upload(await photo(3000, 2000, { orientation: 6 }))] }));
    const p = v.photos[0]!;
    expect([p.width, p.height]).toEqual([1333, 2000]);
    const meta = await sharp(readFileSync(join(store.ctx.attachmentsDir, p.fileName))).metadata();
    expect([meta.width, meta.height, meta.orientation ?? 1]).toEqual([1333, 2000, 1]);
  });

  it('keeps a small upright JPEG or PNG byte for byte', async () => {
    const small = await photo(800, 600);
    const png = await photo(400, 300, { format: 'png' });
    const v = await log(visit({ photos: [upload(small), upload(png, 'screen.png', 'image/png')] }));
    const byMime = (m: string) => v.photos.find((p: Attachment) => p.mimeType === m)!;
    expect(byMime('image/jpeg')).toMatchObject({ sha256: sha(small), bytes: small.length, width: 800, height: 600 });
    expect(byMime('image/png')).toMatchObject({ sha256: sha(png), fileName: `${byMime('image/png').id}.png`, width: 400, height: 300 });
    expect(files()).toHaveLength(4);
  });

  it('accepts a visit dated today', async () => {
    expect((await log(visit({ visitedOn: TODAY }))).visitedOn).toBe(TODAY);
  });
});

describe('refusals leave the store and the attachments folder unchanged', () => {
  it('a date in the future, or no date → invalid_input', async () => {
    await expectRefused(visit({ visitedOn: '2026-11-25' }), 'invalid_input', 'future_date');
    await expectRefused(visit({ visitedOn: undefined }), 'invalid_input');
    await expectRefused(visit({ visitedOn: '2026-13-01' }), 'invalid_input');
  });

  it('an empty summary or an unknown kind → invalid_input', async () => {
    await expectRefused(visit({ summary: '' }), 'invalid_input');
    await expectRefused(visit({ summary: '   ' }), 'invalid_input');
    await expectRefused(visit({ kind: 'dinner' }), 'invalid_input');
    await expectRefused(visit({ summary: 'x'.repeat(4001) }), 'invalid_input');
  });

  it('an unknown project → not_found; a withdrawn one → invalid_input', async () => {
    await expectRefused(visit({ projectId: '00000000-0000-4000-8000-999999999999' }), 'not_found');
    store.db.prepare('UPDATE projects SET archived_at = ? WHERE id = ?').run('2026-11-01T00:00:00.000Z', PROJECT);
    await expectRefused(visit({ photos: [upload(await photo(100, 100))] }), 'invalid_input', 'project_withdrawn');
  });

  it('no sponsor officer in settings → invalid_input (officer_missing)', async () => {
    store.db.prepare("DELETE FROM settings WHERE key = 'officer'").run();
    await expectRefused(visit(), 'invalid_input', 'officer_missing');
  });

  it('a photo over 25 MB → invalid_input, before anything is decoded', async () => {
    const huge = Buffer.alloc(25 * 1024 * 1024 + 1, 0xff);
    await expectRefused(visit({ photos: [upload(huge)] }), 'invalid_input');
  });

  it('non-image bytes declared as image/jpeg → invalid_input (not_an_image), even after a good photo', async () => {
    const text = Buffer.from('MZ this is an executable, honestly not a JPEG');
    await expectRefused(visit({ photos: [upload(text)] }), 'invalid_input', 'not_an_image');
    await expectRefused(visit({ photos: [upload(await photo(200, 100)), upload(text)] }), 'invalid_input', 'not_an_image');
  });

  it('a truncated JPEG → invalid_input', async () => {
    const good = await photo(600, 400);
    await expectRefused(visit({ photos: [upload(good.subarray(0, Math.floor(good.length / 2)))] }), 'invalid_input', 'not_an_image');
  });

  it('an SVG, a PDF among photos, a photo that is not base64 → invalid_input', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="file:///etc/passwd"/></svg>');
    await expectRefused(visit({ photos: [upload(svg, 'a.svg', 'image/svg+xml')] }), 'invalid_input', 'not_an_image');
    await expectRefused(visit({ photos: [upload(Buffer.from('%PDF-1.4\n'), 'a.pdf', 'application/pdf')] }), 'invalid_input');
    await expectRefused(visit({ photos: [{ fileName: 'a.jpg', mimeType: 'image/jpeg', dataBase64: 'not base64 at all!' }] }), 'invalid_input');
  });

  it('more than 20 photos → invalid_input', async () => {
    const small = upload(await photo(20, 20));
    await expectRefused(visit({ photos: Array.from({ length: 21 }, () => small) }), 'invalid_input');
  });

  it('a visit whose transaction fails leaves no rows and no files', async () => {
    store.db.exec(`CREATE TRIGGER refuse_attachments BEFORE INSERT ON attachments BEGIN SELECT RAISE(ABORT, 'disk says no'); END;`);
    await expectRefused(visit({ photos: [upload(await photo(2400, 1800)), upload(await photo(300, 200))] }), 'internal');
  });
});
