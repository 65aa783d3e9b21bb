import { generateKeyPairSync } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  generateSigningKeyPair,
  keyFingerprint,
  readPrivateKeyFile,
  readPublicKeyFile,
  signBytes,
  verifyBytes,
  writePrivateKeyFile,
  writePublicKeyFile,
} from '../../electron/packets/index.js';
import { useTempDir } from '../helpers/per-test.js';

describe('packet keys', () => {
  const dir = useTempDir();

  it('fingerprints are SHA-256 of the DER in 16 groups of 4 hex digits, stable across PEM formatting', () => {
    const pair = generateSigningKeyPair();
    const fp = keyFingerprint(pair.publicKeyPem);
    expect(fp).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){15}$/);
    expect(keyFingerprint(pair.publicKeyPem.replace(/\n/g, '\r\n'))).toBe(fp);
    expect(keyFingerprint(generateSigningKeyPair().publicKeyPem)).not.toBe(fp);
  });

  it('signs and verifies; another key or another byte does not verify', () => {
    const a = generateSigningKeyPair();
    const b = generateSigningKeyPair();
    const bytes = Buffer.from('{"manifest":1}');
    const sig = signBytes(bytes, a.privateKeyPem);
    expect(verifyBytes(bytes, sig, a.publicKeyPem)).toBe(true);
    expect(verifyBytes(bytes, sig, b.publicKeyPem)).toBe(false);
    expect(verifyBytes(Buffer.from('{"manifest":2}'), sig, a.publicKeyPem)).toBe(false);
    expect(verifyBytes(bytes, sig.subarray(0, 10), a.publicKeyPem)).toBe(false);
  });

  it('key files: the private one is 0600 and never overwritten; public files are checked for type', () => {
    const pair = generateSigningKeyPair();
    const priv = dir.file('bureau.key');
    writePrivateKeyFile(priv, pair.privateKeyPem);
    if (process.platform !== 'win32') expect(statSync(priv).mode & 0o777).toBe(0o600);
    expect(() => writePrivateKeyFile(priv, generateSigningKeyPair().privateKeyPem)).toThrow(/never overwritten/);
    expect(readPrivateKeyFile(priv).publicKeyPem).toBe(pair.publicKeyPem);

    const pub = dir.file('bureau.pub');
    writePublicKeyFile(pub, pair.publicKeyPem);
    expect(readPublicKeyFile(pub)).toEqual({ publicKeyPem: pair.publicKeyPem, fingerprint: keyFingerprint(pair.publicKeyPem) });

    const rsa = dir.file('rsa.pub');
    writeFileSync(rsa, generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }));
    expect(() => readPublicKeyFile(rsa)).toThrow(/expected Ed25519/);
    const junk = dir.file('junk.pub');
    writeFileSync(junk, 'hello');
    expect(() => readPublicKeyFile(junk)).toThrow(/not a PEM public key/);
    expect(() => readPublicKeyFile(priv)).toThrow(/private key/);
  });
});
