import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { serveAttachment } from '../services/attachment-files.js';
import type { ServiceContext } from '../services/context.js';
import type { OperationRegistry } from '../services/registry.js';

/**
 * The preview bridge: serves the built renderer and the same table of operations over loopback HTTP, so
 * the app runs and is tested in a browser where Electron cannot start. Never part of the desktop build.
 * Loopback only, random port, a random token per run on every call, Host header checked (no DNS rebinding).
 */
export interface PreviewServer {
  url: string;
  token: string;
  server: Server;
  close(): Promise<void>;
}

export interface PreviewOptions {
  registry: OperationRegistry;
  ctx: ServiceContext;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
  /** Largest request body accepted (photos travel as base64). */
  maxBodyBytes?: number;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
};

export const TOKEN_HEADER = 'x-sponsor-desk-token';
const TOKEN_COOKIE = 'sponsor_desk_token';

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === TOKEN_COOKIE) return v;
  }
  return undefined;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
  res.end(body);
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function startPreviewServer(options: PreviewOptions): Promise<PreviewServer> {
  const token = randomBytes(24).toString('hex');
  const staticRoot = resolve(options.staticDir);
  const indexPath = join(staticRoot, 'index.html');
  if (!existsSync(indexPath)) throw new Error(`renderer not built: ${indexPath} is missing (run npm run build:renderer)`);
  const maxBody = options.maxBodyBytes ?? 64 * 1024 * 1024;
  let expectedHost = '';

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, error instanceof Error ? error.message : 'error');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.host !== expectedHost) return send(res, 421, 'wrong host');
    const url = new URL(req.url ?? '/', `http://${expectedHost}`);

    if (url.pathname === '/api/invoke') {
      if (req.method !== 'POST') return send(res, 405, 'POST only');
      if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, token)) return send(res, 403, 'bad token');
      let parsed: { name?: unknown; input?: unknown };
      try {
        parsed = JSON.parse((await readBody(req, maxBody)).toString('utf8')) as typeof parsed;
      } catch (error) {
        return send(res, 400, error instanceof Error ? error.message : 'bad request');
      }
      const result = await options.registry.dispatch(parsed.name, parsed.input, options.ctx);
      return send(res, 200, JSON.stringify(result), 'application/json; charset=utf-8');
    }

    if (url.pathname.startsWith('/files/')) {
      // Attachments (photos, evidence) for <img> tags, which cannot send a header: the cookie carries the token.
      if (!sameToken(cookieToken(req), token)) return send(res, 403, 'bad token');
      let name: string;
      try {
        name = decodeURIComponent(url.pathname.slice('/files/'.length));
      } catch {
        return send(res, 404, 'not found');
      }
      // The same function as the app:// protocol: opens sealed files of a protected store, refuses names outside the folder.
      const served = serveAttachment(options.ctx, name);
      return send(res, served.status, served.body, served.contentType);
    }

    if (req.method !== 'GET') return send(res, 405, 'GET only');
    const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const file = normalize(join(staticRoot, relative));
    if (!file.startsWith(staticRoot + sep) || !existsSync(file) || !statSync(file).isFile()) return send(res, 404, 'not found');
    if (file === indexPath) {
      // The page learns the token from a meta tag (the CSP forbids inline scripts) and gets it as a cookie for images.
      const html = readFileSync(indexPath, 'utf8').replace(
        '<meta name="sponsor-desk-transport" content="electron" />',
        `<meta name="sponsor-desk-transport" content="http" /><meta name="sponsor-desk-token" content="${token}" />`,
      );
      res.setHeader('set-cookie', `${TOKEN_COOKIE}=${token}; Path=/files/; HttpOnly; SameSite=Strict`);
      return send(res, 200, html, MIME['.html']);
    }
    res.writeHead(200, { 'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream', 'x-content-type-options': 'nosniff' });
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  expectedHost = `127.0.0.1:${port}`;
  return {
    url: `http://${expectedHost}/`,
    token,
    server,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
