// The workflows the engine suite runs, written as a user would write them (`kind: Workflow`
// YAML) and loaded through the real config loader with the core actions, so the benchmark
// measures the specs `reflex up` would run.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCoreRegistry } from "../src/actions/index.js";
import type { ActionRegistry } from "../src/actions/index.js";
import { loadConfigDir } from "../src/config/load.js";
import type { WorkflowSpec } from "../src/config/workflow-types.js";

/** Tasks in the sequential workflow. */
export const SEQUENTIAL_TASKS = 10;
/** Concurrency of the with-items task. */
export const ITEMS_CONCURRENCY = 50;

/** Workflow names. */
export const SEQUENTIAL = "bench.sequential";
export const TWO_TASKS = "bench.two";
export const ITEMS = "bench.items";

/** `t0 → t1 → … → t9`, each `core.noop`. */
function sequentialYaml(): string {
  const tasks = Array.from({ length: SEQUENTIAL_TASKS }, (_, i) => {
    const next = i + 1 < SEQUENTIAL_TASKS ? `\n    next: [{do: [t${i + 1}]}]` : "";
    return `  t${i}:\n    action: core.noop${next}`;
  });
  return [`kind: Workflow`, `name: ${SEQUENTIAL}`, `tasks:`, ...tasks].join("\n");
}

const TWO_TASKS_YAML = `kind: Workflow
name: ${TWO_TASKS}
tasks:
  first:
    action: core.noop
    next: [{do: [second]}]
  second:
    action: core.noop`;

const ITEMS_YAML = `kind: Workflow
name: ${ITEMS}
input: [n]
tasks:
  each:
    action: core.noop
    with: {items: "{{ [1..ctx.n] }}", concurrency: ${ITEMS_CONCURRENCY}}`;

/** The benchmark's workflows and the actions they run. */
export interface BenchWorkflows {
  actions: ActionRegistry;
  workflows: ReadonlyMap<string, WorkflowSpec>;
}

/** Writes the YAML to a temp directory, loads it with the core actions, and removes the directory. */
export async function loadBenchWorkflows(): Promise<BenchWorkflows> {
  const dir = mkdtempSync(join(tmpdir(), "reflex-bench-workflows-"));
  try {
    writeFileSync(join(dir, "workflows.yaml"), [sequentialYaml(), TWO_TASKS_YAML, ITEMS_YAML].join("\n---\n") + "\n");
    const actions = createCoreRegistry();
    const loaded = await loadConfigDir(dir, { actions });
    if (!loaded.config) throw new Error(`the benchmark's workflows do not load: ${loaded.problems.map((p) => `${p.line}:${p.col} ${p.message}`).join("; ")}`);
    return { actions, workflows: loaded.config.workflows };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
