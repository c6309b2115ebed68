// Jobs the rules engine adds inside its own transactions: the row is built with the queue's
// `newJobValues` (defaults and checks in one place) and inserted unless a job with the same
// idempotency key exists, so a transaction that runs again adds nothing twice.
import type { Kysely } from "kysely";
import { newJobValues } from "../queue/job-values.js";
import type { EnqueueOptions } from "../queue/types.js";
import type { Database } from "../store/schema.js";

/** The largest value of the queue's 32-bit retry columns; longer backoffs are capped to it. */
const INT32_MAX = 2_147_483_647;

/** Inserts the job unless its idempotency key is taken; returns the id it was given. */
export async function addJob(db: Kysely<Database>, options: EnqueueOptions, now: number): Promise<string> {
  const values = newJobValues(
    {
      ...options,
      ...(options.backoffMs === undefined ? {} : { backoffMs: Math.min(INT32_MAX, options.backoffMs) }),
      ...(options.backoffMaxMs === undefined ? {} : { backoffMaxMs: Math.min(INT32_MAX, options.backoffMaxMs) }),
    },
    now,
  );
  await db.insertInto("jobs").values(values).onConflict((oc) => oc.column("idempotency_key").doNothing()).execute();
  return values.id;
}
