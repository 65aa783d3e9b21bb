import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAttachmentFile } from '../../electron/files/attachment-files.js';
import type { ServiceContext } from '../../electron/handlers/context.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { dumpDatabase } from '../helpers/temp-store.js';
import { openPreview, screenshot, type PreviewSession } from '../helpers/preview-browser.js';

/**
 * Settings → 完整备份（含照片） in the preview: the backup is made as a job and downloaded; on "another
 * computer" (a second preview with a fresh, empty store) it is uploaded and restored, records and photos equal.
 * A damaged upload is refused in whole Chinese with the store unchanged.
 */

const PROJECT = '00000000-0000-4000-8000-00000000000a';
const registry = createRegistry();

async function logVisitWithPhoto(ctx: ServiceContext): Promise<void> {
  const raw = Buffer.alloc(96 * 64 * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 11) % 251;
  const photo = await sharp(raw, { raw: { width: 96, height: 64, channels: 3 } })
    .jpeg()
    .toBuffer();
  const result = await registry.dispatch(
    'visits.log',
    {
      projectId: PROJECT,
      visitedOn: '2026-11-23',
      kind: 'site_visit',
      summary: '现场查看',
      photos: [{ fileName: 'a.jpg', mimeType: 'image/jpeg', dataBase64: photo.toString('base64') }],
    },
    ctx,
  );
  if (!result.ok) throw new Error(JSON.stringify(result.error));
}

const visits = (ctx: ServiceContext) => ctx.db.prepare('SELECT id, summary, visited_on FROM visits ORDER BY id').all();
function photoHashes(ctx: ServiceContext): Record<string, string> {
  const names = ctx.db.prepare('SELECT file_name FROM attachments ORDER BY file_name').pluck().all() as string[];
  return Object.fromEntries(
    names.map((n) => [
      n,
      createHash('sha256')
        .update(readAttachmentFile(ctx, n) ?? Buffer.alloc(0))
        .digest('hex'),
    ]),
  );
}

describe('settings: full backup to a download, restore from an upload on another computer', () => {
  let a: PreviewSession;
  let b: PreviewSession;
  const files = mkdtempSync(join(tmpdir(), 'sponsor-desk-e2e-backup-'));
  const saved = join(files, 'downloaded.zip');

  beforeAll(async () => {
    a = await openPreview({ now: () => new Date('2026-11-24T10:00:00') });
    await logVisitWithPhoto(a.ctx);
    b = await openPreview({ demo: false, now: () => new Date('2026-11-25T09:00:00') });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    rmSync(files, { recursive: true, force: true });
  });

  it('makes a full backup as a job and offers it as a download', async () => {
    const { page } = a;
    await page.locator('[data-testid=nav-settings]').click();
    await page.locator('[data-testid=full-backup-make]').click();
    const made = page.locator('[data-testid=full-backup-made]');
    await made.waitFor({ timeout: 60_000 });
    expect(await made.innerText()).toMatch(/完整备份已写好：sponsor-desk-backup-20261124-\d{6}\.zip（\d+ 个照片和附件文件）/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=full-backup-download]')]);
    expect(download.suggestedFilename()).toMatch(/^sponsor-desk-backup-.*\.zip$/);
    await download.saveAs(saved);
    expect(readFileSync(saved).subarray(0, 2).toString('latin1')).toBe('PK');
    // The backup is listed beside the store as a full backup.
    await page.locator('[data-testid=backup-row]', { hasText: '完整备份（含照片）' }).first().waitFor();
    await made.scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-full-backup-zh');
    expect(a.pageErrors).toEqual([]);
  });

  it('another computer refuses a damaged upload in Chinese with its store unchanged', async () => {
    const { page } = b;
    await page.locator('[data-testid=nav-settings]').click();
    await page.waitForSelector('[data-testid=full-backup]');
    const before = dumpDatabase(b.ctx.db);
    const damaged = Buffer.from(readFileSync(saved));
    // Change one byte inside the stored (uncompressed) photo data, near the middle of the zip.
    damaged[damaged.length >> 1] = (damaged[damaged.length >> 1] ?? 0) ^ 0xff;
    writeFileSync(join(files, 'damaged.zip'), damaged);
    await page.locator('[data-testid=full-restore-input]').setInputFiles(join(files, 'damaged.zip'));
    await page.locator('[data-testid=full-restore-confirm]').click();
    const error = page.locator('[data-testid=full-backup-error]');
    await error.waitFor();
    const text = await error.innerText();
    expect(text).toMatch(/数据未改动/);
    expect(text.replace(/[\w.-]+\.(zip|jpg|sqlite)|sponsor-desk-backup-…\.zip|SHA-256/g, '')).not.toMatch(/[A-Za-z]{3,}/);
    expect(dumpDatabase(b.ctx.db)).toBe(before);
  });

  it('restores the uploaded backup: the same records and the same photos', async () => {
    const { page } = b;
    await page.locator('[data-testid=full-restore-input]').setInputFiles(saved);
    await page.locator('[data-testid=full-restore-confirm]').click();
    await page.getByText(/已从 .* 恢复，共 \d+ 个照片和附件文件/).waitFor({ timeout: 30_000 });
    expect(visits(b.ctx)).toEqual(visits(a.ctx));
    expect(photoHashes(b.ctx)).toEqual(photoHashes(a.ctx));
    expect(Object.keys(photoHashes(b.ctx)).length).toBeGreaterThan(0);
    // The window shows the restored store: its projects are on the home screen.
    await page.locator('[data-testid=nav-home]').click();
    await page.waitForSelector('[data-testid=project-row]');
    expect(b.pageErrors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  });

  it('a full backup in the list beside the store restores from its row, photos included', async () => {
    const { page } = a;
    const before = visits(a.ctx);
    await logVisitWithPhoto(a.ctx); // recorded after the backup: the restore takes it away again
    expect(visits(a.ctx)).toHaveLength(before.length + 1);
    await page.locator('[data-testid=backup-row]', { hasText: '完整备份（含照片）' }).first().locator('[data-testid=backup-restore]').click();
    await page.locator('[data-testid=restore-confirm]').click();
    await page.getByText(/已恢复到 .* 的备份/).waitFor({ timeout: 30_000 });
    expect(visits(a.ctx)).toEqual(before);
    expect(Object.values(photoHashes(a.ctx)).every((h) => h !== createHash('sha256').update(Buffer.alloc(0)).digest('hex'))).toBe(true);
  });
});
