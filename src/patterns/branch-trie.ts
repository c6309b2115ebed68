// Putting branches into the rule index's trie and taking them out again, keeping one shape:
// branches run along shared edges while more than TAIL_LIMIT of them go on together, and a
// state through which at most TAIL_LIMIT pass holds them as its tails (see index-state.ts).
//
// Design note. Inserting walks the branch's conditions from the root. It stops at the first
// state without edges that has room for one more tail; a full one first pushes its tails one
// state down ("bursts"), so tails only ever sit in states without edges. Removing walks the
// same way, releases the edges it used, and then collapses: the highest state on the path left
// with at most TAIL_LIMIT branches through it takes them all as tails and frees the states
// below. So the trie has the same shape whatever order rules were added and removed in, and
// conditions cost states only where more than a handful of rules share them.
import type { FieldCondition } from "./field-condition.js";
import { acquireEdge, releaseEdge, type BranchEntry, type IndexState } from "./index-state.js";

/**
 * Branches a state holds as tails before it grows edges. Testing a few branches' remaining
 * conditions directly touches less memory than walking a chain of states they share: since the
 * tests are one flat list per state, with rules written alike tested once (tail-checks.ts), 8
 * beats 4 and 2 (fewer states and field lookups per event for a few more tail tests, and less
 * heap; bench/PROFILE.md).
 */
export const TAIL_LIMIT = 8;

/** Inserts a branch below `root`. */
export function insertBranch(root: IndexState, entry: BranchEntry): void {
  const { branch, slots } = entry;
  let state = root;
  for (;;) {
    if (state.depth === branch.length) {
      (state.entries ??= []).push(entry);
      return;
    }
    if (state !== root && state.fields === undefined) {
      if ((state.tails?.length ?? 0) < TAIL_LIMIT) {
        state.setTails([...(state.tails ?? []), entry]);
        return;
      }
      burst(state);
    }
    state = acquireEdge(state, branch[state.depth] as FieldCondition, slots[state.depth] as number);
  }
}

/** Removes a branch inserted below `root`. */
export function extractBranch(root: IndexState, entry: BranchEntry): void {
  const { branch } = entry;
  const path: IndexState[] = [root];
  let state = root;
  while (state.depth < branch.length && !state.tails?.includes(entry)) {
    state = state.child(branch[state.depth] as FieldCondition) as IndexState;
    path.push(state);
  }
  if (state.depth < branch.length) state.setTails(without(state.tails, entry));
  else state.entries = without(state.entries, entry);
  for (let i = path.length - 1; i > 0; i--) releaseEdge(path[i - 1] as IndexState, path[i] as IndexState, branch[i - 1] as FieldCondition);
  for (let i = 1; i < path.length; i++) {
    const upper = path[i] as IndexState;
    if (upper.refs === 0) return;
    // Branches going on below the state (those ending at it stay its entries).
    if (upper.refs - (upper.entries?.length ?? 0) <= TAIL_LIMIT) return collapse(upper);
  }
}

/** Moves a state's tails one state down, onto edges for their next conditions. */
function burst(state: IndexState): void {
  const tails = state.tails ?? [];
  state.setTails(undefined);
  for (const tail of tails) place(acquireEdge(state, tail.branch[state.depth] as FieldCondition, tail.slots[state.depth] as number), tail);
}

/** Puts a branch in a state (new or holding only tails) as an entry or a tail, bursting when full. */
function place(state: IndexState, entry: BranchEntry): void {
  if (state.depth === entry.branch.length) {
    (state.entries ??= []).push(entry);
  } else if (state.fields === undefined && (state.tails?.length ?? 0) < TAIL_LIMIT) {
    state.setTails([...(state.tails ?? []), entry]);
  } else {
    if (state.fields === undefined) burst(state);
    place(acquireEdge(state, entry.branch[state.depth] as FieldCondition, entry.slots[state.depth] as number), entry);
  }
}

/** Makes the few branches passing below `state` its tails, freeing the states below it. */
function collapse(state: IndexState): void {
  if (state.fields === undefined) return;
  const below: BranchEntry[] = [];
  gather(state, state, below);
  for (const entry of below) {
    // Release the edges this branch used below `state`, deepest first.
    const path: IndexState[] = [state];
    for (let s = state; s.depth < entry.branch.length && !s.tails?.includes(entry); ) {
      s = s.child(entry.branch[s.depth] as FieldCondition) as IndexState;
      path.push(s);
    }
    for (let i = path.length - 1; i > 0; i--) releaseEdge(path[i - 1] as IndexState, path[i] as IndexState, entry.branch[state.depth + i - 1] as FieldCondition);
  }
  state.setTails([...(state.tails ?? []), ...below]);
}

/** The branches that continue below `top` (entries and tails of the states under it). */
function gather(top: IndexState, state: IndexState, out: BranchEntry[]): void {
  if (state !== top) {
    if (state.entries) out.push(...state.entries);
    if (state.tails) out.push(...state.tails);
  }
  for (let f = state.fields; f !== undefined; f = f.nextField) for (const child of f.edges.values()) gather(top, child, out);
}

function without(list: readonly BranchEntry[] | undefined, entry: BranchEntry): BranchEntry[] | undefined {
  const left = list?.filter((e) => e !== entry);
  return left && left.length > 0 ? left : undefined;
}
