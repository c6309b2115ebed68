// Prometheus metrics of the broker sources, registered on the server's registry:
// `reflex_source_messages_total{source,outcome}` — messages by what became of them (stored,
// duplicate: a redelivery of what was stored already, rejected: refused and acknowledged,
// failed: not stored, left for the broker to redeliver) — and `reflex_source_connected{source}`,
// 1 while a source is consuming, read from the consumers at scrape time.
import { Counter, Gauge } from "prom-client";
import type { Registry } from "prom-client";
import type { ReceiveOutcome, SourceObserver } from "./receive.js";
import type { SourceStatus } from "./source-consumer.js";

export class SourceMetrics implements SourceObserver {
  private readonly messages: Counter<"source" | "outcome">;

  constructor(registry: Registry, statuses: () => readonly SourceStatus[]) {
    this.messages = new Counter({
      name: "reflex_source_messages_total",
      help: "Broker messages by source and outcome (stored, duplicate, rejected, failed).",
      labelNames: ["source", "outcome"],
      registers: [registry],
    });
    new Gauge({
      name: "reflex_source_connected",
      help: "1 while a broker source is consuming, 0 while it connects or waits to reconnect.",
      labelNames: ["source"],
      registers: [registry],
      collect() {
        this.reset();
        for (const s of statuses()) this.set({ source: s.name }, s.state === "consuming" ? 1 : 0);
      },
    });
  }

  received(source: string, outcome: ReceiveOutcome | "failed"): void {
    this.messages.inc({ source, outcome });
  }
}
