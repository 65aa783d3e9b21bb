import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../electron/preview/server.js';
import { sessionCookieName } from '../../electron/preview/session.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { bridgeCookie } from '../helpers/bridge-session.js';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, REPO_ROOT } from '../helpers/preview-browser.js';
import { dumpDatabase, openTempStore, type TempStore } from '../helpers/temp-store.js';

const execFileAsync = promisify(execFile);

/** The headers every answer of the bridge carries, refusals included. */
function expectSecurityHeaders(res: Response): void {
  expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
}

describe('preview bridge', () => {
  let store: TempStore;
  let preview: PreviewServer;
  let cookie: string;
  let asset: string;
  beforeAll(async () => {
    store = openTempStore({ demo: true, now: () => new Date(), fileName: 'db.sqlite' });
    preview = await startPreviewServer({ registry: createRegistry(), ctx: store.ctx, staticDir: join(REPO_ROOT, 'dist', 'renderer') });
    cookie = await bridgeCookie(preview);
    asset = `assets/${readdirSync(join(REPO_ROOT, 'dist', 'renderer', 'assets')).find((f) => f.endsWith('.js'))!}`;
  });
  afterAll(async () => {
    await preview.close();
    store.close();
  });

  const port = () => Number(new URL(preview.url).port);
  const invoke = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${preview.url}api/invoke`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('listens on loopback only; the address to open carries a one-time secret', () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(preview.openUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?k=[A-Za-z0-9_-]{43}$/);
    expect(preview.openUrl.startsWith(preview.url)).toBe(true);
  });

  it('answers nothing without the session: no page, no asset, no file, no packet, no operation', async () => {
    for (const path of ['', 'index.html', asset, 'favicon.svg', 'files/x.jpg', 'packets/x']) {
      const res = await fetch(`${preview.url}${path}`);
      expect(res.status, path).toBe(401);
      expectSecurityHeaders(res);
      const text = await res.text();
      expect(text).toContain('?k=');
      expect(text).not.toContain('sponsor-desk-transport');
    }
    const call = await invoke({ name: 'store.setPassphrase', input: { passphrase: 'someone else 12345' } });
    expect(call.status).toBe(401);
    expectSecurityHeaders(call);
    // The old way in (a token header) opens nothing.
    expect((await invoke({ name: 'projects.list', input: {} }, { 'x-sponsor-desk-token': 'x'.repeat(48) })).status).toBe(401);
    expect((await invoke({ name: 'projects.list', input: {} }, { cookie: `${sessionCookieName(port())}=${'A'.repeat(43)}` })).status).toBe(401);
    expect(((await (await invoke({ name: 'store.lockState', input: {} }, { cookie })).json()) as { value: { protected: boolean } }).value.protected).toBe(
      false,
    );
  });

  it('exchanges the secret once for an HttpOnly, SameSite=Strict cookie and drops it from the address; a replay is refused', async () => {
    const open = preview.issueOpenUrl();
    const first = await fetch(open, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    expectSecurityHeaders(first);
    const setCookie = first.headers.get('set-cookie')!;
    expect(setCookie).toMatch(new RegExp(`^${sessionCookieName(port())}=[A-Za-z0-9_-]{43}; `));
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/;');
    expect(setCookie).not.toContain(new URL(open).searchParams.get('k')!);

    const replay = await fetch(open, { redirect: 'manual' });
    expect(replay.status).toBe(403);
    expect(replay.headers.get('set-cookie')).toBeNull();
    expectSecurityHeaders(replay);
    expect(await replay.text()).toContain('用过');
    // A made-up secret is no better.
    expect((await fetch(`${preview.url}?k=${'A'.repeat(43)}`, { redirect: 'manual' })).status).toBe(403);
  });

  it('with the cookie: the page (no secret in it), its assets and the table, input validated', async () => {
    const page = await fetch(preview.url, { headers: { cookie } });
    expect(page.status).toBe(200);
    expectSecurityHeaders(page);
    const html = await page.text();
    expect(html).toContain('<meta name="sponsor-desk-transport" content="http" />');
    expect(html).not.toMatch(/token/i);
    expect(html).not.toContain(cookie.split('=')[1]!);
    const script = await fetch(`${preview.url}${asset}`, { headers: { cookie } });
    expect(script.status).toBe(200);
    expectSecurityHeaders(script);

    const ok = await invoke({ name: 'projects.list', input: {} }, { cookie });
    expectSecurityHeaders(ok);
    expect(((await ok.json()) as { value: unknown[] }).value).toHaveLength(6);
    const bad = (await (await invoke({ name: 'projects.get', input: { projectId: 'not-a-uuid' } }, { cookie })).json()) as { error: { code: string } };
    expect(bad.error.code).toBe('invalid_input');
    const unknown = (await (await invoke({ name: 'drop.everything', input: {} }, { cookie })).json()) as { error: { code: string } };
    expect(unknown.error.code).toBe('not_found');
  });

  it('in a browser: the printed address signs in and leaves the address bar without the secret; another browser with it is refused', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const stranger = await browser.newPage();
      const refused = await stranger.goto(preview.url);
      expect(refused?.status()).toBe(401);
      expect(await stranger.locator('body').innerText()).toContain('npm run preview');

      const open = preview.issueOpenUrl();
      const owner = await (await browser.newContext()).newPage();
      await owner.goto(open);
      expect(owner.url()).toBe(preview.url);
      await owner.waitForSelector('[data-testid=project-row]', { timeout: 30_000 });
      const cookies = await owner.context().cookies();
      expect(cookies).toEqual([expect.objectContaining({ name: sessionCookieName(port()), httpOnly: true, sameSite: 'Strict', path: '/' })]);
      expect(await owner.evaluate(() => document.cookie)).toBe(''); // HttpOnly: no script reads it

      const late = await (await browser.newContext()).newPage();
      expect((await late.goto(open))?.status()).toBe(403);
    } finally {
      await browser.close();
    }
  });

  it('refuses a call from another origin even with the cookie', async () => {
    expect((await invoke({ name: 'projects.list', input: {} }, { cookie, origin: 'http://evil.example' })).status).toBe(403);
    expect((await invoke({ name: 'projects.list', input: {} }, { cookie, origin: preview.url.slice(0, -1) })).status).toBe(200);
  });

  it('refuses a request for another Host (DNS rebinding), even with the cookie', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(preview.url, { headers: { host: 'evil.example:80', cookie } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('serves no path outside the build or the attachments folder', async () => {
    expect((await fetch(`${preview.url}..%2f..%2fpackage.json`, { headers: { cookie } })).status).toBe(404);
    expect((await fetch(`${preview.url}files/..%2f..%2fdb.sqlite`, { headers: { cookie } })).status).toBe(404);
    expect((await fetch(`${preview.url}packets/..%2f..%2fdb.sqlite`, { headers: { cookie } })).status).toBe(404);
  });

  // The attack of issue 9: another local account reads the officer's data, protects the store, writes zips.
  const runuser = ['/usr/sbin/runuser', '/sbin/runuser'].find((p) => existsSync(p));
  const probeUser = 'nobody';
  it.skipIf(process.getuid?.() !== 0 || !runuser || !existsSync('/usr/bin/curl'))(
    'another Unix user gets no page, asset or operation, and cannot replay a used address',
    async () => {
      const target = store.dir.file('probe-target');
      mkdirSync(target, { recursive: true });
      const before = dumpDatabase(store.db);
      const used = preview.issueOpenUrl();
      await bridgeCookie(preview, used);

      // Asynchronous: the bridge answers from this very process while the probe runs.
      const asProbe = async (...command: string[]) =>
        (await execFileAsync(runuser!, ['-u', probeUser, '--', ...command], { encoding: 'utf8', timeout: 20_000 })).stdout;
      expect(Number(await asProbe('id', '-u'))).not.toBe(0);
      const probe = async (...args: string[]) => Number(await asProbe('/usr/bin/curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', ...args));

      expect(await probe(preview.url)).toBe(401);
      expect(await probe(`${preview.url}${asset}`)).toBe(401);
      expect(await probe(`${preview.url}files/anything.jpg`)).toBe(401);
      const post = (name: string, input: unknown) =>
        probe('-X', 'POST', '-H', 'content-type: application/json', '--data', JSON.stringify({ name, input }), `${preview.url}api/invoke`);
      expect(await post('projects.list', {})).toBe(401);
      expect(await post('store.setPassphrase', { passphrase: 'taken over by someone' })).toBe(401);
      expect(await post('jobs.start', { kind: 'sync.exportPacket', input: { outDir: target } })).toBe(401);
      expect(await probe(used)).toBe(403); // spent by its owner: seeing it later opens nothing

      expect(dumpDatabase(store.db)).toBe(before);
      expect(readdirSync(target)).toEqual([]);
    },
  );
});
