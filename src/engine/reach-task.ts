// A transition reaching a task. Without `join`, every arrival is a run of its own (Orquesta's
// rule: a task reached by three transitions runs three times). With `join`, arrivals gather in
// one waiting run (`requested`), their contexts merged in arrival order, until there are
// enough (`all`: one from each inbound task; N: N arrivals); then it runs once.
import type { JsonObject } from "../core/json.js";
import { newId } from "../core/ids.js";
import { enqueue } from "../queue/enqueue.js";
import type { ExecutionRow } from "../store/schema.js";
import type { CompiledTask, CompiledWorkflow } from "./compiled-workflow.js";
import { taskOf } from "./compiled-workflow.js";
import { DEFAULT_WORKFLOW_QUEUE, TASK_JOB } from "./engine-jobs.js";
import type { TaskJobPayload } from "./engine-jobs.js";
import { objectFromJsonText } from "./scope.js";
import type { Step } from "./step.js";

/** States in which an execution takes no new work: arrivals are recorded but held. */
const HOLDING = new Set(["pausing", "paused"]);
/** States in which an execution ignores arrivals altogether. */
const CLOSING = new Set(["canceling", "canceled", "failed", "succeeded", "timeout"]);

/** Records one arrival at task `name` with context `ctx`, scheduling a run when it is due. */
export async function reachTask(step: Step, exec: ExecutionRow, workflow: CompiledWorkflow, name: string, ctx: JsonObject): Promise<void> {
  if (exec.failing === 1 || CLOSING.has(exec.status)) return;
  const task = taskOf(workflow, name);
  if (task.arrivalsNeeded > 1) {
    const waiting = await step.db
      .selectFrom("task_runs")
      .select(["id", "ctx", "arrivals"])
      .where("execution_id", "=", exec.id)
      .where("task", "=", name)
      .where("status", "=", "requested")
      .executeTakeFirst();
    if (waiting) {
      const arrivals = Number(waiting.arrivals) + 1;
      const merged = { ...objectFromJsonText(waiting.ctx), ...ctx };
      await step.db.updateTable("task_runs").set({ arrivals, ctx: JSON.stringify(merged), updated_ms: step.now }).where("id", "=", waiting.id).execute();
      if (arrivals >= task.arrivalsNeeded) await scheduleRun(step, exec, workflow, task, waiting.id, task.spec.delayMs ?? 0);
      return;
    }
    // A join of N fires before every inbound task has arrived: the late arrivals belong to it.
    const fired = await step.db
      .selectFrom("task_runs")
      .select(["id", "arrivals"])
      .where("execution_id", "=", exec.id)
      .where("task", "=", name)
      .where("status", "!=", "requested")
      .orderBy("created_ms", "desc")
      .orderBy("id", "desc")
      .executeTakeFirst();
    if (fired && Number(fired.arrivals) < task.inboundTasks) {
      await step.db.updateTable("task_runs").set({ arrivals: Number(fired.arrivals) + 1 }).where("id", "=", fired.id).execute();
      return;
    }
  }
  const id = newId(step.now);
  await step.db
    .insertInto("task_runs")
    .values({ id, execution_id: exec.id, task: name, status: "requested", ctx: JSON.stringify(ctx), arrivals: 1, attempt: 0, created_ms: step.now, updated_ms: step.now })
    .execute();
  if (task.arrivalsNeeded <= 1) await scheduleRun(step, exec, workflow, task, id, task.spec.delayMs ?? 0);
}

/**
 * Puts a task run (or one of its items) in line: `scheduled` with a job due after `delayMs`,
 * or `paused` without one while the execution is pausing or paused (resume schedules it).
 */
export async function scheduleRun(step: Step, exec: ExecutionRow, workflow: CompiledWorkflow, task: CompiledTask, taskRunId: string, delayMs: number, item?: number): Promise<void> {
  const held = HOLDING.has(exec.status);
  const status = held ? "paused" : "scheduled";
  if (item === undefined) {
    await step.db.updateTable("task_runs").set({ status, updated_ms: step.now }).where("id", "=", taskRunId).execute();
  } else {
    await step.db.updateTable("task_items").set({ status }).where("task_run_id", "=", taskRunId).where("idx", "=", item).execute();
  }
  if (held) return;
  const payload: TaskJobPayload = item === undefined ? { taskRunId } : { taskRunId, item };
  await enqueue(step.db, step.deps.clock, {
    kind: TASK_JOB,
    queue: task.spec.queue ?? workflow.spec.queue ?? DEFAULT_WORKFLOW_QUEUE,
    payload: { ...payload },
    runAt: step.now + delayMs,
    maxAttempts: 10,
  });
  step.after.push(() => step.deps.wake());
}
