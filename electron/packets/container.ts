import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Readable, Transform, pipeline as streamPipeline } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { AppError } from '@shared/errors.js';
import {
  ENTRY_PATH_PATTERN,
  MANIFEST_PATH,
  PACKET_FORMAT,
  PACKET_FORMAT_VERSION,
  PacketManifest,
  SENDER_OF_KIND,
  SIGNATURE_PATH,
  type ManifestEntry,
  type PacketKind,
} from '@shared/packets/manifest.js';
import { packetError } from './errors.js';
import { keyFingerprint, normalizePublicKeyPem, signBytes, verifyBytes, type KeyPairPem } from './keys.js';
import { resolveLimits, type PacketLimits } from './limits.js';
import { checkZipLayout } from './zip-layout.js';

export const sha256Hex = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

export interface PacketProgress {
  /**
   * read/verify: opening a packet; collect/photos/ledger/write: exporting one; backup/apply: applying an
   * assignment (the copy of the database taken first, then the one transaction).
   */
  phase: 'read' | 'verify' | 'collect' | 'photos' | 'ledger' | 'write' | 'backup' | 'apply';
  done: number;
  total: number;
}
export type ProgressCallback = (progress: PacketProgress) => void;

// ───────────────────────────── writing ─────────────────────────────

export interface PacketEntryInput {
  path: string;
  data: Uint8Array;
  /** Deflate the entry (default true; photos are stored as they are). */
  compress?: boolean;
}

/**
 * A large entry (a photo) whose bytes are produced only when the zip is written, one entry at a time, so
 * memory holds one photo however many the packet carries. Its size and SHA-256 are known beforehand (they
 * go into the signed manifest); bytes that do not match them when loaded fail the write.
 */
export interface LazyPacketEntry {
  path: string;
  bytes: number;
  sha256: string;
  /** The bytes, or a stream of them (a file read in chunks: memory then holds a chunk, not a photo). */
  load(): Promise<Uint8Array | Readable> | Uint8Array | Readable;
  compress?: boolean;
}

const isLazy = (e: PacketEntryInput | LazyPacketEntry): e is LazyPacketEntry => typeof (e as LazyPacketEntry).load === 'function';

export interface PacketSpec {
  kind: PacketKind;
  officerId: string;
  sequence: number;
  /** A fresh UUID when omitted. */
  packetId?: string;
  createdAt: string;
  senderName: string;
  keys: KeyPairPem;
  writtenBy: string;
  entries: readonly (PacketEntryInput | LazyPacketEntry)[];
}

export interface SignedManifest {
  manifest: PacketManifest;
  manifestBytes: Buffer;
  /** base64 of the 64-byte Ed25519 signature over `manifestBytes`, as stored in manifest.sig. */
  signatureText: string;
}

/** Hashes the entries, writes the manifest and signs its exact bytes. */
export function buildSignedManifest(spec: PacketSpec): SignedManifest {
  const publicKey = normalizePublicKeyPem(spec.keys.publicKeyPem);
  const entries: ManifestEntry[] = spec.entries.map((e) =>
    isLazy(e) ? { path: e.path, sha256: e.sha256, bytes: e.bytes } : { path: e.path, sha256: sha256Hex(e.data), bytes: e.data.byteLength },
  );
  const candidate = {
    format: PACKET_FORMAT,
    formatVersion: PACKET_FORMAT_VERSION,
    kind: spec.kind,
    packetId: spec.packetId ?? randomUUID(),
    officerId: spec.officerId,
    sender: { role: SENDER_OF_KIND[spec.kind], name: spec.senderName, publicKey, keyFingerprint: keyFingerprint(publicKey) },
    sequence: spec.sequence,
    createdAt: spec.createdAt,
    writtenBy: spec.writtenBy,
    entries,
  };
  // The writer checks its own output with the reader's schema: a packet this app writes is one it accepts.
  const parsed = PacketManifest.safeParse(candidate);
  if (!parsed.success) throw AppError.fromZod(parsed.error, 'manifest');
  const manifestBytes = Buffer.from(`${JSON.stringify(parsed.data, null, 2)}\n`, 'utf8');
  const signatureText = `${signBytes(manifestBytes, spec.keys.privateKeyPem).toString('base64')}\n`;
  return { manifest: parsed.data, manifestBytes, signatureText };
}

