import { readFile as fsReadFile, realpath as fsRealpath } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { PageDesk } from '@shared/operations/desk.js';
import { withDeskMeta } from '../app/desk-choice.js';
import { APP_ORIGIN, SECURITY_HEADERS, isAppUrl } from './security.js';

/**
 * The app's pages are served from the built renderer folder under `app://sponsor-desk/`, not from file://
 * (Electron checklist item 18): the pages get a real origin that CSP's 'self' and the IPC sender check can
 * name, and file:// pages get none of their extra privileges (the GrantFileProtocolExtraPrivileges fuse is
 * off). Pure code with web-standard Request/Response, so it is tested with plain Node.
 */

/**
 * Privileges for `protocol.registerSchemesAsPrivileged`: standard (a real origin, so same-origin module
 * scripts and fetch work) and secure; never bypassCSP. corsEnabled stays false: it would let pages of other
 * origins read app:// responses.
 */
export const APP_SCHEME_PRIVILEGES = Object.freeze({
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
  bypassCSP: false,
  allowServiceWorkers: false,
  corsEnabled: false,
  stream: false,
});

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps an app:// URL to a file inside `rendererRoot`, or null when the URL is not the app's or would leave
 * the folder: `..` and `.` segments (also percent-encoded), backslashes, NUL bytes, dot-files and
 * malformed escapes are all refused. `/` is index.html.
 */
export function resolveAppPath(url: string, rendererRoot: string, appOrigin: string = APP_ORIGIN): string | null {
  if (!isAppUrl(url, appOrigin)) return null;
  const { pathname } = new URL(url);
  const segments: string[] = [];
  for (const raw of pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment.startsWith('.') || /[\\/\0:]/.test(segment)) return null;
    segments.push(segment);
  }
  if (segments.length === 0) segments.push('index.html');
  const root = resolve(rendererRoot);
  const file = join(root, ...segments);
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return file;
}

/**
 * For app://sponsor-desk/files/<name>: the decoded name (one segment); null when the URL is under /files/
 * but not one plain name; undefined when it is not under /files/ at all.
 */
export function attachmentName(url: string, appOrigin: string = APP_ORIGIN): string | null | undefined {
  if (!isAppUrl(url, appOrigin)) return undefined;
  const { pathname } = new URL(url);
  if (!pathname.startsWith('/files/')) return undefined;
  const raw = pathname.slice('/files/'.length);
  if (raw === '' || raw.includes('/')) return null;
  try {
    const name = decodeURIComponent(raw);
    return name.startsWith('.') || /[\\/\0:]/.test(name) ? null : name;
  } catch {
    return null;
  }
}

export interface AppProtocolOptions {
  /** The built renderer (dist/renderer). */
  rendererRoot: string;
  appOrigin?: string;
  readFile?: (path: string) => Promise<Uint8Array>;
  realpath?: (path: string) => Promise<string>;
  /**
   * Photos and evidence under app://sponsor-desk/files/<name>: index.ts passes the store's
   * `serveAttachment` (files/attachment-files.ts), the same function the preview bridge uses, which
   * opens the sealed files of a protected store. Without it the route is 404.
   */
  serveAttachment?: (fileName: string) => { status: number; body: Uint8Array | string; contentType: string };
  /**
   * Which desk the page serves (or the choice screen), asked at every load of index.html and written into it as
   * a meta tag (electron/app/desk-choice.ts withDeskMeta), as the preview bridge does. Without it: no tag (officer).
   */
  pageDesk?: () => PageDesk;
}

function respond(status: number, body: Uint8Array | string | null, contentType = 'text/plain; charset=utf-8'): Response {
  const headers = new Headers(SECURITY_HEADERS);
  headers.set('Content-Type', contentType);
  headers.set('Cache-Control', 'no-cache');
  return new Response(body as BodyInit | null, { status, headers });
}

/**
 * The handler for `protocol.handle('app', …)`. Every response carries the CSP and the other security
 * headers. Unknown extension-less paths fall back to index.html so a reload on an in-app route works.
 */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const appOrigin = options.appOrigin ?? APP_ORIGIN;
  const readFile = options.readFile ?? ((path: string) => fsReadFile(path));
  const realpath = options.realpath ?? ((path: string) => fsRealpath(path));
  const rootPromise = realpath(resolve(options.rendererRoot)).catch(() => resolve(options.rendererRoot));

  const load = async (file: string): Promise<Uint8Array | null> => {
    try {
      const root = await rootPromise;
      const real = await realpath(file);
      if (real !== root && !real.startsWith(root + sep)) return null; // a symlink out of the folder
      return await readFile(real);
    } catch {
      return null;
    }
  };

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, 'method not allowed');
    const attachment = attachmentName(request.url, appOrigin);
    if (attachment !== undefined) {
      if (attachment === null || !options.serveAttachment) return respond(404, 'not found');
      const served = options.serveAttachment(attachment);
      const body = served.status === 200 && request.method === 'HEAD' ? null : served.body;
      const response = respond(served.status, body, served.contentType);
      response.headers.set('Cache-Control', 'no-store');
      return response;
    }
    const file = resolveAppPath(request.url, options.rendererRoot, appOrigin);
    if (!file) return respond(404, 'not found');
    let served = file;
    let body = await load(file);
    if (!body && extname(file) === '') {
      served = join(resolve(options.rendererRoot), 'index.html');
      body = await load(served);
    }
    if (!body) return respond(404, 'not found');
    if (options.pageDesk && served === join(resolve(options.rendererRoot), 'index.html')) {
      body = new TextEncoder().encode(withDeskMeta(new TextDecoder().decode(body), options.pageDesk()));
    }
    return respond(200, request.method === 'HEAD' ? null : body, contentTypeFor(served));
  };
}
