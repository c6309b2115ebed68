// Run by the rules benchmark as `node --expose-gc --import tsx bench/rules-memory-child.ts`: a
// fresh process whose heap holds nothing but the workload, so the heap one structure adds is
// measured cleanly. For each structure: collect garbage, read `heapUsed`, build the structure
// from the 10,000 rules (already in memory), collect again, read again; the difference is what
// the structure keeps alive. Prints one JSON document (MemoryReport) on stdout.
import { buildWorkload, MIXES, RULE_COUNTS } from "./rules-workload.js";
import { indexMatcher, perRuleMatcher } from "./rules-engines.js";
import { jreEngine } from "./rules-jre.js";
import type { MemoryReport } from "./rules-memory.js";

const collect = globalThis.gc;
if (!collect) throw new Error("run with node --expose-gc");

function heapUsed(): number {
  // Twice: the first pass can leave weak references and finalised objects for the second.
  collect?.();
  collect?.();
  return process.memoryUsage().heapUsed;
}

const workload = buildWorkload();
const rules = Math.max(...RULE_COUNTS);
const report: MemoryReport = { rules, entries: [] };
const builders = [
  { structure: "RuleIndex", build: indexMatcher, mixes: MIXES },
  { structure: "per-rule compiled patterns", build: perRuleMatcher, mixes: MIXES },
  { structure: "json-rules-engine", build: jreEngine, mixes: ["exact-prefix"] as const },
];
/** Heap kept alive by what `build` returns. */
function retained(build: () => unknown): number {
  const holder: unknown[] = [];
  const before = heapUsed();
  holder.push(build());
  const after = heapUsed();
  holder.pop();
  return after - before;
}

for (const { structure, build, mixes } of builders) {
  for (const mix of mixes) {
    const set = workload.rules[mix].slice(0, rules);
    const bytes = retained(() => build(set));
    report.entries.push({ mix, structure, bytes, patternJsonBytes: Buffer.byteLength(JSON.stringify(set.map((r) => r.pattern))) });
  }
}
process.stdout.write(`${JSON.stringify(report)}\n`);
