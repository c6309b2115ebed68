// RuleIndex: every rule of a bus compiled into one structure, so that matching an event costs
// what the event touches, not the number of rules.
//
// Design note. Patterns are expanded into branches (one per `$or` combination), their
// conditions shared with equal ones of other rules (condition-table.ts), ordered — a partition
// key such as `source` first in a large index, then most selective first (selectivity.ts) —
// and inserted into a trie of field conditions (index-state.ts, branch-trie.ts); where only a
// few branches go on, a state holds them as tails instead of growing edges. Matching flattens
// the event once — only along paths some rule mentions, into per-path slots reused from event
// to event (slot-leaves.ts) — then walks the trie from the root: at each state, for each field
// path with edges, the event's leaves at that path are looked up in the path's value index
// (hashes, tries, sorted bounds; value-index.ts) to find the next states, a field the event
// lacks follows the `exists: false` edges, and the tails' remaining conditions are tested
// directly (one flat list of tests per state, tail-checks.ts). Every state is visited at most
// once per event, by stamping it with the number of the match call; a rule with several
// branches may be reported more than once, and is listed once when the rules found are put in
// order. When two of a reported branch's conditions hold on leaves inside arrays, the branch is
// confirmed by the reference evaluator, so array consistency holds exactly as in
// `compilePattern`. Adding a rule inserts its branches and re-checks the order of two older
// rules; removing one takes its branches out and frees what no other branch uses. Neither
// rebuilds anything else.
import { isJsonObject } from "../core/json.js";
import type { PatternOptions } from "./pattern-options.js";
import type { Branch } from "./field-condition.js";
import { insertBranch, extractBranch } from "./branch-trie.js";
import { compileBranches } from "./compile-pattern.js";
import { branchMatches } from "./evaluate-branch.js";
import { IndexState, type BranchEntry, type RuleRecord } from "./index-state.js";
import { PathTable } from "./path-table.js";
import { PathSelectivity } from "./selectivity.js";
import { ConditionTable } from "./condition-table.js";
import { SlotLeaves } from "./slot-leaves.js";
import type { Sink } from "./string-trie.js";
import { checkHolds, testTails, type TailSink } from "./tail-checks.js";

/** Older rules whose order is re-checked on each `add` (see reorderOlder). */
const REORDER_PER_ADD = 2;

/** Whether two orderings of one branch are the same. */
function sameOrder(a: Branch, b: Branch): boolean {
  return a.every((condition, i) => condition === b[i]);
}

/**
 * The states still to be expanded in one match call; a state enters at most once per call. A
 * stack kept with its own count, like the rules found (RuleIndex.foundSeqs): V8 gives an array's
 * storage back when it is emptied, so pushing and popping would allocate it anew every call.
 */
class Frontier implements Sink<IndexState> {
  readonly pending: IndexState[] = [];
  count = 0;
  epoch = 0;

  visit(state: IndexState): void {
    if (state.stamp === this.epoch) return;
    state.stamp = this.epoch;
    this.pending[this.count++] = state;
  }

  /** The next state to expand, or undefined when there is none. */
  next(): IndexState | undefined {
    return this.count > 0 ? this.pending[--this.count] : undefined;
  }
}

/** Many patterns, one structure: `match(event)` returns the ids of the rules whose pattern matches. */
export class RuleIndex {
  private readonly root = new IndexState(0);
  private readonly rules = new Map<string, RuleRecord>();
  private readonly paths = new PathTable();
  private readonly leaves = new SlotLeaves();
  private readonly frontier = new Frontier();
  /**
   * The rules reported in the current match call, by number and id: the first `foundCount` of
   * each list (the lists are reused, never emptied).
   */
  private readonly foundSeqs: number[] = [];
  private readonly foundIds: string[] = [];
  private foundCount = 0;
  /** Reports the tails testTails finds holding, in the current match call. */
  private readonly tailSink: TailSink = { holds: (seq, id, entry) => this.report(seq, id, entry) };
  private readonly selectivity = new PathSelectivity();
  private readonly conditions = new ConditionTable();
  /** Where reorderOlder continues (a Map iterator survives additions and deletions). */
  private reorderCursor: Iterator<RuleRecord, undefined> = this.rules.values();
  private nextSeq = 0;

  /** Number of rules in the index. */
  get size(): number {
    return this.rules.size;
  }

  /** Whether a rule with this id is in the index. */
  has(id: string): boolean {
    return this.rules.has(id);
  }

  /**
   * Adds (or replaces) the rule `id`. Throws PatternError when the pattern is not valid, leaving
   * the index unchanged.
   */
  add(id: string, pattern: unknown, options?: PatternOptions): void {
    const branches = compileBranches(pattern, options).map((branch) => this.conditions.intern(branch));
    this.remove(id);
    const rule: RuleRecord = { id, seq: this.nextSeq++, branches: [] };
    this.selectivity.count(branches, 1);
    rule.branches = branches.map((branch) => this.insert(rule, this.selectivity.order(branch)));
    this.rules.set(id, rule);
    this.reorderOlder();
  }

  /** Removes the rule `id`; false when there was none. */
  remove(id: string): boolean {
    const rule = this.rules.get(id);
    if (!rule) return false;
    this.rules.delete(id);
    this.selectivity.count(
      rule.branches.map((entry) => entry.branch),
      -1,
    );
    for (const entry of rule.branches) {
      this.extract(entry);
      this.conditions.release(entry.branch);
    }
    return true;
  }

