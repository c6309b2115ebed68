// The answer shapes the approvals page reads, as the server sends them
// (src/server/execution-schemas.ts: ApprovalView, ExecutionDetail; docs/http-api.md#approvals).

/** The states of an approval; only `pending` can be answered. */
export type ApprovalStatus = "pending" | "approved" | "rejected" | "expired" | "canceled";

/** The states an answered approval can be in (the Answered tab's filter). */
export const ANSWERED_STATUSES: readonly ApprovalStatus[] = ["approved", "rejected", "expired", "canceled"];

/** Who may answer: token names and roles. Both empty (or absent): any operator. */
export interface Approvers {
  roles?: string[];
  users?: string[];
}

/** `GET /api/v1/approvals/{id}` and each item of the listing. */
export interface Approval {
  id: string;
  executionId: string;
  taskRunId: string | null;
  /** `task` (a core.approve task) or `budget` (the workflow's budget is used up). */
  kind: string;
  message: string;
  /** JSON Schema the response must fit when approving; null: anything. */
  schema: unknown;
  approvers: Approvers | null;
  status: ApprovalStatus;
  response: unknown;
  /** A token name, or `timeout` when the default decision was applied. */
  answeredBy: string | null;
  defaultDecision: "approve" | "reject";
  expiresAt: string | null;
  createdAt: string;
  answeredAt: string | null;
}

/** `GET /api/v1/approvals`. */
export interface ApprovalList {
  items: Approval[];
}

/** `POST /api/v1/approvals/{id}` body. */
export interface AnswerBody {
  decision: "approve" | "reject";
  response?: unknown;
}

/** What the page reads of an execution (`GET /api/v1/executions/{id}`): the context of a question. */
export interface ExecutionContext {
  id: string;
  workflow: string;
  status: string;
  input: unknown;
  trigger: ExecutionTrigger | null;
  createdAt: string;
  tasks: { id: string; task: string; status: string }[];
}

/** What started an execution; rule triggers name the event. */
export interface ExecutionTrigger {
  kind: string;
  by?: string;
  rule?: string;
  event?: { id: string; source?: string; type?: string; subject?: string };
}
