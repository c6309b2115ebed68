// Decides whether an execution has come to rest after a step: a pausing execution with
// nothing running is paused; one with no active task left has ended — canceled if it was
// being canceled, failed if it was doomed, otherwise succeeded with its output rendered from
// the final context. An ended execution updates its workflow's guards, lets the next queued
// execution of its concurrency key start, and completes its parent's task if it is a
// sub-workflow.
import type { JsonObject, JsonValue } from "../core/json.js";
import { sql } from "kysely";
import { EXECUTION_EVENT_PREFIX } from "../core/engine-events.js";
import type { ExecutionRow } from "../store/schema.js";
import { compiledWorkflow } from "./compiled-workflow.js";
import { cancelTaskRun, completeTaskRun } from "./complete-task.js";
import type { TaskOutcome } from "./complete-task.js";
import { executionEnded } from "./guards.js";
import { objectFromJsonText, taskFunctions } from "./scope.js";
import { ACTIVE_TASK, FINISHED_EXECUTION } from "./statuses.js";
import type { Step } from "./step.js";
import { lockExecution, touchExecution } from "./step.js";

/** Ends or pauses the (locked) execution `id` when nothing is left to run; one that has ended stays as it is. */
export async function finishIfDone(step: Step, id: string): Promise<void> {
  const exec = await lockExecution(step, id);
  if (FINISHED_EXECUTION.has(exec.status)) return;
  const counts = await step.db
    .selectFrom("task_runs")
    .select(["status", sql<number>`count(*)`.as("n")])
    .where("execution_id", "=", id)
    .where("status", "in", ACTIVE_TASK)
    .groupBy("status")
    .execute();
  const count = (status: string) => Number(counts.find((c) => c.status === status)?.n ?? 0);
  const active = counts.reduce((sum, c) => sum + Number(c.n), 0);
  if (exec.status === "pausing" && count("running") + count("scheduled") === 0) {
    await touchExecution(step, id, { status: "paused" });
    return;
  }
  if (active > 0 || exec.status === "requested" || exec.status === "paused") return;
  if (exec.status === "canceling") return endExecution(step, exec, { status: "canceled", output: null, error: exec.error ?? "canceled" });
  if (exec.failing === 1) return endExecution(step, exec, { status: "failed", output: null, error: exec.error });
  try {
    return await endExecution(step, exec, { status: "succeeded", output: await renderOutput(step, exec), error: null });
  } catch (err) {
    return endExecution(step, exec, { status: "failed", output: null, error: `rendering the output failed: ${err instanceof Error ? err.message : String(err)}` });
  }
}

/** The final context: the starting one, then each finished run's context and what it published, in finishing order. */
async function finalContext(step: Step, exec: ExecutionRow): Promise<JsonObject> {
  const runs = await step.db
    .selectFrom("task_runs")
    .select(["ctx", "published"])
    .where("execution_id", "=", exec.id)
    .where("finished_ms", "is not", null)
    .orderBy("finished_ms")
    .orderBy("id")
    .execute();
  let ctx = objectFromJsonText(exec.ctx);
  for (const run of runs) ctx = { ...ctx, ...objectFromJsonText(run.ctx), ...objectFromJsonText(run.published) };
  return ctx;
}

async function renderOutput(step: Step, exec: ExecutionRow): Promise<JsonValue> {
  const workflow = compiledWorkflow(exec.spec);
  if (!workflow.output) return null;
  return workflow.output.render({ ctx: await finalContext(step, exec) }, taskFunctions(step, exec.id, "succeeded"));
}

interface Ending {
  status: "succeeded" | "failed" | "canceled" | "timeout";
  output: JsonValue;
  error: string | null;
}

/** Records the end, then its consequences. */
export async function endExecution(step: Step, exec: ExecutionRow, ending: Ending): Promise<void> {
  await touchExecution(step, exec.id, {
    status: ending.status,
    output: ending.output === null ? null : JSON.stringify(ending.output),
    error: ending.error,
    finished_ms: step.now,
  });
  // Joins still waiting for arrivals that will never come.
  await step.db.updateTable("task_runs").set({ status: "canceled", finished_ms: step.now, updated_ms: step.now }).where("execution_id", "=", exec.id).where("status", "=", "requested").execute();
  await executionEnded(step, { ...exec, status: ending.status }, ending.status);
  step.after.push(() => step.deps.observer?.executionEnded(exec.workflow, ending.status));
  if (exec.parent_id === null) {
    const started = exec.started_ms === null ? null : Number(exec.started_ms);
    const data = { executionId: exec.id, workflow: exec.workflow, status: ending.status, durationMs: started === null ? null : step.now - started, error: ending.error };
    step.after.push(() => step.deps.emit({ type: `${EXECUTION_EVENT_PREFIX}${ending.status}`, subject: exec.id, data }));
  }
  if (exec.parent_id !== null && exec.parent_task_id !== null) {
    const parent = await lockExecution(step, exec.parent_id);
    const run = await step.db.selectFrom("task_runs").selectAll().where("id", "=", exec.parent_task_id).executeTakeFirst();
    if (run && run.status === "running" && ending.status === "canceled" && parent.status === "canceling") {
      await cancelTaskRun(step, parent, run.id, { status: "canceled", result: null, error: `sub-workflow ${exec.workflow} (execution ${exec.id}) canceled` });
    } else if (run && run.status === "running") {
      const outcome: TaskOutcome =
        ending.status === "succeeded"
          ? { status: "succeeded", result: ending.output, error: null }
          : { status: "failed", result: ending.output, error: `sub-workflow ${exec.workflow} (execution ${exec.id}) ${ending.status}: ${ending.error ?? ""}`.trim(), retryable: ending.status !== "canceled" };
      await completeTaskRun(step, parent, run, outcome);
    }
  }
}
