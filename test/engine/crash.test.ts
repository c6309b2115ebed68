// Executions survive their workers. A worker process (`reflex up --role worker`) is SIGKILLed
// in the middle of executions; after another starts on the same database every execution
// ends as it would have without the crash: every task ran (at least once), no recorded result
// was lost or changed. On PostgreSQL, two workers share the work and killing one leaves the
// other to finish all of it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { createCoreRegistry } from "../../src/actions/index.js";
import { loadConfigDir } from "../../src/config/load.js";
import type { JsonObject } from "../../src/core/json.js";
import { systemClock } from "../../src/core/clock.js";
import { createWorkflowEngine } from "../../src/engine/index.js";
import type { ExecutionService } from "../../src/engine/index.js";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/open-store.js";
import { spawnReflex } from "../support/child-reflex.js";
import type { ChildReflex } from "../support/child-reflex.js";
import { writeConfigDir } from "../support/config-dir.js";
import { waitFor } from "../support/reflex.js";
import { allocateTestDatabase, testDatabaseUrl } from "../support/store.js";
import type { TestDatabase } from "../support/store.js";

const WORKFLOW = `
kind: Workflow
name: crash.remedy
input: [n]
tasks:
  check:
    action: core.echo
    input: {message: "{{ 'check ' & $string(ctx.n) }}"}
    next: [{publish: {checked: "{{ result.message }}"}, do: [fix]}]
  fix: {action: core.sleep, input: {seconds: 0.5}, next: [{do: [each]}]}
  each:
    action: core.echo
    with: {items: "{{ [1, 2, 3] }}", concurrency: 2}
    input: {message: "{{ $string(item * ctx.n) }}"}
    next: [{publish: {products: "{{ result.message }}"}, do: [verify]}]
  verify: {action: core.sleep, input: {seconds: 0.3}, next: [{do: [report]}]}
  report: {action: core.echo, input: {message: "{{ ctx.checked & ': ' & $join(ctx.products, ',') }}"}}
output: {report: "{{ $task('report').result.message }}"}
`;
const TASKS = ["check", "fix", "each", "verify", "report"];
const expectedReport = (n: number) => `check ${n}: ${n},${2 * n},${3 * n}`;

let database: TestDatabase;
let configDir: string;
let store: Store;
let service: ExecutionService;
const children: ChildReflex[] = [];

