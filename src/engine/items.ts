// With-items: a task's action runs once per item, at most `concurrency` at a time. Each item
// is a row and a job of its own, with its own attempts (`retry` applies per item); when every
// item has ended, the task ends: succeeded with the results in item order, canceled when a
// cancel stopped some of its items, or failed naming how many items failed and the first
// failure. A rerun runs only the items that did not succeed again.
import { ValidationError } from "../core/errors.js";
import type { JsonValue } from "../core/json.js";
import type { ExecutionRow, TaskRunRow } from "../store/schema.js";
import type { CompiledTask, CompiledWorkflow } from "./compiled-workflow.js";
import { compiledWorkflow, taskOf } from "./compiled-workflow.js";
import { cancelTaskRun, completeTaskRun, retryDue, retryWait } from "./complete-task.js";
import type { CanceledOutcome, TaskOutcome } from "./complete-task.js";
import { scheduleRun } from "./reach-task.js";
import { fromJsonText, objectFromJsonText } from "./scope.js";
import type { Step } from "./step.js";
import { touchExecution } from "./step.js";

/** Most items one task may have. */
export const MAX_ITEMS = 10_000;

/** Turns the rendered `with.items` into the list of items, or says what is wrong with it. */
export function itemsOf(value: JsonValue, taskName: string): JsonValue[] {
  if (!Array.isArray(value)) throw new ValidationError(`task ${taskName}: with.items must give a list, got ${value === null ? "null" : typeof value}`, { pointer: `/tasks/${taskName}/with/items` });
  if (value.length > MAX_ITEMS) throw new ValidationError(`task ${taskName}: with.items gave ${value.length} items; at most ${MAX_ITEMS} are allowed`, { pointer: `/tasks/${taskName}/with/items` });
  return value;
}

/** Stores the items of a task run and schedules the first `concurrency` of them. */
export async function startItems(step: Step, exec: ExecutionRow, run: TaskRunRow, items: readonly JsonValue[]): Promise<void> {
  const workflow = compiledWorkflow(exec.spec);
  const task = taskOf(workflow, run.task);
  await step.db
    .updateTable("task_runs")
    .set({ status: "running", items_total: items.length, attempt: Number(run.attempt) + 1, started_ms: step.now, updated_ms: step.now })
    .where("id", "=", run.id)
    .execute();
  for (let i = 0; i < items.length; i += 200) {
    await step.db
      .insertInto("task_items")
      .values(items.slice(i, i + 200).map((item, k) => ({ task_run_id: run.id, idx: i + k, status: "requested", item: JSON.stringify(item), attempt: 0 })))
      .execute();
  }
  await scheduleMoreItems(step, exec, workflow, task, run.id);
}

/** Schedules waiting items while fewer than `concurrency` are in flight. */
export async function scheduleMoreItems(step: Step, exec: ExecutionRow, workflow: CompiledWorkflow, task: CompiledTask, runId: string): Promise<void> {
  if (exec.failing === 1 || exec.status === "canceling") return;
  const limit = task.spec.with?.concurrency ?? MAX_ITEMS;
  const inFlight = await countItems(step, runId, ["scheduled", "running"]);
  if (inFlight >= limit) return;
  const waiting = await step.db.selectFrom("task_items").select("idx").where("task_run_id", "=", runId).where("status", "=", "requested").orderBy("idx").limit(limit - inFlight).execute();
  for (const { idx } of waiting) await scheduleRun(step, exec, workflow, task, runId, 0, Number(idx));
}

async function countItems(step: Step, runId: string, statuses: string[]): Promise<number> {
  const rows = await step.db.selectFrom("task_items").select((eb) => eb.fn.countAll<number>().as("n")).where("task_run_id", "=", runId).where("status", "in", statuses).executeTakeFirst();
  return Number(rows?.n ?? 0);
}

/** Applies one item's outcome; ends the task when it was the last item. */
export async function completeItem(step: Step, exec: ExecutionRow, run: TaskRunRow, idx: number, outcome: TaskOutcome | CanceledOutcome): Promise<void> {
  const workflow = compiledWorkflow(exec.spec);
  const task = taskOf(workflow, run.task);
  const item = await step.db.selectFrom("task_items").select(["attempt"]).where("task_run_id", "=", run.id).where("idx", "=", idx).executeTakeFirst();
  if (!item) return;
  if (outcome.status !== "canceled" && (await retryDue(step, exec, task, objectFromJsonText(run.ctx), Number(item.attempt), outcome))) {
    await step.db.updateTable("task_items").set({ status: "requested", result: JSON.stringify(outcome.result), error: outcome.error }).where("task_run_id", "=", run.id).where("idx", "=", idx).execute();
    await scheduleRun(step, exec, workflow, task, run.id, retryWait(task, Number(item.attempt)), idx);
    await touchExecution(step, exec.id);
    return;
  }
  await step.db
    .updateTable("task_items")
    .set({ status: outcome.status, result: JSON.stringify(outcome.result), error: outcome.error, finished_ms: step.now })
    .where("task_run_id", "=", run.id)
    .where("idx", "=", idx)
    .execute();
  await scheduleMoreItems(step, exec, workflow, task, run.id);
  await touchExecution(step, exec.id);
  await endTaskIfItemsDone(step, exec, run);
}

/** When no item of the run is left to run, completes the task with the items' results. */
export async function endTaskIfItemsDone(step: Step, exec: ExecutionRow, run: TaskRunRow): Promise<void> {
  // Items never started do not hold a failing or canceling execution's task open.
  const open = exec.failing === 1 || exec.status === "canceling" ? ["scheduled", "running", "paused"] : ["requested", "scheduled", "running", "paused"];
  // One indexed probe per finished item; all results are read only once, when the last ends.
  const unfinished = await step.db.selectFrom("task_items").select("idx").where("task_run_id", "=", run.id).where("status", "in", open).limit(1).executeTakeFirst();
  if (unfinished) return;
  const items = await step.db.selectFrom("task_items").select(["idx", "status", "result", "error"]).where("task_run_id", "=", run.id).orderBy("idx").execute();
  // Items never started because the execution is failing or canceling end as canceled.
  await step.db.updateTable("task_items").set({ status: "canceled", finished_ms: step.now }).where("task_run_id", "=", run.id).where("status", "=", "requested").execute();
  const results = items.map((i) => fromJsonText(i.result));
  // A cancel stopped the task: it ends canceled (no transition), and a rerun runs those items again.
  const canceled = items.filter((i) => i.status === "canceled" || i.status === "requested");
  if (exec.status === "canceling" && canceled.length > 0) return cancelTaskRun(step, exec, run.id, { status: "canceled", result: results, error: `${canceled.length} of ${items.length} items canceled` });
  const failed = items.filter((i) => i.status !== "succeeded");
  if (failed.length === 0) return completeTaskRun(step, exec, run, { status: "succeeded", result: results, error: null, retryable: false });
  const first = failed[0];
  const error = `${failed.length} of ${items.length} items did not succeed; first: item ${first?.idx ?? "?"} ${first?.status === "requested" ? "canceled" : (first?.status ?? "")}: ${first?.error ?? "no reason given"}`;
  return completeTaskRun(step, exec, run, { status: "failed", result: results, error, retryable: false });
}
