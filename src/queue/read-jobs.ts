// Read-only views of the queue for the API, the CLI and metrics: one job, a filtered page of
// jobs (newest first; ids are time-ordered), and how many jobs each queue holds per state.
import type { Kysely } from "kysely";
import type { Database } from "../store/schema.js";
import { toJob } from "./job-row.js";
import type { Job, ListJobsOptions, QueueDepth } from "./types.js";

/** The job with this id, or undefined. */
export async function getJob(db: Kysely<Database>, id: string): Promise<Job | undefined> {
  const row = await db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toJob(row) : undefined;
}

/** Jobs matching every given filter, newest first, at most `limit`. */
export async function listJobs(db: Kysely<Database>, opts: ListJobsOptions): Promise<Job[]> {
  let q = db.selectFrom("jobs").selectAll();
  if (opts.status !== undefined) q = q.where("status", "=", opts.status);
  if (opts.queue !== undefined) q = q.where("queue", "=", opts.queue);
  if (opts.kind !== undefined) q = q.where("kind", "=", opts.kind);
  if (opts.beforeId !== undefined) q = q.where("id", "<", opts.beforeId);
  const rows = await q.orderBy("id", "desc").limit(opts.limit).execute();
  return rows.map(toJob);
}

/** Job counts per queue and state (states without jobs are left out). */
export async function queueDepth(db: Kysely<Database>): Promise<QueueDepth[]> {
  const rows = await db
    .selectFrom("jobs")
    .select((eb) => ["queue", "status", eb.fn.countAll<number>().as("count")])
    .groupBy(["queue", "status"])
    .orderBy("queue")
    .orderBy("status")
    .execute();
  return rows.map((r) => ({ queue: r.queue, status: r.status, count: Number(r.count) }));
}
