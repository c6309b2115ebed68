// Prometheus counters of the rules engine, registered on the server's registry:
// `reflex_rule_matches_total{bus,rule,outcome}` (outcome = the match status) and
// `reflex_deliveries_total{type,outcome}` (per attempt: delivered, retrying, dead).
import { Counter } from "prom-client";
import type { Registry } from "prom-client";
import type { AttemptOutcome, RuleObserver } from "./rule-observer.js";

export class RuleMetrics implements RuleObserver {
  private readonly matches: Counter<"bus" | "rule" | "outcome">;
  private readonly deliveries: Counter<"type" | "outcome">;

  constructor(registry: Registry) {
    this.matches = new Counter({
      name: "reflex_rule_matches_total",
      help: "Rule matches by bus, rule and outcome (delivered, throttled, deduplicated, grouped, rule-missing, failed).",
      labelNames: ["bus", "rule", "outcome"],
      registers: [registry],
    });
    this.deliveries = new Counter({
      name: "reflex_deliveries_total",
      help: "Delivery attempts by target type and outcome (delivered, retrying, dead).",
      labelNames: ["type", "outcome"],
      registers: [registry],
    });
  }

  matched(bus: string, rule: string, outcome: string): void {
    this.matches.inc({ bus, rule, outcome });
  }

  attempted(type: string, outcome: AttemptOutcome): void {
    this.deliveries.inc({ type, outcome });
  }
}
