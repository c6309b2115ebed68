// RuleIndex: every rule of a bus compiled into one structure, so that matching an event costs
// what the event touches, not the number of rules.
//
// Design note. Patterns are expanded into branches (one per `$or` combination) and each
// branch is inserted into a trie of field conditions (index-state.ts). Matching flattens the
// event once — only along paths some rule mentions — then walks the trie from the root: at
// each state, for each field path with edges, the event's leaves at that path are looked up in
// the path's value index (hash, tries, sorted bounds, or a short scan for operators that do
// not index) to find the next states; a field the event lacks follows the `exists: false`
// edges. Every state is visited at most once per event. Reaching a state that lists branches
// means all their conditions hold for some leaf each; when the event has arrays, each such
// branch is confirmed by the reference evaluator so that array consistency holds exactly as
// in `compilePattern`. Adding a rule inserts its branches (creating only the edges it does not
// share); removing it walks its recorded steps back and frees edges no other branch uses.
import type { PatternOptions } from "./pattern-options.js";
import { compileBranches } from "./compile-pattern.js";
import { branchMatches } from "./evaluate-branch.js";
import { flattenEvent, pathPrefixes, type FlatEvent } from "./flatten-event.js";
import { IndexState, acquireEdge, releaseEdge, type BranchEntry, type Edge, type FieldEdges } from "./index-state.js";

interface Step {
  readonly state: IndexState;
  readonly fieldEdges: FieldEdges;
  readonly edge: Edge;
}

interface IndexedBranch {
  readonly entry: BranchEntry;
  readonly steps: readonly Step[];
  readonly end: IndexState;
}

/** Many patterns, one structure: `match(event)` returns the ids of the rules whose pattern matches. */
export class RuleIndex {
  private readonly root = new IndexState();
  private readonly rules = new Map<string, IndexedBranch[]>();
  /** Path prefixes used by some rule, with use counts: the flattening filter. */
  private readonly paths = new Map<string, number>();
  private nextSeq = 0;
  private epoch = 0;

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
    const branches = compileBranches(pattern, options);
    this.remove(id);
    const seq = this.nextSeq++;
    this.rules.set(
      id,
      branches.map((branch) => {
        const steps: Step[] = [];
        let state = this.root;
        for (const condition of branch) {
          const { fieldEdges, edge } = acquireEdge(state, condition);
          steps.push({ state, fieldEdges, edge });
          state = edge.target;
          for (const prefix of pathPrefixes(condition.path)) this.paths.set(prefix, (this.paths.get(prefix) ?? 0) + 1);
        }
        const entry: BranchEntry = { ruleId: id, seq, branch };
        state.entries.add(entry);
        return { entry, steps, end: state };
      }),
    );
  }

  /** Removes the rule `id`; false when there was none. */
  remove(id: string): boolean {
    const branches = this.rules.get(id);
    if (!branches) return false;
    this.rules.delete(id);
    for (const { entry, steps, end } of branches) {
      end.entries.delete(entry);
      for (let i = steps.length - 1; i >= 0; i--) {
        const step = steps[i] as Step;
        releaseEdge(step.state, step.fieldEdges, step.edge);
        for (const prefix of pathPrefixes(step.edge.condition.path)) {
          const count = (this.paths.get(prefix) ?? 0) - 1;
          if (count > 0) this.paths.set(prefix, count);
          else this.paths.delete(prefix);
        }
      }
    }
    return true;
  }

  /** Ids of the rules matching the event, in the order the rules were added. */
  match(event: unknown): string[] {
    const flat = flattenEvent(event, this.paths);
    if (!flat) return [];
    const epoch = ++this.epoch;
    const matched = new Map<string, number>();
    const pending: IndexState[] = [this.root];
    this.root.stamp = epoch;
    const visit = (state: IndexState): void => {
      if (state.stamp === epoch) return;
      state.stamp = epoch;
      pending.push(state);
    };
    for (let state = pending.pop(); state; state = pending.pop()) {
      for (const entry of state.entries) {
        if (!matched.has(entry.ruleId) && (!flat.hasArrays || branchMatches(entry.branch, flat))) matched.set(entry.ruleId, entry.seq);
      }
      if (state.fields.size > 0) followEdges(state, flat, visit);
    }
    if (matched.size <= 1) return [...matched.keys()];
    return [...matched].sort((a, b) => a[1] - b[1]).map(([id]) => id);
  }
}

/** Visits the states reachable from `state` by one condition that the event satisfies. */
function followEdges(state: IndexState, flat: FlatEvent, visit: (state: IndexState) => void): void {
  if (state.fields.size <= flat.leaves.size) {
    for (const fieldEdges of state.fields.values()) {
      const leaves = flat.leaves.get(fieldEdges.path);
      if (leaves) for (const leaf of leaves) fieldEdges.values.collect(leaf.value, visit);
      else for (const target of fieldEdges.absentTargets) visit(target);
    }
    return;
  }
  for (const [path, leaves] of flat.leaves) {
    const fieldEdges = state.fields.get(path);
    if (fieldEdges) for (const leaf of leaves) fieldEdges.values.collect(leaf.value, visit);
  }
  for (const fieldEdges of state.absentCapable) {
    if (!flat.leaves.has(fieldEdges.path)) for (const target of fieldEdges.absentTargets) visit(target);
  }
}
