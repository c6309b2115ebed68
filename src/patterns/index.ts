// Public API of `patterns/`: the event-pattern language (AWS EventBridge, plus Reflex's
// documented extensions) — validate, compile, and index many patterns for fast matching.
export { compilePattern, validatePattern } from "./compile-pattern.js";
export type { CompiledPattern } from "./compile-pattern.js";
export { explainPattern, EXPLAIN_MAX_VALUES } from "./explain-pattern.js";
export type { ConditionOutcome, PatternExplanation } from "./explain-pattern.js";
export { RuleIndex } from "./rule-index.js";
export { PatternError } from "./pattern-error.js";
export type { PatternProblem } from "./pattern-error.js";
export type { PatternDialect, PatternOptions } from "./pattern-options.js";
export { PATTERN_LIMITS } from "./limits.js";
