// Prometheus metrics for `GET /metrics`: ingest counters by bus, source and outcome, request
// and ingest latency histograms, and queue depth read from the store at scrape time. Each
// instance has its own registry, so several servers in one test process do not collide.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { IngestResult } from "../core/event.js";
import type { IngestObserver } from "../events/ingest-service.js";

/** Distinct `source` label values kept before the rest are counted as `other`. */
const MAX_SOURCES = 200;

export class Metrics implements IngestObserver {
  readonly registry = new Registry();
  private readonly ingested: Counter<"bus" | "source" | "outcome">;
  readonly httpDuration: Histogram<"method" | "route" | "status">;
  readonly ingestDuration: Histogram<"route">;
  private readonly sources = new Set<string>();

  constructor(queueDepth: () => Promise<{ queue: string; status: string; count: number }[]>) {
    collectDefaultMetrics({ register: this.registry, prefix: "reflex_process_" });
    this.ingested = new Counter({
      name: "reflex_events_ingested_total",
      help: "Events received, by bus, event source and outcome (accepted, duplicate, rejected).",
      labelNames: ["bus", "source", "outcome"],
      registers: [this.registry],
    });
    this.httpDuration = new Histogram({
      name: "reflex_http_request_duration_seconds",
      help: "HTTP request latency by route.",
      labelNames: ["method", "route", "status"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.ingestDuration = new Histogram({
      name: "reflex_ingest_duration_seconds",
      help: "Time from an ingest request's arrival to its durable acknowledgement.",
      labelNames: ["route"],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
      registers: [this.registry],
    });
    new Gauge({
      name: "reflex_queue_jobs",
      help: "Jobs in the durable queue by queue and status.",
      labelNames: ["queue", "status"],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of await queueDepth()) this.set({ queue: row.queue, status: row.status }, row.count);
      },
    });
  }

  observe(bus: string, source: string, outcome: IngestResult["status"]): void {
    let label = source;
    if (!this.sources.has(source)) {
      if (this.sources.size < MAX_SOURCES) this.sources.add(source);
      else label = "other";
    }
    this.ingested.inc({ bus, source: label, outcome });
  }
}
