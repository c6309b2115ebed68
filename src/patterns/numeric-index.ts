// Numeric ranges of one field in the rule index, kept in sorted arrays so a lookup costs a
// binary search plus the ranges it returns.
//
// Design note. Ops rules are mostly one-sided thresholds (`cpu > 90`, `free < 10`). A value x
// satisfies every lower bound below it — a prefix of the lower bounds sorted ascending — and
// every upper bound above it — a suffix of the upper bounds — so those lookups touch only
// what matches (plus bounds equal to x, checked for inclusiveness). Two-sided ranges are kept
// sorted by their lower end; the prefix whose lower end is ≤ x is checked against the upper
// end. `=` never reaches here: it is an exact number, indexed by hash (value-index.ts).
// Insertions and removals splice one entry, so one rule never rebuilds the structure.
import { inRange, type NumericRange } from "./numbers.js";
import type { Sink } from "./string-trie.js";

interface Entry<T> {
  /** The sort key: the bound for one-sided ranges, the lower end for two-sided ones. */
  readonly at: number;
  readonly range: NumericRange;
  readonly target: T;
}

/** Numeric ranges of one field, each leading to a target. */
export class NumericIndex<T> {
  private readonly lowers: Entry<T>[] = [];
  private readonly uppers: Entry<T>[] = [];
  private readonly ranges: Entry<T>[] = [];

  /** Adds a range (with at least one bound). */
  add(range: NumericRange, target: T): void {
    const [list, at] = this.slot(range);
    list.splice(firstAbove(list, at), 0, { at, range, target });
  }

  /** Removes a range added with the same target. */
  remove(range: NumericRange, target: T): void {
    const [list, at] = this.slot(range);
    for (let i = firstAtOrAbove(list, at); i < list.length && list[i]?.at === at; i++) {
      const entry = list[i];
      if (entry?.target === target && entry.range === range) {
        list.splice(i, 1);
        return;
      }
    }
  }

  /** Visits the target of every range containing `x`. */
  collect(x: number, sink: Sink<T>): void {
    if (Number.isNaN(x)) return;
    const lowers = this.lowers;
    for (let i = 0, end = firstAbove(lowers, x); i < end; i++) {
      const e = lowers[i] as Entry<T>;
      if (e.at < x || e.range.lowerInclusive) sink.visit(e.target);
    }
    const uppers = this.uppers;
    for (let i = firstAtOrAbove(uppers, x); i < uppers.length; i++) {
      const e = uppers[i] as Entry<T>;
      if (e.at > x || e.range.upperInclusive) sink.visit(e.target);
    }
    const ranges = this.ranges;
    for (let i = 0, end = firstAbove(ranges, x); i < end; i++) {
      const e = ranges[i] as Entry<T>;
      if (inRange(e.range, x)) sink.visit(e.target);
    }
  }

  /** Whether no range is stored. */
  get isEmpty(): boolean {
    return this.lowers.length === 0 && this.uppers.length === 0 && this.ranges.length === 0;
  }

  private slot(range: NumericRange): [Entry<T>[], number] {
    if (range.lower !== undefined && range.upper !== undefined) return [this.ranges, range.lower];
    if (range.lower !== undefined) return [this.lowers, range.lower];
    return [this.uppers, range.upper ?? Number.POSITIVE_INFINITY];
  }
}

/** Index of the first entry whose key is greater than `x`. */
function firstAbove<T>(list: readonly Entry<T>[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as Entry<T>).at <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first entry whose key is at least `x`. */
function firstAtOrAbove<T>(list: readonly Entry<T>[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as Entry<T>).at < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
