// The two ways Reflex can decide which rules an event matches, built from the same rules: the
// RuleIndex (one structure for all rules) and the per-rule loop it replaces (each rule's
// compiled pattern tried in turn). Both give the ids of the matching rules in the order the
// rules were added, so their answers can be compared exactly.
import type { JsonObject } from "../src/core/json.js";
import { RuleIndex, compilePattern } from "../src/patterns/index.js";
import type { BenchRule } from "./rules-sets.js";

/** A synchronous matcher over a fixed rule set. */
export interface SyncMatcher {
  /** Ids of the matching rules, in rule order. */
  match(event: JsonObject): string[];
}

/** All rules in one RuleIndex. */
export function indexMatcher(rules: readonly BenchRule[]): SyncMatcher {
  const index = new RuleIndex();
  for (const rule of rules) index.add(rule.id, rule.pattern);
  return { match: (event) => index.match(event) };
}

/** Every rule compiled on its own and tried in turn. */
export function perRuleMatcher(rules: readonly BenchRule[]): SyncMatcher {
  const compiled = rules.map((rule) => ({ id: rule.id, pattern: compilePattern(rule.pattern) }));
  return {
    match(event) {
      const ids: string[] = [];
      for (const rule of compiled) if (rule.pattern.matches(event)) ids.push(rule.id);
      return ids;
    },
  };
}
