// The guard on every write a worker makes to its job: it must still hold the lease. A worker
// whose lease ran out and whose job was claimed again (or cancelled) changes nothing.
import type { ExpressionBuilder } from "kysely";
import type { Database } from "../store/schema.js";

/** Who is writing to which job. */
export interface LeaseHolder {
  jobId: string;
  workerId: string;
}

/** `id = jobId AND locked_by = workerId AND status = 'running'`. */
export function heldBy(holder: LeaseHolder) {
  return (eb: ExpressionBuilder<Database, "jobs">) =>
    eb.and([eb("id", "=", holder.jobId), eb("locked_by", "=", holder.workerId), eb("status", "=", "running")]);
}
