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
  const events = parsed(opsEvents(fleet, seededRandom(SEED + 1), EVENT_COUNT));
  const largest = Math.max(...RULE_COUNTS);
  return {
    fleet,
    events,
    rules: {
      "exact-prefix": parsed(ruleSet(fleet, seededRandom(SEED + 2), "exact-prefix", largest)),
      mixed: parsed(ruleSet(fleet, seededRandom(SEED + 3), "mixed", largest)),
    },
  };
}

/**
 * A value as JSON.parse gives it back. Events reach the rule index parsed from a request body
 * and rules parsed from a file or API call: every string is one of its own, held flat. Values
 * built in code are not like that — an event naming an instance holds the very string object a
 * rule about it holds (so comparing them costs nothing), and templates build concatenated
 * strings that every read goes through — and would flatter or burden the matchers unlike
 * anything they meet in use.
 */
function parsed<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
