// Run by the rules benchmark as `node --import tsx bench/rules-index-child.ts <mix> <rules>`: one
// RuleIndex measured in a fresh process, so that each measurement has its own heap and its own
// JIT history. The same code on the same rules runs ≈ 15 % faster or slower from one process to
// the next (how V8 happened to compile and place it), more than a dozen rounds in one process
// reveal; the suite therefore takes several processes per rule set and reports the median one
// (rules-index-processes.ts). Prints one Throughput as JSON on stdout.
import { indexMatcher } from "./rules-engines.js";
import { INDEX_PLAN } from "./rules-index-processes.js";
import { measureSync } from "./rules-measure.js";
import type { RuleMix } from "./rules-sets.js";
import { buildWorkload, MIXES } from "./rules-workload.js";

const [mix, count] = [process.argv[2], Number(process.argv[3])];
if (!MIXES.includes(mix as RuleMix) || !Number.isInteger(count) || count <= 0) {
  throw new Error(`usage: rules-index-child.ts <${MIXES.join("|")}> <rules> (got ${process.argv.slice(2).join(" ")})`);
}
const workload = buildWorkload();
const index = indexMatcher(workload.rules[mix as RuleMix].slice(0, count));
const result = measureSync((event) => index.match(event).length, workload.events, INDEX_PLAN);
process.stdout.write(`${JSON.stringify(result)}\n`);
