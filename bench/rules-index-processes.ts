// The RuleIndex's rates, measured in fresh processes (rules-index-child.ts). One process can run
// the same code on the same rules ≈ 15 % faster or slower than the next, which decides a 3× ratio
// target one way or the other; so each rule set is measured in several processes, the sets taken
// in turn (a slow spell of a shared machine then touches all of them alike), and the process
// with the median rate stands for its set.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { isJsonObject } from "../src/core/json.js";
import type { MeasurePlan, Throughput } from "./rules-measure.js";
import type { RuleMix } from "./rules-sets.js";
import { REPO } from "./server-process.js";

/** One process's measurement: the best of ten short rounds (other work only ever slows a round down). */
export const INDEX_PLAN: MeasurePlan = { warmupS: 0.5, minS: 0.4, rounds: 10 };
/** Processes per rule set; the median one is reported. */
export const INDEX_PROCESSES = 5;

/** A rule set to measure. */
export interface IndexSet {
  mix: RuleMix;
  rules: number;
}

/** Measures every set in INDEX_PROCESSES processes; the results are in the order of `sets`. */
export async function measureIndexInProcesses(sets: readonly IndexSet[], log: (line: string) => void): Promise<Throughput[]> {
  const bySet: Throughput[][] = sets.map(() => []);
  for (let p = 1; p <= INDEX_PROCESSES; p++) {
    for (const [i, set] of sets.entries()) {
      const result = await measureInChild(set);
      bySet[i]?.push(result);
      log(`${set.rules} ${set.mix} rules · RuleIndex, process ${p} of ${INDEX_PROCESSES}: ${Math.round(rate(result))} events/s`);
    }
  }
  return bySet.map(medianProcess);
}

function rate(t: Throughput): number {
  return t.events / t.seconds;
}

/** The median process's measurement, with every process's rate. */
function medianProcess(results: readonly Throughput[]): Throughput {
  const sorted = [...results].sort((a, b) => rate(a) - rate(b));
  const median = sorted[Math.floor(sorted.length / 2)] as Throughput;
  return { ...median, processRates: results.map(rate) };
}

async function measureInChild(set: IndexSet): Promise<Throughput> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "bench/rules-index-child.ts", set.mix, String(set.rules)], {
    cwd: REPO,
    maxBuffer: 1 << 20,
    timeout: 120_000,
  });
  const result: unknown = JSON.parse(stdout);
  if (!isThroughput(result)) throw new Error(`rules index child printed an unexpected result: ${stdout.slice(0, 200)}`);
  return result;
}

function isThroughput(value: unknown): value is Throughput {
  return (
    isJsonObject(value) &&
    typeof value.events === "number" &&
    typeof value.seconds === "number" &&
    typeof value.cpuSeconds === "number" &&
    typeof value.matched === "number" &&
    Array.isArray(value.roundRates) &&
    value.roundRates.every((r) => typeof r === "number")
  );
}
