import type { SqliteDatabase } from './database.js';

/** How many distinct statements a connection keeps compiled (the least recently used is dropped first). */
const CACHE_SIZE = 300;

/**
 * Makes `db.prepare` hand back an already compiled statement for SQL text it has seen.
 *
 * Why: the repositories prepare their statement on every call. Each compiled statement holds native memory
 * (with the append-only and read-model triggers compiled into every INSERT, tens of kilobytes) that is freed
 * only when V8 collects the small JS object, and V8 does not see that memory: a bulk write (an assignment of
 * 40,000 checklist items, a seeded benchmark store) grew the process by gigabytes before a collection ran.
 * Reusing the statement costs nothing and keeps memory flat.
 *
 * A statement's result mode (`pluck`, `expand`, `raw`) is a setting of the statement object, so it is reset to
 * plain rows whenever a cached statement is handed out: a caller never inherits another caller's mode. No
 * code here iterates a statement lazily (`iterate`), which is the one use a shared statement could not serve.
 */
export function cacheStatements(db: SqliteDatabase): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, ReturnType<typeof prepare>>();
  db.prepare = ((sql: string) => {
    const hit = cache.get(sql);
    if (hit) {
      cache.delete(sql);
      cache.set(sql, hit);
      if (hit.reader) hit.raw(false).expand(false).pluck(false);
      return hit;
    }
    const statement = prepare(sql);
    cache.set(sql, statement);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return statement;
  }) as typeof db.prepare;
}
