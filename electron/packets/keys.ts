import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { AppError } from '@shared/errors.js';

/**
 * Ed25519 keys for packet signatures (Node's crypto, no extra library). Public keys travel as PEM (SPKI);
 * private keys as PEM (PKCS#8). A fingerprint is the SHA-256 of the public key's DER, shown as 16 groups of
 * four hex digits, so two people can compare it over the phone.
 */
export interface KeyPairPem {
  publicKeyPem: string;
  privateKeyPem: string;
}

const MAX_KEY_FILE_BYTES = 16 * 1024;

export function generateSigningKeyPair(): KeyPairPem {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

function keyError(message: string, params: Record<string, string> = {}): AppError {
  return new AppError('invalid_input', message, { what: 'key', ...params });
}

/**
 * Keys parsed lately, with their fingerprint once asked, by their PEM: ingest parses each packet's key twice and
 * fingerprints it, and that was a measurable part of it (issue 11). A KeyObject cannot be changed, so one is shared.
 */
const parsedKeys = new Map<string, { key: KeyObject; fingerprint?: string }>();

function knownKey(pem: string): { key: KeyObject; fingerprint?: string } {
  let known = parsedKeys.get(pem);
  if (!known) {
    known = { key: parseNewPublicKey(pem) };
    if (parsedKeys.size >= 64) parsedKeys.clear();
    parsedKeys.set(pem, known);
  }
  return known;
}

/** Parses a PEM public key and checks it is Ed25519. */
export function parsePublicKey(pem: string): KeyObject {
  return knownKey(pem).key;
}

function parseNewPublicKey(pem: string): KeyObject {
  if (/-----BEGIN (ENCRYPTED )?PRIVATE KEY-----/.test(pem)) {
    throw keyError('this is a private key; use the public key file (.pub) instead, and keep the private key secret', { problem: 'private_key' });
  }
  const block = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/.exec(pem);
  if (!block) throw keyError('not a PEM public key (expected -----BEGIN PUBLIC KEY-----)', { problem: 'not_pem' });
  let key: KeyObject;
  try {
    key = createPublicKey({ key: block[0], format: 'pem' });
  } catch (error) {
    throw keyError(`unreadable public key: ${(error as Error).message}`, { problem: 'unreadable' });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw keyError(`the key is ${key.asymmetricKeyType ?? 'unknown'}, expected Ed25519`, { problem: 'wrong_type' });
  }
  return key;
}

/** The canonical PEM of a public key (what is stored and compared). */
export function normalizePublicKeyPem(pem: string): string {
  return parsePublicKey(pem).export({ type: 'spki', format: 'pem' }).toString();
}

export function parsePrivateKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw keyError(`unreadable private key: ${(error as Error).message}`, { problem: 'unreadable' });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw keyError('the private key is not Ed25519', { problem: 'wrong_type' });
  return key;
}

export function publicKeyPemOf(privateKeyPem: string): string {
  return createPublicKey(parsePrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();
}

/** SHA-256 of the DER (SPKI) of the key, uppercase hex in groups of four: "3F2A 9C01 …". */
export function keyFingerprint(publicKeyPem: string): string {
  const known = knownKey(publicKeyPem);
  if (known.fingerprint === undefined) {
    const der = known.key.export({ type: 'spki', format: 'der' });
    const hex = createHash('sha256').update(der).digest('hex').toUpperCase();
    known.fingerprint = hex.match(/.{4}/g)!.join(' ');
  }
  return known.fingerprint;
}

export function signBytes(bytes: Uint8Array, privateKeyPem: string): Buffer {
  return sign(null, bytes, parsePrivateKey(privateKeyPem));
}

export function verifyBytes(bytes: Uint8Array, signature: Uint8Array, publicKeyPem: string): boolean {
  if (signature.length !== 64) return false;
  try {
    return verify(null, bytes, parsePublicKey(publicKeyPem), signature);
  } catch {
    return false;
  }
}

function readSmallFile(path: string): string {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw keyError(`${path} is not a file`, { problem: 'not_a_file', path });
    size = st.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('not_found', `key file not found: ${path}`, { what: 'key file', path });
  }
  if (size > MAX_KEY_FILE_BYTES) throw keyError(`${path} is too large to be a key file`, { problem: 'too_large', path });
  return readFileSync(path, 'utf8');
}

/** Reads a public key file (PEM), checks it is an Ed25519 public key and returns it with its fingerprint. */
export function readPublicKeyFile(path: string): { publicKeyPem: string; fingerprint: string } {
  const publicKeyPem = normalizePublicKeyPem(readSmallFile(path));
  return { publicKeyPem, fingerprint: keyFingerprint(publicKeyPem) };
}

export function readPrivateKeyFile(path: string): KeyPairPem {
  const privateKeyPem = readSmallFile(path);
  return { privateKeyPem, publicKeyPem: publicKeyPemOf(privateKeyPem) };
}

function writeDurable(path: string, text: string, mode: number, exclusive: boolean): void {
  const fd = openSync(path, exclusive ? 'wx' : 'w', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  // The mode passed to open is masked by umask; set it explicitly (a no-op on Windows).
  chmodSync(path, mode);
}

/** Writes a public key file for handing to the other side (readable by anyone). */
export function writePublicKeyFile(path: string, publicKeyPem: string): void {
  writeDurable(path, normalizePublicKeyPem(publicKeyPem), 0o644, false);
}

/** Writes a private key readable only by its owner; never overwrites an existing key file. */
export function writePrivateKeyFile(path: string, privateKeyPem: string): void {
  parsePrivateKey(privateKeyPem);
  try {
    writeDurable(path, privateKeyPem, 0o600, true);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new AppError('conflict', `a key file already exists at ${path}; it is never overwritten`, { what: 'key file', path });
    }
    throw error;
  }
}