beforeAll(async () => {
  database = allocateTestDatabase();
  configDir = writeConfigDir({ "remedy.yaml": WORKFLOW });
  const actions = createCoreRegistry();
  const loaded = await loadConfigDir(configDir, { actions });
  if (!loaded.config) throw new Error("the test workflow does not load");
  const workflows = loaded.config.workflows;
  store = await openStore({ dataDir: database.dataDir, databaseUrl: database.databaseUrl, schema: database.schema });
  // This process only starts executions and reads them; the child processes run them.
  const engine = createWorkflowEngine({
    store,
    clock: systemClock,
    actions,
    workflow: (name) => workflows.get(name),
    wake: () => undefined,
    emit: async () => undefined,
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  service = engine.service;
});

afterAll(async () => {
  for (const child of children) if (child.child.exitCode === null && child.child.signalCode === null) child.child.kill("SIGKILL");
  await Promise.all(children.map((c) => c.exited));
  await store.close();
  await database.drop();
  rmSync(configDir, { recursive: true, force: true });
});

async function startWorker(): Promise<ChildReflex> {
  const child = await spawnReflex(["--role", "worker", "--config", configDir, "--lease", "1s", "--concurrency", "4"], database.env);
  children.push(child);
  return child;
}

/** Status of each execution's tasks: execution id → task name → statuses of its runs. */
async function taskStatuses(ids: readonly string[]): Promise<Map<string, Map<string, string[]>>> {
  const rows = await store.db.selectFrom("task_runs").select(["execution_id", "task", "status"]).where("execution_id", "in", ids).execute();
  const byExecution = new Map<string, Map<string, string[]>>();
  for (const row of rows) {
    const tasks = byExecution.get(row.execution_id) ?? new Map<string, string[]>();
    tasks.set(row.task, [...(tasks.get(row.task) ?? []), row.status]);
    byExecution.set(row.execution_id, tasks);
  }
  return byExecution;
}

async function succeededResults(ids: readonly string[]): Promise<Map<string, string | null>> {
  const rows = await store.db.selectFrom("task_runs").select(["id", "result"]).where("execution_id", "in", ids).where("status", "=", "succeeded").execute();
  return new Map(rows.map((r) => [r.id, r.result]));
}

async function waitAllEnded(ids: readonly string[], timeoutMs: number): Promise<JsonObject[]> {
  return waitFor(
    async () => {
      const views = await Promise.all(ids.map((id) => service.get(id)));
      return views.every((v) => ["succeeded", "failed", "canceled"].includes(String(v.status))) ? views : undefined;
    },
    "every execution to end",
    timeoutMs,
  );
}

function checkEndedAsWithoutCrash(views: readonly JsonObject[], inputs: readonly number[]): void {
  views.forEach((view, i) => {
    expect(view.status).toBe("succeeded");
    expect(view.output).toEqual({ report: expectedReport(inputs[i] ?? 0) });
    const tasks = Array.isArray(view.tasks) ? view.tasks : [];
    const names = tasks.map((t) => (typeof t === "object" && t !== null && !Array.isArray(t) ? t.task : null));
    expect(names).toEqual(TASKS);
    for (const task of tasks) expect(task).toMatchObject({ status: "succeeded" });
  });
}

describe("crash safety", () => {
  it("finishes every execution after its worker is SIGKILLed mid-way, losing no recorded result", async () => {
    const worker = await startWorker();
    const inputs = [1, 2, 3, 4, 5, 6];
    const ids: string[] = [];
    for (const n of inputs) ids.push((await service.start("crash.remedy", { n }, "test")).id);

    // Kill it while some task is running and some result is already recorded.
    await waitFor(
      async () => {
        const statuses = await taskStatuses(ids);
        const all = [...statuses.values()].flatMap((tasks) => [...tasks.values()].flat());
        return all.includes("running") && all.includes("succeeded") ? true : undefined;
      },
      "the worker to be in the middle of the executions",
    );
    worker.child.kill("SIGKILL");
    await worker.exited;
    const recordedBefore = await succeededResults(ids);
    expect(recordedBefore.size).toBeGreaterThan(0);

    await startWorker();
    const views = await waitAllEnded(ids, 30_000);
    checkEndedAsWithoutCrash(views, inputs);
    const recordedAfter = await succeededResults(ids);
    for (const [runId, result] of recordedBefore) expect(recordedAfter.get(runId)).toBe(result);
  }, 90_000);

  it.runIf(testDatabaseUrl !== undefined)("shares executions between two workers on PostgreSQL; the survivor finishes the killed one's work", async () => {
    const [first, second] = [await startWorker(), await startWorker()];
    const inputs = Array.from({ length: 10 }, (_, i) => 10 + i);
    const ids: string[] = [];
    for (const n of inputs) ids.push((await service.start("crash.remedy", { n }, "test")).id);
    // Both workers take part: each holds a lease on some job.
    await waitFor(
      async () => {
        const holders = await store.db.selectFrom("jobs").select("locked_by").where("status", "=", "running").execute();
        return new Set(holders.map((h) => (h.locked_by ?? "").split(":")[1])).size >= 2 ? true : undefined;
      },
      "both workers to run jobs",
    );
    first.child.kill("SIGKILL");
    await first.exited;
    const views = await waitAllEnded(ids, 30_000);
    checkEndedAsWithoutCrash(views, inputs);
    expect(second.child.exitCode).toBeNull();
  }, 90_000);
});
