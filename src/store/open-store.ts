// Opens the store: embedded SQLite in the data directory by default (WAL, so a commit survives
// a killed process), or PostgreSQL when a `postgres://` URL is given. Runs migrations. Event
// appends are a capability of the store: on SQLite they commit on a writer thread with its own
// connection, on PostgreSQL in a pooled transaction, several at once.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { ReflexError } from "../core/errors.js";
import type { StoreDialect } from "./dialect.js";
import { appendEvents } from "./event-repository.js";
import type { AppendRow } from "./event-repository.js";
import { migrate } from "./migrate.js";
import { postgresDialect } from "./postgres-dialect.js";
import type { Database } from "./schema.js";
import { SqliteAppendThread } from "./sqlite-append-thread.js";
import { sqliteDialect } from "./sqlite-dialect.js";
import { withStatementCache } from "./statement-cache.js";

export interface StoreOptions {
  /** `postgres://…` for PostgreSQL; otherwise SQLite in `dataDir`. */
  databaseUrl?: string;
  /** Directory for `reflex.db` (SQLite). */
  dataDir?: string;
  /** PostgreSQL schema to work in (created if missing); tests use one per file. */
  schema?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

/**
 * Commits one group of events in a transaction of its own; resolves only after COMMIT, with
 * each row's seq or `null` for a duplicate. A failure rejects the whole group.
 */
export type EventAppender = (rows: readonly AppendRow[]) => Promise<(number | null)[]>;

/** An open database with its dialect's capabilities. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  /** Human description, with secrets removed: `sqlite:/path/reflex.db` or `postgres://host/db`. */
  readonly description: string;
  /** Commits event groups (SQLite: on a writer thread, started on first use). */
  readonly appendEvents: EventAppender;
  /** Readies what `appendEvents` needs ahead of the first event (SQLite: starts the writer thread); returns at once. */
  warmUp(): void;
  /** How many `appendEvents` commits are worth running at once: 1 on SQLite (one writer), more on PostgreSQL. */
  readonly appendConcurrency: number;
  /** Waits for appends in flight, then closes every connection. */
  close(): Promise<void>;
}

const PG_INT8 = 20;

/** Concurrent event commits on PostgreSQL: the database is the bottleneck and works in parallel. */
const POSTGRES_APPEND_CONCURRENCY = 4;

/** Opens (and migrates) the store. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const url = options.databaseUrl;
  const store = url && /^postgres(ql)?:\/\//.test(url) ? await openPostgres(url, options) : openSqlite(options);
  const result = await migrate(store.db, store.dialect.name);
  if (result.error) {
    await store.close();
    throw new ReflexError("migration_failed", `database migration ${result.error.migration} failed: ${result.error.message}`);
  }
  return store;
}

/**
 * Opens a connection to a SQLite database file with Reflex's settings (WAL, busy timeout of
 * 10 s, prepared-statement cache). The main thread and the writer thread each open one.
 */
export function connectSqlite(file: string): Kysely<Database> {
  const database = new BetterSqlite3(file);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma("busy_timeout = 10000");
  database.pragma("foreign_keys = ON");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
}

function openSqlite(options: StoreOptions): Store {
  const dir = options.dataDir ?? ".reflex";
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "reflex.db");
  const db = connectSqlite(file);
  const writer = new SqliteAppendThread(file);
  return {
    db,
    dialect: sqliteDialect,
    description: `sqlite:${file}`,
    appendEvents: (rows) => writer.append(rows),
    warmUp: () => writer.warm(),
    appendConcurrency: 1,
    close: async () => {
      await writer.close();
      await db.destroy();
    },
  };
}

async function openPostgres(url: string, options: StoreOptions): Promise<Store> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new ReflexError("invalid_schema", `PostgreSQL schema name '${schema}' must be lower-case letters, digits and _`);
  }
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`create schema if not exists ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const types = {
    getTypeParser: ((oid: number, format?: "text" | "binary") =>
      oid === PG_INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const poolSize = options.poolSize ?? 10;
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const safe = new URL(url);
  safe.password = "";
  const inFlight = new Set<Promise<unknown>>();
  return {
    db,
    dialect: postgresDialect,
    description: `postgres://${safe.host}${safe.pathname}`,
    appendEvents: (rows) => {
      const done = db.transaction().execute((trx) => appendEvents(trx, postgresDialect, rows));
      inFlight.add(done);
      const forget = () => inFlight.delete(done);
      done.then(forget, forget);
      return done;
    },
    // The pool connects on demand and the transaction needs nothing else.
    warmUp: () => {},
    appendConcurrency: Math.min(POSTGRES_APPEND_CONCURRENCY, poolSize),
    close: async () => {
      await Promise.allSettled([...inFlight]);
      await db.destroy();
    },
  };
}
