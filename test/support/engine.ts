// A workflow engine on a real test database (SQLite, or PostgreSQL under
// REFLEX_TEST_DATABASE_URL), with workflows loaded from YAML through the real config loader,
// the core actions plus any test actions, and a real worker claiming its jobs.
import { rmSync } from "node:fs";
import { createCoreRegistry } from "../../src/actions/core/pack.js";
import type { ActionDefinition } from "../../src/actions/types.js";
import { loadConfigDir } from "../../src/config/load.js";
import type { WorkflowSpec } from "../../src/config/workflow-types.js";
import type { Clock } from "../../src/core/clock.js";
import type { SecretResolver } from "../../src/core/secrets.js";
import { systemClock } from "../../src/core/clock.js";
import type { JsonObject, JsonValue } from "../../src/core/json.js";
import type { EngineEvent, EngineObserver } from "../../src/engine/engine-deps.js";
import { createWorkflowEngine } from "../../src/engine/workflow-engine.js";
import type { ExecutionService } from "../../src/engine/execution-service.js";
import { WORKFLOWS_QUEUE } from "../../src/core/workflow-jobs.js";
import { Worker } from "../../src/queue/worker.js";
import type { Store } from "../../src/store/open-store.js";
import { writeConfigDir } from "./config-dir.js";
import { waitFor } from "./reflex.js";
import { openTestStore } from "./store.js";

export interface TestEngine {
  store: Store;
  service: ExecutionService;
  /** Events the engine emitted. */
  emitted: EngineEvent[];
  /** Starts an execution and waits until it has ended; returns its view. */
  run(workflow: string, input?: JsonObject): Promise<JsonObject>;
  /** Waits until execution `id` is in one of `statuses`; returns its view. */
  waitForStatus(id: string, statuses: readonly string[], timeoutMs?: number): Promise<JsonObject>;
  /** The worker (stop it to hold jobs in the queue). */
  worker: Worker;
  /** Stops the worker and starts a new engine and worker on the same database, as a restarted node would. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface TestEngineOptions {
  /** Extra actions besides the core pack. */
  actions?: ActionDefinition<JsonValue>[];
  /** Start no worker (a test drives one itself). */
  noWorker?: boolean;
  clock?: Clock;
  /** Worker pools to claim from; default the workflows queue. */
  queues?: string[];
  observer?: EngineObserver;
  secrets?: SecretResolver;
}

export const FINISHED = ["succeeded", "failed", "canceled", "timeout"];

/** Loads `yaml` (one or more Workflow documents) and starts an engine with a worker. */
export async function startTestEngine(yaml: string, options: TestEngineOptions = {}): Promise<TestEngine> {
  const registry = createCoreRegistry();
  if (options.actions) registry.register(...options.actions);
  const dir = writeConfigDir({ "workflows.yaml": yaml });
  const loaded = await loadConfigDir(dir, { actions: registry });
  rmSync(dir, { recursive: true, force: true });
  if (!loaded.config) throw new Error(`test workflows do not load:\n${loaded.problems.map((p) => `${p.line}:${p.col} ${p.message}`).join("\n")}`);
  const workflows: ReadonlyMap<string, WorkflowSpec> = loaded.config.workflows;
  const { store, cleanup } = await openTestStore();
  const emitted: EngineEvent[] = [];
  const clock = options.clock ?? systemClock;
  let worker: Worker | undefined;
  const boot = () => {
    const engine = createWorkflowEngine({
      store,
      clock,
      actions: registry,
      workflow: (name) => workflows.get(name),
      wake: () => worker?.wake(),
      emit: async (event) => void emitted.push(event),
      logger: { info: () => undefined, warn: () => undefined, error: (obj, msg) => console.error(msg, obj) },
      ...(options.observer ? { observer: options.observer } : {}),
      ...(options.secrets ? { secrets: options.secrets } : {}),
    });
    worker = new Worker({ store, clock, queues: options.queues ?? [WORKFLOWS_QUEUE], concurrency: 8, leaseMs: 30_000, heartbeatMs: 10_000, pollMs: 200, handlers: engine.handlers });
    return { engine, worker };
  };
  let { engine, worker: current } = boot();
  if (!options.noWorker) current.start();
  const waitForStatus = (id: string, statuses: readonly string[], timeoutMs = 15_000) =>
    waitFor(
      async () => {
        const view = await engine.service.get(id);
        return statuses.includes(String(view.status)) ? view : undefined;
      },
      `execution ${id} to be ${statuses.join(" or ")}`,
      timeoutMs,
    );
  const harness: TestEngine = {
    store,
    service: engine.service,
    emitted,
    worker: current,
    waitForStatus,
    async restart() {
      await current.stop();
      ({ engine, worker: current } = boot());
      harness.service = engine.service;
      harness.worker = current;
      current.start();
    },
    async run(workflow, input = {}) {
      const { id } = await engine.service.start(workflow, input, "test");
      return waitForStatus(id, FINISHED);
    },
    async close() {
      await current.stop();
      await cleanup();
    },
  };
  return harness;
}

/** The runs of task `name` in an execution view. */
export function runsOf(view: JsonObject, name: string): JsonObject[] {
  const tasks = view.tasks;
  return Array.isArray(tasks) ? tasks.filter((t): t is JsonObject => typeof t === "object" && t !== null && !Array.isArray(t) && t.task === name) : [];
}
