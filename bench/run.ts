// Entry of `npm run bench`: runs the named suites (all registered ones when none is named) and
// writes their sections into bench/RESULTS.md, keeping the sections of suites not run.
//
//   npm run bench              # every suite
//   npm run bench -- ingest    # one suite
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { consoleSuite } from "./console.js";
import { engineSuite } from "./engine.js";
import { ingestSuite } from "./ingest.js";
import { describeMachine, machineSection } from "./machine.js";
import { readSections, renderResults } from "./results-file.js";
import { rulesSuite } from "./rules.js";
import { rulesSimulatedSuite } from "./rules-simulated.js";
import type { Suite } from "./suite.js";

/** Every suite, in the order their sections appear in RESULTS.md. */
const SUITES: readonly Suite[] = [ingestSuite, rulesSuite, rulesSimulatedSuite, engineSuite, consoleSuite];

const RESULTS = fileURLToPath(new URL("./RESULTS.md", import.meta.url));

async function main(argv: readonly string[]): Promise<void> {
  const known = new Map(SUITES.map((s) => [s.name, s]));
  const unknown = argv.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new Error(`unknown suite ${unknown.map((n) => `'${n}'`).join(", ")}; suites are: ${[...known.keys()].join(", ")}`);
  }
  const chosen = argv.length === 0 ? SUITES : SUITES.filter((s) => argv.includes(s.name));
  const machine = describeMachine();
  const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
  const order = ["machine", ...SUITES.map((s) => s.name)];
  for (const suite of chosen) {
    log(`suite ${suite.name}: starting`);
    const section = await suite.run({ machine, log });
    // Written after each suite, so a later suite's failure keeps the numbers already measured.
    const kept = existsSync(RESULTS) ? readSections(readFileSync(RESULTS, "utf8")) : new Map<string, string>();
    writeFileSync(RESULTS, renderResults(kept, new Map([["machine", machineSection(machine)], [suite.name, section]]), order));
    log(`suite ${suite.name}: wrote ${RESULTS}`);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
