// The contract between `bench/run.ts` and a benchmark suite. A suite measures one part of
// Reflex and returns its own section of `bench/RESULTS.md`; the runner keeps the sections of
// suites that were not run, so each suite can be rerun alone.
import type { Machine } from "./machine.js";

/** What the runner hands a suite. */
export interface SuiteContext {
  machine: Machine;
  /** Progress for the person watching (stderr); not part of the results. */
  log(line: string): void;
}

/** One benchmark suite, e.g. `ingest`. */
export interface Suite {
  /** Short name used on the command line and as the section key in RESULTS.md. */
  name: string;
  /** Runs the measurements and returns the section's Markdown, starting with its `##` heading. */
  run(ctx: SuiteContext): Promise<string>;
}
