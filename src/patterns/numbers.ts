// Numbers: the `numeric` operator's grammar, range tests, and the key under which exact numbers
// are indexed.
//
// Design note. AWS documents that numbers compare as decimals, and event-ruler encodes them as
// scaled fixed-point strings so that `0.1` and friends never suffer float artefacts. Here both
// the event and the pattern reach us as JSON numbers already parsed to IEEE-754 doubles, and we
// never do arithmetic on them: a decimal literal always parses to the same double, and the
// order of doubles is the order of the decimals they came from for every literal of up to 15
// significant digits. So `<`/`<=` on the parsed values *is* decimal comparison, with no scaling
// step that could round (`301.8` equals `3.018e2`, `300.0` equals `300`, `-0` equals `0`).
// Exact numbers are indexed by `numberKey`, the shortest round-trip text of the double.
import type { JsonLeaf, MatcherBase } from "./value-matchers.js";
import { describeValue, type ParseContext, type Segments } from "./parse-context.js";

/** An interval of numbers; a missing bound is unbounded on that side. */
export interface NumericRange {
  readonly lower: number | undefined;
  readonly lowerInclusive: boolean;
  readonly upper: number | undefined;
  readonly upperInclusive: boolean;
}

/** `{"numeric": [...]}`: matches JSON numbers (never strings such as `"300"`) inside the range. */
export interface NumericMatcher extends MatcherBase {
  readonly kind: "numeric";
  readonly range: NumericRange;
}

class Numeric implements NumericMatcher {
  readonly kind = "numeric";
  constructor(
    readonly range: NumericRange,
    readonly key: string,
  ) {}

  test(v: JsonLeaf): boolean {
    return typeof v === "number" && inRange(this.range, v);
  }
}

/** The index key of an exact number: equal numbers (including `0` and `-0`) share one key. */
export function numberKey(value: number): string {
  return String(value);
}

/** Whether `value` lies in `range`. */
export function inRange(range: NumericRange, value: number): boolean {
  const { lower, upper } = range;
  if (lower !== undefined && (range.lowerInclusive ? value < lower : value <= lower)) return false;
  if (upper !== undefined && (range.upperInclusive ? value > upper : value >= upper)) return false;
  return !Number.isNaN(value);
}

/** A numeric matcher for a range. */
export function numericMatcher(range: NumericRange): NumericMatcher {
  const bound = (n: number | undefined) => (n === undefined ? "" : numberKey(n));
  const key = `numeric:${range.lowerInclusive ? "[" : "("}${bound(range.lower)},${bound(range.upper)}${range.upperInclusive ? "]" : ")"}`;
  return new Numeric(range, key);
}

const LOWER_OPS = new Set([">", ">="]);
const UPPER_OPS = new Set(["<", "<="]);

/**
 * Parses the operand of `numeric`: `["=", n]`, `[op, n]` with op one of `>`, `>=`, `<`, `<=`, or a
 * range `[">" | ">=", low, "<" | "<=", high]`.
 */
export function parseNumeric(operand: unknown, at: Segments, ctx: ParseContext): NumericMatcher | undefined {
  if (!Array.isArray(operand)) {
    ctx.problem(at, `Value of numeric must be an array, e.g. [">", 0, "<=", 5] (got ${describeValue(operand)})`);
    return undefined;
  }
  const [op, value] = operand;
  if (typeof op !== "string") {
    const got = operand.length === 0 ? "an empty list" : describeValue(op);
    ctx.problem(operand.length === 0 ? at : [...at, 0], `numeric must start with an operator (=, >, >=, <, <=), e.g. [">", 0] (got ${got})`);
    return undefined;
  }
  if (op !== "=" && !LOWER_OPS.has(op) && !UPPER_OPS.has(op)) {
    ctx.problem([...at, 0], `Unrecognized numeric range operator: ${op} (use =, >, >=, <, <=)`);
    return undefined;
  }
  if (!isFiniteNumber(value)) {
    ctx.problem([...at, 1], `Value of ${op} must be numeric (got ${operand.length < 2 ? "nothing" : describeValue(value)})`);
    return undefined;
  }
  if (!LOWER_OPS.has(op)) {
    if (operand.length > 2) {
      ctx.problem([...at, 2], `Too many elements in numeric expression: after "${op}" nothing may follow (a range is written [">", low, "<", high])`);
      return undefined;
    }
    if (op === "=") return numericMatcher({ lower: value, lowerInclusive: true, upper: value, upperInclusive: true });
    return numericMatcher({ lower: undefined, lowerInclusive: false, upper: value, upperInclusive: op === "<=" });
  }
  const lowerInclusive = op === ">=";
  if (operand.length === 2) return numericMatcher({ lower: value, lowerInclusive, upper: undefined, upperInclusive: false });
  const [, , op2, high] = operand;
  if (typeof op2 !== "string" || !UPPER_OPS.has(op2)) {
    ctx.problem([...at, 2], `Bad numeric range operator: ${typeof op2 === "string" ? op2 : describeValue(op2)} (the upper end of a range is < or <=)`);
    return undefined;
  }
  if (!isFiniteNumber(high)) {
    ctx.problem([...at, 3], `Value of ${op2} must be numeric (got ${operand.length < 4 ? "nothing" : describeValue(high)})`);
    return undefined;
  }
  if (operand.length > 4) {
    ctx.problem([...at, 4], "Too many terms in numeric range expression (a range is written [\">\", low, \"<\", high])");
    return undefined;
  }
  const upperInclusive = op2 === "<=";
  if (value > high || (value === high && !(lowerInclusive && upperInclusive))) {
    ctx.problem(at, `numeric range is empty: no number is ${op} ${value} and ${op2} ${high}`);
    return undefined;
  }
  return numericMatcher({ lower: value, lowerInclusive, upper: high, upperInclusive });
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}
