import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable, pipeline as streamPipeline } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
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
              const check = new HashingTap({ onEnd: (tap) => (tap.bytes === e.bytes && tap.sha256 === e.sha256 ? undefined : changed()) });
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
    await pipeline(zip.outputStream, tap, createWriteStream(tempPath, { flags: 'wx', mode: 0o600 }));
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
