// JSON Schemas (TypeBox) of the workflow engine's API: executions with their task runs, items
// and log lines, approvals, workflows with their guard state, actions, the pause switch and
// the audit log. They follow src/engine/views.ts field for field (a field missing here would
// be dropped by the serializer); values whose shape is the workflow's own (inputs, results,
// outputs) are left open.
import { Type } from "typebox";
import type { TSchema } from "typebox";
import type { ExecutionStatus } from "../engine/index.js";

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Time = () => Type.String({ format: "date-time" });
const Any = (description: string) => Type.Unknown({ description });
const Open = (description: string) => Type.Record(Type.String(), Type.Unknown(), { description });

/** Every execution status, each with what it means (a Record, so a new status must be described here). */
const EXECUTION_STATUS_MEANING: Record<ExecutionStatus, string> = {
  requested: "waiting for a concurrency slot",
  running: "tasks are running",
  pending: "waiting for an approval",
  pausing: "paused; running work is finishing",
  paused: "nothing runs until resumed",
  resuming: "being resumed",
  succeeded: "ended well",
  failed: "ended with an unhandled task failure",
  timeout: "ended by a timeout",
  canceling: "canceled; running work is stopping",
  canceled: "ended by a cancel, a guard or a rejected budget approval",
};

/** The execution statuses, for filters. */
export const EXECUTION_STATUSES = Object.keys(EXECUTION_STATUS_MEANING) as ExecutionStatus[];

export const ExecutionStatusSchema = Type.Enum(EXECUTION_STATUSES, {
  description: Object.entries(EXECUTION_STATUS_MEANING)
    .map(([status, meaning]) => `${status}: ${meaning}`)
    .join("; "),
});

/** The approval statuses, for filters. */
export const APPROVAL_STATUSES = ["pending", "approved", "rejected", "expired", "canceled"] as const;

export const ExecutionSummary = Type.Object(
  {
    id: Type.String(),
    workflow: Type.String(),
    status: Type.String({ description: "requested, running, pending, pausing, paused, resuming, succeeded, failed, timeout, canceling or canceled" }),
    input: Any("the inputs, defaults filled in"),
    output: Any("the rendered `output` once succeeded; null before"),
    error: Nullable(Type.String()),
    parentId: Nullable(Type.String({ description: "the parent execution of a sub-workflow" })),
    rootId: Type.String({ description: "the top-level execution of this tree" }),
    trigger: Any("what started it: {kind: api, by}, {kind: rule, …}, {kind: rerun, of, by, tasks}, …"),
    concurrencyKey: Nullable(Type.String()),
    version: Type.Integer({ description: "grows with every change (what live views follow)" }),
    createdAt: Time(),
    startedAt: Nullable(Time()),
    finishedAt: Nullable(Time()),
    updatedAt: Time(),
  },
  { description: "An execution without its tasks" },
);

const LogLine = Type.Object({
  ts: Time(),
  stream: Type.String({ description: "stdout, stderr or info" }),
  line: Type.String(),
  attempt: Type.Integer(),
  item: Nullable(Type.Integer({ description: "the with-items index" })),
});

const ItemView = Type.Object({
  index: Type.Integer(),
  status: Type.String(),
  item: Any("the item"),
  input: Any("the rendered input"),
  result: Any("the action's result"),
  error: Nullable(Type.String()),
  attempt: Type.Integer(),
  startedAt: Nullable(Time()),
  finishedAt: Nullable(Time()),
});

export const TaskRunView = Type.Object({
  id: Type.String(),
  task: Type.String(),
  status: Type.String({ description: "requested, scheduled, running, pending, paused, succeeded, failed, timeout or canceled" }),
  input: Any("the rendered input"),
  result: Any("the action's result (of a with-items task: the items' results in order)"),
  error: Nullable(Type.String()),
  published: Any("what the transition taken published into ctx"),
  attempt: Type.Integer(),
  arrivals: Type.Integer({ description: "transitions that reached this run (joins)" }),
  childExecutionId: Nullable(Type.String({ description: "the sub-workflow's execution" })),
  createdAt: Time(),
  startedAt: Nullable(Time()),
  finishedAt: Nullable(Time()),
  durationMs: Nullable(Type.Integer()),
  itemsTotal: Type.Optional(Type.Integer()),
  items: Type.Optional(Type.Array(ItemView)),
  logs: Type.Array(LogLine),
});

