// What operators do to executions: cancel, pause, resume (each cascading into sub-workflows)
// and rerun. Each is one step. Cancel and pause take effect at once for work not yet running
// (it is canceled or held) and at the end of work that is running (an action sees its signal
// aborted on cancel; on pause it is let finish).
import { ConflictError } from "../core/errors.js";
import { newId } from "../core/ids.js";
import type { ExecutionRow, TaskRunRow } from "../store/schema.js";
import { compiledWorkflow, taskOf } from "./compiled-workflow.js";
import { endExecution, finishIfDone } from "./finish-execution.js";
import { endTaskIfItemsDone, scheduleMoreItems } from "./items.js";
import { scheduleRun } from "./reach-task.js";
import { FAILED_TASK, FINISHED_EXECUTION } from "./statuses.js";
import type { Step } from "./step.js";
import { lockExecution, touchExecution } from "./step.js";

const WAITING_TASK = ["requested", "scheduled", "paused", "pending"];

/** Cancels an execution and its sub-workflows. */
export async function cancelExecution(step: Step, id: string, by: string): Promise<ExecutionRow> {
  const exec = await lockExecution(step, id);
  if (FINISHED_EXECUTION.has(exec.status)) throw new ConflictError(`execution ${id} already ended (${exec.status}); nothing to cancel`);
  const reason = `canceled by ${by}`;
  if (exec.status === "requested" || (exec.status === "pending" && exec.started_ms === null)) {
    await endExecution(step, exec, { status: "canceled", output: null, error: reason });
  } else {
    await touchExecution(step, id, { status: "canceling", error: reason });
    const runs = await step.db.selectFrom("task_runs").select("id").where("execution_id", "=", id).execute();
    const runIds = runs.map((r) => r.id);
    if (runIds.length > 0) {
      await step.db.updateTable("task_items").set({ status: "canceled", finished_ms: step.now }).where("task_run_id", "in", runIds).where("status", "in", ["requested", "scheduled", "paused"]).execute();
    }
    await step.db.updateTable("task_runs").set({ status: "canceled", finished_ms: step.now, updated_ms: step.now }).where("execution_id", "=", id).where("status", "in", WAITING_TASK).execute();
    await step.db.updateTable("approvals").set({ status: "canceled", answered_by: by, answered_ms: step.now }).where("execution_id", "=", id).where("status", "=", "pending").execute();
    // A with-items task none of whose items is still running ends now; no item's end would end it.
    const canceling: ExecutionRow = { ...exec, status: "canceling", error: reason };
    const fannedOut = await step.db.selectFrom("task_runs").selectAll().where("execution_id", "=", id).where("status", "=", "running").where("items_total", "is not", null).execute();
    for (const run of fannedOut) await endTaskIfItemsDone(step, canceling, run);
    await finishIfDone(step, id);
  }
  for (const child of await activeChildren(step, id)) await cancelExecution(step, child, by);
  return lockExecution(step, id);
}

/** Pauses an execution and its sub-workflows: nothing new starts; running work finishes. */
export async function pauseExecution(step: Step, id: string): Promise<ExecutionRow> {
  const exec = await lockExecution(step, id);
  if (exec.status !== "running" && exec.status !== "pending") throw new ConflictError(`execution ${id} is ${exec.status}; only a running or pending execution can be paused`);
  await touchExecution(step, id, { status: "pausing" });
  const runIds = (await step.db.selectFrom("task_runs").select("id").where("execution_id", "=", id).execute()).map((r) => r.id);
  if (runIds.length > 0) await step.db.updateTable("task_items").set({ status: "paused" }).where("task_run_id", "in", runIds).where("status", "=", "scheduled").execute();
  await step.db.updateTable("task_runs").set({ status: "paused", updated_ms: step.now }).where("execution_id", "=", id).where("status", "=", "scheduled").execute();
  for (const child of await activeChildren(step, id)) await pauseExecution(step, child).catch(() => undefined);
  await finishIfDone(step, id);
  return lockExecution(step, id);
}

/** Resumes a paused (or pausing) execution and its sub-workflows. */
export async function resumeExecution(step: Step, id: string): Promise<ExecutionRow> {
  const exec = await lockExecution(step, id);
  if (exec.status !== "paused" && exec.status !== "pausing") throw new ConflictError(`execution ${id} is ${exec.status}; only a paused execution can be resumed`);
  const pendingApproval = await step.db.selectFrom("task_runs").select("id").where("execution_id", "=", id).where("status", "=", "pending").executeTakeFirst();
  const status = pendingApproval ? "pending" : "running";
  await touchExecution(step, id, { status });
  const running: ExecutionRow = { ...exec, status };
  const workflow = compiledWorkflow(exec.spec);
  const held = await step.db.selectFrom("task_runs").selectAll().where("execution_id", "=", id).where("status", "in", ["paused", "running"]).execute();
  for (const run of held) {
    const task = taskOf(workflow, run.task);
    if (run.status === "paused") await scheduleRun(step, running, workflow, task, run.id, 0);
    else if (run.items_total !== null) {
      await step.db.updateTable("task_items").set({ status: "requested" }).where("task_run_id", "=", run.id).where("status", "=", "paused").execute();
      await scheduleMoreItems(step, running, workflow, task, run.id);
    }
  }
  const children = await step.db.selectFrom("executions").select("id").where("parent_id", "=", id).where("status", "in", ["paused", "pausing"]).execute();
  for (const child of children) await resumeExecution(step, child.id);
  return lockExecution(step, id);
}

