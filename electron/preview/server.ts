import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { serveAttachment } from '../files/attachment-files.js';
import { backupsDir, listBackups } from '../handlers/backups.js';
import type { ServiceContext } from '../handlers/context.js';
import type { BureauContext } from '../bureau/context.js';
import { configureFileAccess, ensureOutbox, outboxDir } from '../files/file-handles.js';
import type { OperationRegistry } from '../handlers/registry.js';
import { withDeskMeta } from '../app/desk-choice.js';
import { exportHistory } from '../sync/status.js';
import { PREVIEW_HEADERS, send, sendRefusal } from './responses.js';
import { PreviewSessions, SECRET_PARAM } from './session.js';
import { sendBureauFile } from './bureau-routes.js';
import { servePage } from '../bureau/page-files.js';

/**
 * The preview bridge: serves the built renderer and the same table of operations over loopback HTTP, so
 * the app runs and is tested in a browser where Electron cannot start. Never part of the desktop build.
 * Loopback only, random port, Host header checked (no DNS rebinding). Nothing answers without the session
 * cookie, which only the one-time address printed at start gives (session.ts). Files: uploads come in through
 * files.receive, weekly packets go to the outbox folder named at start and are downloaded from /packets/, full
 * backups (database and photos) from /backups/. The bureau desk (`desk: 'bureau'`) is served the same way with its
 * own registry and database; the page learns which desk it serves from a meta tag of index.html, and the officer's
 * file routes answer 404 there.
 */
export interface PreviewServer {
  /** The bridge's origin with a slash: nothing answers here without a session. */
  url: string;
  /** The address to open, printed at start: `url` with a one-time secret, good for one browser session. */
  openUrl: string;
  /** Another one-time address (a second browser of a test). Only this process can ask. */
  issueOpenUrl(): string;
  /** Where weekly packets exported from the page are written. */
  outboxDir: string;
  server: Server;
  close(): Promise<void>;
}

interface CommonOptions {
  /** The built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
  /** Largest request body accepted (photos travel as base64). */
  maxBodyBytes?: number;
  /** `npm run preview -- --choose`: the page shows the desk choice screen of a first start instead of the desk served. */
  pageDesk?: 'choose';
}

export interface PreviewOptions extends CommonOptions {
  desk?: 'officer';
  registry: OperationRegistry;
  ctx: ServiceContext;
  /** Where exported weekly packets go (`npm run preview -- --outbox DIR`); default: the data folder's outbox. */
  outboxDir?: string;
}

/** The bureau desk: its registry and database; its received photos and its outbox through the bridge (bureau-routes.ts). */
export interface BureauPreviewOptions extends CommonOptions {
  desk: 'bureau';
  registry: OperationRegistry<'bureau'>;
  ctx: BureauContext;
  /** Where the files the page has the desk write go (`npm run preview -- --bureau --outbox DIR`); default: the outbox beside the database. */
  outboxDir?: string;
}

export type BureauPreviewServer = Omit<PreviewServer, 'outboxDir'>;

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

export async function startPreviewServer(options: PreviewOptions): Promise<PreviewServer>;
export async function startPreviewServer(options: BureauPreviewOptions): Promise<BureauPreviewServer>;
export async function startPreviewServer(options: PreviewOptions | BureauPreviewOptions): Promise<PreviewServer | BureauPreviewServer> {
  if (options.desk === 'bureau') {
    // The page names files by handles only; what it has the desk write goes to the outbox unless it chose a folder.
    servePage(options.ctx, { outboxDir: options.outboxDir });
    return serve(options, null);
  }
  const { ctx } = options;
  if (options.outboxDir !== undefined) configureFileAccess(ctx, { outboxDir: options.outboxDir });
  const outbox = ensureOutbox(ctx);
  return { ...(await serve(options, ctx)), outboxDir: outbox };
}