export const ExecutionView = Type.Object(
  {
    ...ExecutionSummary.properties,
    tasks: Type.Array(TaskRunView),
    children: Type.Array(Type.String(), { description: "ids of its sub-workflow executions" }),
  },
  { description: "An execution with every task run, item and log line" },
);

export const ExecutionPage = Type.Object({
  items: Type.Array(ExecutionSummary),
  nextCursor: Nullable(Type.String({ description: "pass as `cursor` for the next page; null on the last one" })),
});

export const StartedExecution = Type.Object({
  id: Type.String(),
  status: Type.String({ description: "running, or requested/pending/canceled when a guard held it back" }),
  created: Type.Boolean(),
});

export const ExecutionLogLine = Type.Object({
  task: Type.String(),
  taskRunId: Type.String(),
  item: Nullable(Type.Integer()),
  attempt: Type.Integer(),
  ts: Time(),
  stream: Type.String({ description: "stdout, stderr or info" }),
  line: Type.String(),
});

export const ApprovalView = Type.Object({
  id: Type.String(),
  executionId: Type.String(),
  taskRunId: Nullable(Type.String()),
  kind: Type.String({ description: "task (a core.approve task) or budget (the workflow's budget is used up)" }),
  message: Type.String(),
  schema: Any("JSON Schema the response must fit when approving; null: anything"),
  approvers: Any("{roles?, users?}: who may answer; empty: any operator"),
  status: Type.String({ description: APPROVAL_STATUSES.join(", ") }),
  response: Any("the answer's response"),
  answeredBy: Nullable(Type.String({ description: "a token name, or `timeout`" })),
  defaultDecision: Type.String({ description: "approve or reject: applied at expiresAt" }),
  expiresAt: Nullable(Time()),
  createdAt: Time(),
  answeredAt: Nullable(Time()),
});

export const GuardState = Type.Object({
  workflow: Type.String(),
  consecutiveFailures: Type.Integer(),
  circuitOpen: Type.Boolean({ description: "true: new executions are refused until re-armed" }),
  openedAt: Nullable(Time()),
});

const FileOrigin = Nullable(Type.Object({ file: Type.String(), line: Type.Integer(), col: Type.Integer() }, { description: "where the workflow is defined" }));

export const WorkflowSummary = Type.Object({
  name: Type.String(),
  description: Type.Optional(Type.String()),
  input: Type.Array(Open("an input: name, required, and where given schema and default")),
  taskCount: Type.Integer(),
  origin: FileOrigin,
});

export const WorkflowDetail = Type.Object(
  {
    name: Type.String(),
    description: Type.Optional(Type.String()),
    input: Type.Array(Open("an input: name, required, and where given schema and default")),
    vars: Open("name → template"),
    output: Type.Optional(Any("template over the final ctx")),
    tasks: Type.Array(Open("a task as Reflex reads it: name, action, input, next, and join, with, retry, delayMs, timeoutMs, queue where given")),
    queue: Type.Optional(Type.String()),
    concurrency: Type.Optional(Open("key, limit, policy")),
    budget: Type.Optional(Open("max, perMs")),
    circuitBreaker: Type.Optional(Open("failures")),
    origin: FileOrigin,
    guards: GuardState,
  },
  { description: "A declared workflow as Reflex reads it (durations in ms), with its guard state" },
);

export const ActionView = Type.Object({
  ref: Type.String(),
  pack: Type.String(),
  description: Type.String(),
  inputSchema: Open("JSON Schema (2020-12) of the input"),
  timeoutMs: Type.Number({ description: "default run timeout in ms; core.approve has 0, since it waits for its own `timeout` instead" }),
});

export const EngineState = Type.Object({ pausedAll: Type.Boolean({ description: "true while the global pause switch is on" }) });

export const PauseAllResult = Type.Object({
  pausedAll: Type.Boolean(),
  executions: Type.Integer({ description: "how many top-level executions were paused or resumed" }),
});

export const AuditEntry = Type.Object({
  id: Type.String(),
  at: Time(),
  actor: Type.String({ description: "the token name of who did it" }),
  action: Type.String({ description: "e.g. execution.start, execution.cancel, approval.approve, engine.pause-all, workflow.rearm" }),
  targetKind: Type.String(),
  targetId: Type.String(),
  detail: Any("what else was recorded"),
});
