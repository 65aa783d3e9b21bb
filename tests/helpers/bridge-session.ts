import type { PreviewServer } from '../../electron/preview/server.js';

/**
 * Signs a test's own HTTP client in to the preview bridge as a browser does: opens a one-time address and
 * keeps the session cookie it is answered with. Returns the Cookie header value.
 */
export async function bridgeCookie(preview: PreviewServer, openUrl: string = preview.issueOpenUrl()): Promise<string> {
  const res = await fetch(openUrl, { redirect: 'manual' });
  const cookie = res.headers.get('set-cookie');
  if (res.status !== 303 || !cookie) throw new Error(`the bridge did not sign in (${res.status})`);
  return cookie.split(';')[0]!;
}

/** Calls an operation through the bridge with a session cookie; answers the operation's result, or the HTTP status. */
export async function invokeOverBridge(preview: PreviewServer, cookie: string, name: string, input: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${preview.url}api/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name, input }),
  });
  return { status: res.status, body: res.status === 200 ? await res.json() : await res.text() };
}
