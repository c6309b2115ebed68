// Questions to people (StackStorm inquiries, Whale's ChatOps confirmation): a `core.approve`
// task, or an execution held because its workflow's budget is used up. The execution waits in
// `pending` — durably, across restarts — until someone allowed answers, or until the timeout
// applies the default decision (a stored run-at job, never an in-memory timer). The answer,
// its response and who gave it are kept with the approval.
import type { ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import { ConflictError, NotFoundError, ReflexError, ValidationError } from "../core/errors.js";
import { isRole, roleAllows } from "../core/roles.js";
import { APPROVAL_REQUESTED_EVENT } from "../core/engine-events.js";
import { newId } from "../core/ids.js";
import type { JsonObject, JsonValue } from "../core/json.js";
import { isJsonObject } from "../core/json.js";
import { enqueue } from "../queue/enqueue.js";
import type { ApprovalRow, ExecutionRow } from "../store/schema.js";
import { completeTaskRun } from "./complete-task.js";
import { APPROVAL_TIMEOUT_JOB, DEFAULT_WORKFLOW_QUEUE } from "./engine-jobs.js";
import { endExecution } from "./finish-execution.js";
import { fromJsonText } from "./scope.js";
import { beginExecution } from "./start-execution.js";
import type { Step } from "./step.js";
import { lockExecution, touchExecution } from "./step.js";

export type Decision = "approve" | "reject";

/** Who may answer; empty: any operator. */
export interface Approvers {
  roles?: string[];
  users?: string[];
}

export interface ApprovalRequest {
  kind: "task" | "budget";
  message: string;
  taskRunId: string | null;
  defaultDecision: Decision;
  schema?: JsonObject;
  approvers?: Approvers;
  timeoutMs?: number;
}

/** Stores a pending approval (and its timeout job) and puts the execution in `pending`. */
export async function createApproval(step: Step, exec: ExecutionRow, request: ApprovalRequest): Promise<string> {
  const id = newId(step.now);
  const expires = request.timeoutMs === undefined ? null : step.now + request.timeoutMs;
  await step.db
    .insertInto("approvals")
    .values({
      id,
      execution_id: exec.id,
      task_run_id: request.taskRunId,
      kind: request.kind,
      message: request.message,
      schema: request.schema ? JSON.stringify(request.schema) : null,
      approvers: JSON.stringify(request.approvers ?? {}),
      status: "pending",
      response: null,
      answered_by: null,
      default_decision: request.defaultDecision,
      expires_ms: expires,
      created_ms: step.now,
      answered_ms: null,
    })
    .execute();
  if (expires !== null) {
    await enqueue(step.db, step.deps.clock, { kind: APPROVAL_TIMEOUT_JOB, queue: DEFAULT_WORKFLOW_QUEUE, payload: { approvalId: id }, runAt: expires, idempotencyKey: `approval-timeout:${id}` });
  }
  await touchExecution(step, exec.id, { status: "pending" });
  const data = { approvalId: id, message: request.message, workflow: exec.workflow, executionId: exec.id, kind: request.kind, expiresAt: expires === null ? null : new Date(expires).toISOString() };
  step.after.push(() => step.deps.emit({ type: APPROVAL_REQUESTED_EVENT, subject: id, data }));
  return id;
}

/** Who answers, as the API knows them. */
export interface Answerer {
  name: string;
  role: string;
}

const ajv = new Ajv2020({ allErrors: false, strict: false });
const validators = new Map<string, ValidateFunction>();

/** Records an answer and lets the execution go on; throws when the approval is not pending or the answerer not allowed. */
export async function answerApproval(step: Step, id: string, decision: Decision, response: JsonValue, by: Answerer): Promise<ApprovalRow> {
  const approval = await step.db.selectFrom("approvals").selectAll().where("id", "=", id).executeTakeFirst();
  if (!approval) throw new NotFoundError("approval", id);
  if (approval.status !== "pending") throw new ConflictError(`approval ${id} was already ${approval.status} by ${approval.answered_by ?? "nobody"}; it cannot be answered again`);
  checkApprover(approval, by);
  if (decision === "approve" && approval.schema !== null) checkResponse(approval.schema, response);
  return settle(step, approval, decision === "approve" ? "approved" : "rejected", response, by.name);
}

/** Applies the default decision to an approval nobody answered in time (the timeout job). */
export async function expireApproval(step: Step, id: string): Promise<void> {
  const approval = await step.db.selectFrom("approvals").selectAll().where("id", "=", id).executeTakeFirst();
  if (!approval || approval.status !== "pending") return;
  await settle(step, approval, "expired", null, "timeout");
}

async function settle(step: Step, approval: ApprovalRow, status: "approved" | "rejected" | "expired", response: JsonValue, by: string): Promise<ApprovalRow> {
  const approved = status === "approved" || (status === "expired" && approval.default_decision === "approve");
  const settled: ApprovalRow = { ...approval, status, response: JSON.stringify(response), answered_by: by, answered_ms: step.now };
  await step.db.updateTable("approvals").set({ status, response: settled.response, answered_by: by, answered_ms: step.now }).where("id", "=", approval.id).execute();
  const exec = await lockExecution(step, approval.execution_id);
  if (approval.kind === "budget") {
    if (exec.status !== "pending") return settled;
    if (approved) await beginExecution(step, exec);
    else await endExecution(step, exec, { status: "canceled", output: null, error: `not run: the budget approval was ${status} by ${by}` });
    return settled;
  }
  const run = approval.task_run_id === null ? undefined : await step.db.selectFrom("task_runs").selectAll().where("id", "=", approval.task_run_id).executeTakeFirst();
  if (!run || run.status !== "pending") return settled;
  await step.db.updateTable("task_runs").set({ status: "running" }).where("id", "=", run.id).execute();
  const stillPending = await step.db.selectFrom("task_runs").select("id").where("execution_id", "=", exec.id).where("status", "=", "pending").executeTakeFirst();
  if (!stillPending && exec.status === "pending") {
    await touchExecution(step, exec.id, { status: "running" });
    exec.status = "running";
  }
  const result = { decision: approved ? "approve" : "reject", response: fromJsonText(settled.response), by, status };
  await completeTaskRun(step, exec, { ...run, status: "running" }, approved ? { status: "succeeded", result, error: null } : { status: "failed", result, error: `approval ${status} by ${by}`, retryable: false });
  return settled;
}

function checkApprover(approval: ApprovalRow, by: Answerer): void {
  const allowed = JSON.parse(approval.approvers) as Approvers;
  const roles = allowed.roles ?? [];
  const users = allowed.users ?? [];
  if (roles.length === 0 && users.length === 0) return;
  // A role also answers for the roles it includes (an admin for operators).
  if (users.includes(by.name) || roles.some((role) => isRole(by.role) && isRole(role) && roleAllows(by.role, role))) return;
  throw new ReflexError("not_an_approver", `${by.name} (role ${by.role}) may not answer approval ${approval.id}; allowed: ${[...users.map((u) => `user ${u}`), ...roles.map((r) => `role ${r}`)].join(", ")}`, { status: 403 });
}

function checkResponse(schemaText: string, response: JsonValue): void {
  let validate = validators.get(schemaText);
  if (!validate) validators.set(schemaText, (validate = ajv.compile(JSON.parse(schemaText) as JsonObject)));
  if (validate(response)) return;
  const first = validate.errors?.[0];
  const pointer = `/response${first?.instancePath ?? ""}`;
  throw new ValidationError(`the response does not fit the approval's schema: ${pointer} ${first?.message ?? ""} (schema keyword '${first?.keyword ?? "?"}')`, { pointer });
}

/** Reads `core.approve`'s input into an approval request. */
export function approvalRequestOf(input: JsonValue, taskRunId: string): ApprovalRequest {
  const o = isJsonObject(input) ? input : {};
  const request: ApprovalRequest = {
    kind: "task",
    message: typeof o.message === "string" ? o.message : "approve?",
    taskRunId,
    defaultDecision: o.default === "approve" ? "approve" : "reject",
  };
  if (isJsonObject(o.schema)) request.schema = o.schema;
  if (isJsonObject(o.approvers)) {
    const roles = o.approvers.roles;
    const users = o.approvers.users;
    request.approvers = {
      ...(Array.isArray(roles) ? { roles: roles.filter((r): r is string => typeof r === "string") } : {}),
      ...(Array.isArray(users) ? { users: users.filter((u): u is string => typeof u === "string") } : {}),
    };
  }
  if (typeof o.timeout === "number") request.timeoutMs = Math.round(o.timeout * 1000);
  return request;
}
