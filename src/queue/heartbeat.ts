// Renews a running job's lease, so that a long handler keeps its job while a crashed worker's
// job is reclaimed after one lease. A lease that ran out but was not yet reclaimed is renewed:
// nobody else holds the job, so the worker may go on.
import type { Kysely } from "kysely";
import type { Clock } from "../core/clock.js";
import type { Database } from "../store/schema.js";
import { heldBy } from "./lease-holder.js";
import type { LeaseHolder } from "./lease-holder.js";

/** Extends the lease to now + leaseMs; false when the worker no longer holds the job. */
export async function heartbeatJob(db: Kysely<Database>, clock: Clock, opts: LeaseHolder & { leaseMs: number }): Promise<boolean> {
  const now = clock.now();
  const res = await db.updateTable("jobs").set({ locked_until: now + opts.leaseMs, updated_ms: now }).where(heldBy(opts)).executeTakeFirst();
  return res.numUpdatedRows > 0n;
}
