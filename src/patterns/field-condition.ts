// The unit a compiled pattern is made of. A pattern expands (see or-expansion.ts) into
// branches, any of which may match; a branch is a conjunction of field conditions; a field
// condition says which values may stand at one flattened field path (any of its matchers) and
// whether the field may instead be absent (`{"exists": false}` in the list).
import type { ValueMatcher } from "./value-matchers.js";
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

/** A conjunction of field conditions, ordered by path; one alternative of a pattern. */
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
  const matchers = keys.map((k) => byKey.get(k)).filter((m): m is ValueMatcher => m !== undefined);
  return { path, matchers, absentOk, key: JSON.stringify([absentOk, keys]) };
}

/** Orders a branch's conditions by path (stable for equal paths). */
export function sortBranch(conditions: readonly FieldCondition[]): Branch {
  return [...conditions].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
