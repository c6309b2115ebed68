// The lookups of one field in the rule index for every operator but exact values: the part of a
// value index that most fields do not need, kept in its own object so that the common field —
// exact values only — stays one small object to read (value-index.ts). Each operator goes
// where it is cheap to look up:
//   equals-ignore-case               → hash map keyed by folded value
//   prefix / suffix (± ignore case)  → radix tries walked along the value (from the end for
//                                      suffixes; of folded keys, folding the value as they
//                                      walk, for the ignore-case forms)
//   numeric ranges                   → sorted bounds (numeric-index.ts)
//   wildcard                         → tries of literal first and last parts, then confirmed
//                                      (glob-index.ts)
//   cidr                             → hash maps of masked addresses per prefix length
//                                      (cidr-index.ts)
//   regex                            → a trie of literal prefixes (`^abc…`), then confirmed by
//                                      the automaton; a regex without one is confirmed always
//   exists: true                     → a list taken whole for any present value
//   anything-but                     → a list tested one by one: it matches almost every value,
//                                      so the scan is mostly output
import { foldCase } from "./case-folding.js";
import type { JsonLeaf, ValueMatcher } from "./value-matchers.js";
import { StringTrie, type Sink } from "./string-trie.js";
import { NumericIndex } from "./numeric-index.js";
import { GlobIndex } from "./glob-index.js";
import { CidrIndex } from "./cidr-index.js";
import { addToMap, removeFromList, removeFromMap, visitAll, visitTargets, type Targets } from "./targets.js";

/** Any matcher but an exact value. */
export type OperatorMatcher = Exclude<ValueMatcher, { kind: "exact" }>;

/** A matcher tested on each value (or confirmed after a trie lookup), with its target. */
interface Tested<T> {
  readonly matcher: ValueMatcher;
  readonly target: T;
}

/** Leaf value → targets, for the non-exact matchers registered on one field. */
export class OperatorIndex<T extends object> {
  private folded: Map<string, Targets<T>> | undefined;
  private prefixes: StringTrie<T> | undefined;
  private foldedPrefixes: StringTrie<T> | undefined;
  private suffixes: StringTrie<T> | undefined;
  private foldedSuffixes: StringTrie<T> | undefined;
  private numeric: NumericIndex<T> | undefined;
  private globs: GlobIndex<T> | undefined;
  private cidrs: CidrIndex<T> | undefined;
  private regexes: StringTrie<Tested<T>> | undefined;
  private any: T[] | undefined;
  private scans: Tested<T>[] | undefined;
  /** Matchers registered, so the owner can drop this object when the count returns to zero. */
  size = 0;
  /** The lookup in progress, for the regex confirmation (lookups do not nest). */
  private value: JsonLeaf = null;
  private sink: Sink<T> | undefined;
  private readonly confirm: Sink<Tested<T>> = {
    visit: (tested) => {
      if (tested.matcher.test(this.value)) this.sink?.visit(tested.target);
    },
  };

  /** Registers a matcher leading to `target`. */
  add(matcher: OperatorMatcher, target: T): void {
    this.size++;
    switch (matcher.kind) {
      case "equals-ignore-case":
        return addToMap((this.folded ??= new Map()), matcher.folded, target);
      case "prefix":
        if (matcher.ignoreCase) return (this.foldedPrefixes ??= new StringTrie(false, true)).add(matcher.value, target);
        return (this.prefixes ??= new StringTrie(false)).add(matcher.value, target);
      case "suffix":
        if (matcher.ignoreCase) return (this.foldedSuffixes ??= new StringTrie(true, true)).add(matcher.value, target);
        return (this.suffixes ??= new StringTrie(true)).add(matcher.value, target);
      case "numeric":
        return (this.numeric ??= new NumericIndex()).add(matcher.range, target);
      case "wildcard":
        return (this.globs ??= new GlobIndex()).add(matcher.glob, target);
      case "cidr":
        return (this.cidrs ??= new CidrIndex()).add(matcher.block, target);
      case "regex":
        return (this.regexes ??= new StringTrie(false)).add(matcher.prefix, { matcher, target });
      case "exists":
        (this.any ??= []).push(target);
        return;
      case "anything-but":
        (this.scans ??= []).push({ matcher, target });
        return;
      default:
        return unknownKind(matcher);
    }
  }

  /** Unregisters a matcher added with the same target. */
  remove(matcher: OperatorMatcher, target: T): void {
    this.size--;
    switch (matcher.kind) {
      case "equals-ignore-case":
        return removeFromMap(this.folded, matcher.folded, target);
      case "prefix":
        return (matcher.ignoreCase ? this.foldedPrefixes : this.prefixes)?.remove(matcher.value, target);
      case "suffix":
        return (matcher.ignoreCase ? this.foldedSuffixes : this.suffixes)?.remove(matcher.value, target);
      case "numeric":
        return this.numeric?.remove(matcher.range, target);
      case "wildcard":
        return this.globs?.remove(matcher.glob, target);
      case "cidr":
        return this.cidrs?.remove(matcher.block, target);
      case "regex": {
        const tested = this.regexes?.find(matcher.prefix)?.find((t) => t.matcher === matcher && t.target === target);
        if (tested) this.regexes?.remove(matcher.prefix, tested);
        return;
      }
      case "exists":
        removeFromList(this.any, target);
        return;
      case "anything-but": {
        const i = this.scans?.findIndex((s) => s.matcher === matcher && s.target === target) ?? -1;
        if (i >= 0) this.scans?.splice(i, 1);
        return;
      }
      default:
        return unknownKind(matcher);
    }
  }

  /** Visits every target whose matcher accepts `value` (a target may be visited more than once). */
  collect(value: JsonLeaf, sink: Sink<T>): void {
    if (typeof value === "string") {
      if (this.prefixes) this.prefixes.collect(value, sink);
      if (this.suffixes) this.suffixes.collect(value, sink);
      if (this.folded) visitTargets(this.folded.get(foldCase(value)), sink);
      if (this.foldedPrefixes) this.foldedPrefixes.collect(value, sink);
      if (this.foldedSuffixes) this.foldedSuffixes.collect(value, sink);
      if (this.globs) this.globs.collect(value, sink);
      if (this.cidrs) this.cidrs.collect(value, sink);
      if (this.regexes) {
        this.value = value;
        this.sink = sink;
        this.regexes.collect(value, this.confirm);
        this.sink = undefined;
      }
    } else if (typeof value === "number") {
      if (this.numeric) this.numeric.collect(value, sink);
    }
    if (this.any) visitAll(this.any, sink);
    if (this.scans) for (const scan of this.scans) if (scan.matcher.test(value)) sink.visit(scan.target);
  }
}

/** Compile-time exhaustiveness: a new matcher kind does not compile until placed above. */
function unknownKind(matcher: never): never {
  throw new Error(`unindexed matcher kind: ${JSON.stringify(matcher)}`);
}
