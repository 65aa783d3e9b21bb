/**
 * Types for better-sqlite3-multiple-ciphers. The package ships its own index.d.ts, but its package.json
 * "exports" has no "types" condition, so TypeScript's bundler resolution cannot find it. Its API is
 * better-sqlite3's (same version line) plus `key` and `rekey`; the types are better-sqlite3's: `Database.Database` is better-sqlite3's
 * type (so code and tests may pass either build's connections), and a new connection also has the two.
 */
declare module 'better-sqlite3-multiple-ciphers' {
  import BetterSqlite3 = require('better-sqlite3');

  export interface CipherMethods {
    /** Applies the key (a passphrase as bytes) to an opened connection; returns SQLite's result code. */
    key(key: Buffer): number;
    /** Re-encrypts the database with a new key; an empty buffer removes encryption. */
    rekey(key: Buffer): number;
  }

  namespace Database {
    type Database = BetterSqlite3.Database;
    type Options = BetterSqlite3.Options;
    type RunResult = BetterSqlite3.RunResult;
    type Statement<BindParameters extends unknown[] | {} = unknown[], Result = unknown> = BetterSqlite3.Statement<BindParameters, Result>;
    type Transaction<T extends (...params: any[]) => unknown = (...params: any[]) => unknown> = BetterSqlite3.Transaction<T>;
  }

  const Database: new (filename?: string | Buffer, options?: BetterSqlite3.Options) => Database.Database & CipherMethods;
  export = Database;
}
