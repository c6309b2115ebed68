// Describes a rule set for the report: which operators its conditions use (so "80 % exact or
// prefix" is a measured fact, not a claim) and how many rules the events match (so "most events
// match none or a few" is one too).
import { isJsonObject } from "../src/core/json.js";
import type { BenchRule } from "./rules-sets.js";

/** Conditions per operator kind: a field condition counts once for each kind in its list; `$or` once per use. */
export function operatorCensus(rules: readonly BenchRule[]): Map<string, number> {
  const counts = new Map<string, number>();
  const bump = (kind: string) => counts.set(kind, (counts.get(kind) ?? 0) + 1);
  const walk = (node: unknown): void => {
    if (!isJsonObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$or" && Array.isArray(value)) {
        bump("$or");
        value.forEach(walk);
      } else if (Array.isArray(value)) {
        new Set(value.map(entryKind)).forEach(bump);
      } else if (isJsonObject(value)) {
        walk(value);
      } else {
        bump("exact");
      }
    }
  };
  rules.forEach((rule) => walk(rule.pattern));
  return counts;
}

function entryKind(entry: unknown): string {
  if (!isJsonObject(entry)) return "exact";
  const [operator] = Object.keys(entry);
  return operator ?? "exact";
}

/** How many rules each event matched: share with none, mean, 99th percentile and maximum. */
export interface MatchSpread {
  noneShare: number;
  mean: number;
  p99: number;
  max: number;
}

/** Summarises matched-rule counts, one per event. */
export function matchSpread(counts: readonly number[]): MatchSpread {
  const sorted = [...counts].sort((a, b) => a - b);
  const n = sorted.length;
  return {
    noneShare: n === 0 ? 0 : sorted.filter((c) => c === 0).length / n,
    mean: n === 0 ? 0 : sorted.reduce((a, b) => a + b, 0) / n,
    p99: sorted[Math.max(0, Math.ceil(n * 0.99) - 1)] ?? 0,
    max: sorted[n - 1] ?? 0,
  };
}
