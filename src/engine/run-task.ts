// The `engine.task` job: one run of a task (or of one item). Three steps, so that no
// transaction stays open while an action works: (1) in a step, check the run is still due and
// decide what it is — items to fan out, a sub-workflow to start, an approval to ask, or an
// action to run, with its input rendered and validated; (2) run the action, bounded by its
// timeout and aborted on cancel or a lost lease; (3) in a step, store its log and apply the
// outcome. A worker killed during (2) loses its lease; the job runs again and the action runs
// again (at least once), and a result recorded in (3) is never lost or recorded twice.
import { ActionError } from "../actions/action-error.js";
import { APPROVE_ACTION as APPROVE } from "../actions/core/approve.js";
import type { Redactor } from "../core/redact.js";
import { TaskLog } from "../actions/task-log.js";
import type { ActionDefinition } from "../actions/types.js";
import { parseDuration } from "../core/duration.js";
import { ReflexError, ValidationError } from "../core/errors.js";
import { newId } from "../core/ids.js";
import type { JsonValue } from "../core/json.js";
import { isJsonObject } from "../core/json.js";
import type { JobHandler } from "../queue/job-handler.js";
import type { ExecutionRow, TaskRunRow } from "../store/schema.js";
import { approvalRequestOf, createApproval } from "./approvals.js";
import { compiledWorkflow, taskOf } from "./compiled-workflow.js";
import { cancelTaskRun, completeTaskRun } from "./complete-task.js";
import type { CanceledOutcome, TaskOutcome } from "./complete-task.js";
import type { EngineDeps } from "./engine-deps.js";
import { parseTaskJob } from "./engine-jobs.js";
import { finishIfDone } from "./finish-execution.js";
import { completeItem, endTaskIfItemsDone, itemsOf, startItems } from "./items.js";
import { fromJsonText, objectFromJsonText, taskFunctions } from "./scope.js";
import { startExecution } from "./start-execution.js";
import { redactJson, secretsFor } from "./task-secrets.js";
import type { TaskSecrets } from "./task-secrets.js";
import type { Step } from "./step.js";
import { lockExecution, readExecution, runStep, touchExecution } from "./step.js";

/** How often a running action checks whether its execution is being canceled. */
const CANCEL_POLL_MS = 500;

/** An action ready to run, as step (1) leaves it. */
interface Ready {
  exec: ExecutionRow;
  run: TaskRunRow;
  item: number | undefined;
  attempt: number;
  action: ActionDefinition<JsonValue>;
  input: JsonValue;
  timeoutMs: number;
  secrets: Readonly<Record<string, string>>;
  redact: Redactor;
}

/** The `engine.task` handler. */
export function taskJobHandler(deps: EngineDeps): JobHandler {
  return async (job, jobContext): Promise<JsonValue> => {
    const { taskRunId, item } = parseTaskJob(job.payload);
    const secrets = await secretsFor(deps, taskRunId);
    const ready = await runStep(deps, (step) => prepare(step, taskRunId, item, job.attempts > 1, secrets));
    if (!ready) return { ran: false };
    const log = new TaskLog({ clock: deps.clock, secrets: Object.values(ready.secrets) });
    const started = performance.now();
    const outcome = await runAction(deps, ready, log, jobContext.signal);
    deps.observer?.actionRan(ready.action.ref, outcome.status, (performance.now() - started) / 1000);
    await runStep(deps, (step) => record(step, ready, outcome, log));
    return { ran: true, status: outcome.status };
  };
}

/**
 * Step (1): null when there is nothing (more) to run here. `redelivered`: this job ran before
 * and its worker died or lost the lease; a run it left `running` is run again.
 */