  /** Inserts one branch of a rule, its conditions in the given order; returns its entry. */
  private insert(rule: RuleRecord, branch: Branch): BranchEntry {
    const entry: BranchEntry = { id: rule.id, seq: rule.seq, branch, slots: branch.map((condition) => this.paths.acquire(condition.path)) };
    insertBranch(this.root, entry);
    return entry;
  }

  /** Takes one branch out of the trie. */
  private extract(entry: BranchEntry): void {
    extractBranch(this.root, entry);
    for (const condition of entry.branch) this.paths.release(condition.path);
  }

  /**
   * Re-checks the order of a few older rules (round-robin) and re-inserts those whose branches
   * the current counts would order differently: rules added when the index knew little end up
   * placed as well as later ones, at a constant cost per `add` and without rebuilding.
   */
  private reorderOlder(): void {
    for (let n = 0; n < REORDER_PER_ADD && this.rules.size > 1; n++) {
      let next = this.reorderCursor.next();
      if (next.done) {
        this.reorderCursor = this.rules.values();
        next = this.reorderCursor.next();
      }
      const rule = next.value;
      if (!rule) return;
      const reordered = rule.branches.map((entry) => this.selectivity.order(entry.branch));
      if (reordered.every((branch, i) => sameOrder(branch, (rule.branches[i] as BranchEntry).branch))) continue;
      for (const entry of rule.branches) this.extract(entry);
      rule.branches = reordered.map((branch) => this.insert(rule, branch));
    }
  }

  /** Ids of the rules matching the event, in the order the rules were added. */
  match(event: unknown): string[] {
    if (!isJsonObject(event)) return [];
    const leaves = this.leaves;
    leaves.load(event, this.paths.root);
    const frontier = this.frontier;
    frontier.epoch++;
    this.foundCount = 0;
    frontier.visit(this.root);
    for (let state = frontier.next(); state !== undefined; state = frontier.next()) {
      const entries = state.entries;
      if (entries !== undefined) for (const entry of entries) this.report(entry.seq, entry.id, entry);
      const soloSeq = state.soloSeq;
      if (soloSeq >= 0) {
        if (checkHolds(state.soloCode, state.soloTest, leaves) && (state.soloCode2 < 0 || checkHolds(state.soloCode2, state.soloTest2, leaves))) this.report(soloSeq, state.soloId, state.soloEntry as BranchEntry);
      } else if (state.tailChecks !== undefined) {
        testTails(state.tailChecks, leaves, this.tailSink);
      }
      for (let fieldEdges = state.fields; fieldEdges !== undefined; fieldEdges = fieldEdges.nextField) {
        const values = leaves.at(fieldEdges.slot);
        if (values !== undefined) {
          for (const value of values) fieldEdges.collect(value, frontier);
        } else if (fieldEdges.absentTargets !== undefined) {
          for (const target of fieldEdges.absentTargets) frontier.visit(target);
        }
      }
    }
    return idsInRuleOrder(this.foundSeqs, this.foundIds, this.foundCount);
  }

  /** Reports a branch (of rule `id`, added `seq`-th) whose conditions all hold. */
  private report(seq: number, id: string, entry: BranchEntry): void {
    if (this.leaves.hasArrays && !this.consistent(entry)) return;
    this.foundSeqs[this.foundCount] = seq;
    this.foundIds[this.foundCount++] = id;
  }

  /** Whether a branch reached in the trie also holds with array consistency. */
  private consistent(entry: BranchEntry): boolean {
    let inArrays = 0;
    for (const slot of entry.slots) if (this.leaves.trailed(slot)) inArrays++;
    // One condition on array leaves cannot disagree with itself: only pairs need checking.
    if (inArrays < 2) return true;
    return branchMatches(entry.branch, this.leaves.flatFor(entry.branch, entry.slots));
  }
}

/** Most rules found that are put in order by insertion (see idsInRuleOrder). */
const INSERTION_SORT_MAX = 16;

/**
 * The ids of the first `count` rules found (by number and id), in the order the rules were
 * added, each once (a rule with several branches may have been reported by more than one). An
 * event usually matches a handful of rules, which an insertion sort in place orders faster than
 * the built-in sort with its comparator calls; many are sorted by the built-in sort.
 */
function idsInRuleOrder(seqs: number[], ids: string[], count: number): string[] {
  if (count > INSERTION_SORT_MAX) {
    const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => (seqs[a] as number) - (seqs[b] as number));
    return distinctIds(
      order.map((i) => seqs[i] as number),
      order.map((i) => ids[i] as string),
      count,
    );
  }
  for (let i = 1; i < count; i++) {
    const seq = seqs[i] as number;
    const id = ids[i] as string;
    let j = i - 1;
    for (; j >= 0 && (seqs[j] as number) > seq; j--) {
      seqs[j + 1] = seqs[j] as number;
      ids[j + 1] = ids[j] as string;
    }
    seqs[j + 1] = seq;
    ids[j + 1] = id;
  }
  return distinctIds(seqs, ids, count);
}

/** The first `count` ids of lists in rule order, a rule reported twice listed once. */
function distinctIds(seqs: readonly number[], ids: readonly string[], count: number): string[] {
  let distinct = count;
  for (let i = 1; i < count; i++) if (seqs[i] === seqs[i - 1]) distinct--;
  const out = new Array<string>(distinct);
  for (let i = 0, o = 0; i < count; i++) if (i === 0 || seqs[i] !== seqs[i - 1]) out[o++] = ids[i] as string;
  return out;
}
