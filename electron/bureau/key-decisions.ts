import { join } from 'node:path';
import { AppError } from '@shared/errors.js';
import type { OperationOutput } from '@shared/operations/index.js';
import type { BureauContext } from './context.js';
import { ingestPacket, type IngestFileResult } from './ingest.js';
import { keyHolder, putKeyInForce, resolveOfficer } from './officers.js';
import { decidePendingPacket, listPendingKeys, listPendingPackets, recordKeyDecision } from './pending-keys.js';
import { getOfficer, setOfficerKey } from './repository.js';
import { validPacketsOfKey, voidPackets, type VoidOutcome } from './void-packets.js';

/**
 * A person's decisions on officers' keys (docs/bureau.md, "Officers and their keys"):
 * - `acceptKey`: after reading the fingerprint back with the officer (by phone, in person), the person types
 *   it; it must match a key the officer's pending packets carry (or the key already in force, to confirm
 *   it). The key becomes the officer's, and that key's pending packets are folded in sequence order through
 *   the normal ingest. Accepting a key while another is in force is a replacement (`replaceKey`).
 * - `rejectKey`: the key's pending packets are set aside as `rejected` (their archived files stay); if it
 *   was the key in force, it is removed and every packet it delivered is voided.
 */

/** "ABCD EF01 …", "abcdef01…": the 64 hex digits, upper case, grouped by four as keyFingerprint prints them. */
function normaliseFingerprint(typed: string): string {
  const hex = typed.replace(/[\s:-]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) {
    throw new AppError('invalid_input', `"${typed}" is not a key fingerprint (64 hexadecimal digits, as "officers pending" prints it)`, {
      what: 'fingerprint',
      value: typed,
      reason: 'fingerprint_invalid',
    });
  }
  return hex.match(/.{4}/g)!.join(' ');
}

/** The officer and the fingerprint a person typed (read back with the officer), and when they decided. */
function decisionOn(ctx: BureauContext, input: { officer: string; fingerprint: string }) {
  return { officer: resolveOfficer(ctx, input.officer), fingerprint: normaliseFingerprint(input.fingerprint), at: ctx.now().toISOString() };
}

/**
 * `decision` confirmed: the key was in force, now confirmed by a person; replaced: it took another key's place.
 * `folded`: the pending packets folded after acceptance, in sequence order; `rejectedPackets`: those a rejection set aside.
 */
export type KeyDecisionResult = OperationOutput<'bureau.officers.acceptKey'>;

/** Folds an officer's pending packets signed by the key now in force, oldest sequence first. */
export async function foldPendingPackets(ctx: BureauContext, officerId: string): Promise<IngestFileResult[]> {
  const officer = getOfficer(ctx.db, officerId);
  if (!officer?.keyFingerprint) return [];
  const results: IngestFileResult[] = [];
  for (const packet of listPendingPackets(ctx.db, { officerId, fingerprint: officer.keyFingerprint })) {
    const r = await ingestPacket(ctx, join(ctx.filesDir, packet.archivePath), { fileName: packet.fileName });
    const at = ctx.now().toISOString();
    if (r.status === 'accepted' || r.status === 'duplicate') decidePendingPacket(ctx.db, packet.packetId, 'folded', at);
    else if (r.status === 'refused') decidePendingPacket(ctx.db, packet.packetId, 'refused', at, r.error);
    results.push({ ...r, file: packet.fileName });
  }
  return results;
}

export async function acceptKey(ctx: BureauContext, input: { officer: string; fingerprint: string; replaceKey?: boolean }): Promise<KeyDecisionResult> {
  const { db } = ctx;
  const { officer, fingerprint, at } = decisionOn(ctx, input);
  const previous = officer.keyFingerprint;

  let decision: KeyDecisionResult['decision'] = 'confirmed';
  let voided: VoidOutcome | null = null;
  if (previous === fingerprint) {
    // Confirming the key in force (a key an older desk registered on first use, or a second read-back).
    db.transaction(() => {
      db.prepare("UPDATE officers SET key_confirmed = coalesce(key_confirmed, 'read_back') WHERE id = ?").run(officer.id);
      recordKeyDecision(db, { officerId: officer.id, fingerprint, decision: 'accepted', at, how: 'read_back' });
    })();
  } else {
    const held = listPendingPackets(db, { officerId: officer.id, fingerprint });
    if (held.length === 0) {
      const others = listPendingKeys(db, officer.id).map((k) => k.fingerprint);
      throw new AppError(
        'not_found',
        `no pending packet from ${officer.name} carries key ${fingerprint}${others.length ? `; pending keys: ${others.join(', ')}` : ''}; check the fingerprint with the officer`,
        { what: 'pending key', fingerprint, reason: 'pending_key_unknown' },
      );
    }
    const holder = keyHolder(db, fingerprint, officer.id);
    if (holder) {
      throw new AppError('conflict', `key ${fingerprint} is already registered for ${holder.name} (${holder.unit})`, {
        what: 'officer key',
        fingerprint,
        reason: 'key_taken',
      });
    }
    if (previous !== null && !input.replaceKey) {
      throw new AppError(
        'conflict',
        `${officer.name} already has key ${previous}; accepting ${fingerprint} replaces it and voids every packet it delivered: confirm with the officer and add --replace-key`,
        { what: 'officer key', fingerprint: previous, found: fingerprint, reason: 'key_in_force' },
      );
    }
    voided = db.transaction(() => putKeyInForce(db, officer, { pem: held[0]!.publicKeyPem, fingerprint }, 'read_back', at))();
    decision = previous === null ? 'accepted' : 'replaced';
  }
  const folded = await foldPendingPackets(ctx, officer.id);
  return { officer: getOfficer(db, officer.id)!, fingerprint, decision, previousFingerprint: previous, voided, folded, rejectedPackets: 0 };
}

export function rejectKey(ctx: BureauContext, input: { officer: string; fingerprint: string }): KeyDecisionResult {
  const { db } = ctx;
  const { officer, fingerprint, at } = decisionOn(ctx, input);
  const held = listPendingPackets(db, { officerId: officer.id, fingerprint });
  const inForce = officer.keyFingerprint === fingerprint;
  if (held.length === 0 && !inForce) {
    throw new AppError('not_found', `${officer.name} has no pending packet and no key with fingerprint ${fingerprint}`, {
      what: 'pending key',
      fingerprint,
      reason: 'key_unknown_for_officer',
    });
  }
  let voided: VoidOutcome | null = null;
  db.transaction(() => {
    for (const p of held) decidePendingPacket(db, p.packetId, 'rejected', at);
    recordKeyDecision(db, { officerId: officer.id, fingerprint, decision: 'rejected', at, how: '' });
    if (inForce) {
      voided = voidPackets(db, validPacketsOfKey(db, officer.id, fingerprint), 'key_rejected', at);
      setOfficerKey(db, officer.id, null);
    }
  })();
  const after = getOfficer(db, officer.id)!;
  return { officer: after, fingerprint, decision: 'rejected', previousFingerprint: officer.keyFingerprint, voided, folded: [], rejectedPackets: held.length };
}
