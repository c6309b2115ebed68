// Table types for Kysely. Times are epoch milliseconds in integer columns on both dialects,
// JSON is stored as text, so one code path reads and writes both databases.
import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

export interface EventsTable {
  seq: Generated<number>;
  bus: string;
  source: string;
  id: string;
  type: string;
  subject: string | null;
  time_ms: number;
  received_ms: number;
  /** The whole CloudEvent as JSON text. */
  envelope: string;
  schema_error: string | null;
}

export interface JobsTable {
  id: string;
  queue: string;
  kind: string;
  payload: string;
  status: ColumnType<JobStatus, JobStatus, JobStatus>;
  priority: number;
  run_at: number;
  attempts: number;
  max_attempts: number;
  backoff_ms: number;
  backoff_max_ms: number;
  locked_by: string | null;
  locked_until: number | null;
  idempotency_key: string | null;
  last_error: string | null;
  result: string | null;
  created_ms: number;
  updated_ms: number;
  finished_ms: number | null;
}

/** Every state a job can be in; compared as a set, never by order. */
export type JobStatus = "queued" | "running" | "succeeded" | "dead" | "cancelled";

export interface ApiTokensTable {
  id: string;
  name: string;
  role: string;
  token_hash: string;
  /** First characters of the token, to tell tokens apart in listings. */
  prefix: string;
  created_ms: number;
  last_used_ms: number | null;
  expires_ms: number | null;
  revoked_ms: number | null;
}

export interface ReplaysTable {
  id: string;
  bus: string;
  from_ms: number;
  to_ms: number;
  pattern: string | null;
  status: string;
  total: number;
  processed: number;
  /** Events of the window that matched the replay's pattern (all of them without one). */
  selected: number;
  matched: number;
  last_seq: number;
  error: string | null;
  created_ms: number;
  started_ms: number | null;
  finished_ms: number | null;
}

/** A rule written through the API (config-file rules live in their files). */
export interface RulesTable {
  name: string;
  bus: string;
  /** The RuleSpec as JSON, defaults filled in. */
  spec: string;
  /** SHA-256 of `spec`, so nodes recompile only rules that changed. */
  spec_hash: string;
  created_ms: number;
  updated_ms: number;
}

/** What became of one rule's match of one event (or of one replayed event). */
export interface RuleMatchesTable {
  id: string;
  /** Unique per (event, rule, replay): a dispatch that runs again records nothing twice. */
  match_key: string;
  bus: string;
  source: string;
  event_id: string;
  event_seq: number;
  rule: string;
  /** delivered | throttled | deduplicated | grouped | rule-missing | failed */
  status: string;
  /** The throttle, dedupe or group key that decided, when there was one. */
  key: string | null;
  replay_id: string | null;
  /** The group this match joined (status `grouped`). */
  group_id: string | null;
  error: string | null;
  error_pointer: string | null;
  created_ms: number;
}

/** One target's delivery of one match (or of one group of matches). */
export interface DeliveriesTable {
  id: string;
  /** Unique per (event or group, rule, target, replay). */
  idempotency_key: string;
  rule: string;
  target: string;
  /** http | workflow | notify */
  type: string;
  /** pending | delivered | dead */
  status: string;
  bus: string;
  source: string;
  event_id: string;
  event_seq: number;
  /** JSON array of the seqs of every event delivered (one, or a group's). */
  event_seqs: string;
  replay_id: string | null;
  group_id: string | null;
  /** The rendered request as JSON; null when its templates failed to render. */
  request: string | null;
  last_error: string | null;
  /** JSON pointer (into the rule) of the template that failed to render. */
  error_pointer: string | null;
  http_status: number | null;
  /** Attempts made, over every run (re-drives included). */
  attempts: number;
  redrives: number;
  max_attempts: number;
  backoff_ms: number;
  max_backoff_ms: number;
  max_age_ms: number;
  /** The job that runs the current cycle of attempts. */
  job_id: string | null;
  /** When the current cycle began (creation or the last re-drive); `max_age_ms` counts from it. */
  cycle_started_ms: number;
  created_ms: number;
  updated_ms: number;
  finished_ms: number | null;
}

