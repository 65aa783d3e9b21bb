/**
 * Caps on what a packet may hold. Checked from the zip's central directory before anything is inflated,
 * and enforced again while inflating (a lying size stops the stream at the cap). Generous for a real
 * officer (a year of records with photos), small enough that a hostile file cannot fill a laptop.
 */
export interface PacketLimits {
  /** The packet file itself, compressed. */
  maxFileBytes: number;
  /** Number of entries in the zip, manifest and signature included. */
  maxEntries: number;
  /** One entry, uncompressed. */
  maxEntryBytes: number;
  /** All entries together, uncompressed. */
  maxTotalBytes: number;
  /** manifest.json, uncompressed. */
  maxManifestBytes: number;
  /** manifest.sig, uncompressed (base64 of 64 bytes is 88). */
  maxSignatureBytes: number;
}

export const DEFAULT_PACKET_LIMITS: Readonly<PacketLimits> = Object.freeze({
  maxFileBytes: 1024 * 1024 * 1024,
  maxEntries: 20_000,
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxManifestBytes: 16 * 1024 * 1024,
  maxSignatureBytes: 1024,
});

export function resolveLimits(overrides: Partial<PacketLimits> = {}): PacketLimits {
  return { ...DEFAULT_PACKET_LIMITS, ...overrides };
}
