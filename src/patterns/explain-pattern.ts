// "Why does this event (not) match?" — the answer a person needs when a rule stays silent. The
// pattern is tested alternative by alternative (one per `$or` combination), every condition on
// its own. The alternative that matched, or else the one with the fewest conditions failing
// (then the most holding), is shown condition by condition: where the condition is written in
// the pattern (JSON pointer), what it asks as written, the event's values at that field, and
// whether it holds. The verdict is the reference evaluator's (evaluate-branch.ts), so an
// explanation never disagrees with `compilePattern`; when every condition holds and the
// alternative still fails, the event's values came from different elements of an array (array
// consistency), which is said too.
import { isJsonObject, toPointer, type JsonValue } from "../core/json.js";
import type { PatternOptions } from "./pattern-options.js";
import { parseValid, wantedPaths } from "./compile-pattern.js";
import { branchMatches, conditionHoldsAlone } from "./evaluate-branch.js";
import { flattenEvent, type FlatEvent } from "./flatten-event.js";
import type { FieldCondition } from "./field-condition.js";
import type { Segments } from "./parse-context.js";
import type { JsonLeaf } from "./value-matchers.js";

/** Most event values listed per condition (`valueCount` tells how many there were). */
export const EXPLAIN_MAX_VALUES = 10;

/** How one condition of the alternative shown fared against the event. */
export interface ConditionOutcome {
  /** The event field: object keys joined with ".". */
  field: string;
  /** JSON pointer of the condition in the pattern. */
  pointer: string;
  /** What the pattern asks there, as written. */
  expected: JsonValue;
  /** The event's values at the field, the first EXPLAIN_MAX_VALUES of them (none: the field is absent). */
  values: JsonLeaf[];
  /** How many values the event has at the field. */
  valueCount: number;
  /** Whether the condition holds on its own. */
  holds: boolean;
}

/** Why an event matches a pattern or not. */
export interface PatternExplanation {
  match: boolean;
  /** Alternatives the pattern expands to (one per combination of `$or` choices). */
  alternatives: number;
  /** Which alternative is shown (0-based): the one that matched, or the closest to matching. */
  alternative: number;
  /** Its conditions, in the order the pattern writes them. */
  conditions: ConditionOutcome[];
  /** Every condition holds, but on different elements of an array, so the alternative does not match. */
  splitAcrossArrayElements: boolean;
}

/** Explains whether `event` matches `pattern`; throws PatternError when the pattern is not valid. */
export function explainPattern(pattern: unknown, event: unknown, options?: PatternOptions): PatternExplanation {
  const parsed = parseValid(pattern, options);
  const written = new Map([...parsed.places.keys()].map((condition, i) => [condition, i]));
  const inPatternOrder = (a: FieldCondition, b: FieldCondition): number => (written.get(a) ?? 0) - (written.get(b) ?? 0);
  const flat: FlatEvent = (isJsonObject(event) ? flattenEvent(event, wantedPaths(parsed.branches)) : undefined) ?? { leaves: new Map(), hasArrays: false };
  let shown: PatternExplanation | undefined;
  let shownFailing = Infinity;
  let shownHolding = 0;
  parsed.branches.forEach((branch, i) => {
    if (shown?.match) return;
    const conditions = [...branch].sort(inPatternOrder).map((c) => outcome(c, pattern, parsed.places.get(c) ?? [], flat));
    const failing = conditions.filter((c) => !c.holds).length;
    const holding = conditions.length - failing;
    const match = failing === 0 && branchMatches(branch, flat);
    // Closest: fewest conditions failing, then most holding (the first of equals).
    if (!match && (failing > shownFailing || (failing === shownFailing && holding <= shownHolding))) return;
    shown = { match, alternatives: parsed.branches.length, alternative: i, conditions, splitAcrossArrayElements: failing === 0 && !match };
    shownFailing = failing;
    shownHolding = holding;
  });
  return shown as PatternExplanation;
}

function outcome(condition: FieldCondition, pattern: unknown, at: Segments, flat: FlatEvent): ConditionOutcome {
  const leaves = flat.leaves.get(condition.path) ?? [];
  return {
    field: condition.path,
    pointer: toPointer(at),
    expected: valueAt(pattern, at),
    values: leaves.slice(0, EXPLAIN_MAX_VALUES).map((leaf) => leaf.value),
    valueCount: leaves.length,
    holds: conditionHoldsAlone(condition, leaves),
  };
}

/** The part of a (valid, hence JSON) pattern at `at`. */
function valueAt(pattern: unknown, at: Segments): JsonValue {
  let value = pattern;
  for (const segment of at) value = (value as Record<string | number, unknown>)[segment];
  return value as JsonValue;
}
