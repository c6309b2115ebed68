// A Function that loops forever or allocates without end harms only its own process: a real
// Reflex (started with a config directory declaring those Functions) keeps answering /healthz
// promptly while they run in the same Node process as Reflex's server, and each is stopped at
// its cap. The invocations are started directly (the same call the workflow action and the rule
// target make), so the test measures Reflex's event loop, not a queue's latency.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfigDir } from "../../src/config/load.js";
import type { ReflexConfig } from "../../src/config/types.js";
import { FunctionError } from "../../src/functions/function-error.js";
import { invokeFunction } from "../../src/functions/invoke-function.js";
import { startTestReflex } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";
import { writeConfigDir } from "../support/config-dir.js";
import { functionOf, inlineFunction } from "./support.js";

/** The longest /healthz may take while the Functions run (the machine is small and shared). */
const PROMPT_MS = 1_000;

let reflex: TestReflex;
let config: ReflexConfig;

beforeAll(async () => {
  const dir = writeConfigDir({
    "functions.yaml": [
      inlineFunction("spin", "exports.main_handler = () => { for (;;) {} };", "timeout: 3s"),
      inlineFunction("hoard", "exports.main_handler = () => { const kept = []; for (;;) kept.push(new Array(250000).fill(Math.random())); };", "memory: 64", "timeout: 30s"),
      inlineFunction("hoard-buffers", "exports.main_handler = async () => { const kept = []; for (;;) { kept.push(Buffer.alloc(8 * 1024 * 1024, 7)); await new Promise((r) => setTimeout(r, 5)); } };", "memory: 64", "timeout: 30s"),
    ].join("---\n"),
  });
  reflex = await startTestReflex({ configDir: dir });
  const loaded = await loadConfigDir(dir);
  if (!loaded.config) throw new Error(JSON.stringify(loaded.problems));
  config = loaded.config;
});

afterAll(async () => {
  await reflex?.stop();
});

/** How the invocation of Function `name` ended: its failure code. */
async function failureOf(name: string): Promise<string> {
  const run = invokeFunction({ spec: functionOf(config, name), event: {}, requestId: name, secrets: {}, trigger: { type: "test" }, signal: new AbortController().signal, onLine: () => undefined });
  const outcome = await run.then(
    () => "returned",
    (err: unknown) => (err instanceof FunctionError ? err.failure : String(err)),
  );
  return outcome;
}

describe("Reflex while Functions misbehave", () => {
  it("keeps answering /healthz promptly while one Function loops and two allocate, and stops each at its cap", async () => {
    let done = false;
    const runs = Promise.all([failureOf("spin"), failureOf("hoard"), failureOf("hoard-buffers")]).finally(() => (done = true));
    const latencies: number[] = [];
    while (!done) {
      const started = performance.now();
      const response = await reflex.api("/healthz", { token: null });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(await runs).toEqual(["function_timeout", "function_memory", "function_memory"]);
    expect(latencies.length).toBeGreaterThan(10);
    expect(Math.max(...latencies)).toBeLessThan(PROMPT_MS);
  });
});
