// The audit log: every operator action on executions, approvals and workflows (who, what,
// when, on what), written in the same transaction as the action itself.
import type { Kysely } from "kysely";
import { newId } from "../core/ids.js";
import type { JsonValue } from "../core/json.js";
import type { Database } from "../store/schema.js";
import type { Step } from "./step.js";

/** Records one action of `actor`. */
export async function audit(step: Step, actor: string, action: string, target: { kind: string; id: string }, detail: JsonValue = null): Promise<void> {
  await step.db
    .insertInto("audit_log")
    .values({ id: newId(step.now), created_ms: step.now, actor, action, target_kind: target.kind, target_id: target.id, detail: detail === null ? null : JSON.stringify(detail) })
    .execute();
}

/** Audit entries, newest first, optionally about one target. */
export async function auditEntries(db: Kysely<Database>, filter: { kind?: string; id?: string; limit: number }) {
  let q = db.selectFrom("audit_log").selectAll();
  if (filter.kind !== undefined) q = q.where("target_kind", "=", filter.kind);
  if (filter.id !== undefined) q = q.where("target_id", "=", filter.id);
  return q.orderBy("created_ms", "desc").orderBy("id", "desc").limit(filter.limit).execute();
}
