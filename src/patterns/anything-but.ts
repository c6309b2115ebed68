// The `anything-but` operator: matches every present leaf value except the excluded ones.
//
// Design note. The exclusion takes one of five shapes: plain values (all strings or all
// numbers, one or a list), or `prefix`, `suffix`, `equals-ignore-case` or `wildcard` with a
// string or a list of strings. What is *not* excluded matches, whatever its type: `null`, a
// boolean, or a number against a string exclusion all match (AWS behaves so; a missing field
// never matches). The grammar's restrictions and messages follow AWS: no `null`/boolean, no
// mixed string/number lists, no empty prefix or suffix, no `equals-ignore-case` inside
// `prefix`/`suffix`.
import type { JsonLeaf, MatcherBase } from "./value-matchers.js";
import { describeValue, type ParseContext, type Segments } from "./parse-context.js";
import { foldCase } from "./case-folding.js";
import { globMatches, parseGlob, type Glob } from "./wildcard.js";
import { PATTERN_LIMITS } from "./limits.js";

/** What an anything-but excludes. */
export type Exclusion =
  | { readonly kind: "values"; readonly strings: ReadonlySet<string>; readonly numbers: ReadonlySet<number> }
  | { readonly kind: "prefix" | "suffix"; readonly values: readonly string[] }
  | { readonly kind: "equals-ignore-case"; readonly folded: ReadonlySet<string> }
  | { readonly kind: "wildcard"; readonly globs: readonly Glob[] };

/** `{"anything-but": …}`. */
export interface AnythingButMatcher extends MatcherBase {
  readonly kind: "anything-but";
  readonly exclusion: Exclusion;
}

/** Whether the exclusion covers a leaf value. */
export function isExcluded(exclusion: Exclusion, value: JsonLeaf): boolean {
  switch (exclusion.kind) {
    case "values":
      return typeof value === "string" ? exclusion.strings.has(value) : typeof value === "number" && exclusion.numbers.has(value);
    case "prefix":
      return typeof value === "string" && exclusion.values.some((p) => value.startsWith(p));
    case "suffix":
      return typeof value === "string" && exclusion.values.some((s) => value.endsWith(s));
    case "equals-ignore-case":
      return typeof value === "string" && exclusion.folded.has(foldCase(value));
    case "wildcard":
      return typeof value === "string" && exclusion.globs.some((g) => globMatches(g, value));
  }
}

class AnythingBut implements AnythingButMatcher {
  readonly kind = "anything-but";
  constructor(
    readonly exclusion: Exclusion,
    readonly key: string,
  ) {}

  test(v: JsonLeaf): boolean {
    return !isExcluded(this.exclusion, v);
  }
}

/** Parses `{"anything-but": …}`'s operand into a matcher. */
export function parseAnythingBut(operand: unknown, at: Segments, ctx: ParseContext): AnythingButMatcher | undefined {
  const exclusion = parseExclusion(operand, at, ctx);
  if (!exclusion) return undefined;
  return new AnythingBut(exclusion, `anything-but:${exclusionKey(exclusion)}`);
}

function parseExclusion(operand: unknown, at: Segments, ctx: ParseContext): Exclusion | undefined {
  if (typeof operand === "string") return { kind: "values", strings: new Set([operand]), numbers: new Set() };
  if (typeof operand === "number") return { kind: "values", strings: new Set(), numbers: new Set([operand]) };
  if (Array.isArray(operand)) return parseValueList(operand, at, ctx);
  if (operand !== null && typeof operand === "object") return parseOperatorExclusion(operand as Record<string, unknown>, at, ctx);
  ctx.problem(at, `Value of anything-but must be an array or single string/number value (got ${describeValue(operand)})`);
  return undefined;
}

function parseValueList(list: readonly unknown[], at: Segments, ctx: ParseContext): Exclusion | undefined {
  if (!checkListSize(list, at, ctx)) return undefined;
  const strings = new Set<string>();
  const numbers = new Set<number>();
  let ok = true;
  list.forEach((item, i) => {
    if (typeof item === "string") strings.add(item);
    else if (typeof item === "number" && Number.isFinite(item)) numbers.add(item);
    else {
      ctx.problem([...at, i], `Inside anything but list, only strings or numbers are supported (got ${describeValue(item)})`);
      ok = false;
    }
  });
  if (!ok) return undefined;
  if (strings.size > 0 && numbers.size > 0) {
    ctx.problem(at, "Inside anything but list, either all values are number or string, mixed type is not supported");
    return undefined;
  }
  return { kind: "values", strings, numbers };
}

