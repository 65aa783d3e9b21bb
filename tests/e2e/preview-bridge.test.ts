import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOfficerStore } from '../../electron/app/open-store.js';
import { startPreviewServer, type PreviewServer } from '../../electron/preview/server.js';
import { createRegistry } from '../../electron/services/index.js';
import type { ServiceContext } from '../../electron/services/context.js';
import { REPO_ROOT } from '../helpers/preview-browser.js';

describe('preview bridge', () => {
  let dir: string;
  let ctx: ServiceContext;
  let preview: PreviewServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sponsor-desk-bridge-'));
    ctx = openOfficerStore({ databasePath: join(dir, 'db.sqlite'), seedDemoWhenEmpty: true });
    preview = await startPreviewServer({ registry: createRegistry(), ctx, staticDir: join(REPO_ROOT, 'dist', 'renderer') });
  });
  afterAll(async () => {
    await preview.close();
    ctx.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const invoke = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${preview.url}api/invoke`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('listens on loopback only', () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('refuses a call without the per-run token, or with a wrong one', async () => {
    expect((await invoke({ name: 'projects.list', input: {} })).status).toBe(403);
    expect((await invoke({ name: 'projects.list', input: {} }, { 'x-sponsor-desk-token': 'x'.repeat(48) })).status).toBe(403);
  });

  it('dispatches the table with the token and validates input', async () => {
    const ok = (await (await invoke({ name: 'projects.list', input: {} }, { 'x-sponsor-desk-token': preview.token })).json()) as {
      ok: boolean;
      value: unknown[];
    };
    expect(ok.ok).toBe(true);
    expect(ok.value).toHaveLength(6);
    const bad = (await (await invoke({ name: 'projects.get', input: { projectId: 'not-a-uuid' } }, { 'x-sponsor-desk-token': preview.token })).json()) as {
      ok: boolean;
      error: { code: string };
    };
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const unknown = (await (await invoke({ name: 'drop.everything', input: {} }, { 'x-sponsor-desk-token': preview.token })).json()) as {
      error: { code: string };
    };
    expect(unknown.error.code).toBe('not_found');
  });

  it('refuses a request for another Host (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(preview.url, { headers: { host: 'evil.example:80' } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('serves the page with the token and no path outside the build', async () => {
    const html = await (await fetch(preview.url)).text();
    expect(html).toContain(`<meta name="sponsor-desk-token" content="${preview.token}" />`);
    expect((await fetch(`${preview.url}..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${preview.url}files/..%2f..%2fdb.sqlite`)).status).toBe(403);
  });
});
