// The engine suite's workloads on one engine node: a sequential workflow run again and again,
// many two-task executions started at once or at a steady rate, and one with-items execution.
// Each starts its executions through `ExecutionService.start` (what `POST /api/v1/executions`
// calls), waits for them to end, and computes its numbers from the timestamps the engine
// stored on the executions and task runs — whole milliseconds of the engine's clock.
import { sql } from "kysely";
import type { StartResult } from "../src/engine/index.js";
import type { EngineNode } from "./engine-node.js";
import { waitUntil } from "./engine-node.js";
import { spread, startAll } from "./engine-stats.js";
import type { Spread } from "./engine-stats.js";
import { ITEMS, SEQUENTIAL, SEQUENTIAL_TASKS, TWO_TASKS } from "./engine-workflows.js";

/** Who the executions are started by (kept in their trigger and the audit log). */
const BY = "bench";
/** Longest wait for one workload to end before the suite gives up. */
const DEADLINE_MS = 180_000;

/** The sequential workflow, run `runs` times one after another. */
export interface SequentialResult {
  runs: number;
  /** Per task: from the previous task's finish (the execution's start for the first) to its own finish. */
  overhead: Spread;
  /**
   * Per task: from the previous task's finish (or the execution's start) to its own start — the
   * rest of the step that reached it (enqueueing its job, COMMIT), the claim, and the opening of
   * its own first step.
   */
  handOff: Spread;
  /** Per execution: from its creation to its end. */
  execution: Spread;
}

/** Many two-task executions, started at once or at a steady rate. */
export interface ManyResult {
  executions: number;
  /** Wall time until every `start` had returned. */
  startingMs: number;
  /** From the first execution's creation to the last one's end. */
  spanMs: number;
  /** First task's start − execution's creation. */
  startLatency: Spread;
  /** Per execution: from its creation to its end. */
  execution: Spread;
}

/** One with-items execution. */
export interface ItemsResult {
  items: number;
  /** From the execution's creation to its end. */
  durationMs: number;
}

/** Runs the sequential workflow `runs` times, each after the previous one ended. */
export async function runSequential(node: EngineNode, runs: number): Promise<SequentialResult> {
  const ids: string[] = [];
  for (let i = 0; i < runs; i++) {
    const { id } = await node.service.start(SEQUENTIAL, {}, BY);
    await ended(node, [id], 10);
    ids.push(id);
  }
  const executions = await succeeded(node, ids);
  const tasks = await taskRuns(node, ids);
  const overhead: number[] = [];
  const handOff: number[] = [];
  for (const exec of executions) {
    const runsOf = (tasks.get(exec.id) ?? []).sort((a, b) => a.finished - b.finished || a.task.localeCompare(b.task, "en", { numeric: true }));
    if (runsOf.length !== SEQUENTIAL_TASKS) throw new Error(`execution ${exec.id} of ${SEQUENTIAL} ran ${runsOf.length} tasks, not ${SEQUENTIAL_TASKS}`);
    let previous = exec.started;
    for (const run of runsOf) {
      overhead.push(run.finished - previous);
      handOff.push(run.started - previous);
      previous = run.finished;
    }
  }
  node.assertQuiet();
  return { runs, overhead: spread(overhead), handOff: spread(handOff), execution: spread(executions.map((e) => e.finished - e.created)) };
}

/** Starts `count` two-task executions with `callers` starts in flight, and waits for all of them. */
export async function runConcurrent(node: EngineNode, count: number, callers: number): Promise<ManyResult> {
  const t0 = performance.now();
  const ids = (await startAll(count, callers, () => node.service.start(TWO_TASKS, {}, BY))).map((s) => s.id);
  return many(node, ids, performance.now() - t0);
}

/**
 * Starts `count` two-task executions at a steady `perMinute` (each start is sent at its time,
 * whether or not the previous one has returned), and waits for all of them.
 */
export async function runPaced(node: EngineNode, count: number, perMinute: number): Promise<ManyResult> {
  const t0 = performance.now();
  const every = 60_000 / perMinute;
  const starts: Promise<StartResult>[] = [];
  for (let i = 0; i < count; i++) {
    const due = t0 + i * every - performance.now();
    if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
    starts.push(node.service.start(TWO_TASKS, {}, BY));
  }
  const ids = (await Promise.all(starts)).map((s) => s.id);
  return many(node, ids, performance.now() - t0);
}

