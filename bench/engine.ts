// The `engine` suite: what the durable workflow engine costs per task, how many short
// executions it runs per minute, and how with-items scales (issue 4's performance section),
// on SQLite and on PostgreSQL, next to the bare durable queue it runs on. The engine runs in
// this process with one Worker; every run gets an empty database and an unmeasured warm-up.
import { BENCH_POSTGRES_URL, engineVersion, postgresDatabase, sqliteDatabase } from "./databases.js";
import type { BenchDatabase } from "./databases.js";
import { startEngineNode, startNode } from "./engine-node.js";
import type { BenchNode, EngineNode } from "./engine-node.js";
import { chainHandlers, runChains } from "./engine-queue-floor.js";
import { engineSection } from "./engine-report.js";
import type { DatabaseRun, EnginePlan } from "./engine-report.js";
import { runConcurrent, runItems, runPaced, runSequential } from "./engine-runs.js";
import type { ItemsResult } from "./engine-runs.js";
import { loadBenchWorkflows } from "./engine-workflows.js";
import type { BenchWorkflows } from "./engine-workflows.js";
import type { Suite, SuiteContext } from "./suite.js";

/** What is run, and how much of it is warm-up. */
const PLAN: EnginePlan = {
  sequentialRuns: 50,
  concurrent: 1_000,
  starters: 10,
  paced: { executions: 500, perMinute: 3_000 },
  itemCounts: [250, 500, 1_000, 2_000],
  warmup: { sequentialRuns: 5, concurrent: 100, items: 50 },
};

export const engineSuite: Suite = {
  name: "engine",
  async run(ctx) {
    const bench = await loadBenchWorkflows();
    const runs: DatabaseRun[] = [];
    const notes: string[] = [];
    runs.push(await onDatabase(ctx, bench, "SQLite", async () => sqliteDatabase()));
    const probe = await postgresDatabase(BENCH_POSTGRES_URL);
    if ("unavailable" in probe) {
      const skipped = `PostgreSQL was skipped: ${probe.unavailable}.`;
      notes.push(skipped);
      ctx.log(skipped);
    } else {
      await probe.drop();
      runs.push(
        await onDatabase(ctx, bench, "PostgreSQL", async () => {
          const database = await postgresDatabase(BENCH_POSTGRES_URL);
          if ("unavailable" in database) throw new Error(database.unavailable);
          return database;
        }),
      );
    }
    return engineSection({ machine: ctx.machine, plan: PLAN, runs, notes });
  },
};

/** Every workload on one kind of database, each on a fresh one. */
async function onDatabase(ctx: SuiteContext, bench: BenchWorkflows, label: string, fresh: () => Promise<BenchDatabase>): Promise<DatabaseRun> {
  const onEngine = async <T>(work: (node: EngineNode) => Promise<T>): Promise<T> => {
    const node = await startEngineNode(await fresh(), bench);
    try {
      return await work(node);
    } finally {
      await node.stop();
    }
  };
  const onQueue = async <T>(work: (node: BenchNode) => Promise<T>): Promise<T> => {
    const node = await startNode(await fresh(), chainHandlers);
    try {
      return await work(node);
    } finally {
      await node.stop();
    }
  };

  const { version, sequential } = await onEngine(async (node) => {
    await runSequential(node, PLAN.warmup.sequentialRuns);
    return { version: await engineVersion(node.store), sequential: await runSequential(node, PLAN.sequentialRuns) };
  });
  ctx.log(`${label} · sequential: overhead per task p50 ${sequential.overhead.p50} ms, p99 ${sequential.overhead.p99} ms`);

  const concurrent = await onEngine(async (node) => {
    await runConcurrent(node, PLAN.warmup.concurrent, PLAN.starters);
    return runConcurrent(node, PLAN.concurrent, PLAN.starters);
  });
  ctx.log(`${label} · ${PLAN.concurrent} two-task executions: ${Math.round((PLAN.concurrent * 60_000) / concurrent.spanMs)}/min, start latency p99 ${concurrent.startLatency.p99} ms`);

  const paced = await onEngine(async (node) => {
    await runConcurrent(node, PLAN.warmup.concurrent, PLAN.starters);
    return runPaced(node, PLAN.paced.executions, PLAN.paced.perMinute);
  });
  ctx.log(`${label} · ${PLAN.paced.executions} two-task executions at ${PLAN.paced.perMinute}/min: start latency p99 ${paced.startLatency.p99} ms`);

  const floor = await onQueue(async (node) => {
    await runChains(node, "warmup", PLAN.warmup.concurrent, PLAN.starters);
    return runChains(node, "measured", PLAN.concurrent, PLAN.starters);
  });
  ctx.log(`${label} · bare queue, ${PLAN.concurrent} two-job chains: ${Math.round((PLAN.concurrent * 60_000) / floor.spanMs)}/min, start latency p99 ${floor.startLatency.p99} ms`);

  const items: ItemsResult[] = [];
  for (const count of PLAN.itemCounts) {
    const result = await onEngine(async (node) => {
      await runItems(node, PLAN.warmup.items);
      return runItems(node, count);
    });
    ctx.log(`${label} · with-items over ${count}: ${(result.durationMs / 1000).toFixed(2)} s`);
    items.push(result);
  }
  return { label, version, sequential, concurrent, paced, floor, items };
}
