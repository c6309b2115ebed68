// Turns a `jobs` row into a `Job`: snake_case to camelCase, JSON text to values, and every
// integer column to a number (PostgreSQL drivers may hand back bigint columns as strings).
import type { JsonValue } from "../core/json.js";
import type { JobRow } from "../store/schema.js";
import type { Job } from "./types.js";

/** Maps one stored row to the public job shape. */
export function toJob(row: JobRow): Job {
  return {
    id: row.id,
    queue: row.queue,
    kind: row.kind,
    payload: JSON.parse(row.payload) as JsonValue,
    status: row.status,
    priority: Number(row.priority),
    runAt: Number(row.run_at),
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    lockedBy: row.locked_by,
    lockedUntil: row.locked_until === null ? null : Number(row.locked_until),
    idempotencyKey: row.idempotency_key,
    lastError: row.last_error,
    result: row.result === null ? null : (JSON.parse(row.result) as JsonValue),
    createdAt: Number(row.created_ms),
    updatedAt: Number(row.updated_ms),
    finishedAt: row.finished_ms === null ? null : Number(row.finished_ms),
  };
}
