import type { Database } from '../store/driver.js';
import type { SqliteDatabase } from '../store/database.js';

/** Prepared statements, kept per connection: ingest runs the same few statements thousands of times. */
const statementCache = new WeakMap<SqliteDatabase, Map<string, Database.Statement<unknown[], unknown>>>();
export function cached(db: SqliteDatabase, sql: string): Database.Statement<unknown[], unknown> {
  let byDb = statementCache.get(db);
  if (!byDb) statementCache.set(db, (byDb = new Map()));
  let stmt = byDb.get(sql);
  if (!stmt) byDb.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}