/** One attempt to deliver. */
export interface DeliveryAttemptsTable {
  id: string;
  delivery_id: string;
  attempt: number;
  started_ms: number;
  duration_ms: number;
  /** delivered | failed */
  outcome: string;
  http_status: number | null;
  /** The start of the response body (at most 4 KiB). */
  response: string | null;
  error: string | null;
}

/** Throttle buckets, dedupe windows and open groups, keyed by (rule, kind, key). */
export interface RuleStateTable {
  rule: string;
  kind: string;
  key: string;
  /** The state as JSON. */
  state: string;
  updated_ms: number;
  /** After this the row means nothing any more and may be deleted; null: not before it is closed. */
  expires_ms: number | null;
}

export interface MetaTable {
  key: string;
  value: string;
}

/** One run of a workflow (a sub-workflow's run too). */
export interface ExecutionsTable {
  id: string;
  workflow: string;
  /** The WorkflowSpec as JSON, as it was when the execution started (config reloads do not touch it). */
  spec: string;
  status: string;
  input: string;
  /** The starting context (inputs and vars) as JSON. */
  ctx: string;
  output: string | null;
  error: string | null;
  /** 1 once an unhandled failure or a `fail` command has doomed the execution (fail-fast). */
  failing: number;
  parent_id: string | null;
  /** The parent's task run this execution serves. */
  parent_task_id: string | null;
  root_id: string;
  /** What started it, as JSON: `{kind: "api", by}`, `{kind: "rule", …}`, `{kind: "parent"}`. */
  trigger: string | null;
  /** Unique: a start that is repeated (a re-delivered rule target) finds the first execution. */
  trigger_key: string | null;
  concurrency_key: string | null;
  /** Grows with every change to the execution or its tasks (live views poll it). */
  version: number;
  created_ms: number;
  started_ms: number | null;
  finished_ms: number | null;
  updated_ms: number;
}

/** One task reached in an execution. */
export interface TaskRunsTable {
  id: string;
  execution_id: string;
  task: string;
  status: string;
  /** The context the task was reached with (merged over arrivals for a join), as JSON. */
  ctx: string;
  /** Transitions that reached it (a join runs when it has enough). */
  arrivals: number;
  input: string | null;
  result: string | null;
  error: string | null;
  /** What its taken transitions published, as JSON. */
  published: string | null;
  attempt: number;
  items_total: number | null;
  /** The sub-workflow's execution, for a task whose action is a workflow. */
  child_id: string | null;
  created_ms: number;
  started_ms: number | null;
  finished_ms: number | null;
  updated_ms: number;
}

/** One item of a with-items task. */
export interface TaskItemsTable {
  task_run_id: string;
  idx: number;
  status: string;
  item: string;
  input: string | null;
  result: string | null;
  error: string | null;
  attempt: number;
  started_ms: number | null;
  finished_ms: number | null;
}

/** The log lines of one attempt (of one item), as a JSON array. */
export interface TaskLogsTable {
  id: string;
  task_run_id: string;
  item: number | null;
  attempt: number;
  lines: string;
  created_ms: number;
}

/** A question to people: a `core.approve` task, or a budget that ran out. */
export interface ApprovalsTable {
  id: string;
  execution_id: string;
  task_run_id: string | null;
  /** task | budget */
  kind: string;
  message: string;
  schema: string | null;
  /** `{roles?: string[], users?: string[]}` as JSON. */
  approvers: string;
  /** pending | approved | rejected | expired */
  status: string;
  response: string | null;
  answered_by: string | null;
  default_decision: string;
  expires_ms: number | null;
  created_ms: number;
  answered_ms: number | null;
}

/** Who did what to which execution, approval or workflow. */
export interface AuditLogTable {
  id: string;
  created_ms: number;
  actor: string;
  action: string;
  target_kind: string;
  target_id: string;
  detail: string | null;
}

/** Per-workflow guard state shared by all nodes. */
export interface WorkflowGuardsTable {
  workflow: string;
  consecutive_failures: number;
  circuit_open: number;
  opened_ms: number | null;
  updated_ms: number;
}

/** A secret, encrypted with AES-256-GCM under the master key (see `secrets/secret-cipher.ts`). */
export interface SecretsTable {
  name: string;
  /** Base64 of the ciphertext followed by the 16-byte authentication tag. */
  ciphertext: string;
  /** Base64 of the 12-byte nonce, random per write. */
  nonce: string;
  created_ms: number;
  updated_ms: number;
}