export interface PendingPacket {
  tempPath: string;
  manifest: PacketManifest;
  fileSha256: string;
  bytes: number;
  /** Renames the temp file to its final name (same folder) and syncs the folder. */
  commit(finalPath: string): void;
  /** Removes the temp file. */
  discard(): void;
}

function fsyncPath(path: string, flags: 'r' | 'r+'): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes the zip to a temp file in `dir` (same file system as the final name), fsyncs it, and hands back
 * a commit that renames it into place. A crash leaves either no file or a complete one, never half of it.
 */
export async function writePacketToTemp(dir: string, spec: PacketSpec, onProgress?: ProgressCallback): Promise<PendingPacket> {
  const { manifest, manifestBytes, signatureText } = buildSignedManifest(spec);
  const mtime = new Date(spec.createdAt);
  const zip = new yazl.ZipFile();
  zip.addBuffer(manifestBytes, MANIFEST_PATH, { mtime, mode: 0o100644 });
  zip.addBuffer(Buffer.from(signatureText, 'utf8'), SIGNATURE_PATH, { mtime, mode: 0o100644, compress: false });
  for (const e of spec.entries) {
    if (isLazy(e)) {
      // Loaded when yazl reaches the entry (entries are written in order, one at a time) and checked against the manifest.
      zip.addReadStreamLazy(e.path, { mtime, mode: 0o100644, compress: e.compress ?? false, size: e.bytes }, (callback) => {
        Promise.resolve()
          .then(() => e.load())
          .then((data) => {
            const changed = () => new Error(`entry ${e.path} changed while the packet was written (its bytes no longer match the manifest)`);
            if (data instanceof Readable) {
              // Checked as it streams; a mismatch at the end fails the whole write (the temp file is then removed).
              const hash = createHash('sha256');
              let size = 0;
              const check = new Transform({
                transform(chunk: Buffer, _enc, done) {
                  hash.update(chunk);
                  size += chunk.length;
                  done(null, chunk);
                },
                flush(done) {
                  done(size === e.bytes && hash.digest('hex') === e.sha256 ? null : changed());
                },
              });
              callback(
                null,
                streamPipeline(data, check, (error) => error && zip.emit('error', error)),
              );
              return;
            }
            if (data.byteLength !== e.bytes || sha256Hex(data) !== e.sha256) throw changed();
            callback(null, Readable.from([Buffer.from(data.buffer, data.byteOffset, data.byteLength)]));
          })
          .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null as never));
      });
      continue;
    }
    zip.addBuffer(Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength), e.path, { mtime, mode: 0o100644, compress: e.compress ?? true });
  }
  // yazl reports a failed lazy entry on the ZipFile, not on its stream: fail the stream so the pipeline stops.
  zip.on('error', (error: Error) => zip.outputStream.emit('error', error));
  zip.end();

  const tempPath = join(dir, `.sponsor-desk-${randomBytes(6).toString('hex')}.tmp`);
  const total = spec.entries.reduce((n, e) => n + (isLazy(e) ? e.bytes : e.data.byteLength), manifestBytes.length);
  const hash = createHash('sha256');
  let written = 0;
  let lastReport = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      written += chunk.length;
      if (onProgress && written - lastReport > 1 << 20) {
        lastReport = written;
        onProgress({ phase: 'write', done: Math.min(written, total), total });
      }
      done(null, chunk);
    },
  });
  try {
    // 0600: a packet carries the officer's records; the owner alone reads it until they hand it on.
    await pipeline(zip.outputStream, tap, createWriteStream(tempPath, { flags: 'wx', mode: 0o600 }));
    fsyncPath(tempPath, 'r+');
  } catch (error) {
    rmSync(tempPath, { force: true });
    throw error;
  }
  onProgress?.({ phase: 'write', done: total, total });
  const fileSha256 = hash.digest('hex');
  return {
    tempPath,
    manifest,
    fileSha256,
    bytes: written,
    commit(finalPath: string) {
      if (dirname(finalPath) !== dirname(tempPath)) throw new Error('a packet is renamed within its folder only');
      renameSync(tempPath, finalPath);
      try {
        fsyncPath(dirname(finalPath), 'r');
      } catch {
        // Directories cannot be opened for fsync on Windows; the rename is already durable enough there.
      }
    },
    discard() {
      rmSync(tempPath, { force: true });
    },
  };
}

