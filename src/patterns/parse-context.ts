// What every operator parser needs while it reads a pattern: the dialect being accepted and a
// place to report problems by their position in the pattern. Parsers never throw; they report
// and return `undefined`, so one pass finds every problem in a pattern. The context also keeps
// where each field condition was written, so that explaining a match (explain-pattern.ts) can
// point at the part of the pattern that failed.
import { toPointer } from "../core/json.js";
import type { FieldCondition } from "./field-condition.js";
import type { PatternDialect } from "./pattern-options.js";
import type { PatternProblem } from "./pattern-error.js";
import { PATTERN_LIMITS } from "./limits.js";

/** Path segments from the pattern's root to the value being read. */
export type Segments = readonly (string | number)[];

/** The dialect and the problem sink of one parse. */
export class ParseContext {
  readonly problems: PatternProblem[] = [];
  /** Where each field condition's match list (or the seed dialect's bare value) sits, in document order. */
  readonly places = new Map<FieldCondition, Segments>();

  constructor(readonly dialect: PatternDialect) {}

  /** Records a problem at `at`; stops recording past `PATTERN_LIMITS.maxProblems`. */
  problem(at: Segments, message: string): void {
    if (this.problems.length < PATTERN_LIMITS.maxProblems) this.problems.push({ pointer: toPointer(at), message });
  }

  /** Records that `condition` was written at `at`; returns it. */
  placed(condition: FieldCondition, at: Segments): FieldCondition {
    this.places.set(condition, at);
    return condition;
  }
}

/** A short rendering of a pattern value for messages: `"abc"`, `12`, `null`, `an object`, `a list`. */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return `${typeof value === "undefined" ? "undefined" : `a ${typeof value}`} (not JSON)`;
}
