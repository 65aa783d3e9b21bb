import { existsSync } from 'node:fs';
import { AppError } from '@shared/errors.js';
import type { OperationOutput } from '@shared/operations/index.js';
import { generateSigningKeyPair, keyFingerprint, readPrivateKeyFile, writePrivateKeyFile, writePublicKeyFile, type KeyPairPem } from '../packets/keys.js';
import { mkdirPrivate } from '../store/private-files.js';
import { openBureauDatabase } from './database.js';
import { bureauPaths, DEFAULT_BUREAU_NAME, SETTING, type BureauContext } from './context.js';
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
  const dbExisted = existsSync(paths.dbPath);
  if (dbExisted) {
    const db = openBureauDatabase(paths.dbPath);
    try {
      const stored = readBureauSetting(db, SETTING.keyFingerprint) as string | null;
      if (stored) {
        if (!existsSync(paths.privateKeyPath)) {
          throw new AppError('key_missing', `the bureau database exists but its signing key ${paths.privateKeyPath} is missing; restore it from a backup`, {
            path: paths.privateKeyPath,
            fingerprint: stored,
          });
        }
        const keys = readPrivateKeyFile(paths.privateKeyPath);
        const fingerprint = keyFingerprint(keys.publicKeyPem);
        if (fingerprint !== stored) {
          throw new AppError('key_missing', `${paths.privateKeyPath} is not the key this bureau database was set up with (${stored})`, {
            path: paths.privateKeyPath,
            fingerprint: stored,
            found: fingerprint,
          });
        }
        if (!existsSync(paths.publicKeyPath)) writePublicKeyFile(paths.publicKeyPath, keys.publicKeyPem);
        return {
          created: false,
          keyReused: true,
          ...paths,
          fingerprint,
          bureauName: (readBureauSetting(db, SETTING.name) as string | null) ?? DEFAULT_BUREAU_NAME,
        };
      }
    } finally {
      db.close();
    }
  }

  let keys: KeyPairPem;
  let keyReused = false;
  if (existsSync(paths.privateKeyPath)) {
    keys = readPrivateKeyFile(paths.privateKeyPath);
    keyReused = true;
  } else {
    keys = generateSigningKeyPair();
    writePrivateKeyFile(paths.privateKeyPath, keys.privateKeyPem);
  }
  writePublicKeyFile(paths.publicKeyPath, keys.publicKeyPem);
  const fingerprint = keyFingerprint(keys.publicKeyPem);
  const bureauName = options.name?.trim() || DEFAULT_BUREAU_NAME;
  const db = openBureauDatabase(paths.dbPath, { create: true });
  try {
    db.transaction(() => {
      writeBureauSetting(db, SETTING.keyFingerprint, fingerprint);
      writeBureauSetting(db, SETTING.name, bureauName);
      writeBureauSetting(db, SETTING.createdAt, options.now().toISOString());
    })();
  } finally {
    db.close();
  }
  return { created: true, keyReused, ...paths, fingerprint, bureauName };
}

/** The bureau's signing key, checked against the fingerprint recorded at init. */
export function loadBureauKeys(ctx: BureauContext): { keys: KeyPairPem; fingerprint: string; bureauName: string } {
  const stored = readBureauSetting(ctx.db, SETTING.keyFingerprint) as string | null;
  if (!existsSync(ctx.privateKeyPath)) {
    throw new AppError('key_missing', `the bureau signing key ${ctx.privateKeyPath} is missing; restore it from a backup`, { path: ctx.privateKeyPath });
  }
  const keys = readPrivateKeyFile(ctx.privateKeyPath);
  const fingerprint = keyFingerprint(keys.publicKeyPem);
  if (stored && fingerprint !== stored) {
    throw new AppError('key_missing', `${ctx.privateKeyPath} is not the key this bureau database was set up with (${stored})`, {
      path: ctx.privateKeyPath,
      fingerprint: stored,
      found: fingerprint,
    });
  }
  return { keys, fingerprint, bureauName: (readBureauSetting(ctx.db, SETTING.name) as string | null) ?? DEFAULT_BUREAU_NAME };
}
