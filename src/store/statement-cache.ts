// Kysely's SQLite driver prepares every statement anew; on the ingest path that preparing costs
// more than running the statement. This wrapper keeps the most recently used prepared
// statements by SQL text. Safe because Kysely runs one statement at a time per connection and
// Reflex never leaves an iterator open across statements.
import type BetterSqlite3 from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";

/** Wraps a better-sqlite3 database so that `prepare` reuses up to `capacity` statements. */
export function withStatementCache(database: BetterSqlite3.Database, capacity = 256): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => database.close(),
    prepare(sql: string): SqliteStatement {
      const hit = cache.get(sql);
      if (hit) {
        cache.delete(sql); // re-insert: the map's order is recency
        cache.set(sql, hit);
        return hit;
      }
      const statement = database.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > capacity) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      return statement;
    },
  };
}
