import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILE_KINDS } from '../packets/file-kind.js';
import type { BureauContext } from './context.js';

/**
 * The received photos and evidence files the bureau's project page shows, served by name: `<sha256>.<ext>`
 * (project-page.ts storedFileName), kept at `<files>/<first two hex>/<sha256>.<ext>` (attachment-kinds.ts
 * photoPath). Only a name of exactly that shape, with the extension of a kind the bureau keeps, is looked up,
 * so no other file under or beside the folder (pending packets, the database, the key) can be asked for.
 * The app:// protocol (electron/app/desk-session.ts) and the preview bridge use this one function.
 */

export interface ServedFile {
  status: number;
  body: Uint8Array | string;
  contentType: string;
}

const KINDS = new Map(Object.values(FILE_KINDS).map((k) => [k.ext, k.mimeType]));
const NAME = /^([0-9a-f]{64})\.([a-z]{3,4})$/;
const TEXT = 'text/plain; charset=utf-8';

export function serveBureauFile(ctx: Pick<BureauContext, 'filesDir'>, name: string): ServedFile {
  const m = NAME.exec(name);
  const contentType = m ? KINDS.get(m[2]!) : undefined;
  if (!m || !contentType) return { status: 404, body: 'not found', contentType: TEXT };
  try {
    return { status: 200, body: readFileSync(join(ctx.filesDir, m[1]!.slice(0, 2), name)), contentType };
  } catch {
    return { status: 404, body: 'not found', contentType: TEXT };
  }
}
