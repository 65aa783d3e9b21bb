import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { BureauContext } from '../bureau/context.js';
import { bureauFileLocations } from '../bureau/page-files.js';
import { PREVIEW_HEADERS, send } from './responses.js';

/**
 * The bureau desk's files over the preview bridge (behind its session cookie, like every route):
 * `/files/<sha256>.<ext>`: a photo or evidence file received in a weekly packet, for the project page;
 * `/outbox/<name>`: a file the desk wrote into its outbox (assignments, the ledger, the summary, a backup, a
 * receipt), as a download: the preview's "save to a USB stick". Only plain names: nothing outside those folders.
 */

const RECEIVED = /^([0-9a-f]{64})\.(jpg|png|webp|pdf)$/;
const TYPES: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp', pdf: 'application/pdf' };

export function sendBureauFile(res: ServerResponse, ctx: BureauContext, route: 'files' | 'outbox', name: string | null): void {
  const path = name === null ? null : route === 'files' ? receivedPath(ctx, name) : outboxPath(ctx, name);
  if (!path || !existsSync(path) || !statSync(path).isFile()) return send(res, 404, 'not found');
  const type = route === 'files' ? TYPES[RECEIVED.exec(name!)![2]!]! : 'application/octet-stream';
  const disposition =
    route === 'outbox' ? { 'content-disposition': `attachment; filename="${asciiName(name!)}"; filename*=UTF-8''${encodeURIComponent(name!)}` } : {};
  res.writeHead(200, { ...PREVIEW_HEADERS, 'content-type': type, 'content-length': String(statSync(path).size), ...disposition });
  createReadStream(path).pipe(res);
}

function receivedPath(ctx: BureauContext, name: string): string | null {
  const match = RECEIVED.exec(name);
  return match ? join(ctx.filesDir, match[1]!.slice(0, 2), name) : null;
}

function outboxPath(ctx: BureauContext, name: string): string | null {
  // One plain name: no folders, no dot files, no control characters.
  if (!name || name.startsWith('.') || /[/\\\u0000-\u001f]/.test(name)) return null;
  return join(bureauFileLocations(ctx).outboxDir, name);
}

const asciiName = (name: string) => name.replace(/[^\x20-\x7e]|"/g, '_');
