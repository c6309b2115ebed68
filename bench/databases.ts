// The databases a benchmark runs Reflex on: a fresh SQLite file in a temp directory, and a
// fresh schema on a local PostgreSQL (skipped, with the reason, when it cannot be reached).
// Each knows the environment a Reflex child needs, how to open the same store from the bench
// process (to check what was stored), and how to remove itself afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { openStore } from "../src/store/open-store.js";
import type { Store } from "../src/store/open-store.js";

/** A fresh, empty database for one Reflex process. */
export interface BenchDatabase {
  /** "SQLite" or "PostgreSQL". */
  label: string;
  /** Environment for `reflex up` to use this database. */
  env: Record<string, string>;
  /** Opens the same store in this process. */
  open(): Promise<Store>;
  /** Removes the data (directory, schema). */
  drop(): Promise<void>;
}

/** The PostgreSQL the benchmark uses unless BENCH_DATABASE_URL names another. */
export const BENCH_POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** A SQLite file in a new temp directory. */
export function sqliteDatabase(): BenchDatabase {
  const dataDir = mkdtempSync(join(tmpdir(), "reflex-bench-"));
  return {
    label: "SQLite",
    env: { REFLEX_DATA_DIR: dataDir },
    open: () => openStore({ dataDir }),
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** A new schema on PostgreSQL at `url`, or the reason it cannot be used. */
export async function postgresDatabase(url: string): Promise<BenchDatabase | { unavailable: string }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
  } catch (err) {
    return { unavailable: `PostgreSQL at ${redact(url)} is not reachable (${err instanceof Error ? err.message : String(err)})` };
  } finally {
    await client.end().catch(() => undefined);
  }
  const schema = `bench_${Math.random().toString(36).slice(2, 10)}`;
  const dataDir = mkdtempSync(join(tmpdir(), "reflex-bench-"));
  return {
    label: "PostgreSQL",
    env: { REFLEX_DATA_DIR: dataDir, DATABASE_URL: url, REFLEX_DB_SCHEMA: schema },
    open: () => openStore({ databaseUrl: url, schema }),
    drop: async () => {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await admin.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The database engine's own version, e.g. "SQLite 3.50.4" or "PostgreSQL 16.4". */
export async function engineVersion(store: Store): Promise<string> {
  if (store.dialect.name === "sqlite") {
    const { rows } = await sql<{ v: string }>`select sqlite_version() as v`.execute(store.db);
    return `SQLite ${rows[0]?.v ?? "?"}`;
  }
  const { rows } = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(store.db);
  return `PostgreSQL ${rows[0]?.v ?? "?"}`;
}

function redact(url: string): string {
  const u = new URL(url);
  u.password = "";
  return u.toString();
}
