// The `regex` extension (reflex dialect only): `{"regex": "<RE2 syntax>"}` on string values.
//
// Design note. Patterns come from users and events from anywhere, so a backtracking engine
// (JavaScript's RegExp) would let one rule stall a bus on a crafted value (`(a+)+$` against
// "aaaa…b"). We compile with re2js, a port of RE2 whose automaton runs in time linear in the
// input; RE2 syntax has no backreferences or lookaround, and patterns using them are rejected
// when compiled. Matching is a search, as with `RegExp.test`: anchor with `^`/`$` for a
// whole-value match. An anchored regex that begins with plain characters (`^payments-api-…`)
// also records them as its literal prefix, so the rule index can find it by prefix and run
// the automaton only on values that start so. Regexes of the common anchored shape (runs of
// character classes with counts) are matched directly instead (sequence-regex.ts); their re2js
// program (≈ 19 KB each) is then built only if a value ever needs it (one holding a non-ASCII
// character), as parsing already proved that it compiles.
import { RE2JS } from "re2js";
import { compileSequenceRegex, type SequenceRegex } from "./sequence-regex.js";
import type { JsonLeaf, MatcherBase } from "./value-matchers.js";
import { describeValue, type ParseContext, type Segments } from "./parse-context.js";
import { PATTERN_LIMITS } from "./limits.js";

/** `{"regex": "…"}` (strings only; reflex dialect). */
export interface RegexMatcher extends MatcherBase {
  readonly kind: "regex";
  readonly source: string;
  /** Characters every matching value starts with ("" when none are known). */
  readonly prefix: string;
}

/** Characters with a meaning in RE2 syntax; a literal prefix stops before the first of them. */
const META = new Set("\\.+*?()|[]{}^$");
/** Quantifiers that may repeat the character before them zero times. */
const OPTIONAL = new Set("*?{");

/**
 * The literal text every match of `source` starts with: the plain characters after a leading
 * `^`, minus the last one when a quantifier follows it. Conservative: "" for unanchored
 * regexes and for any regex with a `|` (an alternative need not share the prefix).
 */
export function literalPrefix(source: string): string {
  if (!source.startsWith("^") || source.includes("|")) return "";
  let end = 1;
  while (end < source.length && !META.has(source[end] as string)) end++;
  if (end < source.length && OPTIONAL.has(source[end] as string)) {
    // The quantified character is left out — both halves of it when it is a surrogate pair.
    end--;
    if (end > 1 && isLowSurrogate(source.charCodeAt(end)) && isHighSurrogate(source.charCodeAt(end - 1))) end--;
  }
  return source.slice(1, Math.max(1, end));
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

class Regex implements RegexMatcher {
  readonly kind = "regex";
  constructor(
    readonly source: string,
    readonly prefix: string,
    readonly key: string,
    /** The re2js program; left to be built on first need when `sequence` is set. */
    private compiled: RE2JS | undefined,
    /** The direct matcher, when the regex has its shape. */
    private readonly sequence: SequenceRegex | undefined,
  ) {}

  test(v: JsonLeaf): boolean {
    if (typeof v !== "string") return false;
    return this.sequence?.test(v) ?? (this.compiled ??= RE2JS.compile(this.source)).test(v);
  }
}

/** Parses and compiles `{"regex": …}`'s operand; reports non-strings, length and syntax errors. */
export function parseRegex(operand: unknown, at: Segments, ctx: ParseContext): RegexMatcher | undefined {
  if (typeof operand !== "string") {
    ctx.problem(at, `regex match pattern must be a string (got ${describeValue(operand)})`);
    return undefined;
  }
  if (operand.length > PATTERN_LIMITS.maxRegexLength) {
    ctx.problem(at, `regex is ${operand.length} characters long; the limit is ${PATTERN_LIMITS.maxRegexLength}`);
    return undefined;
  }
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(operand);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    ctx.problem(at, `regex does not compile (RE2 syntax: no backreferences or lookaround): ${reason}`);
    return undefined;
  }
  const sequence = compileSequenceRegex(operand);
  return new Regex(operand, literalPrefix(operand), `regex:${operand}`, sequence ? undefined : compiled, sequence);
}
