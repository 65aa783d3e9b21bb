import { z } from 'zod';
import { AppError } from '@shared/errors.js';
import { generateSigningKeyPair, keyFingerprint, normalizePublicKeyPem, publicKeyPemOf, type KeyPairPem } from '../packets/keys.js';
import type { SqliteDatabase } from '../store/database.js';
import { readSetting, writeSetting } from '../store/repositories/settings.js';

/**
 * The officer's keys, kept in the store's settings table:
 * - 'officer_key': the officer's Ed25519 key pair, created the first time it is needed (export, or asking
 *   for the fingerprint). It lives in the database, not in a file beside it, so the identity moves, is
 *   backed up and restored together with the records it signs; anyone who can read the database can
 *   already read everything the key vouches for. See docs/packets.md.
 * - 'bureau_key': the pinned bureau public key (trust-bureau). Assignments signed by any other key are refused.
 * - 'bureau_key_history': the keys pinned before and replaced (each replacement confirmed with the new fingerprint).
 */
export const SYNC_SETTING = { officerKey: 'officer_key', bureauKey: 'bureau_key', bureauKeyHistory: 'bureau_key_history' } as const;

const StoredOfficerKey = z.object({ publicKeyPem: z.string(), privateKeyPem: z.string(), createdAt: z.string() });
const StoredBureauKey = z.object({ publicKeyPem: z.string(), fingerprint: z.string(), pinnedAt: z.string() });
export type StoredBureauKey = z.infer<typeof StoredBureauKey>;

export function readOfficerKey(db: SqliteDatabase): (KeyPairPem & { fingerprint: string; createdAt: string }) | null {
  const stored = readSetting(db, SYNC_SETTING.officerKey, StoredOfficerKey);
  if (!stored) return null;
  return { ...stored, fingerprint: keyFingerprint(stored.publicKeyPem) };
}

/** The officer's key pair, created and stored on first use. */
export function ensureOfficerKey(db: SqliteDatabase, now: Date): KeyPairPem & { fingerprint: string; createdAt: string } {
  const existing = readOfficerKey(db);
  if (existing) return existing;
  const pair = generateSigningKeyPair();
  // A pair that does not round-trip is never stored.
  if (publicKeyPemOf(pair.privateKeyPem) !== pair.publicKeyPem) throw new AppError('internal', 'generated key pair does not match');
  const createdAt = now.toISOString();
  writeSetting(db, SYNC_SETTING.officerKey, { ...pair, createdAt });
  return { ...pair, createdAt, fingerprint: keyFingerprint(pair.publicKeyPem) };
}

export function readBureauKey(db: SqliteDatabase): StoredBureauKey | null {
  return readSetting(db, SYNC_SETTING.bureauKey, StoredBureauKey);
}

/** A key that was pinned before and replaced: kept so that the store can say which key signed its older assignments. */
const ReplacedBureauKey = StoredBureauKey.extend({ replacedAt: z.string() });
export type ReplacedBureauKey = z.infer<typeof ReplacedBureauKey>;

export function readBureauKeyHistory(db: SqliteDatabase): ReplacedBureauKey[] {
  return readSetting(db, SYNC_SETTING.bureauKeyHistory, z.array(ReplacedBureauKey)) ?? [];
}

/** "AB12 CD34 …", "ab12cd34…" and the same with stray spaces all name one fingerprint. */
function sameFingerprint(a: string, b: string): boolean {
  const norm = (f: string) => f.replace(/\s+/g, '').toUpperCase();
  return norm(a) === norm(b);
}

/**
 * Pins the bureau's public key. The first key is pinned at once (the officer compares its fingerprint with
 * the one the bureau announced). Replacing a different pinned key is how a forged assignment would get in,
 * so it is refused unless `confirmReplaceFingerprint` repeats the NEW key's fingerprint: the refusal carries
 * both fingerprints (params fingerprint, previousFingerprint) so the screen and the CLI can show them for a
 * check by phone before the officer confirms. The replaced key is kept in 'bureau_key_history'.
 */
export function pinBureauKey(
  db: SqliteDatabase,
  keyPem: string,
  now: Date,
  options: { confirmReplaceFingerprint?: string } = {},
): { fingerprint: string; previousFingerprint: string | null; changed: boolean } {
  const publicKeyPem = normalizePublicKeyPem(keyPem);
  const fingerprint = keyFingerprint(publicKeyPem);
  const previous = readBureauKey(db);
  if (previous && previous.fingerprint === fingerprint) return { fingerprint, previousFingerprint: previous.fingerprint, changed: false };
  if (previous) {
    const confirmation = options.confirmReplaceFingerprint;
    if (confirmation === undefined || !sameFingerprint(confirmation, fingerprint)) {
      throw new AppError(
        'conflict',
        `another bureau key is trusted already (${previous.fingerprint}); replacing it with ${fingerprint} needs a confirmation: ` +
          'check the new fingerprint with the bureau by phone, then confirm with it',
        {
          what: 'bureau_key',
          reason: confirmation === undefined ? 'bureau_key_replace' : 'bureau_key_replace_mismatch',
          fingerprint,
          previousFingerprint: previous.fingerprint,
        },
      );
    }
  }
  db.transaction(() => {
    if (previous) writeSetting(db, SYNC_SETTING.bureauKeyHistory, [...readBureauKeyHistory(db), { ...previous, replacedAt: now.toISOString() }]);
    writeSetting(db, SYNC_SETTING.bureauKey, { publicKeyPem, fingerprint, pinnedAt: now.toISOString() });
  })();
  return { fingerprint, previousFingerprint: previous?.fingerprint ?? null, changed: true };
}

export function requireBureauKey(db: SqliteDatabase): StoredBureauKey {
  const key = readBureauKey(db);
  if (!key) {
    throw new AppError('key_missing', "the bureau's public key is not trusted yet: import the bureau's key file first (trust-bureau)", { what: 'bureau_key' });
  }
  return key;
}
