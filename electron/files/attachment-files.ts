import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, createReadStream, existsSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { join, resolve, sep } from 'node:path';
import { z } from 'zod';
import { AppError } from '@shared/errors.js';
import { isEncrypted, type SqliteDatabase } from '../store/driver.js';
import { writeFileAtomically } from '../store/private-files.js';
import { readSetting, writeSetting } from '../store/repositories/settings.js';
import type { ServiceContext } from '../handlers/context.js';

/**
 * Photos and evidence files at rest. In an unprotected store they are the plain files. In a protected
 * store (a passphrase on the database) every file in the attachments folder, thumbnails included, is
 * sealed with AES-256-GCM under a random 256-bit data key kept in the encrypted database's settings
 * (`attachment_keys`): the file key is protected by the database encryption, and a passphrase change
 * re-encrypts nothing but the database. The SHA-256 recorded per attachment is always that of the plain
 * bytes. Every reader (the preview bridge's /files/, the app:// protocol, the weekly export) goes through
 * `readAttachmentFile`, which opens either kind.
 *
 * A sealed file: MAGIC (8 bytes) | key id (8) | nonce (12) | ciphertext | GCM tag (16). The magic and the
 * key id are authenticated as additional data. The key id (first 8 bytes of SHA-256 over a label and the
 * key) says which key of the ring sealed it, so a restored backup that brought an older key still opens
 * every file.
 */

export const SEALED_MAGIC = Buffer.from('SDENCv1\n', 'latin1');
const KEY_ID_BYTES = 8;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = SEALED_MAGIC.length + KEY_ID_BYTES + NONCE_BYTES;

export const ATTACHMENT_KEYS_SETTING = 'attachment_keys';

const StoredKey = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/), key: z.string().min(40), createdAt: z.string() });
const KeyRing = z.array(StoredKey);
type StoredKey = z.infer<typeof StoredKey>;

export interface AttachmentKey {
  id: Buffer;
  key: Buffer;
}

function keyIdOf(key: Buffer): Buffer {
  return createHash('sha256').update('sponsor-desk attachment key id\0').update(key).digest().subarray(0, KEY_ID_BYTES);
}

/** The ring of data keys in the store's settings, newest first (empty for an unprotected store). */
export function readKeyRing(db: SqliteDatabase): AttachmentKey[] {
  return (readSetting(db, ATTACHMENT_KEYS_SETTING, KeyRing) ?? []).map((k) => ({ id: Buffer.from(k.id, 'hex'), key: Buffer.from(k.key, 'base64') }));
}

function writeKeyRing(db: SqliteDatabase, ring: readonly AttachmentKey[], createdAt: string): void {
  const stored: StoredKey[] = ring.map((k) => ({ id: k.id.toString('hex'), key: k.key.toString('base64'), createdAt }));
  writeSetting(db, ATTACHMENT_KEYS_SETTING, stored);
}

/** The key new files are sealed with: the newest of the ring, created when a protected store has none. */
export function ensureAttachmentKey(db: SqliteDatabase, now: Date): AttachmentKey {
  if (!isEncrypted(db)) throw new AppError('internal', 'attachment keys belong in a protected store only');
  const ring = readKeyRing(db);
  if (ring[0]) return ring[0];
  const key = randomBytes(32);
  const created = { id: keyIdOf(key), key };
  writeKeyRing(db, [created], now.toISOString());
  return created;
}

/** Adds keys another copy of the store knew (a restore brings an older ring) behind the ring's own. */
export function mergeKeyRing(db: SqliteDatabase, extra: readonly AttachmentKey[], now: Date): void {
  const ring = readKeyRing(db);
  const known = new Set(ring.map((k) => k.id.toString('hex')));
  const added = extra.filter((k) => !known.has(k.id.toString('hex')));
  if (added.length > 0) writeKeyRing(db, [...ring, ...added], now.toISOString());
}

