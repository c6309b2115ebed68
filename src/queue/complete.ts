// Records a job's success and what its handler returned. Only the lease holder may do so.
import type { Kysely } from "kysely";
import type { Clock } from "../core/clock.js";
import type { JsonValue } from "../core/json.js";
import type { Database } from "../store/schema.js";
import { heldBy } from "./lease-holder.js";
import type { LeaseHolder } from "./lease-holder.js";

/** Marks the job `succeeded`; false when the worker no longer holds it (nothing is written). */
export async function completeJob(db: Kysely<Database>, clock: Clock, opts: LeaseHolder & { result?: JsonValue }): Promise<boolean> {
  const now = clock.now();
  const res = await db
    .updateTable("jobs")
    .set({
      status: "succeeded",
      result: opts.result === undefined ? null : JSON.stringify(opts.result),
      locked_by: null,
      locked_until: null,
      finished_ms: now,
      updated_ms: now,
    })
    .where(heldBy(opts))
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}
