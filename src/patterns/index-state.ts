// The nodes of the rule index. The index is a trie of field conditions: every branch of every
// rule is a path from the root, one edge per condition in the order selectivity.ts gives it,
// ending in a state that lists the branch. Branches that begin with the same conditions share
// the beginning of their path, so 10,000 rules naming one instance cost one lookup of its id.
//
// Design note. Edges out of a state are grouped by field path (FieldEdges); an edge is keyed by
// the whole condition (its canonical key), so two rules share an edge exactly when they place
// the same condition there, and every edge owns its target state: the structure is a tree, and
// removing the last branch through an edge frees the edge and everything below it. A state is
// its incoming edge (it keeps the count of branches passing through). A FieldEdges is a
// ValueIndex mapping a leaf value to the targets of every edge with a matcher accepting it; an
// edge whose condition admits absence (`exists: false`) is also followed when the event lacks
// the field. Where only a few branches go on, the trie stops: the state holds them as its
// tails and their remaining conditions are tested directly, which saves the states, edges and
// lookups of chains they alone would use (branch-trie.ts decides where). Collections are
// created on first use.
import type { Branch, FieldCondition } from "./field-condition.js";
import { ValueIndex } from "./value-index.js";
import { compileTailChecks, soloTail, type TailCheck } from "./tail-checks.js";

/** A rule in the index. */
export interface RuleRecord {
  readonly id: string;
  /** Order in which the rule was added, so results come out in a stable order. */
  readonly seq: number;
  /** Its branches' entries (replaced whole, so each list is exactly as long as it needs). */
  branches: readonly BranchEntry[];
}

/**
 * A branch of a rule, listed in the state where its path ends (or held as a state's tail). It
 * carries its rule's id and number itself: reporting a match then reads no rule record (one
 * more cache miss per match at 10,000 rules).
 */
export interface BranchEntry {
  /** Its rule's id and order (RuleRecord). */
  readonly id: string;
  readonly seq: number;
  /** The conditions, in trie order. */
  readonly branch: Branch;
  /** The path slot of each condition, in branch order. */
  readonly slots: readonly number[];
}

/**
 * One node of the index, and the edge leading to it. Its fields are declared in the order a
 * match reads them, those it does not read last: V8 lays an object's fields out in that order,
 * and at 10,000 rules a state is usually not in cache, so the fewer cache lines a visit spans
 * the better.
 */
export class IndexState {
  /** The last match call that visited this state. */
  stamp = 0;
  /** Outgoing edges: the first field path's, linked to the next (a list, as most states have one). */
  fields: FieldEdges | undefined;
  /** Branches whose conditions all lie on the path to this state. */
  entries: BranchEntry[] | undefined;
  /** The tails' remaining conditions as one flat list of tests (tail-checks.ts), unless held below as a solo tail. */
  tailChecks: TailCheck[] | undefined;
  /** A single tail with one or two conditions left, held inline (tail-checks.ts soloTail): its rule's order (-1 when there is none)… */
  soloSeq = -1;
  /** …its tests (`soloCode2` -1 when there is one)… */
  soloCode = -1;
  soloTest: TailCheck = 0;
  soloCode2 = -1;
  soloTest2: TailCheck = 0;
  /** …its rule's id, and its entry (read only to check array consistency). */
  soloId = "";
  soloEntry: BranchEntry | undefined;
  /** The few branches going on from here, whose conditions from `depth` on are tested directly (set with setTails). */
  tails: readonly BranchEntry[] | undefined;
  /** Branches passing through the edge into this state (ending here, in its tails, or below). */
  refs = 0;

  constructor(
    /** Conditions on the path from the root to this state. */
    readonly depth: number,
  ) {}

  /**
   * Replaces the tails (none when the list is empty). The list is kept as an exact-size copy:
   * lists built by spreading or filtering carry spare room (V8 grows an array by half again
   * plus 16 slots), which over the tails of 10,000 rules came to a megabyte.
   */
  setTails(tails: readonly BranchEntry[] | undefined): void {
    this.tails = tails !== undefined && tails.length > 0 ? tails.slice() : undefined;
    const checks = this.tails && compileTailChecks(this.tails, this.depth);
    const solo = checks && soloTail(checks);
    this.tailChecks = solo ? undefined : checks;
    this.soloEntry = solo?.entry;
    this.soloId = solo?.entry.id ?? "";
    this.soloSeq = solo?.entry.seq ?? -1;
    this.soloCode = solo?.code ?? -1;
    this.soloTest = solo?.test ?? 0;
    this.soloCode2 = solo?.code2 ?? -1;
    this.soloTest2 = solo?.test2 ?? 0;
  }

  /** The edges on `path`, if any. */
  fieldEdges(path: string): FieldEdges | undefined {
    for (let f = this.fields; f !== undefined; f = f.nextField) if (f.path === path) return f;
    return undefined;
  }

  /** The state at the end of the edge for `condition`, if there is one. */
  child(condition: FieldCondition): IndexState | undefined {
    return this.fieldEdges(condition.path)?.edges.get(condition.key);
  }
}

/**
 * All edges out of one state on one field path: the value index of their targets, and the edges
 * by condition key. Its own fields come after the value index's, those a match reads first (see
 * IndexState).
 */
export class FieldEdges extends ValueIndex<IndexState> {
  /** The state's next field path with edges. */
  nextField: FieldEdges | undefined;
  /** The path's slot in the event leaves (path-table.ts). */
  readonly slot: number;
  absentTargets: IndexState[] | undefined;
  readonly edges = new Map<string, IndexState>();

  constructor(
    readonly path: string,
    slot: number,
  ) {
    super();
    this.slot = slot;
  }
}

/** Follows (creating when needed) the edge for `condition`, whose path has `slot`, out of `state`; counts one more branch through it. */
export function acquireEdge(state: IndexState, condition: FieldCondition, slot: number): IndexState {
  let fieldEdges = state.fieldEdges(condition.path);
  if (!fieldEdges) {
    fieldEdges = new FieldEdges(condition.path, slot);
    fieldEdges.nextField = state.fields;
    state.fields = fieldEdges;
  }
  let target = fieldEdges.edges.get(condition.key);
  if (!target) {
    target = new IndexState(state.depth + 1);
    fieldEdges.edges.set(condition.key, target);
    for (const matcher of condition.matchers) fieldEdges.add(matcher, target);
    if (condition.absentOk) (fieldEdges.absentTargets ??= []).push(target);
  }
  target.refs++;
  return target;
}

/** Drops one branch's use of the edge for `condition` into `target`; the last use unregisters the edge. */
export function releaseEdge(state: IndexState, target: IndexState, condition: FieldCondition): void {
  if (--target.refs > 0) return;
  const fieldEdges = state.fieldEdges(condition.path) as FieldEdges;
  for (const matcher of condition.matchers) fieldEdges.remove(matcher, target);
  if (fieldEdges.absentTargets) {
    fieldEdges.absentTargets = fieldEdges.absentTargets.filter((t) => t !== target);
    if (fieldEdges.absentTargets.length === 0) fieldEdges.absentTargets = undefined;
  }
  fieldEdges.edges.delete(condition.key);
  if (fieldEdges.edges.size > 0) return;
  if (state.fields === fieldEdges) {
    state.fields = fieldEdges.nextField;
    return;
  }
  for (let f = state.fields; f !== undefined; f = f.nextField) {
    if (f.nextField === fieldEdges) {
      f.nextField = fieldEdges.nextField;
      return;
    }
  }
}
