// A task run has an outcome (its action returned or failed, its items are all done, its
// sub-workflow or approval ended). In the same step: retry it if `retry` says so; otherwise
// record the outcome and take every transition whose `when` holds, in order — publishing into
// the context, reaching tasks, running engine commands — and if the task failed without any
// taken transition handling it, doom the execution (fail-fast: running tasks finish, nothing
// new starts). Then see whether the execution is done.
import type { JsonObject, JsonValue } from "../core/json.js";
import type { ExecutionRow, TaskRunRow } from "../store/schema.js";
import type { CompiledTask, CompiledWorkflow } from "./compiled-workflow.js";
import { compiledWorkflow, taskOf } from "./compiled-workflow.js";
import { finishIfDone } from "./finish-execution.js";
import { reachTask, scheduleRun } from "./reach-task.js";
import { objectFromJsonText, taskFunctions, truthy } from "./scope.js";
import { FAILED_TASK } from "./statuses.js";
import type { Step } from "./step.js";
import { touchExecution } from "./step.js";

/** How a run (or an item) ended. */
export interface TaskOutcome {
  status: "succeeded" | "failed" | "timeout";
  result: JsonValue;
  error: string | null;
  /** False when trying again cannot help (bad input); `retry` is then skipped. */
  retryable?: boolean;
}

/** How a run (or an item) whose action a cancel stopped ends: `canceled`, never retried, no transition taken. */
export interface CanceledOutcome {
  status: "canceled";
  result: JsonValue;
  error: string;
}

/** Ends the task run `runId` of the locked, canceling execution `exec` as canceled, then sees whether the execution is done. */
export async function cancelTaskRun(step: Step, exec: ExecutionRow, runId: string, outcome: CanceledOutcome): Promise<void> {
  await recordAttempt(step, runId, outcome, "canceled", step.now);
  await touchExecution(step, exec.id);
  await finishIfDone(step, exec.id);
}

/** Applies `outcome` to the task run `run` of the locked execution `exec`. */
export async function completeTaskRun(step: Step, exec: ExecutionRow, run: TaskRunRow, outcome: TaskOutcome): Promise<void> {
  const workflow = compiledWorkflow(exec.spec);
  const task = taskOf(workflow, run.task);
  const ctx = objectFromJsonText(run.ctx);
  if (await retryDue(step, exec, task, ctx, Number(run.attempt), outcome)) {
    await recordAttempt(step, run.id, outcome, "requested");
    await scheduleRun(step, exec, workflow, task, run.id, retryWait(task, Number(run.attempt)));
    await touchExecution(step, exec.id);
    return;
  }
  await recordAttempt(step, run.id, outcome, outcome.status, step.now);
  await takeTransitions(step, exec, workflow, task, run, ctx, outcome);
  await touchExecution(step, exec.id);
  await finishIfDone(step, exec.id);
}

/** True when `retry` applies: attempts are left and its `when` (default: the task failed) holds. */
export async function retryDue(step: Step, exec: ExecutionRow, task: CompiledTask, ctx: JsonObject, attempt: number, outcome: TaskOutcome): Promise<boolean> {
  const retry = task.spec.retry;
  if (!retry || attempt > retry.count || outcome.retryable === false || exec.failing === 1 || exec.status === "canceling") return false;
  const functions = taskFunctions(step, exec.id, outcome.status);
  if (!task.retryWhen) return FAILED_TASK.has(outcome.status);
  try {
    return truthy(await task.retryWhen.render({ ctx, result: outcome.result }, functions));
  } catch {
    return false;
  }
}

/** The wait before the retry that follows attempt `attempt` (1-based). */
export function retryWait(task: CompiledTask, attempt: number): number {
  const retry = task.spec.retry;
  if (!retry) return 0;
  return Math.round(retry.delayMs * retry.backoff ** Math.max(0, attempt - 1));
}

async function recordAttempt(step: Step, id: string, outcome: TaskOutcome | CanceledOutcome, status: string, finishedMs: number | null = null): Promise<void> {
  await step.db
    .updateTable("task_runs")
    .set({ status, result: JSON.stringify(outcome.result), error: outcome.error, finished_ms: finishedMs, updated_ms: step.now })
    .where("id", "=", id)
    .execute();
}

async function takeTransitions(step: Step, exec: ExecutionRow, workflow: CompiledWorkflow, task: CompiledTask, run: TaskRunRow, ctx: JsonObject, outcome: TaskOutcome): Promise<void> {
  const functions = taskFunctions(step, exec.id, outcome.status);
  let context = ctx;
  const published: JsonObject = {};
  const reached: [string, JsonObject][] = [];
  let handled = false;
  let doom: string | null = null;
  let retry = false;
  for (const [i, transition] of task.next.entries()) {
    try {
      if (transition.when && !truthy(await transition.when.render({ ctx: context, result: outcome.result }, functions))) continue;
      for (const [name, template] of transition.publish) {
        const value = await template.render({ ctx: context, result: outcome.result }, functions);
        context = { ...context, [name]: value };
        published[name] = value;
      }
    } catch (err) {
      doom = `task ${run.task}, transition ${i}: ${err instanceof Error ? err.message : String(err)}`;
      break;
    }
    for (const target of transition.tasks) reached.push([target, context]);
    if (transition.tasks.length > 0 || transition.commands.includes("noop")) handled = true;
    if (transition.commands.includes("retry")) retry = handled = true;
    if (transition.commands.includes("fail")) doom ??= `task ${run.task} ran the fail command`;
  }
  if (Object.keys(published).length > 0) await step.db.updateTable("task_runs").set({ published: JSON.stringify(published) }).where("id", "=", run.id).execute();
  if (doom === null && FAILED_TASK.has(outcome.status) && !handled) doom = `task ${run.task} ${outcome.status === "timeout" ? "timed out" : "failed"}: ${outcome.error ?? "no reason given"}`;
  if (doom !== null && exec.failing === 0) {
    // A canceling execution keeps its reason ("canceled by …"); it only stops starting work.
    await touchExecution(step, exec.id, exec.status === "canceling" ? { failing: 1 } : { failing: 1, error: doom });
    exec.failing = 1;
  }
  for (const [target, targetCtx] of reached) await reachTask(step, exec, workflow, target, targetCtx);
  if (retry && exec.failing === 0) {
    await step.db.updateTable("task_runs").set({ status: "requested", finished_ms: null, updated_ms: step.now }).where("id", "=", run.id).execute();
    await scheduleRun(step, exec, workflow, task, run.id, 0);
  }
}
