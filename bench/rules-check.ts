// Before anything is timed, the engines must agree: on a sample of the events, the RuleIndex,
// the per-rule loop and (where its rules are equivalent) json-rules-engine must name the same
// matching rules. A benchmark of wrong answers would be worthless, so a disagreement stops it.
import type { JsonObject } from "../src/core/json.js";
import type { SyncMatcher } from "./rules-engines.js";
import type { JreEngine } from "./rules-jre.js";

/** What the check covered. */
export interface AnswerCheck {
  events: number;
  /** Sampled events matching at least one rule. */
  eventsMatching: number;
  /** Rules matched, summed over the sample. */
  matches: number;
  /** Sampled events json-rules-engine was asked about (0 when it took no part). */
  jreEvents: number;
}

/** json-rules-engine's part in a check: at most `events` of the sample, half of them with matches. */
export interface JreCheck {
  engine: JreEngine;
  events: number;
}

/**
 * Compares the answers on `sample`: the RuleIndex must give the per-rule loop's ids in the same
 * order, json-rules-engine the same ids in any order. Throws naming the first event they differ on.
 */
export async function checkAnswers(label: string, sample: readonly JsonObject[], index: SyncMatcher, perRule: SyncMatcher, jre?: JreCheck): Promise<AnswerCheck> {
  let eventsMatching = 0;
  let matches = 0;
  const jreAsked = { matching: 0, other: 0 };
  for (const event of sample) {
    const expected = perRule.match(event);
    const fromIndex = index.match(event);
    if (!sameList(fromIndex, expected)) throw disagreement(label, "RuleIndex", event, fromIndex, expected);
    const kind = expected.length > 0 ? "matching" : "other";
    if (jre && jreAsked[kind] < (kind === "matching" ? Math.ceil(jre.events / 2) : Math.floor(jre.events / 2))) {
      jreAsked[kind]++;
      const fromJre = await jre.engine.match(event);
      if (!sameList([...fromJre].sort(), [...expected].sort())) throw disagreement(label, "json-rules-engine", event, fromJre, expected);
    }
    if (expected.length > 0) eventsMatching++;
    matches += expected.length;
  }
  return { events: sample.length, eventsMatching, matches, jreEvents: jreAsked.matching + jreAsked.other };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

function disagreement(label: string, engine: string, event: JsonObject, got: readonly string[], expected: readonly string[]): Error {
  return new Error(`${label}: ${engine} and the per-rule loop disagree on event ${String(event.id)}: ${JSON.stringify(got)} vs ${JSON.stringify(expected)}`);
}