const INNER_OPERATORS = ["prefix", "suffix", "equals-ignore-case", "wildcard"] as const;

function parseOperatorExclusion(operand: Record<string, unknown>, at: Segments, ctx: ParseContext): Exclusion | undefined {
  const keys = Object.keys(operand);
  const [op] = keys;
  if (keys.length !== 1 || op === undefined) {
    ctx.problem(at, `anything-but with an object takes exactly one of ${INNER_OPERATORS.join(", ")} (got ${keys.length === 0 ? "none" : keys.join(", ")})`);
    return undefined;
  }
  const inner = operand[op];
  const innerAt = [...at, op];
  switch (op) {
    case "prefix":
    case "suffix": {
      const values = stringsOf(inner, innerAt, ctx, (v, vAt) => {
        if (typeof v !== "string") {
          const hint = v !== null && typeof v === "object" && !Array.isArray(v) ? "; equals-ignore-case is not supported inside anything-but/" + op : "";
          ctx.problem(vAt, `prefix/suffix match pattern must be a string (got ${describeValue(v)})${hint}`);
          return false;
        }
        if (v === "") {
          ctx.problem(vAt, `Null prefix/suffix not allowed: an empty ${op} would exclude every string`);
          return false;
        }
        return true;
      });
      return values && { kind: op, values };
    }
    case "equals-ignore-case": {
      const values = stringsOf(inner, innerAt, ctx, (v, vAt) => {
        if (typeof v === "string") return true;
        ctx.problem(vAt, `Inside anything-but/equals-ignore-case, only strings are supported (got ${describeValue(v)})`);
        return false;
      });
      return values && { kind: "equals-ignore-case", folded: new Set(values.map(foldCase)) };
    }
    case "wildcard": {
      const globs: Glob[] = [];
      const values = stringsOf(inner, innerAt, ctx, (v, vAt) => {
        const glob = parseGlob(v, vAt, ctx);
        if (glob) globs.push(glob);
        return glob !== undefined;
      });
      return values && { kind: "wildcard", globs };
    }
    default:
      ctx.problem(innerAt, `Unsupported anything-but pattern: ${op} (use one of ${INNER_OPERATORS.join(", ")})`);
      return undefined;
  }
}

/** A string or a non-empty list of them, each checked by `accept`; `undefined` if any failed. */
function stringsOf(
  operand: unknown,
  at: Segments,
  ctx: ParseContext,
  accept: (value: unknown, at: Segments) => boolean,
): string[] | undefined {
  if (!Array.isArray(operand)) return accept(operand, at) ? [operand as string] : undefined;
  if (!checkListSize(operand, at, ctx)) return undefined;
  let ok = true;
  operand.forEach((item, i) => {
    if (!accept(item, [...at, i])) ok = false;
  });
  return ok ? (operand as string[]) : undefined;
}

function checkListSize(list: readonly unknown[], at: Segments, ctx: ParseContext): boolean {
  if (list.length === 0) {
    ctx.problem(at, "Empty arrays are not allowed: an anything-but list needs at least one value");
    return false;
  }
  if (list.length > PATTERN_LIMITS.maxListValues) {
    ctx.problem(at, `list has ${list.length} values; the limit is ${PATTERN_LIMITS.maxListValues}`);
    return false;
  }
  return true;
}

function exclusionKey(exclusion: Exclusion): string {
  switch (exclusion.kind) {
    case "values":
      return JSON.stringify(["values", [...exclusion.strings].sort(), [...exclusion.numbers].sort((a, b) => a - b)]);
    case "prefix":
    case "suffix":
      return JSON.stringify([exclusion.kind, [...new Set(exclusion.values)].sort()]);
    case "equals-ignore-case":
      return JSON.stringify([exclusion.kind, [...exclusion.folded].sort()]);
    case "wildcard":
      return JSON.stringify([exclusion.kind, [...new Set(exclusion.globs.map((g) => g.source))].sort()]);
  }
}