export interface WrittenPacket {
  filePath: string;
  manifest: PacketManifest;
  fileSha256: string;
  bytes: number;
}

/** Writes a signed packet atomically to `filePath`. */
export async function writePacketFile(filePath: string, spec: PacketSpec, onProgress?: ProgressCallback): Promise<WrittenPacket> {
  const pending = await writePacketToTemp(dirname(filePath), spec, onProgress);
  try {
    pending.commit(filePath);
  } catch (error) {
    pending.discard();
    throw error;
  }
  return { filePath, manifest: pending.manifest, fileSha256: pending.fileSha256, bytes: pending.bytes };
}

// ───────────────────────────── reading ─────────────────────────────

export interface ReadPacketOptions {
  expectedKind: PacketKind;
  /**
   * The public key (PEM) the manifest must be signed with: the pinned bureau key for an assignment, the
   * registered officer key for a weekly packet. Called with the parsed but not yet verified manifest; may
   * throw an AppError (no key pinned, unknown officer).
   */
  resolveKey(manifest: PacketManifest): string;
  limits?: Partial<PacketLimits>;
  onProgress?: ProgressCallback;
  /**
   * Which payload entries to hold in memory (default: all). The others are still inflated and checked
   * against the manifest while the packet is read, a chunk at a time, but not kept: `readEntry` reads one
   * again (verifying it again) when it is needed. So a packet of photos is proved with bounded memory.
   */
  keepInMemory?: (path: string) => boolean;
}

export interface OpenedPacket {
  filePath: string;
  fileName: string;
  fileSha256: string;
  fileBytes: number;
  manifest: PacketManifest;
  manifestBytes: Buffer;
  /** SHA-256 of manifest.json: identifies the content (a re-sent file has the same). */
  manifestSha256: string;
  /** Payload entries by path, each verified against the manifest's hash (those `keepInMemory` kept: all by default). */
  entries: Map<string, Buffer>;
  /**
   * One payload entry's bytes, read from the file again and verified against the signed manifest (size
   * and SHA-256): for entries not kept in memory. A file changed since it was opened fails here.
   */
  readEntry(path: string): Promise<Buffer>;
}

/** The file is read through its descriptor where needed, never whole into memory. Closed by the caller. */
function openZip(filePath: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(filePath, { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true, decodeStrings: true }, (err, zip) =>
      err || !zip ? reject(err ?? new Error('no zip')) : resolve(zip),
    );
  });
}

/**
 * Up to this size a packet is read whole, once: a weekly packet without photos is tens of kilobytes, and
 * reading it through the descriptor took dozens of small reads, each a round trip through the thread pool
 * (on a busy machine most of the bureau's ingest time, issue 11). Larger files stream as before, so memory
 * stays bounded by this figure.
 */
const WHOLE_READ_BYTES = 8 * 1024 * 1024;

function openZipBuffer(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true, decodeStrings: true }, (err, zip) =>
      err || !zip ? reject(err ?? new Error('no zip')) : resolve(zip),
    );
  });
}

