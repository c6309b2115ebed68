// Executions, task runs, items, logs, approvals and audit entries as the API and the CLI show
// them: camelCase, times in RFC 3339, JSON columns parsed.
import type { JsonObject, JsonValue } from "../core/json.js";
import { formatOptionalRfc3339, formatRfc3339 } from "../core/rfc3339.js";
import type { ApprovalRow, AuditLogTable, ExecutionRow, TaskItemRow, TaskRunRow } from "../store/schema.js";
import type { Selectable } from "kysely";
import { fromJsonText } from "./scope.js";

/** An execution without its tasks (lists). */
export function executionSummary(row: ExecutionRow): JsonObject {
  return {
    id: row.id,
    workflow: row.workflow,
    status: row.status,
    input: fromJsonText(row.input),
    output: fromJsonText(row.output),
    error: row.error,
    parentId: row.parent_id,
    rootId: row.root_id,
    trigger: fromJsonText(row.trigger),
    concurrencyKey: row.concurrency_key,
    version: Number(row.version),
    createdAt: formatRfc3339(Number(row.created_ms)),
    startedAt: formatOptionalRfc3339(row.started_ms === null ? null : Number(row.started_ms)),
    finishedAt: formatOptionalRfc3339(row.finished_ms === null ? null : Number(row.finished_ms)),
    updatedAt: formatRfc3339(Number(row.updated_ms)),
  };
}

/** One task run with its items and log lines. */
export function taskView(row: TaskRunRow, items: readonly TaskItemRow[], logs: readonly JsonValue[]): JsonObject {
  return {
    id: row.id,
    task: row.task,
    status: row.status,
    input: fromJsonText(row.input),
    result: fromJsonText(row.result),
    error: row.error,
    published: fromJsonText(row.published),
    attempt: Number(row.attempt),
    arrivals: Number(row.arrivals),
    childExecutionId: row.child_id,
    createdAt: formatRfc3339(Number(row.created_ms)),
    startedAt: formatOptionalRfc3339(row.started_ms === null ? null : Number(row.started_ms)),
    finishedAt: formatOptionalRfc3339(row.finished_ms === null ? null : Number(row.finished_ms)),
    durationMs: row.started_ms === null || row.finished_ms === null ? null : Number(row.finished_ms) - Number(row.started_ms),
    ...(row.items_total === null ? {} : { itemsTotal: Number(row.items_total), items: items.map(itemView) }),
    logs: [...logs],
  };
}

function itemView(row: TaskItemRow): JsonObject {
  return {
    index: Number(row.idx),
    status: row.status,
    item: fromJsonText(row.item),
    input: fromJsonText(row.input),
    result: fromJsonText(row.result),
    error: row.error,
    attempt: Number(row.attempt),
    startedAt: formatOptionalRfc3339(row.started_ms === null ? null : Number(row.started_ms)),
    finishedAt: formatOptionalRfc3339(row.finished_ms === null ? null : Number(row.finished_ms)),
  };
}

/** An approval. */
export function approvalView(row: ApprovalRow): JsonObject {
  return {
    id: row.id,
    executionId: row.execution_id,
    taskRunId: row.task_run_id,
    kind: row.kind,
    message: row.message,
    schema: fromJsonText(row.schema),
    approvers: fromJsonText(row.approvers),
    status: row.status,
    response: fromJsonText(row.response),
    answeredBy: row.answered_by,
    defaultDecision: row.default_decision,
    expiresAt: formatOptionalRfc3339(row.expires_ms === null ? null : Number(row.expires_ms)),
    createdAt: formatRfc3339(Number(row.created_ms)),
    answeredAt: formatOptionalRfc3339(row.answered_ms === null ? null : Number(row.answered_ms)),
  };
}

/** An audit log entry. */
export function auditView(row: Selectable<AuditLogTable>): JsonObject {
  return {
    id: row.id,
    at: formatRfc3339(Number(row.created_ms)),
    actor: row.actor,
    action: row.action,
    targetKind: row.target_kind,
    targetId: row.target_id,
    detail: fromJsonText(row.detail),
  };
}
