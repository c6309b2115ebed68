// What the rules engine reports as it works, for metrics: each match's outcome and each
// delivery attempt's. Prometheus counters implement it in `rule-metrics.ts`.

/** How one delivery attempt ended. */
export type AttemptOutcome = "delivered" | "retrying" | "dead";

/** Told about outcomes; implementations must not throw. */
export interface RuleObserver {
  matched(bus: string, rule: string, outcome: string): void;
  attempted(type: string, outcome: AttemptOutcome): void;
}

/** Hears nothing; the default. */
export const quietObserver: RuleObserver = { matched: () => undefined, attempted: () => undefined };
