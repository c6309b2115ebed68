// The tails of a rule-index state (branch-trie.ts) compiled into one flat list of tests, so that
// testing them reads one array per state instead of, per tail, its entry, rule, conditions,
// slots, matcher lists and matchers — each a separate object, and at 10,000 rules each a likely
// cache miss, while the first test of a tail usually fails.
//
// Design note. Tails whose remaining conditions are the same (the same interned conditions, so
// rules written alike: several teams routing the same alert) are tested once, as one group.
// The list holds, for each group in turn: the index where the next group starts, the index
// where its tests end, one pair per remaining condition (those from the state's depth on) — a
// code, `slot * 4 + kind`, and the test — then the BranchEntry, rule number and rule id of each
// of its tails (a match then reads neither the entry nor a rule record). Kind EXACT: the test is
// the exact value itself (a string, number or boolean; `===` is the exact matcher's test),
// MATCHER: the condition's only matcher, CONDITION: the condition, for several matchers or
// `exists: false`.
// The list is rebuilt whenever the state's tails change (rarely: they are few, and only
// insertions and removals touch them).
import type { BranchEntry } from "./index-state.js";
import type { FieldCondition } from "./field-condition.js";
import type { JsonLeaf, ValueMatcher } from "./value-matchers.js";

/** One item of a compiled tail list; which one is known by position (see the design note). */
export type TailCheck = BranchEntry | number | string | boolean | ValueMatcher | FieldCondition;

const EXACT = 0;
const MATCHER = 1;
const CONDITION = 2;
/** Items per tail after a group's tests: its entry, rule number and rule id. */
const TAIL_ITEMS = 3;

/** The flat test list of `tails`, whose conditions from `depth` on remain to be tested. */
export function compileTailChecks(tails: readonly BranchEntry[], depth: number): TailCheck[] {
  const groups: BranchEntry[][] = [];
  for (const entry of tails) {
    const group = groups.find((g) => sameRemaining(g[0] as BranchEntry, entry, depth));
    if (group) group.push(entry);
    else groups.push([entry]);
  }
  const checks: TailCheck[] = [];
  for (const group of groups) {
    const start = checks.length;
    checks.push(0, 0);
    const first = group[0] as BranchEntry;
    for (let i = depth; i < first.branch.length; i++) {
      const condition = first.branch[i] as FieldCondition;
      const slot = first.slots[i] as number;
      const only = condition.matchers.length === 1 && !condition.absentOk ? (condition.matchers[0] as ValueMatcher) : undefined;
      if (only?.kind === "exact" && only.value !== null) checks.push(slot * 4 + EXACT, only.value);
      else if (only) checks.push(slot * 4 + MATCHER, only);
      else checks.push(slot * 4 + CONDITION, condition);
    }
    checks[start + 1] = checks.length;
    for (const entry of group) checks.push(entry, entry.seq, entry.id);
    checks[start] = checks.length;
  }
  // An exact-size copy: the list was grown by pushing and is kept for as long as the state is.
  return checks.slice();
}

/** Whether two tails have the same conditions from `depth` on (conditions are interned, condition-table.ts). */
function sameRemaining(a: BranchEntry, b: BranchEntry, depth: number): boolean {
  if (a.branch.length !== b.branch.length) return false;
  for (let i = depth; i < a.branch.length; i++) if (a.branch[i] !== b.branch[i]) return false;
  return true;
}

/** The leaf values of the current event by slot (slot-leaves.ts). */
interface Leaves {
  at(slot: number): readonly JsonLeaf[] | undefined;
}

/** Receives the tails whose remaining conditions all hold. */
export interface TailSink {
  /** The tail `entry` of rule `id` (added `seq`-th) holds. */
  holds(seq: number, id: string, entry: BranchEntry): void;
}

/** A state's only tail, with one or two conditions left: its tests, to be held in the state itself. */
export interface SoloTail {
  readonly code: number;
  readonly test: TailCheck;
  /** -1 when one condition is left. */
  readonly code2: number;
  readonly test2: TailCheck;
  readonly entry: BranchEntry;
}

/**
 * The list's only tail when it is one branch with one or two conditions left (most tail-only
 * states at 10,000 rules), else undefined. A state holding it inline saves reading the list,
 * one cache miss of the few an event costs at that size.
 */
export function soloTail(checks: readonly TailCheck[]): SoloTail | undefined {
  const next = checks[0] as number;
  const end = checks[1] as number;
  if (next !== checks.length || next - end !== TAIL_ITEMS || end > 6) return undefined;
  const two = end === 6;
  return { code: checks[2] as number, test: checks[3] as TailCheck, code2: two ? (checks[4] as number) : -1, test2: two ? (checks[5] as TailCheck) : 0, entry: checks[end] as BranchEntry };
}

/** Whether the test with `code` (`slot * 4 + kind`) holds on the event's leaves. */
export function checkHolds(code: number, test: TailCheck, leaves: Leaves): boolean {
  return passes(code & 3, test, leaves.at(code >> 2));
}

/** Tests every tail of a compiled list on the event's leaves, passing those that hold to `sink`. */
export function testTails(checks: readonly TailCheck[], leaves: Leaves, sink: TailSink): void {
  let i = 0;
  while (i < checks.length) {
    const next = checks[i] as number;
    const end = checks[i + 1] as number;
    for (i += 2; i < end; i += 2) {
      const code = checks[i] as number;
      const values = leaves.at(code >> 2);
      if (!passes(code & 3, checks[i + 1] as TailCheck, values)) break;
    }
    if (i >= end) for (let t = end; t < next; t += TAIL_ITEMS) sink.holds(checks[t + 1] as number, checks[t + 2] as string, checks[t] as BranchEntry);
    i = next;
  }
}

function passes(kind: number, test: TailCheck, values: readonly JsonLeaf[] | undefined): boolean {
  if (values === undefined) return kind === CONDITION && (test as FieldCondition).absentOk;
  if (kind === EXACT) {
    for (let v = 0; v < values.length; v++) if (values[v] === test) return true;
    return false;
  }
  if (kind === MATCHER) {
    const matcher = test as ValueMatcher;
    for (let v = 0; v < values.length; v++) if (matcher.test(values[v] as JsonLeaf)) return true;
    return false;
  }
  const matchers = (test as FieldCondition).matchers;
  for (let m = 0; m < matchers.length; m++) {
    const matcher = matchers[m] as ValueMatcher;
    for (let v = 0; v < values.length; v++) if (matcher.test(values[v] as JsonLeaf)) return true;
  }
  return false;
}
