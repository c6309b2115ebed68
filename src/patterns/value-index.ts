// The value side of the rule index: for one field at one index state, which next states a
// leaf value leads to. Exact values (and `numeric =`) are looked up by hash, keyed by the value
// itself: a Map's SameValueZero keeps "1" apart from 1 and takes -0 as 0, the equality of
// exactKey, without building a key string per lookup. Every other operator goes to an
// OperatorIndex (operator-index.ts), created on first use.
//
// Design note. Matching 10,000 rules costs mostly memory reads, and this object is read for
// every field of every state an event visits, so it is kept small: the exact-value lookup and
// a pointer to the rarer operators. A field with a single exact value — most fields below the
// top of the trie — holds it inline and compares it directly, without a Map; a large map (the
// root's instance ids) has a bit filter in front (key-filter.ts), as most lookups there miss.
import type { JsonLeaf, ValueMatcher } from "./value-matchers.js";
import type { Sink } from "./string-trie.js";
import type { NumericRange } from "./numbers.js";
import { OperatorIndex, type OperatorMatcher } from "./operator-index.js";
import { KeyFilter } from "./key-filter.js";
import { addToMap, removeFromMap, visitTargets, withTarget, withoutTarget, type Targets } from "./targets.js";

/** Leaf value → targets, for the matchers registered on one field. */
export class ValueIndex<T extends object> {
  /** The only exact key, while there is exactly one (then `exact` is unused). */
  private soleKey: JsonLeaf = null;
  private soleTargets: Targets<T> | undefined;
  /** Exact keys, once there are two or more. */
  private exact: Map<JsonLeaf, Targets<T>> | undefined;
  /** Which strings `exact` may hold, once it is large (key-filter.ts). */
  private filter: KeyFilter | undefined;
  private operators: OperatorIndex<T> | undefined;

  /** Registers a matcher leading to `target`. */
  add(matcher: ValueMatcher, target: T): void {
    const key = exactValue(matcher);
    if (key === NOT_EXACT) {
      (this.operators ??= new OperatorIndex()).add(matcher as OperatorMatcher, target);
    } else if (this.exact) {
      addToMap(this.exact, key, target);
      this.refilter(key);
    } else if (this.soleTargets === undefined || this.soleKey === key) {
      this.soleKey = key;
      this.soleTargets = withTarget(this.soleTargets, target);
    } else {
      this.exact = new Map([[this.soleKey, this.soleTargets]]);
      addToMap(this.exact, key, target);
      this.soleKey = null;
      this.soleTargets = undefined;
    }
  }

  /** Unregisters a matcher added with the same target. */
  remove(matcher: ValueMatcher, target: T): void {
    const key = exactValue(matcher);
    if (key === NOT_EXACT) {
      this.operators?.remove(matcher as OperatorMatcher, target);
      if (this.operators?.size === 0) this.operators = undefined;
    } else if (this.exact) {
      removeFromMap(this.exact, key, target);
      this.refilter(undefined);
      if (this.exact.size === 1) {
        const [soleKey, soleTargets] = this.exact.entries().next().value as [JsonLeaf, Targets<T>];
        this.soleKey = soleKey;
        this.soleTargets = soleTargets;
        this.exact = undefined;
      }
    } else if (this.soleKey === key) {
      this.soleTargets = withoutTarget(this.soleTargets, target);
      if (this.soleTargets === undefined) this.soleKey = null;
    }
  }

  /** Keeps the filter in step with `exact` after `added` (a key, possibly new) went in, or a key went out. */
  private refilter(added: JsonLeaf | undefined): void {
    this.filter = KeyFilter.refreshed(this.filter, this.exact as Map<JsonLeaf, Targets<T>>, added);
  }

  /** Visits every target whose matcher accepts `value` (a target may be visited more than once). */
  collect(value: JsonLeaf, sink: Sink<T>): void {
    const soleTargets = this.soleTargets;
    if (soleTargets !== undefined) {
      if (value === this.soleKey) visitTargets(soleTargets, sink);
    } else if (this.exact !== undefined) {
      const filter = this.filter;
      if (filter === undefined || typeof value !== "string" || filter.mayHave(value)) visitTargets(this.exact.get(value), sink);
    }
    if (this.operators !== undefined) this.operators.collect(value, sink);
  }
}

const NOT_EXACT = Symbol("not exact");

/** The value an exact matcher (or `numeric: ["=", n]`) is looked up by, else NOT_EXACT. */
function exactValue(matcher: ValueMatcher): JsonLeaf | typeof NOT_EXACT {
  if (matcher.kind === "exact") return matcher.value;
  if (matcher.kind === "numeric") return singleNumber(matcher.range) ?? NOT_EXACT;
  return NOT_EXACT;
}

/** The number a `numeric: ["=", n]` range admits, answered by the exact-value lookup. */
function singleNumber(range: NumericRange): number | undefined {
  const { lower, upper, lowerInclusive, upperInclusive } = range;
  return lower !== undefined && lower === upper && lowerInclusive && upperInclusive ? lower : undefined;
}