/** SHA-256 of a file, read in chunks. */
async function hashFile(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath, { highWaterMark: 256 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Reads the central directory only: names, sizes and attributes, nothing inflated. */
function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

interface Inflated {
  /** The bytes, or an empty buffer when they were not kept. */
  data: Buffer;
  size: number;
  sha256: string;
}

/** Inflates one entry, stopping as soon as it yields more than `cap` bytes, whatever its header claims. */
function inflateEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, cap: number): Promise<Buffer> {
  return inflateAndHash(zip, entry, cap, true).then((r) => r.data);
}

/** Inflates one entry under its cap, hashing as it goes; keeps the bytes only when asked. */
function inflateAndHash(zip: yauzl.ZipFile, entry: yauzl.Entry, cap: number, keep: boolean): Promise<Inflated> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      // A damaged local header (its data running past the file, a bad signature) is a damaged zip, not a crash.
      if (err || !stream) {
        return reject(
          packetError('not_a_zip', `damaged zip: entry ${entry.fileName} cannot be read (${err?.message ?? 'no stream'})`, { entry: entry.fileName }),
        );
      }
      const chunks: Buffer[] = [];
      const hash = createHash('sha256');
      let size = 0;
      let failed = false;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > cap && !failed) {
          failed = true;
          (stream as unknown as { destroy(): void }).destroy();
          reject(packetError('entry_too_large', `entry ${entry.fileName} inflates to more than ${cap} bytes`, { entry: entry.fileName, limit: cap }));
          return;
        }
        hash.update(chunk);
        if (keep) chunks.push(chunk);
      });
      stream.once('error', (e: Error) => {
        if (failed) return;
        failed = true;
        if (/too many bytes/i.test(e.message)) {
          reject(
            packetError('entry_too_large', `entry ${entry.fileName} inflates to more than it declares (${entry.uncompressedSize} bytes)`, {
              entry: entry.fileName,
            }),
          );
          return;
        }
        reject(packetError('size_mismatch', `entry ${entry.fileName} is damaged or its size is false: ${e.message}`, { entry: entry.fileName }));
      });
      stream.once('end', () => {
        if (!failed) resolve({ data: keep ? Buffer.concat(chunks, size) : Buffer.alloc(0), size, sha256: hash.digest('hex') });
      });
    });
  });
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;

/** Refuses anything but a plain file with a safe name: checked before anything is inflated. */
function checkEntryShape(entry: yauzl.Entry, limits: PacketLimits): void {
  const name = entry.fileName;
  const unixMode = (entry.externalFileAttributes >>> 16) & 0xffff;
  const fileType = unixMode & S_IFMT;
  if (fileType === S_IFLNK) throw packetError('unsafe_entry', `entry ${name} is a symbolic link`, { entry: name });
  if (name.endsWith('/') || (fileType !== 0 && fileType !== S_IFREG) || (entry.externalFileAttributes & 0x10) !== 0) {
    throw packetError('unsafe_entry', `entry ${name} is not a plain file`, { entry: name });
  }
  if (name !== MANIFEST_PATH && name !== SIGNATURE_PATH && !ENTRY_PATH_PATTERN.test(name)) {
    throw packetError('unsafe_entry', `entry name ${JSON.stringify(name)} is not allowed`, { entry: name });
  }
  if (entry.isEncrypted()) throw packetError('unsafe_entry', `entry ${name} is encrypted`, { entry: name });
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    throw packetError('unsafe_entry', `entry ${name} uses an unsupported compression method ${entry.compressionMethod}`, { entry: name });
  }
  const cap = name === MANIFEST_PATH ? limits.maxManifestBytes : name === SIGNATURE_PATH ? limits.maxSignatureBytes : limits.maxEntryBytes;
  if (entry.uncompressedSize > cap) {
    throw packetError('entry_too_large', `entry ${name} declares ${entry.uncompressedSize} bytes, more than the limit of ${cap}`, {
      entry: name,
      bytes: entry.uncompressedSize,
      limit: cap,
    });
  }
}

