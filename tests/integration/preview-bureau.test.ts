/**
 * `npm run preview -- --bureau`: the same loopback bridge serves the bureau desk's registry and database. It answers
 * `bureau.*` operations only, serves none of the officer store's files, and tells the page which desk it is.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OFFICER_OPERATION_NAMES } from '@shared/operations/index.js';
import { lazyBureau } from '../../electron/bureau/context.js';
import { createBureauRegistry } from '../../electron/bureau/operations/index.js';
import { districtSummary } from '../../electron/bureau/summary.js';
import { seedDemoDistrict } from '../../electron/demo/bureau-district.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { previewBanner } from '../../electron/preview/banner.js';
import { startPreviewServer, type BureauPreviewServer } from '../../electron/preview/server.js';
import { dumpDatabase, makeTempDir, openTempStore } from '../helpers/temp-store.js';

const NOW = new Date('2026-12-02T10:00:00');
const INDEX = '<!doctype html><head><meta name="sponsor-desk-transport" content="electron" /></head><title>t</title>';

async function signIn(preview: Pick<BureauPreviewServer, 'issueOpenUrl'>): Promise<string> {
  const res = await fetch(preview.issueOpenUrl(), { redirect: 'manual' });
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function invoke(preview: BureauPreviewServer, cookie: string, name: string, input: unknown): Promise<unknown> {
  const res = await fetch(`${preview.url}api/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name, input }),
  });
  return res.json();
}

describe('the preview bridge serving the bureau desk', () => {
  it("answers bureau operations on the bureau database, not_found for the officer's, and no officer files", async () => {
    const dir = makeTempDir('sponsor-desk-preview-bureau-');
    mkdirSync(join(dir.path, 'static'));
    writeFileSync(join(dir.path, 'static', 'index.html'), INDEX);
    const dbPath = join(dir.path, 'desk', 'sponsor-desk-bureau.sqlite');
    expect(await seedDemoDistrict(dbPath, () => NOW)).toBe(true);
    const ctx = lazyBureau(dbPath, () => NOW);
    const preview = await startPreviewServer({ desk: 'bureau', registry: createBureauRegistry(), ctx, staticDir: join(dir.path, 'static') });
    try {
      const cookie = await signIn(preview);
      expect(await invoke(preview, cookie, 'bureau.summary', {})).toEqual({ ok: true, value: districtSummary(ctx) });
      const before = dumpDatabase(ctx.db);
      for (const name of OFFICER_OPERATION_NAMES)
        expect(await invoke(preview, cookie, name, {}), name).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(dumpDatabase(ctx.db)).toBe(before);
      for (const path of ['files/a.jpg', 'packets/x', 'backups/x.zip']) {
        expect((await fetch(`${preview.url}${path}`, { headers: { cookie } })).status, path).toBe(404);
      }
      const page = await (await fetch(preview.url, { headers: { cookie } })).text();
      expect(page).toContain('<meta name="sponsor-desk-transport" content="http" /><meta name="sponsor-desk-desk" content="bureau" />');
      expect('outboxDir' in preview).toBe(false);
    } finally {
      await preview.close();
      ctx.close();
      dir.remove();
    }
  });

  it('tells the officer page it serves the officer desk, as before', async () => {
    const dir = makeTempDir('sponsor-desk-preview-officer-');
    mkdirSync(join(dir.path, 'static'));
    writeFileSync(join(dir.path, 'static', 'index.html'), INDEX);
    const store = openTempStore({ demo: true });
    const preview = await startPreviewServer({
      registry: createRegistry(),
      ctx: store.ctx,
      staticDir: join(dir.path, 'static'),
      outboxDir: join(dir.path, 'outbox'),
    });
    try {
      const page = await (await fetch(preview.url, { headers: { cookie: await signIn(preview) } })).text();
      expect(page).toContain('<meta name="sponsor-desk-desk" content="officer" />');
      expect(preview.outboxDir).toBe(join(dir.path, 'outbox'));
    } finally {
      await preview.close();
      store.close();
      dir.remove();
    }
  });

  it('prints the bureau database and no outbox in its banner', () => {
    const text = previewBanner({ openUrl: 'http://127.0.0.1:1/?k=x', databasePath: '/d/b.sqlite', desk: 'bureau', tty: false });
    expect(text).toContain('(bureau desk)');
    expect(text).toContain('bureau database: /d/b.sqlite');
    expect(text).not.toContain('outbox');
  });
});
