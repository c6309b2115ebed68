// Records a failed attempt: schedule a retry with backoff, or dead-letter the job when it has
// used its attempts or the error is permanent. Only the lease holder may do so; the read and
// the write are separate, so the write re-checks the attempt it read.
import type { Kysely } from "kysely";
import type { Clock } from "../core/clock.js";
import type { Database } from "../store/schema.js";
import { retryDelay } from "./backoff.js";
import { heldBy } from "./lease-holder.js";
import type { LeaseHolder } from "./lease-holder.js";

/** What became of the failed job: queued again, dead-lettered, or not ours any more. */
export type FailOutcome = "retrying" | "dead" | "lost";

/** What failed; `retryable: false` dead-letters at once. */
export interface FailOptions extends LeaseHolder {
  error: string;
  /** Default true. */
  retryable?: boolean;
}

/** Fails the current attempt; the error is kept in `last_error`. */
export async function failJob(db: Kysely<Database>, clock: Clock, opts: FailOptions): Promise<FailOutcome> {
  const now = clock.now();
  const job = await db.selectFrom("jobs").select(["attempts", "max_attempts", "backoff_ms", "backoff_max_ms"]).where(heldBy(opts)).executeTakeFirst();
  if (!job) return "lost";
  const attempts = Number(job.attempts);
  const dead = opts.retryable === false || attempts >= Number(job.max_attempts);
  const res = await db
    .updateTable("jobs")
    .set(
      dead
        ? { status: "dead", last_error: opts.error, locked_by: null, locked_until: null, finished_ms: now, updated_ms: now }
        : {
            status: "queued",
            last_error: opts.error,
            run_at: now + retryDelay(attempts, Number(job.backoff_ms), Number(job.backoff_max_ms)),
            locked_by: null,
            locked_until: null,
            updated_ms: now,
          },
    )
    .where(heldBy(opts))
    .where("attempts", "=", attempts)
    .executeTakeFirst();
  if (res.numUpdatedRows === 0n) return "lost";
  return dead ? "dead" : "retrying";
}
