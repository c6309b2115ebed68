// JSONata with guard rails. User text runs only through here: it is parsed once, then every
// evaluation is bounded in time, evaluation depth and sequence length (JSONata ≥ 2.2's own
// `timeout`/`stack`/`sequence` options, checked on entry to every node, which replaced the
// `__evaluate_entry`/`__evaluate_exit` hooks its test suite used), and the result is converted
// to plain JSON under a size budget. JSONata cannot reach JS globals: names resolve only in the
// input and in its own function library, and we hand it JSON only.
//
// Not bounded: a single built-in call that is slow by itself (a catastrophic regular
// expression in `$match`) runs to its end; the time limit stops the expression right after.
import jsonata from "jsonata";
import type { JsonValue } from "../core/json.js";
import { TemplateError } from "./template-error.js";

export { TemplateError } from "./template-error.js";

/** Bounds on one evaluation. */
export interface EvalLimits {
  /** Wall time of one evaluation, in ms. */
  timeoutMs: number;
  /** Evaluation depth (JSONata counts nested nodes and calls). */
  maxDepth: number;
  /** Longest sequence or range the expression may build. */
  maxSequence: number;
  /** Largest result, in bytes of JSON. */
  maxResultBytes: number;
}

/** The limits used when none are given. */
export const DEFAULT_LIMITS: Readonly<EvalLimits> = Object.freeze({
  timeoutMs: 100,
  maxDepth: 500,
  maxSequence: 100_000,
  maxResultBytes: 1024 * 1024,
});

/**
 * Functions an evaluation may call besides JSONata's own, by name without `$` (the workflow
 * engine's `$succeeded()`, `$task(name)`). They receive JSON and return JSON (or a promise of it).
 */
export type ExpressionFunctions = Readonly<Record<string, (...args: JsonValue[]) => JsonValue | undefined | Promise<JsonValue | undefined>>>;

/** A parsed JSONata expression, ready to evaluate many times. */
export interface CompiledExpression {
  /** The expression text. */
  readonly source: string;
  /** JSON pointer of the template it came from. */
  readonly pointer: string;
  /**
   * Evaluates against `input` (the JSONata context, `$`). Resolves to JSON, or `undefined`
   * when the expression selects nothing. Rejects with a TemplateError.
   */
  evaluate(input: JsonValue | Readonly<Record<string, JsonValue | undefined>>, functions?: ExpressionFunctions): Promise<JsonValue | undefined>;
}

/** Shape of the errors JSONata throws (plain objects, not Error instances). */
interface JsonataFault {
  code?: unknown;
  message?: unknown;
  position?: unknown;
}

/**
 * Parses a JSONata expression. Throws a TemplateError naming `pointer` and JSONata's position
 * when the text is not valid JSONata, so bad syntax is found before anything runs.
 */
export function compileExpression(source: string, pointer = "", limits: Partial<EvalLimits> = {}): CompiledExpression {
  const bounds: EvalLimits = { ...DEFAULT_LIMITS, ...limits };
  let expression: jsonata.Expression;
  try {
    expression = jsonata(source, { timeout: bounds.timeoutMs, stack: bounds.maxDepth, sequence: bounds.maxSequence });
  } catch (err) {
    throw fromJsonata(err, source, pointer);
  }
  return {
    source,
    pointer,
    async evaluate(input, functions) {
      let raw: unknown;
      try {
        raw = await expression.evaluate(input, functions);
      } catch (err) {
        throw fromJsonata(err, source, pointer);
      }
      if (raw === undefined) return undefined;
      const budget = { left: bounds.maxResultBytes };
      const fail = (reason: string): never => {
        throw new TemplateError({ expression: source, pointer, reason });
      };
      return toJson(raw, budget, bounds.maxResultBytes, fail);
    },
  };
}

/** Turns whatever JSONata threw into a TemplateError. */
function fromJsonata(err: unknown, source: string, pointer: string): TemplateError {
  if (err instanceof TemplateError) return err;
  const fault: JsonataFault = typeof err === "object" && err !== null ? err : {};
  const reason = typeof fault.message === "string" ? fault.message : String(err);
  return new TemplateError(
    {
      expression: source,
      pointer,
      reason,
      ...(typeof fault.code === "string" ? { jsonataCode: fault.code } : {}),
      ...(typeof fault.position === "number" ? { position: fault.position } : {}),
    },
    err,
  );
}

/**
 * Copies a JSONata result into plain JSON (sequences become arrays, their flags dropped),
 * charging its JSON size to `budget`; functions, non-finite numbers and oversize results fail.
 */
function toJson(value: unknown, budget: { left: number }, limit: number, fail: (reason: string) => never): JsonValue {
  const charge = (bytes: number): void => {
    budget.left -= bytes;
    if (budget.left < 0) fail(`the result is larger than the limit of ${limit} bytes`);
  };
  if (value === null) {
    charge(4);
    return null;
  }
  switch (typeof value) {
    case "string":
      charge(value.length + 2);
      return value;
    case "boolean":
      charge(5);
      return value;
    case "number":
      if (!Number.isFinite(value)) fail(`the result contains a number that is not finite (${value})`);
      charge(String(value).length);
      return value;
    case "function":
      return fail("the result contains a function; call it, or leave it out of the result");
    case "object":
      if (Array.isArray(value)) {
        charge(2);
        // A `undefined` inside a JSONata array is a missing value; JSON writes it as null.
        return value.map((item: unknown) => (item === undefined ? (charge(5), null) : toJson(item, budget, limit, fail)));
      }
      charge(2);
      return Object.fromEntries(
        Object.entries(value)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => {
            charge(k.length + 4);
            return [k, toJson(v, budget, limit, fail)];
          }),
      );
    default:
      return fail(`the result contains a value of type ${typeof value}, which JSON cannot hold`);
  }
}
