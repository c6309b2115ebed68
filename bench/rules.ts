// The `rules` suite: how fast the rule index decides which rules an event matches, with 10,
// 1,000 and 10,000 rules of two mixes over realistic ops events, against the per-rule loop it
// replaces and against json-rules-engine on equivalent rules (issue 3's performance targets).
// Everything runs in this process on one thread, except the RuleIndex's rates, taken as the
// median of several fresh processes (rules-index-processes.ts), and the heap measurement, which
// needs a fresh process with `--expose-gc` (rules-memory.ts).
import { createRequire } from "node:module";
import type { JsonObject } from "../src/core/json.js";
import { checkAnswers } from "./rules-check.js";
import { matchSpread, operatorCensus } from "./rules-census.js";
import { indexMatcher, perRuleMatcher, type SyncMatcher } from "./rules-engines.js";
import { jreEngine } from "./rules-jre.js";
import { INDEX_PLAN, INDEX_PROCESSES, measureIndexInProcesses } from "./rules-index-processes.js";
import { measureAsync, measureSync, type MeasurePlan, type Throughput } from "./rules-measure.js";
import { measureMemory } from "./rules-memory.js";
import { rulesSection, type EngineName, type EngineRun, type SetFacts } from "./rules-report.js";
import type { BenchRule } from "./rules-sets.js";
import { buildWorkload, MIXES, RULE_COUNTS } from "./rules-workload.js";
import type { Suite } from "./suite.js";

/** The per-rule loop, hundreds of times slower: one round is plenty for the ratio. */
const LOOP_PLAN: MeasurePlan = { warmupS: 0.5, minS: 1, rounds: 1 };
/** json-rules-engine takes about half a second an event at 10,000 rules: its run is capped by time. */
const JRE_PLAN: MeasurePlan = { warmupS: 0.5, minS: 2, rounds: 1 };
/** Events whose answers are compared before timing: the first ones of the stream… */
const CHECK_EVENTS = 200;
/** …and this many more that the index says match, so that small rule sets are checked on matches too. */
const CHECK_MATCHING = 50;
/** Events over which matches per event are counted. */
const SPREAD_EVENTS = 2_000;

/** json-rules-engine's share of the answer check: all of it at 10 rules, a few events at 10,000. */
function jreCheckEvents(rules: number): number {
  return Math.min(CHECK_EVENTS, Math.max(6, Math.round(50_000 / rules)));
}

export const rulesSuite: Suite = {
  name: "rules",
  async run(ctx) {
    const workload = buildWorkload();
    const events = workload.events;
    const runs: EngineRun[] = [];
    const sets: SetFacts[] = [];
    for (const mix of MIXES) {
      for (const count of RULE_COUNTS) {
        const rules = workload.rules[mix].slice(0, count);
        const label = `${count} ${mix} rules`;
        const facts = await checkRuleSet(label, rules, events, mix === "exact-prefix");
        sets.push({ mix, rules: count, ...facts });
        ctx.log(`${label}: answers agree on ${facts.check.events} events; index built in ${Math.round(facts.indexBuildS * 1000)} ms`);
        // Each engine is built afresh and measured alone, so the heap holds one of them at a time,
        // as a Reflex process would (a larger heap makes every garbage collection slower).
        const engines: Exclude<EngineName, "RuleIndex">[] = mix === "exact-prefix" ? ["per-rule loop", "json-rules-engine"] : ["per-rule loop"];
        for (const engine of engines) {
          const result = await MEASURE[engine](rules, events);
          runs.push({ mix, rules: count, engine, result });
          ctx.log(`${label} · ${engine}: ${Math.round(result.events / result.seconds)} events/s`);
        }
      }
    }
    const indexRates = await measureIndexInProcesses(sets, ctx.log);
    sets.forEach((set, i) => runs.push({ mix: set.mix, rules: set.rules, engine: "RuleIndex", result: indexRates[i] as Throughput }));
    runs.sort((a, b) => MIXES.indexOf(a.mix) - MIXES.indexOf(b.mix) || a.rules - b.rules || ENGINE_ORDER.indexOf(a.engine) - ENGINE_ORDER.indexOf(b.engine));
    ctx.log("measuring the heap of 10,000 rules in a child process");
    const memory = await measureMemory();
    return rulesSection({
      machine: ctx.machine,
      indexProcesses: INDEX_PROCESSES,
      plans: { RuleIndex: INDEX_PLAN, "per-rule loop": LOOP_PLAN, "json-rules-engine": JRE_PLAN },
      jreVersion: packageVersion("json-rules-engine"),
      events: { count: events.length, kinds: eventKinds(events), bytes: sizeRange(events) },
      spreadEvents: SPREAD_EVENTS,
      check: { first: CHECK_EVENTS, matching: CHECK_MATCHING },
      census: { "exact-prefix": operatorCensus(workload.rules["exact-prefix"]), mixed: operatorCensus(workload.rules.mixed) },
      runs,
      sets,
      memory,
    });
  },
};

