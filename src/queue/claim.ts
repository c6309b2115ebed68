// Takes due jobs for one worker: marks them `running`, counts the attempt and sets the lease.
// First the leases that ran out (the worker crashed, hung or lost the database) are ended: the
// job is queued again, or dead-lettered if that was its last attempt, so a job that kills its
// worker cannot loop forever. Then due `queued` jobs (run_at <= now) are taken in order.
//
// No job may be claimed by two workers at once. PostgreSQL: the jobs are picked with
// `FOR UPDATE SKIP LOCKED` in a materialised CTE (computed exactly once), so concurrent
// claimers pass over each other's rows. SQLite has one writer at a time: a single
// UPDATE … RETURNING is atomic, even across processes sharing the file.
import { sql } from "kysely";
import type { Kysely, QueryCreator } from "kysely";
import type { Clock } from "../core/clock.js";
import { ValidationError } from "../core/errors.js";
import type { Store } from "../store/open-store.js";
import type { Database, JobRow, JobStatus } from "../store/schema.js";
import { toJob } from "./job-row.js";
import type { ClaimOptions, Job } from "./types.js";

/** Claims up to `limit` due jobs of `queues`: highest priority first, then oldest run_at, then id. */
export async function claimJobs(store: Store, clock: Clock, opts: ClaimOptions): Promise<Job[]> {
  checkClaim(opts);
  const now = clock.now();
  if (opts.expireLeases !== false) await expireLeases(store.db, opts.queues, now);
  const rows = store.dialect.supportsSkipLocked ? await claimSkipLocked(store.db, opts, now) : await claimSingleWriter(store.db, opts, now);
  return rows.map(toJob).sort(claimOrder);
}

function checkClaim(opts: ClaimOptions): void {
  if (opts.queues.length === 0) throw new ValidationError("name at least one queue to claim from", { pointer: "/queues" });
  if (opts.workerId.length === 0) throw new ValidationError("workerId must be a non-empty string", { pointer: "/workerId" });
  if (!Number.isInteger(opts.leaseMs) || opts.leaseMs <= 0) throw new ValidationError(`leaseMs must be a positive whole number, got ${opts.leaseMs}`, { pointer: "/leaseMs" });
  if (!Number.isInteger(opts.limit) || opts.limit <= 0) throw new ValidationError(`limit must be a positive whole number, got ${opts.limit}`, { pointer: "/limit" });
}

/**
 * Ends the leases that ran out in `queues`: the job goes back to `queued` keeping its run_at
 * (so it is first in line), or to `dead` when that was its last allowed attempt.
 */
async function expireLeases(db: Kysely<Database>, queues: readonly string[], now: number): Promise<void> {
  const lastAttempt = sql<boolean>`attempts >= max_attempts`;
  const expired = sql<string>`'the lease of worker ' || locked_by || ' expired during attempt ' || cast(attempts as text) || ' of ' || cast(max_attempts as text) || ' (the worker crashed, hung or lost the database)'`;
  await db
    .updateTable("jobs")
    .set({
      status: sql<JobStatus>`case when ${lastAttempt} then 'dead' else 'queued' end`,
      last_error: sql<string>`case when ${lastAttempt} then ${expired} || '; no attempts left' else ${expired} || '; queued again' end`,
      finished_ms: sql<number | null>`case when ${lastAttempt} then cast(${now} as bigint) else null end`,
      locked_by: null,
      locked_until: null,
      updated_ms: now,
    })
    .where("queue", "in", queues)
    .where("status", "=", "running")
    .where("locked_until", "<", now)
    .execute();
}

/** Ids of due queued jobs of `queues` in claim order (served by the `jobs_due` index). */
function dueJobs(qc: QueryCreator<Database>, opts: ClaimOptions, now: number) {
  return qc
    .selectFrom("jobs")
    .select("id")
    .where("queue", "in", opts.queues)
    .where("status", "=", "queued")
    .where("run_at", "<=", now)
    .orderBy("priority", "desc")
    .orderBy("run_at")
    .orderBy("id")
    .limit(opts.limit);
}

/** The claim's SET; a re-driven job (attempts reset to 0) sheds the error of its earlier life. */
function claimSet(opts: ClaimOptions, now: number) {
  return {
    status: "running" as const,
    attempts: sql<number>`attempts + 1`,
    locked_by: opts.workerId,
    locked_until: now + opts.leaseMs,
    updated_ms: now,
    last_error: sql<string | null>`case when attempts = 0 then null else last_error end`,
  };
}

async function claimSkipLocked(db: Kysely<Database>, opts: ClaimOptions, now: number): Promise<JobRow[]> {
  return db
    .with(
      (cte) => cte("picked").materialized(),
      (qc) => dueJobs(qc, opts, now).forUpdate().skipLocked(),
    )
    .updateTable("jobs")
    .set(claimSet(opts, now))
    .from("picked")
    .whereRef("jobs.id", "=", "picked.id")
    .returningAll("jobs")
    .execute();
}

async function claimSingleWriter(db: Kysely<Database>, opts: ClaimOptions, now: number): Promise<JobRow[]> {
  return db.updateTable("jobs").set(claimSet(opts, now)).where("id", "in", dueJobs(db, opts, now)).returningAll().execute();
}

function claimOrder(a: Job, b: Job): number {
  return b.priority - a.priority || a.runAt - b.runAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
