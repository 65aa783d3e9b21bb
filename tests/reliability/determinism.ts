import crypto, { createPrivateKey, createPublicKey, type KeyPairKeyObjectResult } from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
import { mulberry32 } from './prng.js';

/**
 * Runs `work` with node:crypto's randomUUID and Ed25519 key generation drawn from a seeded stream, so the
 * product code builds the same records, ids and keys on every run and machine: the fuzzer's base files are
 * byte for byte the same, and `--seed N --only K` replays a case exactly anywhere. Signatures are Ed25519,
 * deterministic already. Temp-file names (randomBytes) stay random: they never reach a file's content.
 */
export async function withSeededCrypto<T>(seed: number, work: () => Promise<T>): Promise<T> {
  const rng = mulberry32(seed);
  const mutable = crypto as unknown as Record<string, unknown>;
  const originalUUID = crypto.randomUUID;
  const originalKeyPair = crypto.generateKeyPairSync;
  mutable.randomUUID = () => {
    const b = rng.bytes(16);
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const h = b.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  mutable.generateKeyPairSync = (type: string, ...rest: unknown[]) => {
    if (type !== 'ed25519') return (originalKeyPair as (...a: unknown[]) => unknown)(type, ...rest);
    // PKCS#8 of an Ed25519 key is a fixed prefix and the 32-byte seed.
    const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), rng.bytes(32)]);
    const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    return { privateKey, publicKey: createPublicKey(privateKey) } satisfies KeyPairKeyObjectResult;
  };
  syncBuiltinESMExports();
  try {
    return await work();
  } finally {
    mutable.randomUUID = originalUUID;
    mutable.generateKeyPairSync = originalKeyPair;
    syncBuiltinESMExports();
  }
}
