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
