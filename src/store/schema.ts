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
}

export type EventRow = Selectable<EventsTable>;
export type NewEventRow = Insertable<EventsTable>;
export type JobRow = Selectable<JobsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type ReplayRow = Selectable<ReplaysTable>;
