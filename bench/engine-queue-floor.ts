// The engine suite's peer: the durable queue the engine runs on, with the same Worker and
// settings but no engine. A "two-task execution" becomes a chain of two jobs: the first job's
// handler enqueues the second (and wakes the worker, as the engine does after each commit).
// What it costs is the floor under the engine's two-task numbers — the claims, completions
// and enqueues every engine step also pays, without the engine's own reads and writes.
import { systemClock } from "../src/core/clock.js";
import type { JsonValue } from "../src/core/json.js";
import { isJsonObject } from "../src/core/json.js";
import { WORKFLOWS_QUEUE } from "../src/core/workflow-jobs.js";
import { enqueue } from "../src/queue/index.js";
import type { JobHandler } from "../src/queue/index.js";
import type { BenchNode, NodeParts } from "./engine-node.js";
import { waitUntil } from "./engine-node.js";
import type { ManyResult } from "./engine-runs.js";
import { spread, startAll } from "./engine-stats.js";

/** The chain jobs' kind. */
const CHAIN_JOB = "bench.chain";
/** Longest wait for the chains to end before the suite gives up. */
const DEADLINE_MS = 180_000;

interface ChainPayload {
  /** Tells a measured run's chains from the warm-up's. */
  run: string;
  chain: number;
  link: 1 | 2;
}

/** The chain handler: records when it started, and enqueues the second link from the first. */
export function chainHandlers({ store, wake }: NodeParts): Record<string, JobHandler> {
  return {
    [CHAIN_JOB]: async (job): Promise<JsonValue> => {
      const startedMs = systemClock.now();
      const payload = chainPayload(job.payload);
      if (payload.link === 1) {
        await enqueue(store.db, systemClock, { kind: CHAIN_JOB, queue: WORKFLOWS_QUEUE, payload: { ...payload, link: 2 } });
        wake();
      }
      return { startedMs };
    },
  };
}

/**
 * Enqueues `count` chains with `callers` first enqueues in flight, and waits until every chain
 * has ended. In the result a chain stands for an execution: created at its first enqueue,
 * started when the first handler starts, ended when the second job is completed.
 */
export async function runChains(node: BenchNode, run: string, count: number, callers: number): Promise<ManyResult> {
  const t0 = performance.now();
  await startAll(count, callers, async (chain) => {
    const first: ChainPayload = { run, chain, link: 1 };
    const enqueued = await enqueue(node.store.db, systemClock, { kind: CHAIN_JOB, queue: WORKFLOWS_QUEUE, payload: { ...first } });
    node.wake();
    return enqueued;
  });
  const startingMs = performance.now() - t0;
  await waitUntil(
    async () => {
      const left = await node.store.db.selectFrom("jobs").select(["status"]).where("kind", "=", CHAIN_JOB).where("status", "!=", "succeeded").execute();
      const stuck = left.find((j) => j.status === "dead" || j.status === "cancelled");
      if (stuck) throw new Error(`a ${CHAIN_JOB} job ended ${stuck.status}`);
      return left.length === 0 ? true : undefined;
    },
    `${count} job chains to end`,
    DEADLINE_MS,
  );
  const rows = await node.store.db.selectFrom("jobs").select(["payload", "result", "created_ms", "finished_ms"]).where("kind", "=", CHAIN_JOB).execute();
  const firsts = new Map<number, { created: number; started: number }>();
  const ends = new Map<number, number>();
  for (const row of rows) {
    const payload = chainPayload(JSON.parse(row.payload) as JsonValue);
    if (payload.run !== run) continue;
    if (payload.link === 1) firsts.set(payload.chain, { created: Number(row.created_ms), started: startedOf(row.result) });
    else ends.set(payload.chain, Number(row.finished_ms));
  }
  if (firsts.size !== count || ends.size !== count) throw new Error(`run ${run}: ${firsts.size} first and ${ends.size} second jobs stored for ${count} chains`);
  const chains = [...firsts].map(([chain, first]) => ({ ...first, finished: ends.get(chain) ?? Number.NaN }));
  node.assertQuiet();
  return {
    executions: count,
    startingMs,
    spanMs: Math.max(...chains.map((c) => c.finished)) - Math.min(...chains.map((c) => c.created)),
    startLatency: spread(chains.map((c) => c.started - c.created)),
    execution: spread(chains.map((c) => c.finished - c.created)),
  };
}

function chainPayload(value: JsonValue): ChainPayload {
  if (isJsonObject(value) && typeof value.run === "string" && typeof value.chain === "number" && (value.link === 1 || value.link === 2)) return { run: value.run, chain: value.chain, link: value.link };
  throw new Error(`${JSON.stringify(value).slice(0, 200)} is not a ${CHAIN_JOB} payload`);
}

function startedOf(result: string | null): number {
  const parsed = result === null ? null : (JSON.parse(result) as JsonValue);
  if (isJsonObject(parsed) && typeof parsed.startedMs === "number") return parsed.startedMs;
  throw new Error(`a ${CHAIN_JOB} job's result ${String(result).slice(0, 200)} has no startedMs`);
}