export function clearKeyRing(db: SqliteDatabase): void {
  db.prepare('DELETE FROM settings WHERE key = ?').run(ATTACHMENT_KEYS_SETTING);
}

export function isSealed(data: Uint8Array): boolean {
  return data.length >= HEADER_BYTES + TAG_BYTES && Buffer.from(data.buffer, data.byteOffset, SEALED_MAGIC.length).equals(SEALED_MAGIC);
}

export function sealBytes(plain: Uint8Array, key: AttachmentKey): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const header = Buffer.concat([SEALED_MAGIC, key.id, nonce]);
  const cipher = createCipheriv('aes-256-gcm', key.key, nonce);
  cipher.setAAD(header.subarray(0, SEALED_MAGIC.length + KEY_ID_BYTES));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

/** Opens a sealed file with the ring; a file from an unknown key or changed by a single bit is refused. */
export function openSealed(sealed: Buffer, ring: readonly AttachmentKey[], what = 'file'): Buffer {
  const keyId = sealed.subarray(SEALED_MAGIC.length, SEALED_MAGIC.length + KEY_ID_BYTES);
  const key = ring.find((k) => k.id.length === keyId.length && timingSafeEqual(k.id, keyId));
  if (!key) throw new AppError('database_corrupt', `${what} is sealed with a key this store does not hold`, { reason: 'attachment_key_unknown', file: what });
  const nonce = sealed.subarray(SEALED_MAGIC.length + KEY_ID_BYTES, HEADER_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key.key, nonce);
  decipher.setAAD(sealed.subarray(0, SEALED_MAGIC.length + KEY_ID_BYTES));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new AppError('database_corrupt', `${what} is damaged (its seal does not verify)`, { reason: 'attachment_damaged', file: what });
  }
}

/** How files are written into the attachments folder of this store: sealed when it is protected. */
export function attachmentSealer(ctx: Pick<ServiceContext, 'db' | 'now'>): (plain: Buffer) => Buffer {
  if (!isEncrypted(ctx.db)) return (plain) => plain;
  const key = ensureAttachmentKey(ctx.db, ctx.now());
  return (plain) => sealBytes(plain, key);
}

/** The path of a stored file by its name, or null when the name would leave the folder. */
export function attachmentPath(attachmentsDir: string, fileName: string): string | null {
  if (!fileName || fileName.startsWith('.') || /[\\/\0:]/.test(fileName)) return null;
  const root = resolve(attachmentsDir);
  const path = resolve(root, fileName);
  return path.startsWith(root + sep) ? path : null;
}

/**
 * The plain bytes of a stored file (photo, thumbnail, evidence), opened when sealed. Null when there is no
 * such file. Refused with store_locked while the store is locked.
 */
export function readAttachmentFile(ctx: Pick<ServiceContext, 'db' | 'attachmentsDir' | 'locked'>, fileName: string): Buffer | null {
  if (ctx.locked) throw new AppError('store_locked', 'the store is locked: enter the passphrase first', { reason: 'locked' });
  const path = attachmentPath(ctx.attachmentsDir, fileName);
  if (!path || !existsSync(path) || !statSync(path).isFile()) return null;
  const data = readFileSync(path);
  return isSealed(data) ? openSealed(data, readKeyRing(ctx.db), fileName) : data;
}

/**
 * A stored file's plain bytes for a packet, without holding a large plain file in memory: a plain file as a
 * stream read in chunks, a sealed one opened (its seal must verify as a whole) into a buffer. Null when there
 * is no such file.
 */
export function attachmentSource(ctx: Pick<ServiceContext, 'db' | 'attachmentsDir' | 'locked'>, fileName: string): Readable | Buffer | null {
  if (ctx.locked) throw new AppError('store_locked', 'the store is locked: enter the passphrase first', { reason: 'locked' });
  const path = attachmentPath(ctx.attachmentsDir, fileName);
  if (!path || !existsSync(path) || !statSync(path).isFile()) return null;
  if (fileIsSealed(path)) return openSealed(readFileSync(path), readKeyRing(ctx.db), fileName);
  return createReadStream(path, { highWaterMark: 256 * 1024 });
}

