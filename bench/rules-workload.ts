// The whole input of the rules benchmark, built from fixed seeds: the fleet, the event stream
// and the largest rule set of each mix. The suite and the memory-measuring child process both
// build it here, so they measure the same rules.
import type { JsonObject } from "../src/core/json.js";
import { opsEvents } from "./rules-events.js";
import { makeFleet, type Fleet } from "./rules-fleet.js";
import { seededRandom } from "./rules-random.js";
import { ruleSet, type BenchRule, type RuleMix } from "./rules-sets.js";

/** Rule counts measured. */
export const RULE_COUNTS = [10, 1_000, 10_000] as const;
/** Both mixes, in report order. */
export const MIXES: readonly RuleMix[] = ["exact-prefix", "mixed"];
/** Distinct events cycled through by every measurement. */
export const EVENT_COUNT = 10_000;
const SEED = 20261120;

/** Fleet, events and rules of one benchmark run. */
export interface Workload {
  fleet: Fleet;
  events: JsonObject[];
  /** The largest rule set of each mix; smaller sets are its first n rules. */
  rules: Record<RuleMix, BenchRule[]>;
}

/** Builds the workload; the same on every call. */
export function buildWorkload(): Workload {
  // One stream per part, so changing how one part is drawn leaves the others as they were.
  const fleet = makeFleet(seededRandom(SEED));
  const events = opsEvents(fleet, seededRandom(SEED + 1), EVENT_COUNT);
  const largest = Math.max(...RULE_COUNTS);
  return {
    fleet,
    events,
    rules: {
      "exact-prefix": ruleSet(fleet, seededRandom(SEED + 2), "exact-prefix", largest),
      mixed: ruleSet(fleet, seededRandom(SEED + 3), "mixed", largest),
    },
  };
}
