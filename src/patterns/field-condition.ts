// The unit a compiled pattern is made of. A pattern expands (see or-expansion.ts) into
// branches, any of which may match; a branch is a conjunction of field conditions; a field
// condition says which values may stand at one flattened field path (any of its matchers) and
// whether the field may instead be absent (`{"exists": false}` in the list).
import type { MatcherKind, ValueMatcher } from "./value-matchers.js";
import type { MatchItem } from "./parse-match.js";

/** The condition a branch places on one field path. */
export interface FieldCondition {
  /** Flattened path: object keys joined with ".", as in the flattened event. */
  readonly path: string;
  /** Alternatives for a present value, deduplicated and ordered by key. */
  readonly matchers: readonly ValueMatcher[];
  /** True when the list holds `{"exists": false}`: an absent field satisfies the condition. */
  readonly absentOk: boolean;
  /** Canonical identity of the whole condition (path excluded): equal keys test the same. */
  readonly key: string;
}

/** A conjunction of field conditions, in `sortBranch` order; one alternative of a pattern. */
export type Branch = readonly FieldCondition[];

/** Builds a condition from the parsed entries of one match list. */
export function makeCondition(path: string, items: readonly MatchItem[]): FieldCondition {
  const byKey = new Map<string, ValueMatcher>();
  let absentOk = false;
  for (const item of items) {
    if (item === "absent") absentOk = true;
    else byKey.set(item.key, item);
  }
  const keys = [...byKey.keys()].sort();
  // Read in key order from the map itself (`map` sizes its result exactly; a `filter` would leave it spare room).
  const matchers = keys.map((k) => byKey.get(k) as ValueMatcher);
  return { path, matchers, absentOk, key: JSON.stringify([absentOk, keys]) };
}

/**
 * How the rule index finds the edge of a condition with a matcher of each kind: 0 hashed, 1 walked
 * (tries, sorted bounds, hashes per CIDR prefix length, tries of literal ends then confirmed),
 * 2 taken whole (`exists: true`), 3 tested one by one (anything-but; a wildcard or regex without
 * a literal end to look it up by).
 */
const LOOKUP_RANK: { readonly [K in MatcherKind]: (matcher: Extract<ValueMatcher, { kind: K }>) => number } = {
  exact: () => 0,
  "equals-ignore-case": () => 0,
  prefix: () => 1,
  suffix: () => 1,
  numeric: () => 1,
  cidr: () => 1,
  wildcard: (m) => (m.glob.parts[0] || m.glob.parts[m.glob.parts.length - 1] ? 1 : 3),
  regex: (m) => (m.prefix ? 1 : 3),
  exists: () => 2,
  "anything-but": () => 3,
};

function matcherRank(matcher: ValueMatcher): number {
  return (LOOKUP_RANK[matcher.kind] as (m: ValueMatcher) => number)(matcher);
}

/** A condition's rank: its costliest matcher's; `exists: false` last, as it is followed whenever the field is absent. */
export function lookupRank(condition: FieldCondition): number {
  if (condition.absentOk) return 3;
  let rank = 0;
  for (const matcher of condition.matchers) rank = Math.max(rank, matcherRank(matcher));
  return rank;
}

/**
 * Orders a branch's conditions cheap tests first, then by path (stable for equal paths), so that
 * evaluating a branch on its own fails early and every branch has one canonical order. (The
 * rule index re-orders branches by selectivity for its trie, selectivity.ts, keeping these
 * ranks as the tie-break and to hold back the conditions it cannot look up by value.)
 */
export function sortBranch(conditions: readonly FieldCondition[]): Branch {
  const ranked = conditions.map((condition) => ({ condition, rank: lookupRank(condition) }));
  ranked.sort((a, b) => a.rank - b.rank || (a.condition.path < b.condition.path ? -1 : a.condition.path > b.condition.path ? 1 : 0));
  return ranked.map((r) => r.condition);
}