/** One message sent (or tried) through a channel, with the vendor's answer; never a secret. */
export interface NotificationsTable {
  id: string;
  channel: string;
  /** The channel's type: webhook | wecom | dingtalk | feishu | slack | email */
  type: string;
  /** What sent it: `delivery <id>` (a rule's notify target) or `execution <id> task <id>` (core.notify). */
  origin: string;
  /** sent | failed | limited (refused by the channel's rate limit) */
  status: string;
  /** What was sent, as JSON: endpoint (no path or query), format, title, recipients. */
  request: string;
  /** HTTP status, or the SMTP reply code. */
  response_status: number | null;
  /** The start of the vendor's answer. */
  response: string | null;
  error: string | null;
  duration_ms: number;
  created_ms: number;
}

/** A probe's state, shared by the scheduler nodes (see `sources/probes/`). */
export interface ProbeStatesTable {
  name: string;
  /** unknown | up | down */
  status: string;
  /** Consecutive failed checks. */
  failures: number;
  /** Consecutive successful checks. */
  successes: number;
  last_check_ms: number | null;
  /** success | failure | unavailable (the node cannot make this kind of check) */
  last_result: string | null;
  last_reason: string | null;
  last_latency_ms: number | null;
  last_change_ms: number | null;
  next_due_ms: number;
  /** The node's claim on the check in progress; every write checks it. */
  lease_token: string | null;
  lease_until_ms: number | null;
  /** `{bus, event}` as JSON: a change decided whose event is not yet stored. */
  pending_event: string | null;
  updated_ms: number;
}

/** One fire of a schedule; the (schedule, slot_ms) key lets one node only emit it. */
export interface ScheduleFiresTable {
  schedule: string;
  /** The scheduled time fired. */
  slot_ms: number;
  bus: string;
  /** The CloudEvent emitted, as JSON. */
  event: string;
  fired_ms: number;
  /** When the event was stored; null until then. */
  emitted_ms: number | null;
}

/** One run of a chaos drill (`src/drill/`): its state and its report as it stood last. */
export interface DrillRunsTable {
  id: string;
  drill: string;
  /** running, passed, failed or error. */
  status: string;
  started_ms: number;
  finished_ms: number | null;
  /** Written by the node running the drill while it runs; a stale one means that node died. */
  heartbeat_ms: number;
  /** The report (`DrillReport`) as JSON. */
  report: string;
}

export interface Database {
  events: EventsTable;
  jobs: JobsTable;
  api_tokens: ApiTokensTable;
  replays: ReplaysTable;
  meta: MetaTable;
  rules: RulesTable;
  rule_matches: RuleMatchesTable;
  deliveries: DeliveriesTable;
  delivery_attempts: DeliveryAttemptsTable;
  rule_state: RuleStateTable;
  executions: ExecutionsTable;
  task_runs: TaskRunsTable;
  task_items: TaskItemsTable;
  task_logs: TaskLogsTable;
  approvals: ApprovalsTable;
  audit_log: AuditLogTable;
  workflow_guards: WorkflowGuardsTable;
  secrets: SecretsTable;
  notifications: NotificationsTable;
  probe_states: ProbeStatesTable;
  schedule_fires: ScheduleFiresTable;
  drill_runs: DrillRunsTable;
}

export type EventRow = Selectable<EventsTable>;
export type NewEventRow = Insertable<EventsTable>;
export type JobRow = Selectable<JobsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type ReplayRow = Selectable<ReplaysTable>;
export type RuleRow = Selectable<RulesTable>;
export type RuleMatchRow = Selectable<RuleMatchesTable>;
export type DeliveryRow = Selectable<DeliveriesTable>;
export type DeliveryAttemptRow = Selectable<DeliveryAttemptsTable>;
export type ExecutionRow = Selectable<ExecutionsTable>;
export type TaskRunRow = Selectable<TaskRunsTable>;
export type TaskItemRow = Selectable<TaskItemsTable>;
export type ApprovalRow = Selectable<ApprovalsTable>;
export type SecretRow = Selectable<SecretsTable>;