function parseManifest(bytes: Buffer, expectedKind: PacketKind): PacketManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw packetError('manifest_invalid', `manifest.json is not valid JSON: ${(error as Error).message}`);
  }
  const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  if (obj.format !== PACKET_FORMAT) {
    throw packetError('not_a_packet', `not a Sponsor Desk packet (format ${JSON.stringify(obj.format ?? null)})`);
  }
  if (obj.formatVersion !== PACKET_FORMAT_VERSION) {
    throw packetError(
      'format_version',
      `packet format version ${JSON.stringify(obj.formatVersion ?? null)} is not supported (this app reads version ${PACKET_FORMAT_VERSION}); update Sponsor Desk`,
      { found: String(obj.formatVersion ?? ''), supported: PACKET_FORMAT_VERSION },
    );
  }
  if (obj.kind !== expectedKind && typeof obj.kind === 'string') {
    throw packetError('wrong_kind', `this is a ${obj.kind} packet, expected a ${expectedKind} packet`, { found: obj.kind, expected: expectedKind });
  }
  const parsed = PacketManifest.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw packetError('manifest_invalid', `manifest.json is invalid: ${issues[0]?.path}: ${issues[0]?.message}`, {}, issues);
  }
  return parsed.data;
}

/**
 * Opens a packet file and proves it: the zip's central directory is checked against the caps and for
 * unsafe entries before anything is inflated; the manifest is parsed and its signature verified with the
 * key `resolveKey` gives before any payload entry is read; every payload entry is inflated under its cap
 * and checked against the manifest's SHA-256. Any failure is an AppError (packet_invalid or
 * packet_signature) with a `reason`; nothing is written anywhere. A file above 8 MB is never read whole
 * into memory: its SHA-256 is computed in chunks, the zip is read through its descriptor, and each entry is
 * hashed as it inflates (held only when `keepInMemory` says so); a smaller one is read in one go.
 */
export async function readPacketFile(filePath: string, options: ReadPacketOptions): Promise<OpenedPacket> {
  const opened: yauzl.ZipFile[] = [];
  try {
    return await proveAndRead(filePath, options, opened);
  } finally {
    for (const zip of opened) if (zip.isOpen) zip.close();
  }
}

