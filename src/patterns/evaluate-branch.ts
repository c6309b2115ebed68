// Deciding whether one branch (a conjunction of field conditions) matches a flattened event.
// This is the reference semantics: compilePattern uses it for every branch, and the rule index
// uses it to confirm candidates when the event has arrays.
//
// Design note — array consistency. Fields matched together must come from the same element of
// any array they share, as aws/event-ruler requires: in
// `{"items": [{"name": "a", "size": 1}, {"name": "b", "size": 2}]}` the pattern
// `{"items": {"name": ["a"], "size": [2]}}` does not match. Each condition collects the leaves
// that satisfy it; a leaf outside arrays is compatible with everything, so a condition with
// such a leaf is settled at once. What remains is a small search for one leaf per condition
// with pairwise compatible trails, conditions with fewest candidates first. `exists: false` is
// about the whole event: a field present in any element is present.
import type { Branch, FieldCondition } from "./field-condition.js";
import type { FlatEvent, Leaf } from "./flatten-event.js";
import type { ValueMatcher } from "./value-matchers.js";

/** Whether the branch matches the flattened event. */
export function branchMatches(branch: Branch, event: FlatEvent): boolean {
  let constrained: Leaf[][] | undefined;
  for (const condition of branch) {
    const leaves = event.leaves.get(condition.path);
    if (!leaves) {
      if (condition.absentOk) continue;
      return false;
    }
    const candidates = matchingLeaves(condition.matchers, leaves);
    if (candidates === "free") continue;
    if (candidates.length === 0) return false;
    (constrained ??= []).push(candidates);
  }
  if (!constrained || constrained.length < 2) return true;
  constrained.sort((a, b) => a.length - b.length);
  return chooseConsistent(constrained, 0, []);
}

/** Whether a condition holds on its own, ignoring array consistency: on a leaf (`leaves`, none when the field is absent). */
export function conditionHoldsAlone(condition: FieldCondition, leaves: readonly Leaf[]): boolean {
  if (leaves.length === 0) return condition.absentOk;
  const candidates = matchingLeaves(condition.matchers, leaves);
  return candidates === "free" || candidates.length > 0;
}

/** Leaves satisfying any matcher, or `free` when one of them lies outside every array. */
function matchingLeaves(matchers: readonly ValueMatcher[], leaves: readonly Leaf[]): Leaf[] | "free" {
  const found: Leaf[] = [];
  for (const leaf of leaves) {
    if (!matchers.some((m) => m.test(leaf.value))) continue;
    if (leaf.trail === undefined) return "free";
    found.push(leaf);
  }
  return found;
}

function chooseConsistent(lists: readonly Leaf[][], index: number, chosen: Leaf[]): boolean {
  const list = lists[index];
  if (!list) return true;
  for (const leaf of list) {
    if (!chosen.every((c) => compatible(c.trail, leaf.trail))) continue;
    chosen.push(leaf);
    if (chooseConsistent(lists, index + 1, chosen)) return true;
    chosen.pop();
  }
  return false;
}

/** Two trails are compatible unless they pass through one array at different indexes. */
export function compatible(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  if (!a || !b) return true;
  for (let i = 0; i + 1 < a.length && i + 1 < b.length; i += 2) {
    if (a[i] !== b[i]) return true;
    if (a[i + 1] !== b[i + 1]) return false;
  }
  return true;
}