/** `officer`: the officer store whose files (photos, packets, full backups) the bridge also serves; null on the bureau desk. */
async function serve(options: PreviewOptions | BureauPreviewOptions, officer: ServiceContext | null): Promise<BureauPreviewServer> {
  const desk = options.desk ?? 'officer';
  const sessions = new PreviewSessions();
  const staticRoot = resolve(options.staticDir);
  const indexPath = join(staticRoot, 'index.html');
  if (!existsSync(indexPath)) throw new Error(`renderer not built: ${indexPath} is missing (run npm run build:renderer)`);
  const maxBody = options.maxBodyBytes ?? 64 * 1024 * 1024;
  const dispatch = (name: unknown, input: unknown) =>
    options.desk === 'bureau' ? options.registry.dispatch(name, input, options.ctx) : options.registry.dispatch(name, input, options.ctx);
  let expectedHost = '';

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, error instanceof Error ? error.message : 'error');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.host !== expectedHost) return send(res, 421, 'wrong host');
    const url = new URL(req.url ?? '/', `http://${expectedHost}`);
    const signedIn = sessions.has(req);

    if (url.searchParams.has(SECRET_PARAM)) {
      // The printed address: spend the secret for a cookie, then drop it from the address bar and history.
      if (signedIn) return send(res, 303, '', 'text/plain; charset=utf-8', { location: '/' });
      const session = sessions.exchange(url.searchParams.get(SECRET_PARAM));
      if (!session) return sendRefusal(res, 403, true);
      return send(res, 303, '', 'text/plain; charset=utf-8', { location: '/', 'set-cookie': sessions.cookie(session) });
    }
    if (!signedIn) return sendRefusal(res, 401);

    if (url.pathname === '/api/invoke') {
      if (req.method !== 'POST') return send(res, 405, 'POST only');
      // SameSite=Strict already keeps other sites' requests cookie-less; a foreign Origin is refused all the same.
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== `http://${expectedHost}`) return send(res, 403, 'foreign origin');
      let parsed: { name?: unknown; input?: unknown };
      try {
        parsed = JSON.parse((await readBody(req, maxBody)).toString('utf8')) as typeof parsed;
      } catch (error) {
        return send(res, 400, error instanceof Error ? error.message : 'bad request');
      }
      const result = await dispatch(parsed.name, parsed.input);
      return send(res, 200, JSON.stringify(result), 'application/json; charset=utf-8');
    }

    if (req.method !== 'GET') return send(res, 405, 'GET only');

    if (options.desk === 'bureau') {
      const route = /^\/(files|outbox)\/(.*)$/.exec(url.pathname);
      if (route) return sendBureauFile(res, options.ctx, route[1] as 'files' | 'outbox', safeDecode(route[2]!));
      if (/^\/(packets|backups)\//.test(url.pathname)) return send(res, 404, 'not found');
    }
    if (officer !== null && url.pathname.startsWith('/files/')) {
      let name: string;
      try {
        name = decodeURIComponent(url.pathname.slice('/files/'.length));
      } catch {
        return send(res, 404, 'not found');
      }
      // The same function as the app:// protocol: opens sealed files of a protected store, refuses names outside the folder.
      const served = serveAttachment(officer, name);
      return send(res, served.status, served.body, served.contentType);
    }

    if (officer !== null && url.pathname.startsWith('/packets/')) return sendPacket(res, officer, url.pathname.slice('/packets/'.length));
    if (officer !== null && url.pathname.startsWith('/backups/')) return sendFullBackup(res, officer, safeDecode(url.pathname.slice('/backups/'.length)));

    const relative = url.pathname === '/' ? 'index.html' : safeDecode(url.pathname.slice(1));
    const file = relative === null ? '' : normalize(join(staticRoot, relative));
    if (!file.startsWith(staticRoot + sep) || !existsSync(file) || !statSync(file).isFile()) return send(res, 404, 'not found');
    if (file === indexPath) {
      // The page talks HTTP to this bridge; its session is the cookie, which no script can read. It reads its desk here too.
      const html = withDeskMeta(readFileSync(indexPath, 'utf8'), options.pageDesk ?? desk, 'http');
      return send(res, 200, html, MIME['.html']);
    }
    res.writeHead(200, { ...PREVIEW_HEADERS, 'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  }

  /** A weekly packet the store exported into the outbox, by its packet id: the preview's "save to USB stick". */
  function sendPacket(res: ServerResponse, ctx: ServiceContext, packetId: string): void {
    if (ctx.locked) return send(res, 423, 'locked');
    const record = exportHistory(ctx.db).find((r) => r.packetId === packetId);
    const path = record ? resolve(record.filePath) : '';
    if (!record || dirname(path) !== outboxDir(ctx) || !existsSync(path)) return send(res, 404, 'not found');
    const name = basename(path);
    send(res, 200, readFileSync(path), 'application/zip', {
      'content-disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  }

  /**
   * A full backup (database and photos) in the backups folder, by its name as backup.list gives it: the
   * preview's "save to USB stick". Only files the list names as full backups; streamed (they can be large).
   */
  function sendFullBackup(res: ServerResponse, ctx: ServiceContext, name: string | null): void {
    if (ctx.locked) return send(res, 423, 'locked');
    const listed = name === null ? undefined : listBackups(ctx).find((b) => b.fileName === name && b.kind === 'archive');
    if (!listed) return send(res, 404, 'not found');
    const path = join(backupsDir(ctx), listed.fileName);
    res.writeHead(200, {
      ...PREVIEW_HEADERS,
      'content-type': 'application/zip',
      'content-length': String(statSync(path).size),
      'content-disposition': `attachment; filename="${listed.fileName}"`,
    });
    createReadStream(path).pipe(res);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  expectedHost = `127.0.0.1:${port}`;
  sessions.listenOn(port);
  const url = `http://${expectedHost}/`;
  const issueOpenUrl = () => `${url}?${SECRET_PARAM}=${sessions.issueSecret()}`;
  return { url, openUrl: issueOpenUrl(), issueOpenUrl, server, close: () => new Promise((r) => server.close(() => r())) };
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
