import { WEEKLY_LEDGER_PATH, WEEKLY_PAYLOAD_PATH, WEEKLY_REPORT_PATH, WeeklyPayload } from '@shared/packets/weekly.js';
import type { PacketManifest } from '@shared/packets/manifest.js';
import { parsePayloadJson, readPacketFile, type OpenedPacket, type ProgressCallback } from './container.js';
import { packetError } from './errors.js';
import type { PacketLimits } from './limits.js';

export interface OpenedWeekly {
  packet: OpenedPacket;
  manifest: PacketManifest;
  payload: WeeklyPayload;
  /**
   * ledger.xlsx and report.html as carried (verified bytes); null with `deferPhotos`, where they are
   * verified but never held: the bureau does not open an officer's files (docs/security.md).
   */
  ledger: Buffer | null;
  report: Buffer | null;
  /** Photo bytes by attachment id (empty when the photos were left on disk: `deferPhotos`). */
  photos: Map<string, Buffer>;
  /** Attachment ids of the photos the packet carries, each verified while the packet was read. */
  photoIds: string[];
  /** One photo's bytes, read from the file again and verified against the signed manifest. */
  readPhoto(attachmentId: string): Promise<Buffer>;
}

/**
 * Reads a weekly packet (the bureau's ingest, and the officer's own tests). `resolveOfficerKey` returns the
 * public key registered for `manifest.officerId`; on first contact the bureau may decide to register
 * `manifest.sender.publicKey` (its fingerprint is in the manifest) and return it.
 */
export async function readWeeklyFile(
  filePath: string,
  options: {
    resolveOfficerKey(manifest: PacketManifest): string;
    limits?: Partial<PacketLimits>;
    onProgress?: ProgressCallback;
    /**
     * Verify every entry while reading but keep only the records (changes.json) in memory; read each photo
     * with `readPhoto` when it is stored (the bureau's ingest: memory bounded by one photo). The officer's
     * ledger.xlsx and report.html are hashed against the signed manifest and dropped: the bureau renders
     * its own report and ledger from the folded records, and never opens, stores or extracts these.
     */
    deferPhotos?: boolean;
  },
): Promise<OpenedWeekly> {
  const packet = await readPacketFile(filePath, {
    expectedKind: 'weekly',
    resolveKey: options.resolveOfficerKey,
    limits: options.limits,
    onProgress: options.onProgress,
    keepInMemory: options.deferPhotos ? (path) => path === WEEKLY_PAYLOAD_PATH : undefined,
  });
  const payload = parsePayloadJson(packet, WEEKLY_PAYLOAD_PATH, WeeklyPayload);
  if (payload.officer.id !== packet.manifest.officerId) {
    throw packetError('payload_invalid', 'changes.json names another officer than the manifest', { field: 'officer.id' });
  }
  const photos = new Map<string, Buffer>();
  const listed = new Map(packet.manifest.entries.map((e) => [e.path, e]));
  for (const photo of payload.photos) {
    const entry = listed.get(photo.path);
    const data = packet.entries.get(photo.path);
    if (!entry || (!data && !options.deferPhotos) || entry.sha256 !== photo.sha256 || entry.bytes !== photo.bytes) {
      throw packetError('payload_invalid', `photo ${photo.path} is missing or differs from the manifest`, { field: 'photos', entry: photo.path });
    }
    if (data) photos.set(photo.attachmentId, data);
  }
  const pathOf = new Map(payload.photos.map((p) => [p.attachmentId, p.path]));
  return {
    packet,
    manifest: packet.manifest,
    payload,
    ledger: packet.entries.get(WEEKLY_LEDGER_PATH) ?? null,
    report: packet.entries.get(WEEKLY_REPORT_PATH) ?? null,
    photos,
    photoIds: [...pathOf.keys()],
    readPhoto: async (attachmentId) => {
      const path = pathOf.get(attachmentId);
      if (!path) throw packetError('payload_invalid', `the packet carries no photo for attachment ${attachmentId}`, { field: 'photos' });
      return photos.get(attachmentId) ?? packet.readEntry(path);
    },
  };
}
