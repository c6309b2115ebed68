// The order in which the rule index places a branch's conditions on its trie path: the condition
// that singles out the fewest events first, so that an event walks down only the few subtrees
// about it instead of through every rule sharing an unselective first condition.
//
// Design note. An index cannot see the events to come, but it sees its rules: a path on which
// rules name thousands of different values (`subject`, `data.instanceId`, a pod prefix) splits
// events finely, one on which they name three (`source`) hardly at all. So the index counts the
// distinct matcher keys its rules use on each path with each operator (rules may name thousands
// of subjects exactly but only six subject prefixes), and a condition's selectivity is the
// count of its least varied operator divided by the values the condition itself accepts. Conditions that are not looked up
// by value — `exists: true`, then anything-but, `exists: false` and scanned wildcards or regexes
// (field-condition.ts's ranks 2 and 3) — always come last, whatever their path, and regexes
// come after the other looked-up conditions, as confirming one runs an automaton. Ties go to the
// cheaper lookup, then to the path name. The order a rule gets depends on the rules added before
// it (the first rules see few counts); it changes the shape of the trie, never the answers,
// and a rule keeps its order until it is removed.
//
// One exception comes before all of that: a partition key. When nearly every branch names one
// path with exact values, and the branches use only a few values there (`source`: the kinds
// of events a bus carries), that condition goes first: the trie then splits into one subtree
// per kind at its root, and an event of one kind never looks its values up in the indexes of
// another kind's fields (a CVM alarm's `instanceName` in the ECS rules' suffix tries), which at
// thousands of rules costs more than the walk's one extra state. A small index has few root
// fields to spare the event, so partitioning waits until the index holds
// PARTITION_MIN_BRANCHES branches (older rules are re-ordered as the index grows).
import { lookupRank, type Branch, type FieldCondition } from "./field-condition.js";
import type { ValueMatcher } from "./value-matchers.js";

/** Branches an index holds before it partitions them by a partition key (see the design note). */
const PARTITION_MIN_BRANCHES = 256;
/** Share of the branches that must name a path with exact values for it to be a partition key. */
const PARTITION_MIN_SHARE = 0.9;
/** Most distinct values a partition key's branches may use. */
const PARTITION_MAX_VALUES = 16;

/** Counts of matcher keys by path and operator, over the branches in the index. */
export class PathSelectivity {
  private readonly keysByPath = new Map<string, Map<string, number>>();
  /** Branches in the index, and how many of them name each path with exact values only. */
  private branches = 0;
  private readonly exactByPath = new Map<string, number>();

  /** Counts (delta 1) or uncounts (delta -1) the matcher keys of branches. */
  count(branches: readonly Branch[], delta: 1 | -1): void {
    for (const branch of branches) {
      this.branches += delta;
      for (const condition of branch) {
        if (isExactOnly(condition)) {
          const n = (this.exactByPath.get(condition.path) ?? 0) + delta;
          if (n > 0) this.exactByPath.set(condition.path, n);
          else this.exactByPath.delete(condition.path);
        }
        for (const matcher of condition.matchers) {
          const family = familyOf(condition, matcher);
          let keys = this.keysByPath.get(family);
          if (!keys) {
            keys = new Map();
            this.keysByPath.set(family, keys);
          }
          const n = (keys.get(matcher.key) ?? 0) + delta;
          if (n > 0) keys.set(matcher.key, n);
          else keys.delete(matcher.key);
          if (keys.size === 0) this.keysByPath.delete(family);
        }
      }
    }
  }

  /** The branch's conditions: a partition key first, then the most selective first. */
  order(branch: Branch): Branch {
    const ranked = branch.map((condition) => {
      const rank = lookupRank(condition);
      return { condition, rank, group: this.isPartitionKey(condition) ? PARTITION_GROUP : groupOf(condition, rank), selectivity: this.selectivity(condition) };
    });
    ranked.sort((a, b) => a.group - b.group || b.selectivity - a.selectivity || a.rank - b.rank || comparePaths(a.condition, b.condition));
    return ranked.map((r) => r.condition);
  }

  /** Whether the condition is on a partition key of the index (see the design note). */
  private isPartitionKey(condition: FieldCondition): boolean {
    if (this.branches < PARTITION_MIN_BRANCHES || !isExactOnly(condition)) return false;
    const naming = this.exactByPath.get(condition.path) ?? 0;
    const values = this.keysByPath.get(`exact\u0000${condition.path}`)?.size ?? 0;
    return naming >= PARTITION_MIN_SHARE * this.branches && values <= PARTITION_MAX_VALUES;
  }

  /** Distinct keys rules use with the condition's least varied operator on its path, per value it accepts. */
  private selectivity(condition: FieldCondition): number {
    let distinct = Number.POSITIVE_INFINITY;
    for (const matcher of condition.matchers) distinct = Math.min(distinct, this.keysByPath.get(familyOf(condition, matcher))?.size ?? 0);
    return condition.matchers.length === 0 ? 0 : distinct / condition.matchers.length;
  }
}

/** Path and operator: `subject` names thousands of instances exactly but only a few prefixes. */
function familyOf(condition: FieldCondition, matcher: ValueMatcher): string {
  return `${matcher.kind}\u0000${condition.path}`;
}

/** The group of partition keys, before every other (groupOf). */
const PARTITION_GROUP = -1;

/** Whether a condition accepts only exact values (no absence, no other operator). */
function isExactOnly(condition: FieldCondition): boolean {
  return !condition.absentOk && condition.matchers.length > 0 && condition.matchers.every((m) => m.kind === "exact");
}

/**
 * 0: looked up by value; 1: looked up by a literal prefix but confirmed by running the regex
 * automaton, which costs more than the lookups of a whole path, so it waits until they have
 * narrowed the events down; 2 and 3: the ranks that are not looked up by value.
 */
function groupOf(condition: FieldCondition, rank: number): number {
  if (rank >= 2) return rank;
  return condition.matchers.some((m) => m.kind === "regex") ? 1 : 0;
}

function comparePaths(a: FieldCondition, b: FieldCondition): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
