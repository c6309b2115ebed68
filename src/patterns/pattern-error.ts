// The error a pattern that breaks the language throws. It carries every problem found (so an
// editor or `reflex validate` can show them all at once), each with the JSON pointer of the
// offending part of the pattern; the error's own location is the first problem's pointer.
import { ReflexError } from "../core/errors.js";

/** One thing wrong with a pattern: where (JSON pointer into the pattern, "" = root) and what. */
export interface PatternProblem {
  pointer: string;
  message: string;
}

/** A pattern is not valid in the dialect it was compiled for. HTTP 400, code `invalid_pattern`. */
export class PatternError extends ReflexError {
  /** All problems found, in document order (at least one). */
  readonly problems: readonly PatternProblem[];

  constructor(problems: readonly PatternProblem[]) {
    const first = problems[0] ?? { pointer: "", message: "invalid pattern" };
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? "s" : ""})` : "";
    super("invalid_pattern", `Event pattern is not valid at ${first.pointer === "" ? "/" : first.pointer}: ${first.message}${more}`, {
      status: 400,
      location: { pointer: first.pointer },
    });
    this.problems = problems;
  }
}
