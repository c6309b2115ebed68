// Shared helpers for the pattern tests: every match question is asked of both implementations
// (a compiled pattern, and a RuleIndex holding only that pattern) and they must agree, so each
// operator test is also a test of the index.
import { expect } from "vitest";
import { compilePattern, PatternError, RuleIndex, validatePattern, type PatternOptions, type PatternProblem } from "../../src/patterns/index.js";

/** Whether `pattern` matches `event`, asserting that compilePattern and RuleIndex agree. */
export function matches(pattern: unknown, event: unknown, options?: PatternOptions): boolean {
  const single = compilePattern(pattern, options).matches(event);
  const index = new RuleIndex();
  index.add("rule", pattern, options);
  expect(index.match(event), `RuleIndex disagrees with compilePattern on ${JSON.stringify(pattern)} / ${JSON.stringify(event)}`).toEqual(single ? ["rule"] : []);
  return single;
}

/** The PatternError compilePattern throws for `pattern` (fails the test if it does not throw). */
export function rejection(pattern: unknown, options?: PatternOptions): PatternError {
  try {
    compilePattern(pattern, options);
  } catch (err) {
    expect(err).toBeInstanceOf(PatternError);
    return err as PatternError;
  }
  throw new Error(`expected ${JSON.stringify(pattern)} to be rejected`);
}

/** The single problem of an invalid pattern, checked to agree with the thrown error. */
export function problem(pattern: unknown, options?: PatternOptions): PatternProblem {
  const problems = validatePattern(pattern, options);
  expect(problems).toHaveLength(1);
  const err = rejection(pattern, options);
  expect(err.problems).toEqual(problems);
  expect(err.location?.pointer).toBe(problems[0]?.pointer);
  return problems[0] as PatternProblem;
}
