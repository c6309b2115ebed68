// Operator actions on one job: re-drive a dead (or cancelled) job, or cancel a job that has not
// finished. Cancelling a running job takes the lease away, so its worker's next heartbeat fails
// and the handler's signal is aborted; its result, if any, is not written.
import type { Kysely } from "kysely";
import type { Clock } from "../core/clock.js";
import { ConflictError, NotFoundError } from "../core/errors.js";
import type { Database, JobStatus } from "../store/schema.js";
import { toJob } from "./job-row.js";
import { getJob } from "./read-jobs.js";
import type { Job } from "./types.js";

const REDRIVABLE: readonly JobStatus[] = ["dead", "cancelled"];
const CANCELLABLE: readonly JobStatus[] = ["queued", "running"];

/** Queues a dead or cancelled job to run now with its attempts reset; last_error stays until it runs. */
export async function retryJob(db: Kysely<Database>, clock: Clock, jobId: string): Promise<Job> {
  const now = clock.now();
  const row = await db
    .updateTable("jobs")
    .set({ status: "queued", run_at: now, attempts: 0, locked_by: null, locked_until: null, finished_ms: null, updated_ms: now })
    .where("id", "=", jobId)
    .where("status", "in", REDRIVABLE)
    .returningAll()
    .executeTakeFirst();
  if (row) return toJob(row);
  const job = await mustGet(db, jobId);
  throw new ConflictError(`job '${jobId}' is ${job.status}; only dead or cancelled jobs can be retried`);
}

/** Cancels a queued or running job; cancelling a cancelled job changes nothing. */
export async function cancelJob(db: Kysely<Database>, clock: Clock, jobId: string): Promise<Job> {
  const now = clock.now();
  const row = await db
    .updateTable("jobs")
    .set({ status: "cancelled", locked_by: null, locked_until: null, finished_ms: now, updated_ms: now })
    .where("id", "=", jobId)
    .where("status", "in", CANCELLABLE)
    .returningAll()
    .executeTakeFirst();
  if (row) return toJob(row);
  const job = await mustGet(db, jobId);
  if (job.status === "cancelled") return job;
  throw new ConflictError(`job '${jobId}' already ${job.status}; only queued or running jobs can be cancelled`);
}

async function mustGet(db: Kysely<Database>, jobId: string): Promise<Job> {
  const job = await getJob(db, jobId);
  if (!job) throw new NotFoundError("job", jobId);
  return job;
}