async function prepare(step: Step, taskRunId: string, item: number | undefined, redelivered: boolean, secrets: TaskSecrets): Promise<Ready | null> {
  const found = await step.db.selectFrom("task_runs").select("execution_id").where("id", "=", taskRunId).executeTakeFirst();
  if (!found) return null;
  // An item's start changes only its own row (a conditional update below), so the items of one
  // execution start side by side; the execution is locked only when the step decides about it.
  let exec = item === undefined ? await lockExecution(step, found.execution_id) : await readExecution(step, found.execution_id);
  const lock = async () => (item === undefined ? exec : (exec = await lockExecution(step, exec.id)));
  const run = await step.db.selectFrom("task_runs").selectAll().where("id", "=", taskRunId).executeTakeFirstOrThrow();
  const itemRow = item === undefined ? undefined : await step.db.selectFrom("task_items").selectAll().where("task_run_id", "=", run.id).where("idx", "=", item).executeTakeFirst();
  const status = item === undefined ? run.status : itemRow?.status;
  // A run left `running` by a dead worker runs its action again; a fanned-out with-items task or
  // a started sub-workflow goes on by itself.
  const orphaned = redelivered && status === "running" && (item !== undefined || (run.items_total === null && run.child_id === null));
  if (status !== "scheduled" && !orphaned) return null; // already handled
  if (exec.status === "pausing" || exec.status === "paused") {
    await lock();
    await hold(step, run.id, item, "paused");
    await finishIfDone(step, exec.id);
    return null;
  }
  if (exec.status === "canceling" || exec.failing === 1) {
    await lock();
    await hold(step, run.id, item, "canceled");
    if (item !== undefined) await endTaskIfItemsDone(step, exec, run);
    else await finishIfDone(step, exec.id);
    return null;
  }
  const workflow = compiledWorkflow(exec.spec);
  const task = taskOf(workflow, run.task);
  const ctx = objectFromJsonText(run.ctx);
  const functions = taskFunctions(step, exec.id, null);
  const fail = async (message: string): Promise<null> => {
    const outcome: TaskOutcome = { status: "failed", result: null, error: message, retryable: false };
    if (item === undefined) await completeTaskRun(step, exec, { ...run, attempt: run.attempt + 1 }, outcome);
    else await completeItem(step, await lock(), run, item, outcome);
    return null;
  };
  if ("error" in secrets) return fail(secrets.error);
  const stored = (value: JsonValue): string => JSON.stringify(redactJson(value, secrets.redact));
  try {
    if (task.items && item === undefined) {
      const items = itemsOf(await task.items.render({ ctx }, functions), run.task);
      if (items.length === 0) return await fail("never: with.items gave no items").then(() => null);
      await startItems(step, exec, run, items);
      await touchExecution(step, exec.id);
      return null;
    }
    const itemValue = itemRow ? fromJsonText(itemRow.item) : undefined;
    const input = await task.input.render({ ctx, secrets: { ...secrets.values }, ...(itemValue === undefined ? {} : { item: itemValue }) }, functions);
    const ref = task.spec.action;
    if (item === undefined && ref !== APPROVE && !step.deps.actions.get(ref) && step.deps.workflow(ref)) return await startChild(step, exec, run, ref, redactJson(input, secrets.redact)); // a sub-workflow names its own secrets
    if (item === undefined && ref === APPROVE) {
      await step.db.updateTable("task_runs").set({ status: "pending", attempt: run.attempt + 1, input: stored(input), started_ms: step.now, updated_ms: step.now }).where("id", "=", run.id).execute();
      await createApproval(step, exec, approvalRequestOf(normaliseApproveInput(input), run.id));
      return null;
    }
    const action = step.deps.actions.get(ref);
    if (!action) return await fail(`action ${ref} is not installed on this node (nor is there a workflow of that name)`);
    step.deps.actions.validateInput(ref, input);
    const attempt = (item === undefined ? run.attempt : (itemRow?.attempt ?? 0)) + 1;
    if (item === undefined) {
      await step.db.updateTable("task_runs").set({ status: "running", attempt, input: stored(input), started_ms: step.now, updated_ms: step.now }).where("id", "=", run.id).execute();
    } else {
      const started = await step.db
        .updateTable("task_items")
        .set({ status: "running", attempt, input: stored(input), started_ms: step.now })
        .where("task_run_id", "=", run.id)
        .where("idx", "=", item)
        .where("status", "=", status ?? "scheduled")
        .executeTakeFirst();
      if (started.numUpdatedRows === 0n) return null; // canceled or paused meanwhile, or started by another worker
    }
    await touchExecution(step, exec.id);
    return { exec, run, item, attempt, action, input, timeoutMs: task.spec.timeoutMs ?? action.timeoutMs, secrets: secrets.values, redact: secrets.redact };
  } catch (err) {
    if (err instanceof ReflexError || (err instanceof Error && err.name === "TemplateError")) return fail(secrets.redact(err.message));
    throw err;
  }
}

async function hold(step: Step, runId: string, item: number | undefined, status: "paused" | "canceled"): Promise<void> {
  const finished = status === "canceled" ? step.now : null;
  if (item === undefined) await step.db.updateTable("task_runs").set({ status, finished_ms: finished, updated_ms: step.now }).where("id", "=", runId).execute();
  else await step.db.updateTable("task_items").set({ status, finished_ms: finished }).where("task_run_id", "=", runId).where("idx", "=", item).execute();
}

