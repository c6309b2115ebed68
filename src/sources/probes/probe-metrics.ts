// Prometheus metrics of probes, registered on the server's registry:
// `reflex_probe_up{probe}` (1 up, 0 down; absent while unknown), read from the database at
// scrape time so that every node reports the cluster's view, whichever node made the checks;
// and `reflex_probe_check_duration_seconds{probe,outcome}`, each check this node made.
import { Gauge, Histogram } from "prom-client";
import type { Registry } from "prom-client";
import type { CheckResult } from "./check-result.js";

/** Told of every check this node makes (metrics). */
export interface ProbeObserver {
  /** `seconds` is null for a check this node could not make. */
  checked(probe: string, outcome: CheckResult["outcome"], seconds: number | null): void;
}

/** A probe's name and stored status, as the gauge reads them. */
export interface ProbeStatusRow {
  name: string;
  status: string;
}

export class ProbeMetrics implements ProbeObserver {
  private readonly duration: Histogram<"probe" | "outcome">;

  /** `statuses` reads the configured probes' stored status at each scrape. */
  constructor(registry: Registry, statuses: () => Promise<readonly ProbeStatusRow[]>) {
    new Gauge({
      name: "reflex_probe_up",
      help: "Probe status: 1 up, 0 down (absent while a probe's status is unknown).",
      labelNames: ["probe"],
      registers: [registry],
      async collect() {
        this.reset();
        for (const row of await statuses()) {
          if (row.status === "up" || row.status === "down") this.set({ probe: row.name }, row.status === "up" ? 1 : 0);
        }
      },
    });
    this.duration = new Histogram({
      name: "reflex_probe_check_duration_seconds",
      help: "Probe checks made by this node, by probe and outcome (success, failure); the latency the check measured.",
      labelNames: ["probe", "outcome"],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    });
  }

  checked(probe: string, outcome: CheckResult["outcome"], seconds: number | null): void {
    if (seconds !== null) this.duration.observe({ probe, outcome }, seconds);
  }
}