async function activeChildren(step: Step, id: string): Promise<string[]> {
  const rows = await step.db.selectFrom("executions").select(["id", "status"]).where("parent_id", "=", id).execute();
  return rows.filter((r) => !FINISHED_EXECUTION.has(r.status)).map((r) => r.id);
}

/**
 * Starts a new execution of the same workflow (the spec and context it ran with) that picks
 * up where `id` ended: runs that succeeded are carried over as they were, and the tasks that
 * failed or were canceled — or the `tasks` named — run again from the context they had; of a
 * with-items task only the items that did not succeed run again. A join that was still waiting
 * is carried over waiting, with the arrivals it had, so the tasks run again complete it.
 */
export async function rerunExecution(step: Step, id: string, by: string, tasks?: readonly string[]): Promise<string> {
  const old = await lockExecution(step, id);
  if (!FINISHED_EXECUTION.has(old.status)) throw new ConflictError(`execution ${id} is still ${old.status}; rerun it once it has ended`);
  const workflow = compiledWorkflow(old.spec);
  for (const name of tasks ?? []) taskOf(workflow, name);
  const runs = await step.db.selectFrom("task_runs").selectAll().where("execution_id", "=", id).orderBy("created_ms").orderBy("id").execute();
  // A join canceled while it waited for arrivals never was due: it is carried over waiting.
  const waitingJoin = (r: TaskRunRow) => r.status === "canceled" && r.started_ms === null && Number(r.arrivals) < taskOf(workflow, r.task).arrivalsNeeded;
  const again = runs.filter((r) => (tasks ? tasks.includes(r.task) : FAILED_TASK.has(r.status) || (r.status === "canceled" && !waitingJoin(r))));
  if (again.length === 0) throw new ConflictError(tasks ? `execution ${id} never ran task(s) ${tasks.join(", ")}` : `execution ${id} has no failed or canceled task to run again; name the tasks to rerun`);
  const newExec: ExecutionRow = {
    ...old,
    id: newId(step.now),
    status: "running",
    output: null,
    error: null,
    failing: 0,
    parent_id: null,
    parent_task_id: null,
    root_id: "",
    trigger: JSON.stringify({ kind: "rerun", of: id, by, tasks: again.map((r) => r.task) }),
    trigger_key: null,
    version: 0,
    created_ms: step.now,
    started_ms: step.now,
    finished_ms: null,
    updated_ms: step.now,
  };
  newExec.root_id = newExec.id;
  await step.db.insertInto("executions").values(newExec).execute();
  const rerun = new Set(again.map((r) => r.id));
  for (const run of runs) {
    const redo = rerun.has(run.id);
    if (!redo && waitingJoin(run)) {
      await step.db.insertInto("task_runs").values({ ...run, id: newId(step.now), execution_id: newExec.id, status: "requested", finished_ms: null, updated_ms: step.now }).execute();
      continue;
    }
    if (!redo && run.status !== "succeeded") continue;
    const copyId = newId(step.now);
    const withItems = redo && run.items_total !== null;
    await step.db
      .insertInto("task_runs")
      .values({ ...run, id: copyId, execution_id: newExec.id, status: redo ? (withItems ? "running" : "requested") : run.status, attempt: redo && !withItems ? 0 : run.attempt, result: redo ? null : run.result, error: redo ? null : run.error, published: redo ? null : run.published, finished_ms: redo ? null : run.finished_ms, child_id: redo ? null : run.child_id, updated_ms: step.now })
      .execute();
    if (run.items_total !== null) {
      const items = await step.db.selectFrom("task_items").selectAll().where("task_run_id", "=", run.id).execute();
      if (items.length > 0) await step.db.insertInto("task_items").values(items.map((i) => ({ ...i, task_run_id: copyId, ...(redo && i.status !== "succeeded" ? { status: "requested", result: null, error: null, attempt: 0, finished_ms: null } : {}) }))).execute();
    }
    if (!redo) continue;
    const task = taskOf(workflow, run.task);
    if (withItems) await scheduleMoreItems(step, newExec, workflow, task, copyId);
    else await scheduleRun(step, newExec, workflow, task, copyId, 0);
  }
  return newExec.id;
}