async function proveAndRead(filePath: string, options: ReadPacketOptions, opened: yauzl.ZipFile[]): Promise<OpenedPacket> {
  const limits = resolveLimits(options.limits);
  let fileBytes: number;
  try {
    const st = statSync(filePath);
    if (!st.isFile()) throw new Error('not a file');
    fileBytes = st.size;
  } catch {
    throw new AppError('not_found', `packet file not found: ${filePath}`, { what: 'packet', path: filePath });
  }
  if (fileBytes > limits.maxFileBytes) {
    throw packetError('too_large', `the file is ${fileBytes} bytes, more than the limit of ${limits.maxFileBytes}`, {
      bytes: fileBytes,
      limit: limits.maxFileBytes,
    });
  }
  options.onProgress?.({ phase: 'read', done: 0, total: fileBytes });
  // A small file in one read (hash and zip from the same bytes); a large one hashed in chunks and read through its descriptor.
  const whole = fileBytes <= WHOLE_READ_BYTES ? readFileSync(filePath) : null;
  if (whole && whole.length > limits.maxFileBytes) {
    throw packetError('too_large', `the file is ${whole.length} bytes, more than the limit of ${limits.maxFileBytes}`, {
      bytes: whole.length,
      limit: limits.maxFileBytes,
    });
  }
  if (whole) fileBytes = whole.length; // grown or shrunk since the stat: these bytes are what is checked
  const fileSha256 = whole ? sha256Hex(whole) : await hashFile(filePath);

  let zip: yauzl.ZipFile;
  try {
    zip = await (whole ? openZipBuffer(whole) : openZip(filePath));
    opened.push(zip);
  } catch (error) {
    throw packetError('not_a_zip', `not a packet: the file is not a zip or is truncated (${(error as Error).message})`);
  }
  if (zip.entryCount > limits.maxEntries) {
    throw packetError('too_many_entries', `the packet has ${zip.entryCount} entries, more than the limit of ${limits.maxEntries}`, {
      entries: zip.entryCount,
      limit: limits.maxEntries,
    });
  }
  let entries: yauzl.Entry[];
  try {
    entries = await listEntries(zip);
  } catch (error) {
    const message = (error as Error).message;
    const unsafe = /absolute path|invalid relative path|invalid characters/.test(message);
    throw packetError(unsafe ? 'unsafe_entry' : 'not_a_zip', unsafe ? `unsafe entry name: ${message}` : `damaged zip: ${message}`);
  }

  const byName = new Map<string, yauzl.Entry>();
  let total = 0;
  for (const entry of entries) {
    checkEntryShape(entry, limits);
    if (byName.has(entry.fileName)) throw packetError('duplicate_entry', `entry ${entry.fileName} appears twice`, { entry: entry.fileName });
    byName.set(entry.fileName, entry);
    total += entry.uncompressedSize;
    if (total > limits.maxTotalBytes) {
      throw packetError('total_too_large', `the packet unpacks to more than the limit of ${limits.maxTotalBytes} bytes`, { limit: limits.maxTotalBytes });
    }
  }

  checkZipLayout(entries);

  const manifestEntry = byName.get(MANIFEST_PATH);
  if (!manifestEntry) throw packetError('missing_manifest', 'not a packet: manifest.json is missing');
  const signatureEntry = byName.get(SIGNATURE_PATH);
  if (!signatureEntry) throw packetError('signature_missing', 'the packet is not signed (manifest.sig is missing)');

  const manifestBytes = await inflateEntry(zip, manifestEntry, limits.maxManifestBytes);
  const manifest = parseManifest(manifestBytes, options.expectedKind);
  options.onProgress?.({ phase: 'verify', done: 0, total: fileBytes });

  const signatureText = (await inflateEntry(zip, signatureEntry, limits.maxSignatureBytes)).toString('utf8').trim();
  const signature = /^[A-Za-z0-9+/]+={0,2}$/.test(signatureText) ? Buffer.from(signatureText, 'base64') : Buffer.alloc(0);
  const keyPem = options.resolveKey(manifest);
  if (!verifyBytes(manifestBytes, signature, keyPem)) {
    const trusted = keyFingerprint(keyPem);
    if (manifest.sender.keyFingerprint !== trusted && signature.length === 64) {
      throw packetError('signature_wrong_key', `the packet is signed by another key (${manifest.sender.keyFingerprint}), not the trusted one (${trusted})`, {
        found: manifest.sender.keyFingerprint,
        expected: trusted,
      });
    }
    throw packetError('signature_bad', 'the signature does not match the manifest: the file was changed after it was signed, or is damaged', {
      expected: trusted,
    });
  }

  // The manifest is now authentic. The zip must hold exactly its entries, with exactly its sizes and hashes.
  const listed = new Map(manifest.entries.map((e) => [e.path, e]));
  for (const name of byName.keys()) {
    if (name !== MANIFEST_PATH && name !== SIGNATURE_PATH && !listed.has(name)) {
      throw packetError('entries_mismatch', `entry ${name} is in the zip but not in the signed manifest`, { entry: name });
    }
  }
  const payload = new Map<string, Buffer>();
  const payloadTotal = manifest.entries.reduce((n, e) => n + e.bytes, 0);
  let done = 0;
  for (const item of manifest.entries) {
    const entry = byName.get(item.path);
    if (!entry) throw packetError('entries_mismatch', `entry ${item.path} is listed in the manifest but missing from the zip`, { entry: item.path });
    if (entry.uncompressedSize !== item.bytes) {
      throw packetError('size_mismatch', `entry ${item.path} has ${entry.uncompressedSize} bytes, the manifest says ${item.bytes}`, { entry: item.path });
    }
    const keep = options.keepInMemory?.(item.path) ?? true;
    const inflated = await inflateAndHash(zip, entry, Math.min(item.bytes, limits.maxEntryBytes), keep);
    checkInflated(item, inflated);
    if (keep) payload.set(item.path, inflated.data);
    done += inflated.size;
    options.onProgress?.({ phase: 'verify', done, total: payloadTotal });
  }
  return {
    filePath,
    fileName: basename(filePath),
    fileSha256,
    fileBytes,
    manifest,
    manifestBytes,
    manifestSha256: sha256Hex(manifestBytes),
    entries: payload,
    readEntry: (path) => readEntryAgain(filePath, manifest, path, limits),
  };
}

