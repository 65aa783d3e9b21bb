import { z } from 'zod';
import { RecordId, RequiredText, Timestamp } from '../domain/common.js';

/**
 * The container both directions share: a zip holding `manifest.json`, `manifest.sig` (the Ed25519
 * signature of the exact manifest bytes, base64) and the payload entries the manifest lists with their
 * SHA-256. Pure schemas only: no Node imports here, so the renderer and the JSON Schema can use them.
 */
export const PACKET_FORMAT = 'sponsor-desk-packet';
export const PACKET_FORMAT_VERSION = 1;
export const MANIFEST_PATH = 'manifest.json';
export const SIGNATURE_PATH = 'manifest.sig';

export const PacketKind = z.enum(['assignment', 'weekly']);
export type PacketKind = z.infer<typeof PacketKind>;

export const SenderRole = z.enum(['bureau', 'officer']);
export type SenderRole = z.infer<typeof SenderRole>;

/** Which side writes which kind: the bureau assigns, the officer reports. */
export const SENDER_OF_KIND: Record<PacketKind, SenderRole> = { assignment: 'bureau', weekly: 'officer' };

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256');

/**
 * An entry name inside the packet: relative, forward slashes, ASCII letters, digits, `.`, `_`, `-`; no
 * segment starts with a dot (so no `..`, no hidden files). Stricter than zip allows, on purpose.
 */
export const ENTRY_PATH_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}(\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}){0,3}$/;
export const EntryPath = z
  .string()
  .max(200)
  .regex(ENTRY_PATH_PATTERN, 'entry path must be relative, forward slashes, letters, digits, . _ - only')
  .refine((p) => p !== MANIFEST_PATH && p !== SIGNATURE_PATH, 'manifest.json and manifest.sig are not payload entries');

export const ManifestEntry = z.object({
  path: EntryPath,
  sha256: Sha256Hex,
  /** Uncompressed size; must equal the zip's central directory and the bytes actually inflated. */
  bytes: z.number().int().nonnegative(),
});
export type ManifestEntry = z.infer<typeof ManifestEntry>;

/** An Ed25519 public key as PEM (SPKI). */
export const PublicKeyPem = z
  .string()
  .max(1000)
  .regex(/^-----BEGIN PUBLIC KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END PUBLIC KEY-----\r?\n?$/, 'must be a PEM public key');

/** Fingerprint: SHA-256 of the key's DER, uppercase hex in 16 groups of 4. */
export const KeyFingerprint = z.string().regex(/^[0-9A-F]{4}( [0-9A-F]{4}){15}$/, 'must be 16 groups of 4 hex digits');

export const PacketSender = z.object({
  role: SenderRole,
  /** The bureau office or the officer, as a person would read it. */
  name: RequiredText(100),
  /** The key that signed this manifest. The reader never trusts it by itself: it is compared with a pinned key. */
  publicKey: PublicKeyPem,
  keyFingerprint: KeyFingerprint,
});

export const PacketManifest = z
  .object({
    format: z.literal(PACKET_FORMAT),
    formatVersion: z.literal(PACKET_FORMAT_VERSION),
    kind: PacketKind,
    /** Unique per file: the same file arriving twice has the same id. */
    packetId: RecordId,
    /** The officer the packet is for (assignment) or from (weekly). */
    officerId: RecordId,
    sender: PacketSender,
    /** Per officer and direction, 1, 2, 3 …: assignment sequence or weekly-packet sequence. */
    sequence: z.number().int().positive().max(1_000_000_000),
    createdAt: Timestamp,
    /** The app version that wrote the file (informative). */
    writtenBy: z.string().max(100),
    entries: z.array(ManifestEntry).max(100_000),
  })
  .superRefine((m, ctx) => {
    if (m.sender.role !== SENDER_OF_KIND[m.kind]) {
      ctx.addIssue({ code: 'custom', path: ['sender', 'role'], message: `a ${m.kind} packet is written by the ${SENDER_OF_KIND[m.kind]}` });
    }
    const seen = new Set<string>();
    m.entries.forEach((e, i) => {
      if (seen.has(e.path)) ctx.addIssue({ code: 'custom', path: ['entries', i, 'path'], message: `entry ${e.path} listed twice` });
      seen.add(e.path);
    });
  });
export type PacketManifest = z.infer<typeof PacketManifest>;
