// Checks an enqueue request and fills in the defaults, producing the row to insert. Integer
// columns are 32-bit on PostgreSQL, so limits are checked here with a message that names the
// field, rather than surfacing later as a database overflow.
import { ValidationError } from "../core/errors.js";
import { newId } from "../core/ids.js";
import type { Insertable } from "kysely";
import type { JobsTable } from "../store/schema.js";
import type { EnqueueOptions } from "./types.js";

/** Defaults applied when an option is left out. */
export const JOB_DEFAULTS = { queue: "default", priority: 0, maxAttempts: 5, backoffMs: 1000, backoffMaxMs: 300_000 } as const;

const INT32_MAX = 2_147_483_647;

/** Validates `opts` and returns the row for a new job; `pointer` prefixes error locations. */
export function newJobValues(opts: EnqueueOptions, now: number, pointer = ""): Insertable<JobsTable> {
  text(opts.kind, "kind", pointer);
  if (opts.queue !== undefined) text(opts.queue, "queue", pointer);
  if (opts.idempotencyKey !== undefined) text(opts.idempotencyKey, "idempotencyKey", pointer);
  if (opts.payload === undefined) throw new ValidationError("payload is required (use null for none)", { pointer: `${pointer}/payload` });
  if (opts.runAt !== undefined && !Number.isFinite(opts.runAt)) {
    throw new ValidationError(`runAt must be epoch milliseconds, got ${String(opts.runAt)}`, { pointer: `${pointer}/runAt` });
  }
  const priority = integer(opts.priority ?? JOB_DEFAULTS.priority, "priority", -INT32_MAX, pointer);
  const maxAttempts = integer(opts.maxAttempts ?? JOB_DEFAULTS.maxAttempts, "maxAttempts", 1, pointer);
  const backoffMs = integer(opts.backoffMs ?? JOB_DEFAULTS.backoffMs, "backoffMs", 0, pointer);
  const backoffMaxMs = integer(opts.backoffMaxMs ?? JOB_DEFAULTS.backoffMaxMs, "backoffMaxMs", 0, pointer);
  return {
    id: newId(now),
    queue: opts.queue ?? JOB_DEFAULTS.queue,
    kind: opts.kind,
    payload: JSON.stringify(opts.payload),
    status: "queued",
    priority,
    run_at: Math.round(opts.runAt ?? now),
    attempts: 0,
    max_attempts: maxAttempts,
    backoff_ms: backoffMs,
    backoff_max_ms: backoffMaxMs,
    locked_by: null,
    locked_until: null,
    idempotency_key: opts.idempotencyKey ?? null,
    last_error: null,
    result: null,
    created_ms: now,
    updated_ms: now,
    finished_ms: null,
  };
}

function text(value: unknown, field: string, pointer: string): void {
  if (typeof value !== "string" || value.length === 0) {
    throw new ValidationError(`${field} must be a non-empty string`, { pointer: `${pointer}/${field}` });
  }
}

function integer(value: number, field: string, min: number, pointer: string): number {
  if (!Number.isInteger(value) || value < min || value > INT32_MAX) {
    throw new ValidationError(`${field} must be a whole number from ${min} to ${INT32_MAX}, got ${String(value)}`, { pointer: `${pointer}/${field}` });
  }
  return value;
}
