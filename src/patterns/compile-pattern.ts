// The single-pattern API: `compilePattern` (throws PatternError) and `validatePattern` (returns
// problems, never throws). A compiled pattern flattens only the parts of an event its paths
// reach and tests its branches in turn; the rule index shares the same parsing and the same
// branch semantics.
import { PatternError, type PatternProblem } from "./pattern-error.js";
import { dialectOf, type PatternOptions } from "./pattern-options.js";
import { parsePattern, type ParsedPattern } from "./parse-pattern.js";
import { branchMatches } from "./evaluate-branch.js";
import { flattenEvent, pathPrefixes } from "./flatten-event.js";
import type { Branch } from "./field-condition.js";

/** A pattern ready to test events. */
export interface CompiledPattern {
  /** Whether the event (a JSON object, typically a CloudEvent envelope) matches the pattern. */
  matches(event: unknown): boolean;
}

/** Parses a valid pattern; throws PatternError with every problem found. */
export function parseValid(pattern: unknown, options?: PatternOptions): ParsedPattern {
  const parsed = parsePattern(pattern, dialectOf(options));
  if (parsed.problems.length > 0) throw new PatternError(parsed.problems);
  return parsed;
}

/** Parses a pattern into branches; throws PatternError with every problem found. */
export function compileBranches(pattern: unknown, options?: PatternOptions): Branch[] {
  return parseValid(pattern, options).branches;
}

/** The paths, and path prefixes, that flattening an event for `branches` must walk. */
export function wantedPaths(branches: readonly Branch[]): Set<string> {
  return new Set(branches.flatMap((branch) => branch.flatMap((c) => pathPrefixes(c.path))));
}

/** Compiles a pattern; throws PatternError (code `invalid_pattern`) when it is not valid. */
export function compilePattern(pattern: unknown, options?: PatternOptions): CompiledPattern {
  const branches = compileBranches(pattern, options);
  const wanted = wantedPaths(branches);
  return {
    matches(event: unknown): boolean {
      const flat = flattenEvent(event, wanted);
      return flat !== undefined && branches.some((branch) => branchMatches(branch, flat));
    },
  };
}

/** Every problem of a pattern (empty when valid); never throws. */
export function validatePattern(pattern: unknown, options?: PatternOptions): PatternProblem[] {
  try {
    return parsePattern(pattern, dialectOf(options)).problems;
  } catch (err) {
    return [{ pointer: "", message: `pattern could not be read: ${err instanceof Error ? err.message : String(err)}` }];
  }
}
