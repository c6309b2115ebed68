// Reads one entry of a field's match list: a plain value (exact match) or an operator object
// such as `{"prefix": "i-"}`. The operator table says which operators a dialect knows; the
// operators with their own grammar parse their operands in their own files.
import type { PatternDialect } from "./pattern-options.js";
import { describeValue, type ParseContext, type Segments } from "./parse-context.js";
import { parseAnythingBut } from "./anything-but.js";
import { parseCidr } from "./cidr.js";
import { parseNumeric } from "./numbers.js";
import { parseRegex } from "./regex.js";
import { parseWildcard } from "./wildcard.js";
import {
  EXISTS_MATCHER,
  equalsIgnoreCaseMatcher,
  exactMatcher,
  prefixMatcher,
  suffixMatcher,
  type ValueMatcher,
} from "./value-matchers.js";

/** A parsed match-list entry: a matcher, or `absent` for `{"exists": false}`. */
export type MatchItem = ValueMatcher | "absent";

type OperatorParser = (operand: unknown, at: Segments, ctx: ParseContext) => MatchItem | undefined;

const AWS_OPERATORS: Readonly<Record<string, OperatorParser>> = {
  prefix: (operand, at, ctx) => parseAffix("prefix", operand, at, ctx),
  suffix: (operand, at, ctx) => parseAffix("suffix", operand, at, ctx),
  "equals-ignore-case": (operand, at, ctx) => {
    if (typeof operand === "string") return equalsIgnoreCaseMatcher(operand);
    ctx.problem(at, `equals-ignore-case match pattern must be a string (got ${describeValue(operand)})`);
    return undefined;
  },
  wildcard: parseWildcard,
  "anything-but": parseAnythingBut,
  numeric: parseNumeric,
  exists: (operand, at, ctx) => {
    if (operand === true) return EXISTS_MATCHER;
    if (operand === false) return "absent";
    ctx.problem(at, `exists match pattern must be either true or false (got ${describeValue(operand)})`);
    return undefined;
  },
  cidr: parseCidr,
};

const REFLEX_OPERATORS: Readonly<Record<string, OperatorParser>> = { ...AWS_OPERATORS, regex: parseRegex };

/** The operator names a dialect accepts. */
export function operatorNames(dialect: PatternDialect): readonly string[] {
  return Object.keys(dialect === "reflex" ? REFLEX_OPERATORS : AWS_OPERATORS);
}

/** Parses one match-list entry at `at`. */
export function parseMatchItem(item: unknown, at: Segments, ctx: ParseContext): MatchItem | undefined {
  if (typeof item === "string" || typeof item === "boolean" || item === null) return exactMatcher(item);
  if (typeof item === "number") {
    if (Number.isFinite(item)) return exactMatcher(item);
    ctx.problem(at, `Match value must be a finite number (got ${String(item)})`);
    return undefined;
  }
  if (Array.isArray(item)) {
    ctx.problem(at, "Match value must be String, number, true, false, null or an operator object; lists do not nest");
    return undefined;
  }
  if (typeof item !== "object") {
    ctx.problem(at, `Match value must be String, number, true, false, null or an operator object (got ${describeValue(item)})`);
    return undefined;
  }
  const keys = Object.keys(item);
  const [name] = keys;
  if (name === undefined) {
    ctx.problem(at, `Match expression name not found: an operator object holds one operator, e.g. {"prefix": "ins-"}`);
    return undefined;
  }
  if (keys.length > 1) {
    ctx.problem(at, `Only one key allowed in match expression (got ${keys.join(", ")}); put each operator in its own object of the list`);
    return undefined;
  }
  const operators = ctx.dialect === "reflex" ? REFLEX_OPERATORS : AWS_OPERATORS;
  const parse = Object.hasOwn(operators, name) ? operators[name] : undefined;
  if (!parse) {
    ctx.problem([...at, name], unknownOperatorMessage(name, ctx.dialect));
    return undefined;
  }
  return parse((item as Record<string, unknown>)[name], [...at, name], ctx);
}

function unknownOperatorMessage(name: string, dialect: PatternDialect): string {
  const known = operatorNames(dialect);
  const lower = name.toLowerCase();
  if (known.includes(lower)) return `Unrecognized match type ${name}: operators are lower-case, write "${lower}"`;
  if (lower === "regex") return `Unrecognized match type ${name}: regex is a Reflex extension, not available in the eventbridge dialect`;
  return `Unrecognized match type ${name} (known: ${known.join(", ")})`;
}

function parseAffix(op: "prefix" | "suffix", operand: unknown, at: Segments, ctx: ParseContext): ValueMatcher | undefined {
  const make = op === "prefix" ? prefixMatcher : suffixMatcher;
  if (typeof operand === "string") return make(operand, false);
  if (operand !== null && typeof operand === "object" && !Array.isArray(operand)) {
    const keys = Object.keys(operand);
    const inner = (operand as Record<string, unknown>)["equals-ignore-case"];
    if (keys.length === 1 && keys[0] === "equals-ignore-case") {
      if (typeof inner === "string") return make(inner, true);
      ctx.problem([...at, "equals-ignore-case"], `equals-ignore-case match pattern must be a string (got ${describeValue(inner)})`);
      return undefined;
    }
    ctx.problem(at, `${op} takes a string or {"equals-ignore-case": "<string>"} (got an object with ${keys.length === 0 ? "no keys" : keys.join(", ")})`);
    return undefined;
  }
  ctx.problem(at, `${op} match pattern must be a string (got ${describeValue(operand)})`);
  return undefined;
}
