// The `rules-simulated` suite: the rule index's matching cost per event counted under valgrind's
// callgrind (instructions, simulated cache misses and branch mispredictions) at 10 and 10,000
// rules. On the shared VMs this project is measured on, one rule set's timed processes have
// been seen 2.3× apart, which decides a 3× ratio one way or the other; these counts do not
// depend on the machine's load and repeat from run to run (bench/callgrind.ts says how
// closely), so they show what a change does to the matching work at each size, down to a few
// tenths of a percent. They are not times: the verdict on issue 3's time targets stays with
// the `rules` suite.
import { bundleScript } from "./bundle.js";
import { countMarkedPart, SIMULATED_CACHES, valgrindVersion, type Counters } from "./callgrind.js";
import { machineLine } from "./machine.js";
import { MIX_LABEL } from "./rules-report.js";
import type { RuleMix } from "./rules-sets.js";
import { EVENT_COUNT, MIXES } from "./rules-workload.js";
import type { Suite } from "./suite.js";
import { int } from "./number-format.js";

/** The sizes compared: the ends of issue 3's ratio target. */
const SIZES = [10, 10_000] as const;
/** Measured passes over the events (after the child's warm-up). */
const PASSES = 2;
/** V8 made repeatable: one thread (no concurrent compiling or collecting), a predictable GC schedule. */
const NODE_ARGS = ["--predictable", "--single-threaded"];

interface SimulatedSet {
  mix: RuleMix;
  rules: number;
  /** Counters per event. */
  perEvent: Counters;
}

export const rulesSimulatedSuite: Suite = {
  name: "rules-simulated",
  async run(ctx) {
    const valgrind = await valgrindVersion();
    if (valgrind === undefined) return skipped(machineLine(ctx.machine));
    const child = await bundleScript("bench/rules-simulated-child.ts", "rules-simulated-child");
    const sets: SimulatedSet[] = [];
    // Two at a time, one per core: the counts do not depend on what else runs.
    for (const mix of MIXES) {
      const results = await Promise.all(
        SIZES.map(async (rules) => {
          ctx.log(`${rules} ${mix} rules under callgrind (minutes)`);
          const counters = await countMarkedPart(NODE_ARGS, child, [mix, String(rules), String(PASSES)]);
          const events = PASSES * EVENT_COUNT;
          const perEvent = Object.fromEntries(Object.entries(counters).map(([name, count]) => [name, count / events]));
          ctx.log(`${rules} ${mix} rules: ${Math.round(estimatedCycles(perEvent))} estimated cycles per event`);
          return { mix, rules, perEvent };
        }),
      );
      sets.push(...results);
    }
    return section(machineLine(ctx.machine), valgrind, sets);
  },
};

/**
 * KCachegrind's cycle estimate, with branch mispredictions: an instruction costs 1, an L1 miss
 * 10, a last-level miss 100, a mispredicted branch 10.
 */
function estimatedCycles(c: Counters): number {
  return count(c, "Ir") + 10 * (count(c, "I1mr") + dataMisses(c) + mispredictions(c)) + 100 * lastLevelMisses(c);
}

function section(machine: string, valgrind: string, sets: readonly SimulatedSet[]): string {
  const [small, large] = SIZES;
  const growth = MIXES.map((mix) => {
    const at = (rules: number) => sets.find((s) => s.mix === mix && s.rules === rules)?.perEvent ?? {};
    const ratio = (f: (c: Counters) => number) => `${(f(at(large)) / f(at(small))).toFixed(2)}×`;
    return `| ${MIX_LABEL[mix]} | ${ratio((c) => count(c, "Ir"))} | ${ratio(dataMisses)} | ${ratio(lastLevelMisses)} | ${ratio(estimatedCycles)} |`;
  });
  return [
    "## Rules, simulated",
    "",
    `${machine} ${valgrind}.`,
    "",
    "### Method",
    "",
    `- Each rule set of the \`rules\` suite's workload (same events, same rules) is matched in a fresh \`node --predictable --single-threaded\` under callgrind (\`bench/rules-simulated-child.ts\`, bundled into one file): the index is built, the ${int(EVENT_COUNT)} events are matched three times unmeasured, then ${PASSES} times counted. Only those passes are counted (callgrind dumps its counters at two marks around them, \`bench/callgrind.ts\`); figures are per event.`,
    `- Simulated caches, the same on every host: L1 instructions ${geometry(SIMULATED_CACHES.I1)}, L1 data ${geometry(SIMULATED_CACHES.D1)}, last level ${geometry(SIMULATED_CACHES.LL)} (the per-core L2; the VMs' L3 is shared with other tenants and left out). Branches go through callgrind's simple predictor. The counts do not depend on the machine's load, and they repeat: the child runs as one prebuilt file (\`bench/bundle.ts\`), and three runs of one revision have agreed within 0.1 misses per event. A change that allocates a little more or less can still move a garbage collection into or out of the counted passes (about 2.5 last-level misses per event).`,
    "- *Estimated cycles* is KCachegrind's estimate with branches: 1 per instruction, 10 per L1 miss and per mispredicted branch, 100 per last-level miss. A real core overlaps misses, prefetches and predicts better, and has TLBs and an op cache the simulator lacks, so this is not a time. It is a measure of the work and memory traffic of matching that the machine's load does not move, to compare revisions and rule counts; the time targets are judged in the Rules section.",
    "",
    "### Per event",
    "",
    "| Rules | Mix | Instructions | L1i misses | L1d misses | Last-level misses | Mispredicted branches | Estimated cycles |",
    "|--:|---|--:|--:|--:|--:|--:|--:|",
    ...sets.map((s) => {
      const c = s.perEvent;
      return `| ${int(s.rules)} | ${MIX_LABEL[s.mix]} | ${int(count(c, "Ir"))} | ${one(count(c, "I1mr"))} | ${one(dataMisses(c))} | ${one(lastLevelMisses(c))} | ${one(mispredictions(c))} | ${int(estimatedCycles(c))} |`;
    }),
    "",
    `### From ${int(small)} to ${int(large)} rules`,
    "",
    "| Mix | Instructions | L1d misses | Last-level misses | Estimated cycles |",
    "|---|--:|--:|--:|--:|",
    ...growth,
    "",
  ].join("\n");
}

function skipped(machine: string): string {
  return ["## Rules, simulated", "", machine, "", "Not measured: valgrind is not installed (Debian: `apt-get install valgrind`).", ""].join("\n");
}

/** One counter, 0 when callgrind did not report it. */
function count(c: Counters, name: string): number {
  return c[name] ?? 0;
}

function dataMisses(c: Counters): number {
  return count(c, "D1mr") + count(c, "D1mw");
}

function lastLevelMisses(c: Counters): number {
  return count(c, "ILmr") + count(c, "DLmr") + count(c, "DLmw");
}

function mispredictions(c: Counters): number {
  return count(c, "Bcm") + count(c, "Bim");
}

/** "1048576,16,64" → "1 MiB, 16-way, 64-byte lines". */
function geometry(spec: string): string {
  const [size = 0, ways = 0, line = 0] = spec.split(",").map(Number);
  const kib = size / 1024;
  return `${kib >= 1024 ? `${kib / 1024} MiB` : `${kib} KiB`}, ${ways}-way, ${line}-byte lines`;
}

function one(n: number): string {
  return n.toFixed(1);
}
