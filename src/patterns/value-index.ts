// The value side of the rule index: for one field at one index state, which next states a
// leaf value leads to. Each matcher kind goes where it is cheap to look up:
//   exact values and `numeric =`     → hash map keyed by the value itself: a Map's SameValueZero
//                                      keeps "1" apart from 1 and takes -0 as 0, the equality of
//                                      exactKey, without building a key string per lookup
//   equals-ignore-case               → hash map keyed by folded value
//   prefix / suffix (± ignore case)  → tries walked along the value (from the end for suffixes)
//   numeric ranges                   → sorted bounds (numeric-index.ts)
//   exists: true                     → a set taken whole for any present value
//   wildcard, anything-but, cidr, regex → a list tested one by one (they do not index well;
//                                         anything-but mostly matches, so the scan is mostly output)
// Structures are created on first use, so a field with only exact values costs one map.
import { foldCase } from "./case-folding.js";
import type { JsonLeaf, ValueMatcher } from "./value-matchers.js";
import { StringTrie } from "./string-trie.js";
import { NumericIndex } from "./numeric-index.js";
import type { NumericRange } from "./numbers.js";

interface Scan<T> {
  readonly matcher: ValueMatcher;
  readonly target: T;
}

/** Leaf value → targets, for the matchers registered on one field. */
export class ValueIndex<T> {
  private exact: Map<JsonLeaf, Set<T>> | undefined;
  private folded: Map<string, Set<T>> | undefined;
  private tries: Map<string, StringTrie<T>> | undefined;
  private numeric: NumericIndex<T> | undefined;
  private any: Set<T> | undefined;
  private scans: Scan<T>[] | undefined;

  /** Registers a matcher leading to `target`. */
  add(matcher: ValueMatcher, target: T): void {
    switch (matcher.kind) {
      case "exact":
        return addToMap((this.exact ??= new Map()), matcher.value, target);
      case "equals-ignore-case":
        return addToMap((this.folded ??= new Map()), matcher.folded, target);
      case "prefix":
      case "suffix":
        return this.trie(matcher.kind, matcher.ignoreCase, true)?.add(matcher.value, target);
      case "numeric": {
        const single = singleNumber(matcher.range);
        if (single !== undefined) return addToMap((this.exact ??= new Map()), single, target);
        return (this.numeric ??= new NumericIndex()).add(matcher.range, target);
      }
      case "exists":
        (this.any ??= new Set()).add(target);
        return;
      case "wildcard":
      case "anything-but":
      case "cidr":
      case "regex":
        (this.scans ??= []).push({ matcher, target });
        return;
      default:
        return unknownKind(matcher);
    }
  }

  /** Unregisters a matcher added with the same target. */
  remove(matcher: ValueMatcher, target: T): void {
    switch (matcher.kind) {
      case "exact":
        return removeFromMap(this.exact, matcher.value, target);
      case "equals-ignore-case":
        return removeFromMap(this.folded, matcher.folded, target);
      case "prefix":
      case "suffix":
        return this.trie(matcher.kind, matcher.ignoreCase, false)?.remove(matcher.value, target);
      case "numeric": {
        const single = singleNumber(matcher.range);
        if (single !== undefined) return removeFromMap(this.exact, single, target);
        return this.numeric?.remove(matcher.range, target);
      }
      case "exists":
        this.any?.delete(target);
        return;
      case "wildcard":
      case "anything-but":
      case "cidr":
      case "regex": {
        const i = this.scans?.findIndex((s) => s.matcher === matcher && s.target === target) ?? -1;
        if (i >= 0) this.scans?.splice(i, 1);
        return;
      }
      default:
        return unknownKind(matcher);
    }
  }

  /** Visits every target whose matcher accepts `value` (a target may be visited more than once). */
  collect(value: JsonLeaf, visit: (target: T) => void): void {
    const exact = this.exact?.get(value);
    if (exact) for (const target of exact) visit(target);
    if (typeof value === "string") {
      let folded: string | undefined;
      if (this.folded) {
        folded = foldCase(value);
        const hits = this.folded.get(folded);
        if (hits) for (const target of hits) visit(target);
      }
      if (this.tries) {
        for (const [name, trie] of this.tries) {
          if (name.endsWith(":i")) trie.collect((folded ??= foldCase(value)), visit);
          else trie.collect(value, visit);
        }
      }
    } else if (typeof value === "number") {
      this.numeric?.collect(value, visit);
    }
    if (this.any) for (const target of this.any) visit(target);
    if (this.scans) for (const scan of this.scans) if (scan.matcher.test(value)) visit(scan.target);
  }

  private trie(kind: "prefix" | "suffix", ignoreCase: boolean, create: boolean): StringTrie<T> | undefined {
    const name = `${kind}:${ignoreCase ? "i" : "c"}`;
    let trie = this.tries?.get(name);
    if (!trie && create) {
      trie = new StringTrie<T>(kind === "suffix");
      (this.tries ??= new Map()).set(name, trie);
    }
    return trie;
  }
}

/** Compile-time exhaustiveness: a new matcher kind does not compile until placed above. */
function unknownKind(matcher: never): never {
  throw new Error(`unindexed matcher kind: ${JSON.stringify(matcher)}`);
}

/** The number a `numeric: ["=", n]` range admits, answered by the exact-value map. */
function singleNumber(range: NumericRange): number | undefined {
  const { lower, upper, lowerInclusive, upperInclusive } = range;
  return lower !== undefined && lower === upper && lowerInclusive && upperInclusive ? lower : undefined;
}

function addToMap<K, T>(map: Map<K, Set<T>>, key: K, target: T): void {
  const set = map.get(key);
  if (set) set.add(target);
  else map.set(key, new Set([target]));
}

function removeFromMap<K, T>(map: Map<K, Set<T>> | undefined, key: K, target: T): void {
  const set = map?.get(key);
  if (!set) return;
  set.delete(target);
  if (set.size === 0) map?.delete(key);
}
