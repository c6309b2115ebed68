// The queue's public vocabulary: what a caller asks for when it enqueues, and what a job looks
// like once stored. Rows (snake_case, JSON as text) are turned into these in `job-row.ts`.
import type { JsonValue } from "../core/json.js";
import type { JobStatus } from "../store/schema.js";

export type { JobStatus };

/** What to run, where and when; everything but `kind` and `payload` has a default. */
export interface EnqueueOptions {
  /** Names the handler that runs the job (`Worker.handlers[kind]`). */
  kind: string;
  payload: JsonValue;
  /** Named queue, i.e. the worker pool that takes the job; default `"default"`. */
  queue?: string;
  /** Epoch ms before which the job is not claimed; default now. */
  runAt?: number;
  /** Higher runs first; default 0. */
  priority?: number;
  /** Attempts before the job is dead-lettered; default 5. */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt; default 1000 ms. */
  backoffMs?: number;
  /** Ceiling of the retry delay; default 300000 ms. */
  backoffMaxMs?: number;
  /** A second enqueue with the same key creates nothing and returns the first job's id. */
  idempotencyKey?: string;
}

/** The answer to an enqueue: the job's id, and whether this call created it. */
export interface EnqueueResult {
  id: string;
  created: boolean;
}

/** A stored job. Times are epoch milliseconds. */
export interface Job {
  id: string;
  queue: string;
  kind: string;
  payload: JsonValue;
  status: JobStatus;
  priority: number;
  runAt: number;
  /** Attempts started so far (a claim starts one). */
  attempts: number;
  maxAttempts: number;
  /** The worker holding the lease while `running`; null otherwise. */
  lockedBy: string | null;
  /** When the lease runs out unless renewed; null unless `running`. */
  lockedUntil: number | null;
  idempotencyKey: string | null;
  /** Why the latest attempt failed (or whose lease expired). */
  lastError: string | null;
  /** What the handler returned, once `succeeded`. */
  result: JsonValue | null;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

/** Who claims what, and for how long. */
export interface ClaimOptions {
  queues: string[];
  workerId: string;
  leaseMs: number;
  limit: number;
  /**
   * End the leases that ran out before claiming (default true). A busy worker claims many
   * times a second; it need not look for dead workers' jobs every time.
   */
  expireLeases?: boolean;
}

/** Filters of a job listing; newest first, paged with `beforeId`. */
export interface ListJobsOptions {
  status?: JobStatus;
  queue?: string;
  kind?: string;
  limit: number;
  /** Only jobs older than this id (the previous page's last id). */
  beforeId?: string;
}

/** How many jobs one queue holds in one state. */
export interface QueueDepth {
  queue: string;
  status: JobStatus;
  count: number;
}
