// The answers the executions pages read, as the server sends them (src/server/execution-schemas.ts
// and src/engine/views.ts are the truth; docs/http-api.md describes them). Values whose shape is
// the workflow's own (inputs, results, outputs) stay `unknown`.

/** Every status an execution can be in (src/engine/statuses.ts). */
export type ExecutionStatus = "requested" | "running" | "pending" | "pausing" | "paused" | "resuming" | "succeeded" | "failed" | "timeout" | "canceling" | "canceled";

/** Every status a task run, or one item of a with-items task, can be in. */
export type TaskStatus = "requested" | "scheduled" | "running" | "pending" | "paused" | "succeeded" | "failed" | "timeout" | "canceled";

/** `GET /api/v1/executions` items: an execution without its tasks. */
export interface ExecutionSummary {
  id: string;
  workflow: string;
  /** An ExecutionStatus; typed as string because the server may grow new ones. */
  status: string;
  input: unknown;
  output: unknown;
  error: string | null;
  parentId: string | null;
  rootId: string;
  /** What started it: `{kind: api, by}`, `{kind: rule, deliveryId, event}`, `{kind: rerun, of, by, tasks}`, … */
  trigger: unknown;
  concurrencyKey: string | null;
  version: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
}

/** `GET /api/v1/executions`. */
export interface ExecutionPage {
  items: ExecutionSummary[];
  nextCursor: string | null;
}

/** One log line of a task run, as the execution view carries it. */
export interface TaskLogLine {
  /** RFC 3339 (the docs also allow epoch ms). */
  ts: string | number;
  stream: string;
  line: string;
  attempt: number;
  item: number | null;
}

/** One item of a with-items task run. */
export interface TaskItem {
  index: number;
  status: string;
  item: unknown;
  input: unknown;
  result: unknown;
  error: string | null;
  attempt: number;
  startedAt: string | null;
  finishedAt: string | null;
}

/** One run of a task (a task reached twice has two runs). */
export interface TaskRun {
  id: string;
  task: string;
  /** A TaskStatus. */
  status: string;
  input: unknown;
  result: unknown;
  error: string | null;
  published: unknown;
  attempt: number;
  arrivals: number;
  childExecutionId: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  itemsTotal?: number;
  items?: TaskItem[];
  logs: TaskLogLine[];
}

/** `GET /api/v1/executions/:id` (and each `execution` event of its live stream). */
export interface ExecutionView extends ExecutionSummary {
  tasks: TaskRun[];
  /** Ids of its sub-workflow executions. */
  children: string[];
}

/** One entry of a task's `next`. */
export interface TransitionSpec {
  when?: string;
  publish: Record<string, unknown>;
  /** Task names and engine commands (`continue`, `fail`, `noop`, `retry`). */
  do: string[];
}

/** One task of a workflow as Reflex reads it (durations in ms). */
export interface TaskSpec {
  name: string;
  /** An action ref, or another workflow's name (a sub-workflow). */
  action: string;
  input: Record<string, unknown>;
  next: TransitionSpec[];
  join?: "all" | number;
  with?: { items: string; concurrency?: number };
  retry?: { count: number; delayMs: number; backoff: number; when?: string };
  delayMs?: number;
  timeoutMs?: number;
  queue?: string;
}

/** `GET /api/v1/workflows/:name`. */
export interface WorkflowDetail {
  name: string;
  description?: string;
  input: Record<string, unknown>[];
  vars: Record<string, unknown>;
  output?: unknown;
  tasks: TaskSpec[];
  queue?: string;
  origin: { file: string; line: number; col: number } | null;
  guards: { workflow: string; consecutiveFailures: number; circuitOpen: boolean; openedAt: string | null };
}

/** `GET /api/v1/workflows` items. */
export interface WorkflowSummary {
  name: string;
  description?: string;
  taskCount: number;
}

/** `GET /api/v1/approvals` items (the fields the task panel shows). */
export interface ApprovalSummary {
  id: string;
  executionId: string;
  taskRunId: string | null;
  kind: string;
  message: string;
  status: string;
  expiresAt: string | null;
  defaultDecision: string;
  createdAt: string;
}
