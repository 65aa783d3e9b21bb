import type { ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY } from '../main/security.js';

/**
 * Headers on every answer of the preview bridge, refusals included: the app's own CSP (whose
 * `frame-ancestors 'none'` keeps any other page from framing the bridge to click through it), no framing for
 * older browsers either, no MIME sniffing, no caching, no referrer.
 */
export const PREVIEW_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
});

export function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...PREVIEW_HEADERS, 'content-type': type, ...extra });
  res.end(body);
}

/** The short page a request without the session gets: what to open instead, in both languages. */
export function sendRefusal(res: ServerResponse, status: 401 | 403, spentSecret = false): void {
  const why = spentSecret
    ? '这个地址已经用过一次，不能再用。 / This address has been used once already and cannot be used again.'
    : '没有登录此预览。 / Not signed in to this preview.';
  const body = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>帮包工作台 Sponsor Desk</title></head><body>
<p>${why}</p>
<p>请打开启动 <code>npm run preview</code> 时终端里打印的地址（含 <code>?k=</code>）。 / Open the address printed in the terminal where <code>npm run preview</code> was started (with <code>?k=</code>); restart the preview for a new one.</p>
</body></html>`;
  send(res, status, body, 'text/html; charset=utf-8');
}
