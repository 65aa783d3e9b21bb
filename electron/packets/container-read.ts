import { basename } from 'node:path';
import { readFileSync, statSync } from 'node:fs';
import type yauzl from 'yauzl';
import { AppError } from '@shared/errors.js';
import {
  ENTRY_PATH_PATTERN,
  MANIFEST_PATH,
  PACKET_FORMAT,
  PACKET_FORMAT_VERSION,
  PacketManifest,
  SIGNATURE_PATH,
  type ManifestEntry,
  type PacketKind,
} from '@shared/packets/manifest.js';
import { packetError, type PacketProblem } from './errors.js';
import { hashFile, sha256Hex } from './hashing.js';
import { keyFingerprint, verifyBytes } from './keys.js';
import { resolveLimits, type PacketLimits } from './limits.js';
import type { ProgressCallback } from './progress.js';
import { inflateEntry, listEntries, openZip, ZipEntryError, type EntryProblem, type InflatedEntry } from './zip-reader.js';
import { checkZipLayout } from './zip-layout.js';

/** Reading a packet: proving it (caps, entry shapes, signature, every entry's hash) before anything trusts it. */

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

/**
 * Up to this size a packet is read whole, once: a weekly packet without photos is tens of kilobytes, and
 * reading it through the descriptor took dozens of small reads, each a round trip through the thread pool
 * (on a busy machine most of the bureau's ingest time, issue 11). Larger files stream as before, so memory
 * stays bounded by this figure.
 */
const WHOLE_READ_BYTES = 8 * 1024 * 1024;

/** How the zip reader's refusals read as a packet's (errors.ts): a damaged entry is a damaged packet. */
const ENTRY_PROBLEMS: Record<EntryProblem, PacketProblem> = {
  unreadable: 'not_a_zip',
  over_cap: 'entry_too_large',
  over_declared: 'entry_too_large',
  damaged: 'size_mismatch',
};

/** Inflates one entry under its cap (zip-reader.ts), any refusal a packet_invalid naming the entry. */
async function inflate(zip: yauzl.ZipFile, entry: yauzl.Entry, cap: number, keep = true): Promise<InflatedEntry> {
  try {
    return await inflateEntry(zip, entry, cap, keep);
  } catch (error) {
    if (!(error instanceof ZipEntryError)) throw error;
    const params: Record<string, string | number> = error.problem === 'over_cap' ? { entry: error.entry, limit: cap } : { entry: error.entry };
    throw packetError(ENTRY_PROBLEMS[error.problem], error.message, params);
  }
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
    zip = await openZip(whole ?? filePath);
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

  const manifestBytes = (await inflate(zip, manifestEntry, limits.maxManifestBytes)).data;
  const manifest = parseManifest(manifestBytes, options.expectedKind);
  options.onProgress?.({ phase: 'verify', done: 0, total: fileBytes });

  const signatureText = (await inflate(zip, signatureEntry, limits.maxSignatureBytes)).data.toString('utf8').trim();
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
    const inflated = await inflate(zip, entry, Math.min(item.bytes, limits.maxEntryBytes), keep);
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

function checkInflated(item: ManifestEntry, inflated: InflatedEntry): void {
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
    const inflated = await inflate(zip, entry, Math.min(item.bytes, limits.maxEntryBytes));
    checkInflated(item, inflated);
    return inflated.data;
  } finally {
    if (zip.isOpen) zip.close();
  }
}
