// The compiled form of one entry of a field's match list. Every matcher carries a canonical
// `key` (equal keys mean the same test, so duplicates collapse and the rule index can share
// nodes) and a `test` for one leaf value of the event. Matchers are small class instances whose
// `test` is a method: one function per kind rather than a closure per matcher, which matters
// when an index holds tens of thousands of them. The simple operators are built here;
// the ones with their own grammar live in their own files (numbers, wildcard, anything-but,
// cidr, regex) and join the `ValueMatcher` union below.
import type { AnythingButMatcher } from "./anything-but.js";
import type { CidrMatcher } from "./cidr.js";
import type { NumericMatcher } from "./numbers.js";
import type { RegexMatcher } from "./regex.js";
import type { WildcardMatcher } from "./wildcard.js";
import { foldCase, foldedEndsWith, foldedEquals, foldedStartsWith } from "./case-folding.js";
import { numberKey } from "./numbers.js";

/** A leaf value of an event: what matchers test. Objects and arrays are flattened away. */
export type JsonLeaf = string | number | boolean | null;

/** What every matcher has. */
export interface MatcherBase {
  /** Canonical identity: two matchers with one key test the same thing. */
  readonly key: string;
  /** Whether one leaf value of the event satisfies this matcher. */
  test(value: JsonLeaf): boolean;
}

/** An exact value: type-sensitive (`"1"` is not `1`); numbers compare by value (`300` = `3.0e2`). */
export interface ExactMatcher extends MatcherBase {
  readonly kind: "exact";
  readonly value: JsonLeaf;
}

/** `{"prefix": "…"}` or `{"prefix": {"equals-ignore-case": "…"}}` (strings only). */
export interface PrefixMatcher extends MatcherBase {
  readonly kind: "prefix";
  /** The prefix, case-folded when `ignoreCase`. */
  readonly value: string;
  readonly ignoreCase: boolean;
}

/** `{"suffix": "…"}` or `{"suffix": {"equals-ignore-case": "…"}}` (strings only). */
export interface SuffixMatcher extends MatcherBase {
  readonly kind: "suffix";
  /** The suffix, case-folded when `ignoreCase`. */
  readonly value: string;
  readonly ignoreCase: boolean;
}

/** `{"equals-ignore-case": "…"}` (strings only). */
export interface EqualsIgnoreCaseMatcher extends MatcherBase {
  readonly kind: "equals-ignore-case";
  /** The case-folded value. */
  readonly folded: string;
}

/** `{"exists": true}`: any leaf value, `null` included. (`exists: false` is a field-level flag.) */
export interface ExistsMatcher extends MatcherBase {
  readonly kind: "exists";
}

/** Any compiled match-list entry. */
export type ValueMatcher =
  | ExactMatcher
  | PrefixMatcher
  | SuffixMatcher
  | EqualsIgnoreCaseMatcher
  | ExistsMatcher
  | WildcardMatcher
  | AnythingButMatcher
  | NumericMatcher
  | CidrMatcher
  | RegexMatcher;

/** The kinds of matcher, for handler tables keyed by kind. */
export type MatcherKind = ValueMatcher["kind"];

/** A type-tagged key of a leaf value: equal keys mean equal values in exact matching. */
export function exactKey(value: JsonLeaf): string {
  switch (typeof value) {
    case "string":
      return `s${value}`;
    case "number":
      return `n${numberKey(value)}`;
    case "boolean":
      return value ? "t" : "f";
    default:
      return "z";
  }
}

class Exact implements ExactMatcher {
  readonly kind = "exact";
  constructor(
    readonly value: JsonLeaf,
    readonly key: string,
  ) {}

  test(v: JsonLeaf): boolean {
    return v === this.value;
  }
}

class Prefix implements PrefixMatcher {
  readonly kind = "prefix";
  constructor(
    readonly value: string,
    readonly ignoreCase: boolean,
    readonly key: string,
  ) {}

  test(v: JsonLeaf): boolean {
    return typeof v === "string" && (this.ignoreCase ? foldedStartsWith(v, this.value) : v.startsWith(this.value));
  }
}

class Suffix implements SuffixMatcher {
  readonly kind = "suffix";
  constructor(
    readonly value: string,
    readonly ignoreCase: boolean,
    readonly key: string,
  ) {}

  test(v: JsonLeaf): boolean {
    return typeof v === "string" && (this.ignoreCase ? foldedEndsWith(v, this.value) : v.endsWith(this.value));
  }
}

class EqualsIgnoreCase implements EqualsIgnoreCaseMatcher {
  readonly kind = "equals-ignore-case";
  constructor(
    readonly folded: string,
    readonly key: string,
  ) {}

  test(v: JsonLeaf): boolean {
    return typeof v === "string" && foldedEquals(v, this.folded);
  }
}

class Exists implements ExistsMatcher {
  readonly kind = "exists";
  readonly key = "exists:true";

  test(): boolean {
    return true;
  }
}

/** An exact-value matcher. */
export function exactMatcher(value: JsonLeaf): ExactMatcher {
  return new Exact(value, `exact:${exactKey(value)}`);
}

/** A prefix matcher; `ignoreCase` compares case-folded strings. */
export function prefixMatcher(prefix: string, ignoreCase: boolean): PrefixMatcher {
  const value = ignoreCase ? foldCase(prefix) : prefix;
  return new Prefix(value, ignoreCase, `prefix:${ignoreCase ? "i" : "c"}:${value}`);
}

/** A suffix matcher; `ignoreCase` compares case-folded strings. */
export function suffixMatcher(suffix: string, ignoreCase: boolean): SuffixMatcher {
  const value = ignoreCase ? foldCase(suffix) : suffix;
  return new Suffix(value, ignoreCase, `suffix:${ignoreCase ? "i" : "c"}:${value}`);
}

/** An equals-ignore-case matcher. */
export function equalsIgnoreCaseMatcher(text: string): EqualsIgnoreCaseMatcher {
  const folded = foldCase(text);
  return new EqualsIgnoreCase(folded, `eic:${folded}`);
}

/** The `exists: true` matcher: every present leaf. */
export const EXISTS_MATCHER: ExistsMatcher = Object.freeze(new Exists());
