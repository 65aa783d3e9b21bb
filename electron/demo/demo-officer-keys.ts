import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import type { KeyPairPem } from '../packets/keys.js';

/** PKCS#8 DER of an Ed25519 private key, up to its 32-byte seed (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The signing key of a demo officer's desk, derived from the officer's id, so that a test (or a person trying
 * the inbox) can go on writing that officer's packets the way their own desk would, with the key the bureau
 * holds for them. Demo data only: a real officer's desk makes its key at random (packets/keys.ts).
 */
export function demoOfficerKeys(officerId: string): KeyPairPem {
  const seed = createHash('sha256').update(`sponsor-desk demo officer key:${officerId}`, 'utf8').digest();
  const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(),
  };
}