/** Waits for the two-task executions `ids` and reads their times. */
async function many(node: EngineNode, ids: readonly string[], startingMs: number): Promise<ManyResult> {
  await ended(node, ids, 20);
  const executions = await succeeded(node, ids);
  const tasks = await taskRuns(node, ids);
  const latency = executions.map((exec) => {
    const first = tasks.get(exec.id)?.find((t) => t.task === "first");
    if (!first) throw new Error(`execution ${exec.id} of ${TWO_TASKS} has no run of task first`);
    return first.started - exec.created;
  });
  const span = Math.max(...executions.map((e) => e.finished)) - Math.min(...executions.map((e) => e.created));
  node.assertQuiet();
  return { executions: ids.length, startingMs, spanMs: span, startLatency: spread(latency), execution: spread(executions.map((e) => e.finished - e.created)) };
}

/** Runs one with-items execution over `items` items. */
export async function runItems(node: EngineNode, items: number): Promise<ItemsResult> {
  const { id } = await node.service.start(ITEMS, { n: items }, BY);
  await ended(node, [id], 20);
  const [exec] = await succeeded(node, [id]);
  if (!exec) throw new Error(`execution ${id} of ${ITEMS} was not found`);
  const counted = await node.store.db.selectFrom("task_items").select(sql<number>`count(*)`.as("n")).where("status", "=", "succeeded").where("task_run_id", "in", node.store.db.selectFrom("task_runs").select("id").where("execution_id", "=", id)).executeTakeFirst();
  if (Number(counted?.n ?? 0) !== items) throw new Error(`execution ${id} of ${ITEMS} has ${Number(counted?.n ?? 0)} succeeded items, not ${items}`);
  node.assertQuiet();
  return { items, durationMs: exec.finished - exec.created };
}

interface EndedExecution {
  id: string;
  created: number;
  started: number;
  finished: number;
}

interface TaskTimes {
  task: string;
  started: number;
  finished: number;
}

/** Waits until none of `ids` is still active, polling every `everyMs`. */
async function ended(node: EngineNode, ids: readonly string[], everyMs: number): Promise<void> {
  const open = new Set(ids);
  await waitUntil(
    async () => {
      const rows = await node.store.db.selectFrom("executions").select(["id", "status"]).where("finished_ms", "is", null).execute();
      return rows.some((r) => open.has(r.id)) ? undefined : true;
    },
    `${ids.length} execution(s) to end`,
    DEADLINE_MS,
    everyMs,
  );
}

/** The stored times of `ids`, which must all have succeeded. */
async function succeeded(node: EngineNode, ids: readonly string[]): Promise<EndedExecution[]> {
  const wanted = new Set(ids);
  const rows = (await node.store.db.selectFrom("executions").select(["id", "status", "error", "created_ms", "started_ms", "finished_ms"]).execute()).filter((r) => wanted.has(r.id));
  if (rows.length !== ids.length) throw new Error(`${ids.length - rows.length} of ${ids.length} executions are missing from the store`);
  const bad = rows.find((r) => r.status !== "succeeded");
  if (bad) throw new Error(`execution ${bad.id} ended ${bad.status}: ${bad.error ?? "no error recorded"}`);
  return rows.map((r) => ({ id: r.id, created: Number(r.created_ms), started: Number(r.started_ms ?? r.created_ms), finished: Number(r.finished_ms) }));
}

/** The task runs of `ids` with their stored times, by execution. */
async function taskRuns(node: EngineNode, ids: readonly string[]): Promise<Map<string, TaskTimes[]>> {
  const wanted = new Set(ids);
  const rows = await node.store.db.selectFrom("task_runs").select(["execution_id", "task", "status", "started_ms", "finished_ms"]).execute();
  const byExecution = new Map<string, TaskTimes[]>();
  for (const r of rows) {
    if (!wanted.has(r.execution_id)) continue;
    if (r.status !== "succeeded" || r.started_ms === null || r.finished_ms === null) throw new Error(`task ${r.task} of execution ${r.execution_id} is ${r.status}`);
    const list = byExecution.get(r.execution_id) ?? [];
    list.push({ task: r.task, started: Number(r.started_ms), finished: Number(r.finished_ms) });
    byExecution.set(r.execution_id, list);
  }
  return byExecution;
}
