// Broker sources running in this process on a real store (SQLite, or PostgreSQL with
// REFLEX_TEST_DATABASE_URL): config loaded from YAML as a user writes it, the real ingest
// service, a SourceManager applying the config, its log lines and metrics kept for the test.
import { pino } from "pino";
import { Registry } from "prom-client";
import { loadConfigDir } from "../../../src/config/load.js";
import type { ReflexConfig } from "../../../src/config/types.js";
import { systemClock } from "../../../src/core/clock.js";
import type { CloudEvent } from "../../../src/core/event.js";
import type { SecretResolver } from "../../../src/core/secrets.js";
import { SecretNotSetError } from "../../../src/core/secrets.js";
import { EventTypeRegistry } from "../../../src/events/event-types.js";
import { EventWriter } from "../../../src/events/event-writer.js";
import { IngestService } from "../../../src/events/ingest-service.js";
import type { IngestPort } from "../../../src/sources/index.js";
import { createSourceManager } from "../../../src/sources/index.js";
import type { SourceManager } from "../../../src/sources/index.js";
import type { Store } from "../../../src/store/open-store.js";
import { writeConfigDir } from "../../support/config-dir.js";
import { waitFor } from "../../support/reflex.js";

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

/** Loads YAML config text (one file); fails the test with the problems when it has any. */
export async function loadYaml(text: string): Promise<ReflexConfig> {
  const loaded = await loadConfigDir(writeConfigDir({ "config.yaml": text }));
  if (!loaded.config) throw new Error(`config problems:\n${loaded.problems.map((p) => `${p.pointer}: ${p.message}`).join("\n")}`);
  return loaded.config;
}

export interface Harness {
  manager: SourceManager;
  registry: Registry;
  /** Every log line written so far (JSON text). */
  logs: string[];
  /** Events stored with this CloudEvents `source` attribute, oldest first. */
  events(source: string): Promise<CloudEvent[]>;
  /** The value of `reflex_source_messages_total{source, outcome}`. */
  counted(source: string, outcome: string): Promise<number>;
  /** Waits until the named source is consuming. */
  consuming(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a SourceManager for `config` on `store`; `wrap` may wrap the ingest port (to fail or slow it). */
export async function startHarness(
  store: Store,
  config: ReflexConfig,
  options: { wrap?: (ingest: IngestPort) => IngestPort; secrets?: SecretResolver; env?: Record<string, string> } = {},
): Promise<Harness> {
  const logs: string[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void logs.push(line) });
  const writer = new EventWriter(store.appendEvents, { concurrency: store.appendConcurrency });
  const ingestConfig = { buses: config.buses, eventTypes: new EventTypeRegistry([...config.eventTypes]) };
  const ingest = new IngestService(writer, () => ingestConfig, systemClock, { observe: () => undefined });
  const registry = new Registry();
  const manager = createSourceManager({
    ingest: options.wrap ? options.wrap(ingest) : ingest,
    secrets: options.secrets ?? memorySecrets({}),
    env: options.env ?? {},
    logger,
    registry,
    nodeId: "test-node",
    backoff: { baseMs: 50, maxMs: 500 },
  });
  await manager.apply(config.brokerSources);
  return {
    manager,
    registry,
    logs,
    events: async (source) => {
      const rows = await store.db.selectFrom("events").select(["envelope"]).where("source", "=", source).orderBy("seq").execute();
      return rows.map((r) => JSON.parse(r.envelope) as CloudEvent);
    },
    counted: async (source, outcome) => {
      const metric = await registry.getSingleMetric("reflex_source_messages_total")?.get();
      return metric?.values.find((v) => v.labels.source === source && v.labels.outcome === outcome)?.value ?? 0;
    },
    consuming: async (name) => {
      await waitFor(async () => (manager.status().find((s) => s.name === name)?.state === "consuming" ? true : undefined), `source ${name} consuming (status: ${JSON.stringify(manager.status())})`);
    },
    stop: async () => {
      await manager.close();
      await writer.idle();
    },
  };
}
