// Functions as workflow actions, on the real engine and database (SQLite, or PostgreSQL under
// REFLEX_TEST_DATABASE_URL): a task `action: function.<name>` runs the Function with the task's
// input as the event and its declared secrets in `context.secrets`; the result is the task's
// result, the console output its log, and secret values are hidden in everything stored. A
// Function that throws fails the task with the message and keeps what it threw (the stack
// trimmed) as the result; one stopped at its timeout fails the task too. The input schema a
// Function declares is checked before it runs, and a reload that changes a Function takes
// effect at the next task.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCoreRegistry } from "../../src/actions/core/pack.js";
import type { ReflexConfig } from "../../src/config/types.js";
import { systemClock } from "../../src/core/clock.js";
import type { JsonObject } from "../../src/core/json.js";
import { WORKFLOWS_QUEUE } from "../../src/core/workflow-jobs.js";
import type { ExecutionService } from "../../src/engine/execution-service.js";
import { createWorkflowEngine } from "../../src/engine/workflow-engine.js";
import { FunctionActions, actionsWithFunctions } from "../../src/functions/index.js";
import { Worker } from "../../src/queue/worker.js";
import type { Store } from "../../src/store/open-store.js";
import { waitFor } from "../support/reflex.js";
import { openTestStore } from "../support/store.js";
import { runsOf } from "../support/engine.js";
import { functionsConfig, inlineFunction, memorySecrets } from "./support.js";

const KEY = "sk-live-0123456789";

const WORKFLOWS = `
kind: Workflow
name: heal
input: [instanceId]
tasks:
  restart:
    action: function.restart
    input: {instanceId: "{{ ctx.instanceId }}"}
    next: [{publish: {restarted: "{{ result.restarted }}"}}]
---
kind: Workflow
name: broken
tasks:
  throws: {action: function.thrower}
---
kind: Workflow
name: slow
tasks:
  wait: {action: function.sleeper}
---
kind: Workflow
name: unchecked
tasks:
  go: {action: function.restart, input: {instanceId: 42}}
`;

const FUNCTIONS = [
  inlineFunction(
    "restart",
    `
exports.main_handler = async (event, context) => {
  console.log("restarting " + event.instanceId + " with key " + context.secrets.CLOUD_KEY);
  return { restarted: event.instanceId, keyLength: context.secrets.CLOUD_KEY.length, echo: context.secrets.CLOUD_KEY, trigger: context.trigger.type };
};`,
    "secrets: [CLOUD_KEY]",
    "inputSchema: {type: object, required: [instanceId], properties: {instanceId: {type: string}}}",
  ),
  inlineFunction(
    "thrower",
    `
function deep() { throw new RangeError("disk full on " + require("node:os").hostname().length); }
exports.main_handler = () => deep();`,
  ),
  inlineFunction("sleeper", "exports.main_handler = () => new Promise((resolve) => setTimeout(resolve, 60000));", "timeout: 1s"),
];

let store: Store;
let cleanup: () => Promise<void>;
let worker: Worker;
let service: ExecutionService;
let config: ReflexConfig;

beforeAll(async () => {
  config = await functionsConfig({ "workflows.yaml": WORKFLOWS, "functions.yaml": FUNCTIONS.join("---\n") });
  ({ store, cleanup } = await openTestStore());
  const actions = actionsWithFunctions(createCoreRegistry(), new FunctionActions({ config: () => config }));
  const engine = createWorkflowEngine({
    store,
    clock: systemClock,
    actions,
    workflow: (name) => config.workflows.get(name),
    wake: () => worker.wake(),
    emit: async () => undefined,
    logger: { info: () => undefined, warn: () => undefined, error: (obj, msg) => console.error(msg, obj) },
    secrets: memorySecrets({ CLOUD_KEY: KEY }),
  });
  service = engine.service;
  worker = new Worker({ store, clock: systemClock, queues: [WORKFLOWS_QUEUE], concurrency: 4, leaseMs: 30_000, heartbeatMs: 10_000, pollMs: 200, handlers: engine.handlers });
  worker.start();
});

afterAll(async () => {
  await worker?.stop();
  await cleanup();
});

async function run(workflow: string, input: JsonObject = {}): Promise<JsonObject> {
  const { id } = await service.start(workflow, input, "test");
  return waitFor(
    async () => {
      const view = await service.get(id);
      return ["succeeded", "failed", "canceled", "timeout"].includes(String(view.status)) ? view : undefined;
    },
    `execution ${id} to end`,
    20_000,
  );
}

describe("a Function as a workflow action", () => {
  it("runs with the task's input and its secrets; result, log and publish work; the secret is stored nowhere", async () => {
    const view = await run("heal", { instanceId: "ins-7" });
    expect(view.status).toBe("succeeded");
    const [task] = runsOf(view, "restart");
    expect(task?.result).toEqual({ restarted: "ins-7", keyLength: KEY.length, echo: "***", trigger: "workflow" });
    expect(task?.published).toEqual({ restarted: "ins-7" });
    const lines = (task?.logs as JsonObject[]).map((l) => `${String(l.stream)}: ${String(l.line)}`);
    expect(lines[0]).toMatch(/^info: function 'restart' invocation [0-9a-f-]{36}$/);
    expect(lines[1]).toBe("stdout: restarting ins-7 with key ***");
    expect(JSON.stringify(view)).not.toContain(KEY);
  });

  it("fails the task with what the Function threw, keeping the trimmed stack as the result", async () => {
    const view = await run("broken");
    expect(view.status).toBe("failed");
    const [task] = runsOf(view, "throws");
    expect(task?.status).toBe("failed");
    expect(task?.error).toMatch(/^function 'thrower' threw RangeError: disk full on \d+$/);
    const error = (task?.result as JsonObject).error as JsonObject;
    expect(error.name).toBe("RangeError");
    expect(String(error.stack).split("\n")[0]).toMatch(/^at deep \(.*\/functions\.yaml:\d+:\d+\)$/);
  });

  it("fails the task of a Function stopped at its timeout", async () => {
    const view = await run("slow");
    const [task] = runsOf(view, "wait");
    expect(task?.status).toBe("failed");
    expect(task?.error).toBe("function 'sleeper' did not finish within 1s and was stopped");
  });

  it("checks the input against the Function's input schema before running it", async () => {
    const view = await run("unchecked");
    const [task] = runsOf(view, "go");
    expect(task?.status).toBe("failed");
    expect(task?.error).toContain("function.restart input /instanceId: must be string");
  });

  it("runs the Function as the configuration now declares it", async () => {
    const before = config;
    const reloaded = await functionsConfig({
      "workflows.yaml": WORKFLOWS,
      "functions.yaml": [inlineFunction("restart", "exports.main_handler = async (event) => ({ restarted: 'v2:' + event.instanceId });"), ...FUNCTIONS.slice(1)].join("---\n"),
    });
    config = reloaded;
    try {
      const view = await run("heal", { instanceId: "ins-8" });
      expect(runsOf(view, "restart")[0]?.result).toEqual({ restarted: "v2:ins-8" });
    } finally {
      config = before;
    }
  });
});
