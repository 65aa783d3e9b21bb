import { existsSync } from 'node:fs';
import { AppError } from '@shared/errors.js';
import type { OperationOutput } from '@shared/operations/index.js';
import { generateSigningKeyPair, keyFingerprint, readPrivateKeyFile, writePrivateKeyFile, writePublicKeyFile, type KeyPairPem } from '../packets/keys.js';
import type { SqliteDatabase } from '../store/database.js';
import { mkdirPrivate } from '../store/private-files.js';
import { openBureauDatabase } from './database.js';
import { bureauPaths, DEFAULT_BUREAU_NAME, SETTING, type BureauContext } from './context.js';
import { bureauName } from './desk-settings.js';
import { readBureauSetting, writeBureauSetting } from './repository.js';

/** `created` false: the desk was already set up (init is safe to run again); `keyReused`: an existing bureau.key was kept. */
export type InitResult = OperationOutput<'bureau.init'>;

/**
 * Creates the bureau database and its Ed25519 signing key (bureau.key, 0600) with the public half beside it
 * (bureau.pub, for officers to pin). Never replaces a key: officers have pinned it, and a new key would make
 * every assignment refused. An existing key beside a new database is reused.
 */
export function initBureau(dbPath: string, options: { name?: string; now: () => Date }): InitResult {
  const paths = bureauPaths(dbPath);
  mkdirPrivate(paths.filesDir); // 0700 (and the desk's folder when init creates it): received files are the bureau's alone
  if (existsSync(paths.dbPath)) {
    const db = openBureauDatabase(paths.dbPath);
    try {
      if (readBureauSetting(db, SETTING.keyFingerprint)) {
        const { keys, fingerprint } = signingKey(db, paths.privateKeyPath);
        if (!existsSync(paths.publicKeyPath)) writePublicKeyFile(paths.publicKeyPath, keys.publicKeyPem);
        return { created: false, keyReused: true, ...paths, fingerprint, bureauName: bureauName(db) };
      }
    } finally {
      db.close();
    }
  }

  const keyReused = existsSync(paths.privateKeyPath);
  const keys = keyReused ? readPrivateKeyFile(paths.privateKeyPath) : generateSigningKeyPair();
  if (!keyReused) writePrivateKeyFile(paths.privateKeyPath, keys.privateKeyPem);
  writePublicKeyFile(paths.publicKeyPath, keys.publicKeyPem);
  const fingerprint = keyFingerprint(keys.publicKeyPem);
  const name = options.name?.trim() || DEFAULT_BUREAU_NAME;
  const db = openBureauDatabase(paths.dbPath, { create: true });
  try {
    db.transaction(() => {
      writeBureauSetting(db, SETTING.keyFingerprint, fingerprint);
      writeBureauSetting(db, SETTING.name, name);
      writeBureauSetting(db, SETTING.createdAt, options.now().toISOString());
    })();
  } finally {
    db.close();
  }
  return { created: true, keyReused, ...paths, fingerprint, bureauName: name };
}

/** The signing key beside the database, refused when it is missing or not the one whose fingerprint init recorded. */
export function signingKey(db: SqliteDatabase, privateKeyPath: string): { keys: KeyPairPem; fingerprint: string } {
  const stored = readBureauSetting(db, SETTING.keyFingerprint) as string | null;
  if (!existsSync(privateKeyPath)) {
    const params: Record<string, string> = stored ? { path: privateKeyPath, fingerprint: stored } : { path: privateKeyPath };
    throw new AppError('key_missing', `the bureau signing key ${privateKeyPath} is missing; restore it from a backup`, params);
  }
  const keys = readPrivateKeyFile(privateKeyPath);
  const fingerprint = keyFingerprint(keys.publicKeyPem);
  if (stored && fingerprint !== stored) {
    throw new AppError('key_missing', `${privateKeyPath} is not the key this bureau database was set up with (${stored})`, {
      path: privateKeyPath,
      fingerprint: stored,
      found: fingerprint,
    });
  }
  return { keys, fingerprint };
}

/** The bureau's signing key, checked against the fingerprint recorded at init, and the bureau's name. */
export function loadBureauKeys(ctx: BureauContext): { keys: KeyPairPem; fingerprint: string; bureauName: string } {
  return { ...signingKey(ctx.db, ctx.privateKeyPath), bureauName: bureauName(ctx.db) };
}
