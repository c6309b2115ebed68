// Helpers for the rules engine tests: a config from YAML (the real loader), events stored as
// ingest stores them (with the outbox), jobs run to the end with a test clock, and an HTTP
// receiver on loopback that records what it is sent and answers what it is told.
import { createServer } from "node:http";
import type { IncomingHttpHeaders, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { rmSync } from "node:fs";
import type { ReflexConfig } from "../../src/config/index.js";
import { loadConfigDir } from "../../src/config/index.js";
import type { Clock } from "../../src/core/clock.js";
import type { CloudEvent } from "../../src/core/event.js";
import { eventTimeMs, normalizeEvent, searchText } from "../../src/events/normalize.js";
import { claimJobs } from "../../src/queue/claim.js";
import type { JobHandler } from "../../src/queue/job-handler.js";
import { silentLogger } from "../../src/queue/job-handler.js";
import { runJob } from "../../src/queue/run-job.js";
import { RULES_QUEUE, createRuleEngine } from "../../src/rules/index.js";
import type { RuleEngine } from "../../src/rules/index.js";
import { appendEvents } from "../../src/store/event-repository.js";
import type { AppendRow } from "../../src/store/event-repository.js";
import type { Store } from "../../src/store/open-store.js";
import { writeConfigDir } from "../support/config-dir.js";

/** Loads YAML documents (joined with `---`) as a config directory; fails on any problem. */
export async function configFrom(...documents: string[]): Promise<ReflexConfig> {
  const dir = writeConfigDir({ "config.yaml": documents.join("\n---\n") });
  try {
    const loaded = await loadConfigDir(dir);
    if (!loaded.config) throw new Error(`config problems: ${JSON.stringify(loaded.problems)}`);
    return loaded.config;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A rules engine on `store` whose config can be swapped by the test. */
export function engineFor(store: Store, clock: Clock, config: ReflexConfig, env: Record<string, string> = {}): { engine: RuleEngine; setConfig(next: ReflexConfig): void; warnings: string[] } {
  let current = config;
  const warnings: string[] = [];
  const engine = createRuleEngine({ store, clock, env, config: () => current, warn: (m) => warnings.push(m), pollMs: 60_000 });
  engine.registry.applyConfig(config);
  return {
    engine,
    warnings,
    setConfig(next) {
      current = next;
      engine.registry.applyConfig(next);
    },
  };
}

/** Stores events on `bus` the way ingest does, dispatch jobs included; returns their seqs (null: duplicate). */
export async function ingest(store: Store, engine: RuleEngine, clock: Clock, bus: string, events: readonly Record<string, unknown>[]): Promise<(number | null)[]> {
  const now = clock.now();
  const rows: AppendRow[] = events.map((input) => {
    const event: CloudEvent = normalizeEvent(input, { now });
    const jobs = engine.outbox.jobsFor(bus, event, now);
    return { bus, event, timeMs: eventTimeMs(event), receivedMs: now, schemaError: null, text: searchText(event), ...(jobs.length > 0 ? { outbox: jobs } : {}) };
  });
  return store.db.transaction().execute((trx) => appendEvents(trx, store.dialect, rows));
}

/** Runs every due job of the rules queue (and jobs they make due) until none is left; returns how many ran. */
export async function drain(store: Store, clock: Clock, handlers: Record<string, JobHandler>): Promise<number> {
  const context = { db: store.db, clock, workerId: "test-worker", leaseMs: 30_000, heartbeatMs: 10_000, handlers, logger: silentLogger };
  let ran = 0;
  for (;;) {
    const jobs = await claimJobs(store, clock, { queues: [RULES_QUEUE], workerId: "test-worker", leaseMs: 30_000, limit: 20 });
    if (jobs.length === 0) return ran;
    for (const job of jobs) await runJob(context, job);
    ran += jobs.length;
  }
}

/** A request the receiver got. */
export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** An HTTP server on loopback that records requests and answers `status()`. */
export class Receiver {
  readonly requests: Received[] = [];
  status: (request: Received) => number = () => 200;
  private server: Server | null = null;
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const received = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
        this.requests.push(received);
        const status = this.status(received);
        res.writeHead(status, { "content-type": "text/plain" });
        res.end(`answer ${status} to request ${this.requests.length}`);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
