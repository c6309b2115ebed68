// `$or` expansion. A pattern parses into a tree of conjunctions: the conditions of one object
// level (nested objects without `$or` simply add conditions with longer paths) plus `$or`
// groups, each a list of alternative conjunctions. Multiplying the groups out gives the flat
// list of branches the matchers and the rule index work with, as event-ruler does.
//
// Design note. Expansion can grow exponentially (three `$or`s of ten alternatives make a
// thousand branches), so the count is computed first, without expanding, and a pattern over
// PATTERN_LIMITS.maxCombinations is rejected before any work is done.
import type { Segments } from "./parse-context.js";
import { sortBranch, type Branch, type FieldCondition } from "./field-condition.js";

/** One object level of a pattern: its conditions and its `$or` groups. */
export interface Conjunction {
  readonly conditions: FieldCondition[];
  readonly groups: OrGroup[];
}

/** A `$or`: one of the alternatives must hold. */
export interface OrGroup {
  /** Where the `$or` sits in the pattern, for the limit message. */
  readonly at: Segments;
  readonly alternatives: Conjunction[];
}

/** A fresh, empty conjunction. */
export function newConjunction(): Conjunction {
  return { conditions: [], groups: [] };
}

/** How many branches the conjunction expands to, saturating just above `cap`. */
export function countCombinations(node: Conjunction, cap: number): number {
  let total = 1;
  for (const group of node.groups) {
    let sum = 0;
    for (const alt of group.alternatives) sum = Math.min(sum + countCombinations(alt, cap), cap + 1);
    total = Math.min(total * sum, cap + 1);
  }
  return total;
}

/** The `$or` group where the count first passes `cap` (for the problem's pointer), if any. */
export function firstGroupOver(node: Conjunction, cap: number): OrGroup | undefined {
  let total = 1;
  for (const group of node.groups) {
    for (const alt of group.alternatives) {
      const inner = firstGroupOver(alt, cap);
      if (inner) return inner;
    }
    let sum = 0;
    for (const alt of group.alternatives) sum = Math.min(sum + countCombinations(alt, cap), cap + 1);
    total = Math.min(total * sum, cap + 1);
    if (total > cap) return group;
  }
  return undefined;
}

/** All branches of a conjunction, each in sortBranch order. Call only within the limit. */
export function expand(node: Conjunction): Branch[] {
  let partial: FieldCondition[][] = [node.conditions];
  for (const group of node.groups) {
    const options = group.alternatives.flatMap(expand);
    partial = partial.flatMap((prefix) => options.map((option) => [...prefix, ...option]));
  }
  return partial.map(sortBranch);
}
