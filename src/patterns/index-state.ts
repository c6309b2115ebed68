// The nodes of the rule index. The index is a trie of field conditions: every branch of every
// rule is a path from the root, one edge per condition, in sortBranch order, ending in a
// state that lists the branch. Branches that begin with the same conditions share the
// beginning of their path, which is what makes 10,000 rules with `"source":
// ["cvm.cloud.tencent"]` cost one lookup, not 10,000.
//
// Design note. Edges out of a state are grouped by field path (FieldEdges); an edge is keyed by
// the whole condition (its canonical key), so two rules share an edge exactly when they place
// the same condition there, and every edge owns its target state: the structure is a tree and
// removing the last branch through an edge frees the edge and everything below it. The
// FieldEdges' ValueIndex maps a leaf value to the targets of every edge with a matcher
// accepting it; an edge whose condition admits absence (`exists: false`) is also followed
// when the event lacks the field.
import type { Branch, FieldCondition } from "./field-condition.js";
import { ValueIndex } from "./value-index.js";

/** A branch of a rule, listed in the state where its path ends. */
export interface BranchEntry {
  readonly ruleId: string;
  /** Order in which the rule was added, so results come out in a stable order. */
  readonly seq: number;
  readonly branch: Branch;
}

/** One node of the index. */
export class IndexState {
  /** Outgoing edges by field path. */
  readonly fields = new Map<string, FieldEdges>();
  /** The FieldEdges of `fields` that have edges followed when the field is absent. */
  readonly absentCapable = new Set<FieldEdges>();
  /** Branches whose conditions all lie on the path to this state. */
  readonly entries = new Set<BranchEntry>();
  /** The last match call that visited this state. */
  stamp = 0;
}

/** All edges out of one state on one field path. */
export class FieldEdges {
  readonly edges = new Map<string, Edge>();
  readonly values = new ValueIndex<IndexState>();
  readonly absentTargets = new Set<IndexState>();

  constructor(readonly path: string) {}
}

/** One condition step; `refs` counts the branches passing through it. */
export interface Edge {
  readonly condition: FieldCondition;
  readonly target: IndexState;
  refs: number;
}

/** Follows (creating when needed) the edge for `condition` out of `state`. */
export function acquireEdge(state: IndexState, condition: FieldCondition): { fieldEdges: FieldEdges; edge: Edge } {
  let fieldEdges = state.fields.get(condition.path);
  if (!fieldEdges) {
    fieldEdges = new FieldEdges(condition.path);
    state.fields.set(condition.path, fieldEdges);
  }
  let edge = fieldEdges.edges.get(condition.key);
  if (!edge) {
    edge = { condition, target: new IndexState(), refs: 0 };
    fieldEdges.edges.set(condition.key, edge);
    for (const matcher of condition.matchers) fieldEdges.values.add(matcher, edge.target);
    if (condition.absentOk) {
      fieldEdges.absentTargets.add(edge.target);
      state.absentCapable.add(fieldEdges);
    }
  }
  edge.refs++;
  return { fieldEdges, edge };
}

/** Drops one branch's use of an edge; the last use unregisters the edge and its subtree. */
export function releaseEdge(state: IndexState, fieldEdges: FieldEdges, edge: Edge): void {
  if (--edge.refs > 0) return;
  for (const matcher of edge.condition.matchers) fieldEdges.values.remove(matcher, edge.target);
  fieldEdges.absentTargets.delete(edge.target);
  if (fieldEdges.absentTargets.size === 0) state.absentCapable.delete(fieldEdges);
  fieldEdges.edges.delete(edge.condition.key);
  if (fieldEdges.edges.size === 0) state.fields.delete(fieldEdges.path);
}
