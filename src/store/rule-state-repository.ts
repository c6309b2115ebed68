// Throttle buckets, dedupe windows and open groups, one row per (rule, kind, key). A caller
// reads a row with `lockState` inside its write transaction, decides, and writes it back with
// `saveState` or `dropState`: on PostgreSQL the row is locked (FOR UPDATE) until commit, so
// nodes deciding on the same key take turns; SQLite transactions are already one at a time.
import type { Kysely } from "kysely";
import type { JsonValue } from "../core/json.js";
import type { Database } from "./schema.js";

/** Identifies one state row. */
export interface StateKey {
  rule: string;
  kind: string;
  key: string;
}

/**
 * The state stored for `at` (null when there is none yet), the row locked until the end of the
 * transaction when `rowLocks` is set.
 */
export async function lockState(db: Kysely<Database>, at: StateKey, now: number, rowLocks: boolean): Promise<JsonValue> {
  // Make sure a row exists, so that there is something to lock even for a first event.
  await db
    .insertInto("rule_state")
    .values({ ...at, state: "null", updated_ms: now, expires_ms: now })
    .onConflict((oc) => oc.columns(["rule", "kind", "key"]).doNothing())
    .execute();
  let query = db.selectFrom("rule_state").select("state").where("rule", "=", at.rule).where("kind", "=", at.kind).where("key", "=", at.key);
  if (rowLocks) query = query.forUpdate();
  const row = await query.executeTakeFirstOrThrow();
  return JSON.parse(row.state) as JsonValue;
}

/** Writes the state for `at`; `expiresMs` null keeps it until it is dropped. */
export async function saveState(db: Kysely<Database>, at: StateKey, state: JsonValue, now: number, expiresMs: number | null): Promise<void> {
  await db
    .updateTable("rule_state")
    .set({ state: JSON.stringify(state), updated_ms: now, expires_ms: expiresMs })
    .where("rule", "=", at.rule)
    .where("kind", "=", at.kind)
    .where("key", "=", at.key)
    .execute();
}

/** Deletes the state for `at`. */
export async function dropState(db: Kysely<Database>, at: StateKey): Promise<void> {
  await db.deleteFrom("rule_state").where("rule", "=", at.rule).where("kind", "=", at.kind).where("key", "=", at.key).execute();
}

/** Deletes state rows that expired before `now`; returns how many. */
export async function pruneExpiredState(db: Kysely<Database>, now: number): Promise<number> {
  const res = await db.deleteFrom("rule_state").where("expires_ms", "<", now).executeTakeFirst();
  return Number(res.numDeletedRows);
}
