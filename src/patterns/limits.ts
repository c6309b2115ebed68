// The limits a pattern must stay within, in one place so the docs, the validator and the tests
// agree. They keep one rule from costing the whole bus: compile time, index memory and match
// time all grow with pattern size, list length and the number of `$or` combinations.

/** Limits enforced by `compilePattern`, `validatePattern` and `RuleIndex.add`. */
export const PATTERN_LIMITS = Object.freeze({
  /** Size of the pattern as JSON text, in UTF-8 bytes. */
  maxPatternBytes: 64 * 1024,
  /** Nesting depth of objects and arrays in the pattern. */
  maxDepth: 32,
  /** Values in one list (a field's match list, or a list inside an operator). */
  maxListValues: 1024,
  /** Alternatives a pattern expands to once every `$or` is multiplied out. */
  maxCombinations: 1024,
  /** Characters in one `regex` expression. */
  maxRegexLength: 1024,
  /** `*` characters in one `wildcard` expression (AWS rejects more as "too complex"). */
  maxWildcards: 5,
  /** Problems reported for one pattern before the validator stops looking. */
  maxProblems: 50,
});