/** A task whose action names a workflow: start it as a child; its end completes the task. */
async function startChild(step: Step, exec: ExecutionRow, run: TaskRunRow, workflow: string, input: JsonValue): Promise<null> {
  const child = await startExecution(step, {
    workflow,
    input: isJsonObject(input) ? input : {},
    trigger: { kind: "parent", executionId: exec.id, task: run.task },
    parent: { executionId: exec.id, taskRunId: run.id, rootId: exec.root_id },
    paused: false,
  });
  await step.db.updateTable("task_runs").set({ status: "running", attempt: run.attempt + 1, input: JSON.stringify(input), child_id: child.id, started_ms: step.now, updated_ms: step.now }).where("id", "=", run.id).execute();
  await touchExecution(step, exec.id);
  await finishIfDone(step, child.id);
  return null;
}

/** `core.approve` takes `timeout` as seconds or a duration string; the approval wants seconds. */
function normaliseApproveInput(input: JsonValue): JsonValue {
  if (!isJsonObject(input) || typeof input.timeout !== "string") return input;
  return { ...input, timeout: parseDuration(input.timeout, "core.approve timeout") / 1000 };
}

/** Step (2): runs the action under its timeout; never throws. An action stopped by a cancel ends `canceled`. */
async function runAction(deps: EngineDeps, ready: Ready, log: TaskLog, jobSignal: AbortSignal): Promise<TaskOutcome | CanceledOutcome> {
  const controller = new AbortController();
  let timedOut = false;
  let canceled = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new ReflexError("task_timeout", `no result after ${ready.timeoutMs} ms`));
  }, ready.timeoutMs);
  const onLease = () => controller.abort(jobSignal.reason);
  jobSignal.addEventListener("abort", onLease, { once: true });
  const poll = setInterval(() => {
    void deps.store.db
      .selectFrom("executions")
      .select("status")
      .where("id", "=", ready.exec.id)
      .executeTakeFirst()
      .then((row) => {
        if (row?.status !== "canceling" || controller.signal.aborted) return;
        canceled = true;
        controller.abort(new ReflexError("canceled", "the execution was canceled"));
      }, () => undefined);
  }, CANCEL_POLL_MS);
  try {
    const context = { executionId: ready.exec.id, taskId: ready.run.id, attempt: ready.attempt, secrets: ready.secrets, log, signal: controller.signal };
    const result = await Promise.race([ready.action.run(ready.input, context), aborted(controller.signal)]);
    return { status: "succeeded", result, error: null };
  } catch (err) {
    if (timedOut) return { status: "timeout", result: null, error: `${ready.action.ref} gave no result within ${ready.timeoutMs} ms` };
    if (canceled) return { status: "canceled", result: err instanceof ActionError ? (err.result ?? null) : null, error: err instanceof Error ? err.message : String(err) };
    if (err instanceof ActionError) return { status: "failed", result: err.result ?? null, error: err.message, retryable: err.retryable };
    // Input the schema let through but the action cannot use: the same input fails again.
    if (err instanceof ValidationError) return { status: "failed", result: null, error: err.message, retryable: false };
    return { status: "failed", result: null, error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
    clearInterval(poll);
    jobSignal.removeEventListener("abort", onLease);
  }
}

/** Rejects when `signal` aborts, so an action that ignores its signal cannot hold the task. */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason))), { once: true }));
}

/** Step (3): stores the log and applies the outcome, unless another attempt took over meanwhile. */
async function record(step: Step, ready: Ready, outcome: TaskOutcome | CanceledOutcome, log: TaskLog): Promise<void> {
  const exec = await lockExecution(step, ready.exec.id);
  const run = await step.db.selectFrom("task_runs").selectAll().where("id", "=", ready.run.id).executeTakeFirstOrThrow();
  const current = ready.item === undefined ? run : await step.db.selectFrom("task_items").select(["status", "attempt"]).where("task_run_id", "=", run.id).where("idx", "=", ready.item).executeTakeFirst();
  if (!current || current.status !== "running" || Number(current.attempt) !== ready.attempt) return;
  const lines = log.entries();
  if (lines.length > 0) {
    await step.db.insertInto("task_logs").values({ id: newId(step.now), task_run_id: run.id, item: ready.item ?? null, attempt: ready.attempt, lines: JSON.stringify(lines), created_ms: step.now }).execute();
  }
  const result = redactJson(outcome.result, ready.redact);
  if (outcome.status === "canceled") {
    const canceled: CanceledOutcome = { status: "canceled", result, error: ready.redact(outcome.error) };
    if (ready.item === undefined) await cancelTaskRun(step, exec, run.id, canceled);
    else await completeItem(step, exec, run, ready.item, canceled);
    return;
  }
  const hidden: TaskOutcome = { ...outcome, result, error: outcome.error === null ? null : ready.redact(outcome.error) };
  if (ready.item === undefined) await completeTaskRun(step, exec, run, hidden);
  else await completeItem(step, exec, run, ready.item, hidden);
}
