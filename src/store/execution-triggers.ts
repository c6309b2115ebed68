// Which workflow executions rule deliveries started: an execution started by a delivery carries
// the trigger key `delivery:<id>` (unique, so the start is idempotent), which makes this a lookup
// by that key. Used by an event's lineage and by drills.
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

/** An execution a delivery started. */
export interface TriggeredExecution {
  id: string;
  deliveryId: string;
  workflow: string;
  status: string;
  createdMs: number;
}

/** The executions the deliveries `deliveryIds` started, oldest first. */
export async function executionsStartedBy(db: Kysely<Database>, deliveryIds: readonly string[]): Promise<TriggeredExecution[]> {
  if (deliveryIds.length === 0) return [];
  const rows = await db
    .selectFrom("executions")
    .select(["id", "workflow", "status", "created_ms", "trigger_key"])
    .where("trigger_key", "in", deliveryIds.map((id) => `delivery:${id}`))
    .orderBy("created_ms")
    .execute();
  return rows.map((r) => ({ id: r.id, deliveryId: String(r.trigger_key).slice("delivery:".length), workflow: r.workflow, status: r.status, createdMs: Number(r.created_ms) }));
}
