// The `wildcard` operator: `*` matches any run of characters (none included); `\*` is a literal
// star and `\\` a literal backslash; no other escape exists and `**` is rejected, as in AWS.
//
// Design note. A glob of only `*` splits into literal parts; the text must start with the first
// part, end with the last, and contain the middle ones in order between them. Taking each middle
// part at its leftmost occurrence is optimal (a later occurrence never leaves more room), so a
// match is a few `indexOf` calls with no backtracking. AWS also rejects wildcards it deems "too
// complex"; we approximate its rule by a cap on the number of stars (PATTERN_LIMITS.maxWildcards),
// which agrees with every AWS-validated case we have.
import { exactMatcher, prefixMatcher, suffixMatcher, type JsonLeaf, type MatcherBase, type ValueMatcher } from "./value-matchers.js";
import { describeValue, type ParseContext, type Segments } from "./parse-context.js";
import { PATTERN_LIMITS } from "./limits.js";

/** A parsed wildcard: its text and the literal parts between its stars. */
export interface Glob {
  readonly source: string;
  /** Literal parts; `parts.length - 1` is the number of stars. */
  readonly parts: readonly string[];
}

/** `{"wildcard": "…"}` (strings only). */
export interface WildcardMatcher extends MatcherBase {
  readonly kind: "wildcard";
  readonly glob: Glob;
}

/** Parses a wildcard string; reports bad escapes, `**` and too many stars. */
export function parseGlob(operand: unknown, at: Segments, ctx: ParseContext): Glob | undefined {
  if (typeof operand !== "string") {
    ctx.problem(at, `wildcard match pattern must be a string (got ${describeValue(operand)})`);
    return undefined;
  }
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < operand.length; i++) {
    const ch = operand[i];
    if (ch === "\\") {
      const next = operand[i + 1];
      if (next !== "*" && next !== "\\") {
        ctx.problem(at, `Invalid escape character at pos ${i + 1}: in a wildcard only \\* (a literal star) and \\\\ (a literal backslash) are escapes`);
        return undefined;
      }
      current += next;
      i++;
    } else if (ch === "*") {
      if (operand[i + 1] === "*") {
        ctx.problem(at, `Consecutive wildcard characters at pos ${i + 1}: one * already matches any run of characters`);
        return undefined;
      }
      parts.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  parts.push(current);
  if (parts.length - 1 > PATTERN_LIMITS.maxWildcards) {
    const aws = "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character";
    ctx.problem(at, `${aws} (at most ${PATTERN_LIMITS.maxWildcards} * per wildcard)`);
    return undefined;
  }
  // An exact-size copy of the parts, grown by pushing: the glob is kept as long as its rule.
  return { source: operand, parts: parts.slice() };
}

/** Whether `text` matches the glob. */
export function globMatches(glob: Glob, text: string): boolean {
  const { parts } = glob;
  const first = parts[0] ?? "";
  if (parts.length === 1) return text === first;
  const last = parts[parts.length - 1] ?? "";
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  let from = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i] ?? "";
    const found = text.indexOf(part, from);
    if (found < 0 || found + part.length > end) return false;
    from = found + part.length;
  }
  return true;
}

class Wildcard implements WildcardMatcher {
  readonly kind = "wildcard";
  constructor(
    readonly glob: Glob,
    readonly key: string,
  ) {}

  test(v: JsonLeaf): boolean {
    return typeof v === "string" && globMatches(this.glob, v);
  }
}

/**
 * Parses `{"wildcard": …}`'s operand into a matcher. A wildcard that says no more than a simpler
 * operator becomes that operator — no star: an exact string; one star at the end: a prefix; at
 * the start: a suffix — with the same answers (all of them match strings only), so rules that
 * write `"web-*"` share index states with rules that write `{"prefix": "web-"}` and are found
 * by the cheaper lookup.
 */
export function parseWildcard(operand: unknown, at: Segments, ctx: ParseContext): ValueMatcher | undefined {
  const glob = parseGlob(operand, at, ctx);
  if (!glob) return undefined;
  const [first = "", second] = glob.parts;
  if (glob.parts.length === 1) return exactMatcher(first);
  if (glob.parts.length === 2 && second === "") return prefixMatcher(first, false);
  if (glob.parts.length === 2 && first === "") return suffixMatcher(second ?? "", false);
  return new Wildcard(glob, `wildcard:${glob.source}`);
}
