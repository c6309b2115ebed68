// Starting an execution: resolve the inputs, render the vars, pass the guards, store the
// execution with the spec it runs (so later config changes do not touch it), and reach its
// start tasks — all in one step. A start that carries a trigger key (a rule's delivery id)
// is idempotent: repeating it finds the first execution.
import type { WorkflowSpec } from "../config/workflow-types.js";
import { NotFoundError } from "../core/errors.js";
import { newId } from "../core/ids.js";
import type { JsonObject, JsonValue } from "../core/json.js";
import type { ExecutionRow } from "../store/schema.js";
import { createApproval } from "./approvals.js";
import { compiledWorkflow } from "./compiled-workflow.js";
import { admit } from "./guards.js";
import type { Admission } from "./guards.js";
import { reachTask } from "./reach-task.js";
import { objectFromJsonText } from "./scope.js";
import type { Step } from "./step.js";
import { touchExecution } from "./step.js";
import { resolveInputs } from "./workflow-inputs.js";

/** What to start. */
export interface StartRequest {
  workflow: string;
  input: JsonObject;
  /** What started it, kept with the execution (`{kind: "api", by}`, `{kind: "rule", …}`). */
  trigger: JsonObject;
  /** Makes the start idempotent (e.g. the rule delivery's id). */
  triggerKey?: string;
  /** For a sub-workflow: the parent execution and its task run. */
  parent?: { executionId: string; taskRunId: string; rootId: string };
  /** Start held (pause-all is on): tasks are recorded but wait for resume. */
  paused?: boolean;
  /** The event that caused it (a rule's match), available to expressions as `ctx.event`. */
  event?: JsonValue;
}

export interface StartResult {
  id: string;
  status: string;
  /** False when the trigger key found an earlier execution. */
  created: boolean;
}

/** Starts an execution in `step`; throws NotFoundError or ValidationError for a bad request. */
export async function startExecution(step: Step, request: StartRequest): Promise<StartResult> {
  if (request.triggerKey !== undefined) {
    const earlier = await step.db.selectFrom("executions").select(["id", "status"]).where("trigger_key", "=", request.triggerKey).executeTakeFirst();
    if (earlier) return { id: earlier.id, status: earlier.status, created: false };
  }
  const spec = step.deps.workflow(request.workflow);
  if (!spec) throw new NotFoundError("workflow", request.workflow, "declare it with kind: Workflow in the config directory");
  const specText = JSON.stringify(spec);
  const workflow = compiledWorkflow(specText);
  let ctx: JsonObject = resolveInputs(spec, request.input);
  if (request.event !== undefined) ctx = { ...ctx, event: request.event };
  for (const [name, template] of workflow.vars) ctx = { ...ctx, [name]: await template.render({ ctx }) };
  const key = spec.concurrency ? (workflow.concurrencyKey ? keyText(await workflow.concurrencyKey.render({ ctx })) : "") : null;
  const admission: Admission = request.parent ? { status: "running" } : await admit(step, spec, key);
  const id = newId(step.now);
  const exec: ExecutionRow = {
    id,
    workflow: spec.name,
    spec: specText,
    status: admission.status === "running" ? "requested" : admission.status,
    input: JSON.stringify(request.input),
    ctx: JSON.stringify(ctx),
    output: null,
    error: admission.status === "running" ? null : admission.reason,
    failing: 0,
    parent_id: request.parent?.executionId ?? null,
    parent_task_id: request.parent?.taskRunId ?? null,
    root_id: request.parent?.rootId ?? id,
    trigger: JSON.stringify(request.trigger),
    trigger_key: request.triggerKey ?? null,
    concurrency_key: key,
    version: 0,
    created_ms: step.now,
    started_ms: null,
    finished_ms: admission.status === "canceled" ? step.now : null,
    updated_ms: step.now,
  };
  await step.db.insertInto("executions").values(exec).execute();
  if (admission.status === "running") await beginExecution(step, exec, request.paused === true);
  else if (admission.status === "pending") await createApproval(step, exec, { kind: "budget", message: admission.reason, taskRunId: null, defaultDecision: "reject" });
  const status = admission.status === "running" ? (request.paused === true ? "paused" : "running") : admission.status;
  return { id, status, created: true };
}

/** Moves a stored execution to running (or paused) and reaches its start tasks. */
export async function beginExecution(step: Step, exec: ExecutionRow, paused = false): Promise<void> {
  const status = paused ? "paused" : "running";
  await touchExecution(step, exec.id, { status, started_ms: step.now, error: null });
  const running: ExecutionRow = { ...exec, status, started_ms: step.now, error: null };
  const workflow = compiledWorkflow(exec.spec);
  const ctx = objectFromJsonText(exec.ctx);
  for (const name of workflow.startTasks) await reachTask(step, running, workflow, name, ctx);
}

function keyText(value: JsonValue): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The spec an execution runs. */
export function specOf(exec: ExecutionRow): WorkflowSpec {
  return compiledWorkflow(exec.spec).spec;
}
