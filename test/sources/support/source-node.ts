// A node that only consumes broker sources, run as a child process by the crash test: the same
// parts `reflex up` wires for them (store, event writer, ingest service, SourceManager with the
// config directory's broker sources), with storing made slow (STORE_DELAY_MS) so that a kill
// lands while messages are received but not yet stored. It prints `received <n>` when a
// message reaches ingest and `stored <n>` once its events are stored, and `consuming` once
// every source is consuming.
import { pino } from "pino";
import { Registry } from "prom-client";
import { loadConfigDir } from "../../../src/config/load.js";
import { systemClock } from "../../../src/core/clock.js";
import { NO_SECRETS } from "../../../src/core/secrets.js";
import { EventTypeRegistry } from "../../../src/events/event-types.js";
import { EventWriter } from "../../../src/events/event-writer.js";
import { IngestService } from "../../../src/events/ingest-service.js";
import { createSourceManager } from "../../../src/sources/index.js";
import { openStore } from "../../../src/store/open-store.js";

const env = process.env;
const loaded = await loadConfigDir(env.CONFIG_DIR ?? "");
if (!loaded.config) throw new Error(`config problems: ${JSON.stringify(loaded.problems)}`);
const config = loaded.config;
const store = await openStore({ dataDir: env.REFLEX_DATA_DIR, databaseUrl: env.DATABASE_URL, schema: env.REFLEX_DB_SCHEMA });
const writer = new EventWriter(store.appendEvents, { concurrency: store.appendConcurrency });
const ingestConfig = { buses: config.buses, eventTypes: new EventTypeRegistry([...config.eventTypes]) };
const ingest = new IngestService(writer, () => ingestConfig, systemClock, { observe: () => undefined });
const delayMs = Number(env.STORE_DELAY_MS ?? "0");
let received = 0;
let stored = 0;

const manager = createSourceManager({
  ingest: {
    ingest: async (bus, items) => {
      process.stdout.write(`received ${++received}\n`);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const results = await ingest.ingest(bus, items);
      process.stdout.write(`stored ${++stored}\n`);
      return results;
    },
  },
  secrets: NO_SECRETS,
  env,
  logger: pino({ level: "warn" }, process.stderr),
  registry: new Registry(),
  nodeId: "crash-test-node",
  backoff: { baseMs: 50, maxMs: 500 },
});
await manager.apply(config.brokerSources);
const waiting = setInterval(() => {
  if (manager.status().every((s) => s.state === "consuming")) {
    clearInterval(waiting);
    process.stdout.write("consuming\n");
  }
}, 20);
