// One benchmark "node": a store on a fresh database and one Worker claiming the workflows
// queue with the settings `reflex up` gives it, running either the workflow engine's job
// handlers or the bare-queue peer's. Everything runs in this process, so timings come from
// the store's own timestamps, not from HTTP.
import { systemClock } from "../src/core/clock.js";
import { WORKFLOWS_QUEUE } from "../src/core/workflow-jobs.js";
import { createWorkflowEngine } from "../src/engine/index.js";
import type { ExecutionService } from "../src/engine/index.js";
import type { JobHandler, JobLogger } from "../src/queue/index.js";
import { Worker } from "../src/queue/index.js";
import type { Store } from "../src/store/open-store.js";
import type { BenchDatabase } from "./databases.js";
import type { BenchWorkflows } from "./engine-workflows.js";

/** The worker's settings: those of `reflex up` (src/app.ts) with its default concurrency. */
export const WORKER_SETTINGS = { concurrency: 8, leaseMs: 30_000, heartbeatMs: 10_000, pollMs: 1_000 } as const;

/** A store and a running worker on a fresh database. */
export interface BenchNode {
  store: Store;
  /** Tells the worker a job was just enqueued (as the engine does after each commit). */
  wake(): void;
  /** Throws if the worker or the engine logged a warning or an error since the node started. */
  assertQuiet(): void;
  /** Stops the worker, closes the store and drops the database. */
  stop(): Promise<void>;
}

/** A node running the workflow engine. */
export interface EngineNode extends BenchNode {
  service: ExecutionService;
}

/** What a node's handlers are built with. */
export interface NodeParts {
  store: Store;
  wake: () => void;
  /** Collects warnings and errors, which fail the run (see `assertQuiet`). */
  logger: JobLogger;
}

/** Opens `database` and starts a worker running the handlers `build` returns. */
export async function startNode(database: BenchDatabase, build: (parts: NodeParts) => Record<string, JobHandler>): Promise<BenchNode> {
  const store = await database.open().catch(async (err: unknown) => {
    await database.drop();
    throw err;
  });
  const problems: string[] = [];
  const note = (obj: object, msg: string) => problems.push(`${msg} ${JSON.stringify(obj, (_, v: unknown) => (v instanceof Error ? v.message : v))}`);
  const logger: JobLogger = { info: () => undefined, warn: note, error: note };
  let worker: Worker | undefined;
  const wake = () => worker?.wake();
  try {
    worker = new Worker({ store, clock: systemClock, queues: [WORKFLOWS_QUEUE], ...WORKER_SETTINGS, handlers: build({ store, wake, logger }), logger });
  } catch (err) {
    await store.close();
    await database.drop();
    throw err;
  }
  const running = worker;
  running.start();
  return {
    store,
    wake,
    assertQuiet() {
      if (problems.length > 0) throw new Error(`${database.label}: the worker reported ${problems.length} problem(s), the first: ${problems[0] ?? ""}`);
    },
    async stop() {
      try {
        await running.stop();
        await store.close();
      } finally {
        await database.drop();
      }
    },
  };
}

/** Opens `database` and starts the workflow engine with one worker on it. */
export async function startEngineNode(database: BenchDatabase, bench: BenchWorkflows): Promise<EngineNode> {
  let service: ExecutionService | undefined;
  const node = await startNode(database, ({ store, wake, logger }) => {
    const engine = createWorkflowEngine({ store, clock: systemClock, actions: bench.actions, workflow: (name) => bench.workflows.get(name), wake, emit: async () => undefined, logger });
    service = engine.service;
    return engine.handlers;
  });
  if (!service) {
    await node.stop();
    throw new Error("the workflow engine was not built");
  }
  return { ...node, service };
}

/**
 * Polls `check` every `everyMs` until it returns a value; throws after `timeoutMs`. The bench
 * reads its numbers from stored timestamps, so the polling period does not enter them.
 */
export async function waitUntil<T>(check: () => Promise<T | undefined>, what: string, timeoutMs: number, everyMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