/** SHA-256 and size of a stored file's plain bytes (read as `attachmentSource` gives them); null when missing. */
export async function hashAttachmentFile(
  ctx: Pick<ServiceContext, 'db' | 'attachmentsDir' | 'locked'>,
  fileName: string,
): Promise<{ sha256: string; bytes: number } | null> {
  const source = attachmentSource(ctx, fileName);
  if (!source) return null;
  const hash = createHash('sha256');
  let bytes = 0;
  if (Buffer.isBuffer(source)) {
    hash.update(source);
    bytes = source.length;
  } else {
    for await (const chunk of source) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** The stored files of the folder (temp files of an interrupted write and dot-files are not). */
function storedFiles(attachmentsDir: string): string[] {
  if (!existsSync(attachmentsDir)) return [];
  return readdirSync(attachmentsDir)
    .filter((name) => !name.startsWith('.') && !name.endsWith('.tmp'))
    .filter((name) => statSync(join(attachmentsDir, name)).isFile())
    .sort();
}

/** True when the file at `path` starts sealed: only its first bytes are read. */
export function fileIsSealed(path: string): boolean {
  const head = Buffer.alloc(SEALED_MAGIC.length);
  const fd = openSync(path, 'r');
  try {
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(SEALED_MAGIC);
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes every file in the folder match the store: sealed with the newest key when the store is protected,
 * plain when it is not (opened with the ring, which stays in the database until no sealed file is left).
 * Only each file's first bytes are read to tell; a file that must change is replaced atomically, one at a
 * time, so an interrupted run is finished by the next (opening or unlocking the store runs it). Returns how
 * many files changed.
 */
export function reconcileAttachmentFiles(ctx: Pick<ServiceContext, 'db' | 'attachmentsDir' | 'now'>): number {
  const protectedStore = isEncrypted(ctx.db);
  const key = protectedStore ? ensureAttachmentKey(ctx.db, ctx.now()) : null;
  const ring = readKeyRing(ctx.db);
  if (!key && ring.length === 0) return 0; // never protected, or already finished: nothing can be sealed
  let changed = 0;
  for (const name of storedFiles(ctx.attachmentsDir)) {
    const path = join(ctx.attachmentsDir, name);
    const sealed = fileIsSealed(path);
    if (key && !sealed) {
      writeFileAtomically(path, sealBytes(readFileSync(path), key));
      changed += 1;
    } else if (!key && sealed) {
      writeFileAtomically(path, openSealed(readFileSync(path), ring, name));
      changed += 1;
    }
  }
  // Unprotected and every file plain again: the keys protect nothing any more.
  if (!key) clearKeyRing(ctx.db);
  return changed;
}

const ATTACHMENT_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
};

export interface ServedAttachment {
  status: 200 | 404 | 423 | 500;
  body: Buffer | string;
  contentType: string;
}

/**
 * One stored file for the window (the preview bridge's /files/ route and the app:// protocol's
 * app://sponsor-desk/files/ both answer with this): the plain bytes, opened when sealed; 404 for no such
 * file or a name that would leave the folder; 423 while the store is locked; 500 when a sealed file does
 * not verify.
 */
export function serveAttachment(ctx: Pick<ServiceContext, 'db' | 'attachmentsDir' | 'locked'>, fileName: string): ServedAttachment {
  const text = 'text/plain; charset=utf-8';
  if (ctx.locked) return { status: 423, body: 'locked', contentType: text };
  let data: Buffer | null;
  try {
    data = readAttachmentFile(ctx, fileName);
  } catch {
    return { status: 500, body: 'damaged', contentType: text };
  }
  if (!data) return { status: 404, body: 'not found', contentType: text };
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return { status: 200, body: data, contentType: ATTACHMENT_TYPES[ext] ?? 'application/octet-stream' };
}
