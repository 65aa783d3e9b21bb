import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '@shared/errors.js';
import {
  MANIFEST_PATH,
  PACKET_FORMAT,
  PACKET_FORMAT_VERSION,
  PacketManifest,
  SENDER_OF_KIND,
  SIGNATURE_PATH,
  type ManifestEntry,
  type PacketKind,
} from '@shared/packets/manifest.js';
import { syncFile, syncFolder } from '../store/private-files.js';
import { prepareEntry, zipChunks, type PreparedData, type PreparedZipEntry, type ZipEntrySource } from '../sync/xlsx-zip.js';
import { HashingTap, sha256Hex } from './hashing.js';
import type { ProgressCallback } from './progress.js';
import { keyFingerprint, normalizePublicKeyPem, signBytes, type KeyPairPem } from './keys.js';

/** Writing a packet: the signed manifest, then the zip under a temporary name, renamed into place when whole. */

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

/**
 * An entry whose bytes are hashed and whose deflating has started on the thread pool (`preparePacketEntry`),
 * so that the caller's main thread goes on meanwhile (the weekly export writes its workbook).
 */
export interface PreparedPacketEntry {
  path: string;
  bytes: number;
  sha256: string;
  zipped: Promise<PreparedData>;
}

type AnyEntry = PacketEntryInput | LazyPacketEntry | PreparedPacketEntry;

const isLazy = (e: AnyEntry): e is LazyPacketEntry => typeof (e as LazyPacketEntry).load === 'function';
const isPrepared = (e: AnyEntry): e is PreparedPacketEntry => 'zipped' in e;

/**
 * Level 1, as the workbooks: changes.json (4 MB for 10,000 changes) deflates in 14 ms instead of 41 ms at
 * yazl's default 6, for 396 KB instead of 354 KB (issue 11).
 */
const PACKET_DEFLATE_LEVEL = 1;

const asBuffer = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

/** Hashes the entry now and starts checksumming and deflating it on the thread pool (awaited when the zip is written). */
export function preparePacketEntry(e: PacketEntryInput): PreparedPacketEntry {
  const data = asBuffer(e.data);
  const zipped = prepareEntry(data, { compress: e.compress ?? true, level: PACKET_DEFLATE_LEVEL });
  zipped.catch(() => undefined); // a failure is thrown where the packet is written, not as an unhandled rejection
  return { path: e.path, bytes: data.length, sha256: sha256Hex(data), zipped };
}

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
  entries: readonly AnyEntry[];
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
    isLazy(e) || isPrepared(e) ? { path: e.path, sha256: e.sha256, bytes: e.bytes } : { path: e.path, sha256: sha256Hex(e.data), bytes: e.data.byteLength },
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

/** A lazy entry's bytes when the zip reaches it, checked against the manifest's size and SHA-256 as they pass. */
async function* lazyChunks(e: LazyPacketEntry): AsyncGenerator<Buffer> {
  const data = await e.load();
  const changed = () => new Error(`entry ${e.path} changed while the packet was written (its bytes no longer match the manifest)`);
  if (!(data instanceof Readable)) {
    if (data.byteLength !== e.bytes || sha256Hex(data) !== e.sha256) throw changed();
    yield asBuffer(data);
    return;
  }
  // Checked as it streams (a chunk at a time in memory); a mismatch at the end fails the whole write.
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of data as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
    yield chunk;
  }
  if (bytes !== e.bytes || hash.digest('hex') !== e.sha256) throw changed();
}

/** The zip's entries in order: the manifest, its signature, then the payload as the manifest lists it. */
async function zipEntries(spec: PacketSpec, manifestBytes: Buffer, signatureText: string): Promise<(PreparedZipEntry | ZipEntrySource)[]> {
  const level = PACKET_DEFLATE_LEVEL;
  // Every entry held in memory is deflated on the thread pool at once; lazy ones (photos) are read when reached.
  const ready = await Promise.all([
    prepareEntry(manifestBytes, { level }),
    prepareEntry(Buffer.from(signatureText, 'utf8'), { compress: false }),
    ...spec.entries.map((e) => (isLazy(e) ? null : isPrepared(e) ? e.zipped : prepareEntry(asBuffer(e.data), { compress: e.compress ?? true, level }))),
  ]);
  const [manifest, signature, ...payload] = ready;
  return [
    { name: MANIFEST_PATH, prepared: manifest! },
    { name: SIGNATURE_PATH, prepared: signature! },
    ...spec.entries.map((e, i): PreparedZipEntry | ZipEntrySource =>
      isLazy(e) ? { name: e.path, compress: e.compress ?? false, chunks: () => lazyChunks(e) } : { name: e.path, prepared: payload[i]! },
    ),
  ];
}

/**
 * Writes the zip to a temp file in `dir` (same file system as the final name), fsyncs it, and hands back
 * a commit that renames it into place. A crash leaves either no file or a complete one, never half of it.
 * The zip is written by our own writer (xlsx-zip.ts, shared with the workbooks: native checksums, deflate on
 * the thread pool) instead of yazl's; what readers see is the same layout (docs/packets.md).
 */
export async function writePacketToTemp(dir: string, spec: PacketSpec, onProgress?: ProgressCallback): Promise<PendingPacket> {
  const { manifest, manifestBytes, signatureText } = buildSignedManifest(spec);
  const entries = await zipEntries(spec, manifestBytes, signatureText);

  const tempPath = join(dir, `.sponsor-desk-${randomBytes(6).toString('hex')}.tmp`);
  const total = spec.entries.reduce((n, e) => n + (isLazy(e) || isPrepared(e) ? e.bytes : e.data.byteLength), manifestBytes.length);
  let lastReport = 0;
  const tap = new HashingTap({
    onChunk: () => {
      if (onProgress && tap.bytes - lastReport > 1 << 20) {
        lastReport = tap.bytes;
        onProgress({ phase: 'write', done: Math.min(tap.bytes, total), total });
      }
    },
  });
  try {
    // 0600: a packet carries the officer's records; the owner alone reads it until they hand it on.
    await pipeline(Readable.from(zipChunks(entries, new Date(spec.createdAt))), tap, createWriteStream(tempPath, { flags: 'wx', mode: 0o600 }));
    syncFile(tempPath);
  } catch (error) {
    rmSync(tempPath, { force: true });
    throw error;
  }
  onProgress?.({ phase: 'write', done: total, total });
  return {
    tempPath,
    manifest,
    fileSha256: tap.sha256,
    bytes: tap.bytes,
    commit(finalPath: string) {
      if (dirname(finalPath) !== dirname(tempPath)) throw new Error('a packet is renamed within its folder only');
      renameSync(tempPath, finalPath);
      syncFolder(dirname(finalPath));
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
