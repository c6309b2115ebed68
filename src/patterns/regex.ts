// The `regex` extension (reflex dialect only): `{"regex": "<RE2 syntax>"}` on string values.
//
// Design note. Patterns come from users and events from anywhere, so a backtracking engine
// (JavaScript's RegExp) would let one rule stall a bus on a crafted value (`(a+)+$` against
// "aaaa…b"). We compile with re2js, a port of RE2 whose automaton runs in time linear in the
// input; RE2 syntax has no backreferences or lookaround, and patterns using them are rejected
// when compiled. Matching is a search, as with `RegExp.test`: anchor with `^`/`$` for a
// whole-value match.
import { RE2JS } from "re2js";
import type { MatcherBase } from "./value-matchers.js";
import { describeValue, type ParseContext, type Segments } from "./parse-context.js";
import { PATTERN_LIMITS } from "./limits.js";

/** `{"regex": "…"}` (strings only; reflex dialect). */
export interface RegexMatcher extends MatcherBase {
  readonly kind: "regex";
  readonly source: string;
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
  return { kind: "regex", source: operand, key: `regex:${operand}`, test: (v) => typeof v === "string" && compiled.test(v) };
}
