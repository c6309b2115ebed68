// Run by the rules-simulated suite under callgrind, bundled into one file (bench/bundle.ts), as
// `node --predictable --single-threaded bench/tmp/rules-simulated-child.mjs <mix> <rules> <passes>`:
// builds one RuleIndex, warms it up, then matches the benchmark's events `passes` times between
// two calls of `process.cpuUsage()`. callgrind writes its counters out as each of those calls
// enters libuv's `uv_getrusage` (`--dump-before`), so the last dump holds the measured passes
// and not the loading, the building of the index or the warm-up. Prints the rules matched.
import { indexMatcher } from "./rules-engines.js";
import type { RuleMix } from "./rules-sets.js";
import { buildWorkload, MIXES } from "./rules-workload.js";

/** Unmeasured passes first, so the JIT has compiled the hot paths as in a timed run. */
const WARMUP_PASSES = 3;

const [mix, count, passes] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
if (!MIXES.includes(mix as RuleMix) || !Number.isInteger(count) || count <= 0 || !Number.isInteger(passes) || passes <= 0) {
  throw new Error(`usage: rules-simulated-child.ts <${MIXES.join("|")}> <rules> <passes> (got ${process.argv.slice(2).join(" ")})`);
}
const workload = buildWorkload();
const index = indexMatcher(workload.rules[mix as RuleMix].slice(0, count));
let matched = 0;
for (let p = 0; p < WARMUP_PASSES; p++) for (const event of workload.events) matched += index.match(event).length;
process.cpuUsage();
for (let p = 0; p < passes; p++) for (const event of workload.events) matched += index.match(event).length;
process.cpuUsage();
process.stdout.write(`${matched}\n`);
