// Finished jobs are kept for a while for inspection (dead letters longest), then deleted so the
// jobs table does not grow without end. Deletes in batches, oldest first.
import type { Kysely } from "kysely";
import type { Clock } from "../core/clock.js";
import type { Database, JobStatus } from "../store/schema.js";

/** How long finished jobs are kept, by final status, in milliseconds. */
export const FINISHED_JOB_RETENTION_MS: Readonly<Partial<Record<JobStatus, number>>> = {
  succeeded: 7 * 86_400_000,
  cancelled: 7 * 86_400_000,
  dead: 30 * 86_400_000,
};

const BATCH = 2_000;

/** Deletes finished jobs older than their retention; returns how many were deleted. */
export async function pruneFinishedJobs(db: Kysely<Database>, clock: Clock, retention = FINISHED_JOB_RETENTION_MS): Promise<number> {
  let deleted = 0;
  for (const [status, keepMs] of Object.entries(retention) as [JobStatus, number][]) {
    const cutoff = clock.now() - keepMs;
    for (;;) {
      const ids = await db.selectFrom("jobs").select("id").where("status", "=", status).where("finished_ms", "<", cutoff).orderBy("finished_ms").limit(BATCH).execute();
      if (ids.length === 0) break;
      await db.deleteFrom("jobs").where("id", "in", ids.map((r) => r.id)).execute();
      deleted += ids.length;
      if (ids.length < BATCH) break;
    }
  }
  return deleted;
}
