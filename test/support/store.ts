// Gives each test file its own real store: a fresh SQLite file in a temp directory, or, when
// REFLEX_TEST_DATABASE_URL is set, a fresh schema on that PostgreSQL server (dropped after).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/open-store.js";

export const testDatabaseUrl = process.env.REFLEX_TEST_DATABASE_URL;

/** Options that put a Reflex process or store on the test database. */
export interface TestDatabase {
  dataDir: string;
  databaseUrl?: string;
  schema?: string;
  /** Environment for a child `reflex` process using the same database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** Allocates a fresh, empty database location for one test file or test. */
export function allocateTestDatabase(): TestDatabase {
  const dataDir = mkdtempSync(join(tmpdir(), "reflex-test-"));
  if (!testDatabaseUrl) {
    return {
      dataDir,
      env: { REFLEX_DATA_DIR: dataDir },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  return {
    dataDir,
    databaseUrl: testDatabaseUrl,
    schema,
    env: { REFLEX_DATA_DIR: dataDir, DATABASE_URL: testDatabaseUrl, REFLEX_DB_SCHEMA: schema },
    drop: async () => {
      const client = new pg.Client({ connectionString: testDatabaseUrl });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await client.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Opens a migrated store on a fresh test database; `cleanup` closes and drops it. */
export async function openTestStore(): Promise<{ store: Store; database: TestDatabase; cleanup: () => Promise<void> }> {
  const database = allocateTestDatabase();
  const store = await openStore({ dataDir: database.dataDir, databaseUrl: database.databaseUrl, schema: database.schema });
  return {
    store,
    database,
    cleanup: async () => {
      await store.close();
      await database.drop();
    },
  };
}
