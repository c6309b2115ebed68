// How big the seeded database is, for the report: the SQLite file (with its WAL), or the
// tables and indexes of the benchmark's schema on PostgreSQL.
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import type { Store } from "../src/store/open-store.js";

/** Bytes on disk of the store's data, or null when it cannot be told. */
export async function storeSize(store: Store, dataDir: string | undefined): Promise<number | null> {
  if (store.dialect.name === "sqlite") {
    if (dataDir === undefined) return null;
    const file = join(dataDir, "reflex.db");
    return [file, `${file}-wal`].filter((f) => existsSync(f)).reduce((sum, f) => sum + statSync(f).size, 0);
  }
  const { rows } = await sql<{ bytes: string | number | null }>`
    select sum(pg_total_relation_size(c.oid)) as bytes
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'r'`.execute(store.db);
  const bytes = rows[0]?.bytes;
  return bytes === null || bytes === undefined ? null : Number(bytes);
}
