import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { BureauContext } from '../bureau/context.js';
import { bureauFileLocations } from '../bureau/page-files.js';
import { serveBureauFile } from '../bureau/project-page-files.js';
import { PREVIEW_HEADERS, send } from './responses.js';

/**
 * The bureau desk's files over the preview bridge (behind its session cookie, like every route):
 * `/files/<sha256>.<ext>`: a photo or evidence file received in a weekly packet, for the project page (the same
 * function as the desktop's app:// protocol);
 * `/outbox/<name>`: a file the desk wrote into its outbox (assignments, the ledger, the summary, a backup, a
 * receipt), as a download: the preview's "save to a USB stick". Only plain names: nothing outside those folders.
 */
export function sendBureauFile(res: ServerResponse, ctx: BureauContext, route: 'files' | 'outbox', name: string | null): void {
  if (route === 'files') {
    const served = name === null ? null : serveBureauFile(ctx, name);
    return served ? send(res, served.status, Buffer.from(served.body), served.contentType) : send(res, 404, 'not found');
  }
  const path = name === null ? null : outboxPath(ctx, name);
  if (!path || !existsSync(path) || !statSync(path).isFile()) return send(res, 404, 'not found');
  res.writeHead(200, {
    ...PREVIEW_HEADERS,
    'content-type': 'application/octet-stream',
    'content-length': String(statSync(path).size),
    'content-disposition': `attachment; filename="${asciiName(name!)}"; filename*=UTF-8''${encodeURIComponent(name!)}`,
  });
  createReadStream(path).pipe(res);
}

function outboxPath(ctx: BureauContext, name: string): string | null {
  // One plain name: no folders, no dot files, no control characters.
  if (!name || name.startsWith('.') || /[/\\\u0000-\u001f]/.test(name)) return null;
  return join(bureauFileLocations(ctx).outboxDir, name);
}

const asciiName = (name: string) => name.replace(/[^\x20-\x7e]|"/g, '_');