/** Table order of the engines. */
const ENGINE_ORDER: readonly EngineName[] = ["RuleIndex", "per-rule loop", "json-rules-engine"];

/** Builds each engine the suite measures in its own process from the rules, and measures it. */
const MEASURE: Record<Exclude<EngineName, "RuleIndex">, (rules: readonly BenchRule[], events: readonly JsonObject[]) => Promise<Throughput>> = {
  "per-rule loop": async (rules, events) => {
    const perRule = perRuleMatcher(rules);
    return measureSync((event) => perRule.match(event).length, events, LOOP_PLAN);
  },
  "json-rules-engine": async (rules, events) => {
    const jre = jreEngine(rules);
    return measureAsync(async (event) => (await jre.match(event)).length, events, JRE_PLAN);
  },
};

/** Builds the engines, checks that they agree, and describes the matches and the index's build time. */
async function checkRuleSet(label: string, rules: readonly BenchRule[], events: readonly JsonObject[], withJre: boolean): Promise<Omit<SetFacts, "mix" | "rules">> {
  const t0 = performance.now();
  const index = indexMatcher(rules);
  const indexBuildS = (performance.now() - t0) / 1000;
  const perRule = perRuleMatcher(rules);
  const jre = withJre ? { engine: jreEngine(rules), events: jreCheckEvents(rules.length) } : undefined;
  const sample = [...events.slice(0, CHECK_EVENTS), ...firstMatching(events.slice(CHECK_EVENTS), index, CHECK_MATCHING)];
  const check = await checkAnswers(label, sample, index, perRule, jre);
  const spread = matchSpread(events.slice(0, SPREAD_EVENTS).map((event) => index.match(event).length));
  return { indexBuildS, check, spread };
}

/** The first `count` events the matcher says match some rule (the check then confirms them). */
function firstMatching(events: readonly JsonObject[], matcher: SyncMatcher, count: number): JsonObject[] {
  const found: JsonObject[] = [];
  for (const event of events) {
    if (found.length === count) break;
    if (matcher.match(event).length > 0) found.push(event);
  }
  return found;
}

const SOURCES: Readonly<Record<string, string>> = {
  "cvm.cloud.tencent": "Tencent Cloud CVM alarms",
  "acs.ecs": "Alibaba Cloud ECS instance events",
  alertmanager: "Alertmanager alerts",
};

/** "40 % Tencent Cloud CVM alarms, …" from the events' sources. */
function eventKinds(events: readonly JsonObject[]): string {
  const counts = new Map<string, number>();
  for (const event of events) counts.set(String(event.source), (counts.get(String(event.source)) ?? 0) + 1);
  return [...counts].map(([source, n]) => `${Math.round((100 * n) / events.length)} % ${SOURCES[source] ?? source}`).join(", ");
}

function sizeRange(events: readonly JsonObject[]): [number, number] {
  const sizes = events.map((event) => Buffer.byteLength(JSON.stringify(event)));
  return [Math.min(...sizes), Math.max(...sizes)];
}

function packageVersion(name: string): string {
  const manifest: unknown = createRequire(import.meta.url)(`${name}/package.json`);
  return typeof manifest === "object" && manifest !== null && "version" in manifest && typeof manifest.version === "string" ? manifest.version : "unknown";
}
