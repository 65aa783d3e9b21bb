import { basename, dirname, extname, join, resolve } from 'node:path';
import type { SqliteDatabase } from '../store/database.js';
import { openBureauDatabase } from './database.js';

/** The bureau desk's files: the database, its signing key pair and the folder of received photos, side by side. */
export interface BureauPaths {
  dbPath: string;
  dir: string;
  /** Ed25519 private key (PKCS#8 PEM), mode 0600. */
  privateKeyPath: string;
  /** The public key officers pin (`sponsor-desk trust-bureau bureau.pub`). */
  publicKeyPath: string;
  /** Photos and evidence from weekly packets, named by SHA-256. */
  filesDir: string;
}

export function bureauPaths(dbPath: string): BureauPaths {
  const abs = resolve(dbPath);
  const dir = dirname(abs);
  const stem = basename(abs, extname(abs));
  return { dbPath: abs, dir, privateKeyPath: join(dir, 'bureau.key'), publicKeyPath: join(dir, 'bureau.pub'), filesDir: join(dir, `${stem}-files`) };
}

export interface BureauContext extends BureauPaths {
  db: SqliteDatabase;
  now(): Date;
}

export function openBureau(dbPath: string, now: () => Date = () => new Date()): BureauContext {
  const paths = bureauPaths(dbPath);
  const db = openBureauDatabase(paths.dbPath);
  return { ...paths, db, now };
}

/**
 * The desk for one command or one window: the database opens when a handler first reads `db` (init and
 * restore work on the files, before there is a database to open); `close` closes it if it was opened.
 */
export function lazyBureau(dbPath: string, now: () => Date = () => new Date()): BureauContext & { close(): void } {
  const paths = bureauPaths(dbPath);
  let db: SqliteDatabase | null = null;
  return {
    ...paths,
    now,
    get db() {
      return (db ??= openBureauDatabase(paths.dbPath));
    },
    // A restore or leaving the demo puts another database file in place and hands the desk its connection.
    set db(next) {
      db = next;
    },
    close: () => db?.close(),
  };
}

export const SETTING = { keyFingerprint: 'bureau_key_fingerprint', name: 'bureau_name', createdAt: 'created_at' } as const;

export const DEFAULT_BUREAU_NAME = '区经济发展局重点项目办';