function checkInflated(item: ManifestEntry, inflated: Inflated): void {
  if (inflated.size !== item.bytes) {
    throw packetError('size_mismatch', `entry ${item.path} has ${inflated.size} bytes, the manifest says ${item.bytes}`, { entry: item.path });
  }
  if (inflated.sha256 !== item.sha256) {
    throw packetError('hash_mismatch', `entry ${item.path} does not match its SHA-256 in the manifest: the file was changed or damaged`, { entry: item.path });
  }
}

/** One payload entry of an already proved packet, read again from the file and checked again. */
async function readEntryAgain(filePath: string, manifest: PacketManifest, path: string, limits: PacketLimits): Promise<Buffer> {
  const item = manifest.entries.find((e) => e.path === path);
  if (!item) throw packetError('entries_mismatch', `entry ${path} is not in the signed manifest`, { entry: path });
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(filePath);
  } catch (error) {
    throw packetError('not_a_zip', `the packet file changed or went away since it was opened (${(error as Error).message})`);
  }
  try {
    const entry = (await listEntries(zip)).find((e) => e.fileName === path);
    if (!entry) throw packetError('entries_mismatch', `entry ${path} is missing from the zip`, { entry: path });
    const inflated = await inflateAndHash(zip, entry, Math.min(item.bytes, limits.maxEntryBytes), true);
    checkInflated(item, inflated);
    return inflated.data;
  } finally {
    if (zip.isOpen) zip.close();
  }
}

type ElementSchema = { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } };
type ZodInternals = { _zod?: { def: { type: string; innerType?: unknown; element?: unknown } } };

/**
 * Zod checks every element of an array and makes an issue for each wrong one: a signed payload with a
 * million wrong values in one array costs seconds and a million issue objects. So the long top-level arrays
 * of an object schema are checked element by element first, stopping at the first wrong one (a valid array
 * costs one more pass, about half a second per million elements).
 */
function firstBadElement(raw: unknown, schema: unknown): { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } | null {
  const shape = (schema as { shape?: Record<string, ZodInternals> }).shape;
  if (!shape || raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  for (const [key, field] of Object.entries(shape)) {
    const value = (raw as Record<string, unknown>)[key];
    if (!Array.isArray(value) || value.length <= 1000) continue;
    let s: ZodInternals | undefined = field;
    while (s?._zod && ['default', 'optional', 'prefault', 'nullable'].includes(s._zod.def.type)) s = s._zod.def.innerType as ZodInternals;
    const element = s?._zod?.def.type === 'array' ? (s._zod.def.element as ElementSchema) : undefined;
    if (!element) continue;
    for (let i = 0; i < value.length; i++) {
      const r = element.safeParse(value[i]);
      if (!r.success) return { success: false, error: { issues: (r.error?.issues ?? []).map((x) => ({ ...x, path: [key, i, ...x.path] })) } };
    }
  }
  return null;
}

/** Parses a JSON payload entry with its schema; any problem is a packet_invalid naming the field. */
export function parsePayloadJson<T>(
  packet: OpenedPacket,
  path: string,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } },
): T {
  const bytes = packet.entries.get(path);
  if (!bytes) throw packetError('payload_invalid', `the packet has no ${path}`, { entry: path });
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw packetError('payload_invalid', `${path} is not valid JSON: ${(error as Error).message}`, { entry: path });
  }
  const parsed = firstBadElement(raw, schema) ?? schema.safeParse(raw);
  if (!parsed.success) {
    // At most 100 issues travel: a million wrong values must not become a million-line error.
    const issues = parsed.error.issues.slice(0, 100).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    const first = issues[0];
    throw packetError(
      'payload_invalid',
      `${path} is invalid: ${first?.path || '(root)'}: ${first?.message}`,
      { entry: path, field: first?.path ?? '' },
      issues,
    );
  }
  return parsed.data;
}
