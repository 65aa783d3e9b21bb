import { AppError } from '@shared/errors.js';
import type { PacketManifest } from '@shared/packets/manifest.js';
import type { SqliteDatabase } from '../store/database.js';
import { keyFingerprint } from '../packets/keys.js';
import { keyHolder } from './officers.js';
import { getPendingPacket, keyWasRejected } from './pending-keys.js';
import { getOfficer, highestReceivedSequence } from './repository.js';

/**
 * The gate a weekly packet passes before anything of it is folded (docs/bureau.md, "Officers and their
 * keys"): which key verifies it, whether it waits in the pending list, and whether its sequence is believable.
 * No packet registers a key by itself any more (that let anyone who knew an officer's id, printed in every
 * assignment file, take the officer's place); a person accepts keys (key-decisions.ts).
 */

/** A sequence more than this past the officer's last valid packet is refused (a forged 1,000,000,000 would block the real officer). */
const SEQUENCE_JUMP_LIMIT = 1000;

export interface KeyGate {
  /** The key the signature is checked with. */
  pem: string;
  /** Set when the key is not the officer's accepted key: the packet, once proved, waits in the pending list. */
  pending: { pem: string; fingerprint: string; registeredFingerprint: string | null } | null;
}

/**
 * Chooses the verifying key for a packet's manifest. The officer's accepted key when the packet carries it;
 * otherwise the packet's own key (so its integrity is still proved) and the packet is to be held, unless
 * that key was rejected, belongs to another officer, or the caller wants registered keys only.
 */
export function gatePacketKey(db: SqliteDatabase, manifest: PacketManifest, options: { requireRegisteredKeys?: boolean }): KeyGate {
  const officer = getOfficer(db, manifest.officerId);
  if (!officer) {
    throw new AppError(
      'packet_wrong_officer',
      `the packet is from officer ${manifest.officerId} (${manifest.sender.name}), who is not registered at this bureau`,
      { reason: 'unknown_officer', officerId: manifest.officerId, sender: manifest.sender.name },
    );
  }
  const fingerprint = keyFingerprint(manifest.sender.publicKey);
  if (officer.publicKeyPem && officer.keyFingerprint === fingerprint) return { pem: officer.publicKeyPem, pending: null };
  if (options.requireRegisteredKeys) {
    // The old strict mode: refuse instead of holding. With a key registered, the packet code refuses the
    // other key (signature_wrong_key, both fingerprints named).
    if (officer.publicKeyPem) return { pem: officer.publicKeyPem, pending: null };
    throw new AppError(
      'key_missing',
      `no key is registered for ${officer.name}; accept it with "officers accept-key" or register it with "officers add --key" first`,
      { reason: 'no_officer_key', officerId: officer.id, fingerprint },
    );
  }
  if (keyWasRejected(db, officer.id, fingerprint)) {
    throw new AppError('packet_signature', `the packet is signed by key ${fingerprint}, which was rejected or replaced for ${officer.name}`, {
      reason: 'key_rejected',
      officerId: officer.id,
      fingerprint,
    });
  }
  const holder = keyHolder(db, fingerprint, officer.id);
  if (holder) {
    throw new AppError('packet_signature', `the packet's key is registered for another officer (${holder.name})`, { reason: 'key_taken', fingerprint });
  }
  return { pem: manifest.sender.publicKey, pending: { pem: manifest.sender.publicKey, fingerprint, registeredFingerprint: officer.keyFingerprint } };
}

/** Refuses a sequence far past the officer's last valid packet (voided packets do not count). */
export function checkSequenceJump(db: SqliteDatabase, officerId: string, sequence: number): void {
  const last = highestReceivedSequence(db, officerId);
  if (sequence > last + SEQUENCE_JUMP_LIMIT) {
    throw new AppError(
      'packet_invalid',
      `sequence ${sequence} is more than ${SEQUENCE_JUMP_LIMIT} past the last packet received from this officer (#${last})`,
      { reason: 'sequence_jump', sequence, last, limit: SEQUENCE_JUMP_LIMIT },
    );
  }
}

/**
 * A packet id already in the pending list: `true` when it is still waiting under the same key (the same file
 * again changes nothing); refused when a person already decided on it, or when the id is held under another
 * key (a copy re-signed by someone else never takes the place of the one held, nor the other way round; the
 * officer's next packet has a new id and carries the same records).
 */
export function alreadyPending(db: SqliteDatabase, packetId: string, fingerprint: string): boolean {
  const held = getPendingPacket(db, packetId);
  if (!held) return false;
  if (held.fingerprint !== fingerprint) {
    throw new AppError('packet_signature', `a packet with id ${packetId} is already held from key ${held.fingerprint}, not ${fingerprint}`, {
      reason: 'packet_id_taken',
      fingerprint: held.fingerprint,
      found: fingerprint,
    });
  }
  if (held.status === 'pending') return true;
  throw new AppError('packet_signature', `packet ${packetId} was already ${held.status} after a decision on key ${held.fingerprint}`, {
    reason: 'key_rejected',
    fingerprint: held.fingerprint,
    status: held.status,
  });
}
