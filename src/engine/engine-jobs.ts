// The job kinds the engine puts on the durable queue, and their payloads. Every step of an
// execution is one of these jobs: a crashed worker's step runs again elsewhere.
import type { JsonValue } from "../core/json.js";
import { isJsonObject } from "../core/json.js";
import { PermanentJobError } from "../queue/permanent-job-error.js";

/** Runs one task run's action (or one item of a with-items task). */
export const TASK_JOB = "engine.task";
/** Applies an approval's default decision when nobody answered in time. */
export const APPROVAL_TIMEOUT_JOB = "engine.approval-timeout";

/** The worker pool tasks run in when neither the task nor its workflow names one. */
export { WORKFLOWS_QUEUE as DEFAULT_WORKFLOW_QUEUE } from "../core/workflow-jobs.js";

export interface TaskJobPayload {
  taskRunId: string;
  /** The item index, for one item of a with-items task. */
  item?: number;
}

/** Reads a task job's payload, or fails the job for good. */
export function parseTaskJob(payload: JsonValue): TaskJobPayload {
  if (isJsonObject(payload) && typeof payload.taskRunId === "string" && (payload.item === undefined || Number.isInteger(payload.item))) {
    return typeof payload.item === "number" ? { taskRunId: payload.taskRunId, item: payload.item } : { taskRunId: payload.taskRunId };
  }
  throw new PermanentJobError(`${JSON.stringify(payload).slice(0, 200)} is not an ${TASK_JOB} payload: it needs taskRunId (and item, a whole number, for an item)`);
}

/** Reads an approval timeout job's payload. */
export function parseApprovalTimeoutJob(payload: JsonValue): { approvalId: string } {
  if (isJsonObject(payload) && typeof payload.approvalId === "string") return { approvalId: payload.approvalId };
  throw new PermanentJobError(`${JSON.stringify(payload).slice(0, 200)} is not an ${APPROVAL_TIMEOUT_JOB} payload: it needs approvalId`);
}
