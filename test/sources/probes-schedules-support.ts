// Helpers for the probe and schedule tests: config from YAML as a user writes it, the real
// ingest service on a real store (SQLite, or PostgreSQL with REFLEX_TEST_DATABASE_URL), a
// second store on the same database (a second node), the events stored from one kind of
// source, and a loopback HTTP server whose answer the test flips.
import { rmSync } from "node:fs";
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { loadConfigDir } from "../../src/config/load.js";
import type { ReflexConfig } from "../../src/config/types.js";
import type { Clock } from "../../src/core/clock.js";
import type { CloudEvent } from "../../src/core/event.js";
import type { SecretResolver } from "../../src/core/secrets.js";
import { SecretNotSetError } from "../../src/core/secrets.js";
import { EventTypeRegistry } from "../../src/events/event-types.js";
import { EventWriter } from "../../src/events/event-writer.js";
import { IngestService } from "../../src/events/ingest-service.js";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/open-store.js";
import type { TestDatabase } from "../support/store.js";
import { writeConfigDir } from "../support/config-dir.js";

/** A logger that drops everything. */
export const silent = pino({ level: "silent" });

/** Loads YAML documents (joined with `---`) as a config directory; fails on any problem. */
export async function configFrom(...documents: string[]): Promise<ReflexConfig> {
  const dir = writeConfigDir({ "config.yaml": documents.join("\n---\n") });
  try {
    const loaded = await loadConfigDir(dir);
    if (!loaded.config) throw new Error(`config problems:\n${loaded.problems.map((p) => `${p.pointer}: ${p.message}`).join("\n")}`);
    return loaded.config;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A resolver over a fixed map of secrets. */
export function memorySecrets(values: Record<string, string>): SecretResolver {
  return {
    resolve: async (names) => {
      const missing = names.filter((n) => values[n] === undefined);
      if (missing.length > 0) throw new SecretNotSetError(missing);
      return Object.fromEntries(names.map((n) => [n, values[n] ?? ""]));
    },
  };
}

/** The real ingest path on `store`, for `config`'s buses; `idle` waits for its commits. */
export function ingestFor(store: Store, clock: Clock, config: () => ReflexConfig): { ingest: IngestService; idle(): Promise<void> } {
  const writer = new EventWriter(store.appendEvents, { concurrency: store.appendConcurrency });
  const ingest = new IngestService(writer, () => ({ buses: config().buses, eventTypes: new EventTypeRegistry([...config().eventTypes]) }), clock, { observe: () => undefined });
  return { ingest, idle: () => writer.idle() };
}

/** Opens another store on the same database (what a second node would). */
export function secondStore(database: TestDatabase): Promise<Store> {
  return openStore({ dataDir: database.dataDir, databaseUrl: database.databaseUrl, schema: database.schema });
}

/** Events stored whose `source` starts with `prefix`, oldest first. */
export async function storedEvents(store: Store, prefix: string): Promise<CloudEvent[]> {
  const rows = await store.db.selectFrom("events").select("envelope").where("source", "like", `${prefix}%`).orderBy("seq").execute();
  return rows.map((r) => JSON.parse(r.envelope) as CloudEvent);
}

/** A loopback HTTP server answering `status` with `body`; it counts and keeps what it is sent. */
export interface FlipServer {
  url: string;
  status: number;
  body: string;
  /** The Authorization header of each request, in order. */
  authorizations: (string | undefined)[];
  close(): Promise<void>;
}

export async function startFlipServer(): Promise<FlipServer> {
  const state = { status: 200, body: "status: ok", authorizations: [] as (string | undefined)[] };
  const server: Server = createServer((req, res) => {
    state.authorizations.push(req.headers.authorization);
    res.writeHead(state.status, { "content-type": "text/plain" });
    res.end(state.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/health`,
    get status() {
      return state.status;
    },
    set status(value: number) {
      state.status = value;
    },
    get body() {
      return state.body;
    },
    set body(value: string) {
      state.body = value;
    },
    authorizations: state.authorizations,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
