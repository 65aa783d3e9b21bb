import { AppError } from '@shared/errors.js';
import { ASSIGNMENT_PAYLOAD_PATH, AssignmentPayload, type AssignmentPayloadInput } from '@shared/packets/assignment.js';
import type { PacketManifest } from '@shared/packets/manifest.js';
import { APP_VERSION } from '../app/version.js';
import { parsePayloadJson, readPacketFile, writePacketFile, type OpenedPacket, type ProgressCallback, type WrittenPacket } from './container.js';
import { packetError } from './errors.js';
import type { KeyPairPem } from './keys.js';
import type { PacketLimits } from './limits.js';

export interface AssignmentFileSpec {
  payload: AssignmentPayloadInput;
  /** The assignment sequence for this officer: 1, 2, 3 … */
  sequence: number;
  packetId?: string;
  createdAt: string;
  /** Shown to the officer as the sender, e.g. 区经济发展局重点项目办. */
  bureauName: string;
  /** The bureau's signing key pair. */
  keys: KeyPairPem;
}

/** The bureau side: validates the payload with the same schema the officer reads with, signs and writes atomically. */
export async function writeAssignmentFile(filePath: string, spec: AssignmentFileSpec, onProgress?: ProgressCallback): Promise<WrittenPacket> {
  const parsed = AssignmentPayload.safeParse(spec.payload);
  if (!parsed.success) throw AppError.fromZod(parsed.error, 'assignment');
  return writePacketFile(
    filePath,
    {
      kind: 'assignment',
      officerId: parsed.data.officer.id,
      sequence: spec.sequence,
      packetId: spec.packetId,
      createdAt: spec.createdAt,
      senderName: spec.bureauName,
      keys: spec.keys,
      writtenBy: `sponsor-desk ${APP_VERSION}`,
      entries: [{ path: ASSIGNMENT_PAYLOAD_PATH, data: Buffer.from(JSON.stringify(parsed.data), 'utf8') }],
    },
    onProgress,
  );
}

export interface OpenedAssignment {
  packet: OpenedPacket;
  manifest: PacketManifest;
  payload: AssignmentPayload;
}

/**
 * The officer side: verifies the file against the pinned bureau key, then parses assignment.json.
 * The payload must name the officer the manifest names.
 */
export async function readAssignmentFile(
  filePath: string,
  options: { bureauPublicKeyPem: string; limits?: Partial<PacketLimits>; onProgress?: ProgressCallback },
): Promise<OpenedAssignment> {
  const packet = await readPacketFile(filePath, {
    expectedKind: 'assignment',
    resolveKey: () => options.bureauPublicKeyPem,
    limits: options.limits,
    onProgress: options.onProgress,
  });
  const payload = parsePayloadJson(packet, ASSIGNMENT_PAYLOAD_PATH, AssignmentPayload);
  if (payload.officer.id !== packet.manifest.officerId) {
    throw packetError('payload_invalid', 'assignment.json names another officer than the manifest', { field: 'officer.id' });
  }
  return { packet, manifest: packet.manifest, payload };
}
