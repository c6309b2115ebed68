// Deliveries (one target's delivery of one match or one group) and their attempts. A delivery
// is inserted once per idempotency key, so a dispatch that runs again creates nothing twice;
// listings are newest first by id (ids are time-ordered), which the cursor continues.
import type { Insertable, Kysely, Updateable } from "kysely";
import type { Database, DeliveriesTable, DeliveryAttemptRow, DeliveryAttemptsTable, DeliveryRow } from "./schema.js";

export type { DeliveryAttemptRow, DeliveryRow };

/** Inserts a delivery unless its idempotency key exists; true when this call inserted it. */
export async function insertDelivery(db: Kysely<Database>, row: Insertable<DeliveriesTable>): Promise<boolean> {
  const inserted = await db
    .insertInto("deliveries")
    .values(row)
    .onConflict((oc) => oc.column("idempotency_key").doNothing())
    .returning("id")
    .execute();
  return inserted.length > 0;
}

export async function getDelivery(db: Kysely<Database>, id: string): Promise<DeliveryRow | undefined> {
  return db.selectFrom("deliveries").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Applies a partial update; with `whenStatus`, only if the delivery is in that status. Returns whether it changed. */
export async function updateDelivery(db: Kysely<Database>, id: string, patch: Updateable<DeliveriesTable>, whenStatus?: string): Promise<boolean> {
  let query = db.updateTable("deliveries").set(patch).where("id", "=", id);
  if (whenStatus !== undefined) query = query.where("status", "=", whenStatus);
  const res = await query.executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/** Filters of a delivery listing. */
export interface DeliveryFilter {
  status?: string;
  rule?: string;
  /** Only deliveries older than this id (the previous page's last). */
  beforeId?: string;
}

/** Deliveries matching the filter, newest first, at most `limit`. */
export async function listDeliveries(db: Kysely<Database>, filter: DeliveryFilter, limit: number): Promise<DeliveryRow[]> {
  let query = db.selectFrom("deliveries").selectAll();
  if (filter.status !== undefined) query = query.where("status", "=", filter.status);
  if (filter.rule !== undefined) query = query.where("rule", "=", filter.rule);
  if (filter.beforeId !== undefined) query = query.where("id", "<", filter.beforeId);
  return query.orderBy("id", "desc").limit(limit).execute();
}

/** Deliveries of one event: its own, and those of the groups it joined. */
export async function deliveriesOfEvent(db: Kysely<Database>, event: { bus: string; source: string; id: string }, groupIds: readonly string[]): Promise<DeliveryRow[]> {
  return db
    .selectFrom("deliveries")
    .selectAll()
    .where((eb) => {
      const own = eb.and([eb("bus", "=", event.bus), eb("source", "=", event.source), eb("event_id", "=", event.id)]);
      return groupIds.length === 0 ? own : eb.or([own, eb("group_id", "in", groupIds)]);
    })
    .orderBy("id")
    .limit(1000)
    .execute();
}

export async function insertAttempt(db: Kysely<Database>, row: Insertable<DeliveryAttemptsTable>): Promise<void> {
  await db.insertInto("delivery_attempts").values(row).execute();
}

/** Every attempt of a delivery, in order. */
export async function attemptsOf(db: Kysely<Database>, deliveryId: string): Promise<DeliveryAttemptRow[]> {
  return db.selectFrom("delivery_attempts").selectAll().where("delivery_id", "=", deliveryId).orderBy("attempt").orderBy("started_ms").execute();
}

/** Deletes finished deliveries (delivered or dead) created before `cutoffMs`, with their attempts, at most `batch`; returns how many. */
export async function pruneFinishedDeliveries(db: Kysely<Database>, cutoffMs: number, batch = 2_000): Promise<number> {
  const rows = await db
    .selectFrom("deliveries")
    .select("id")
    .where("created_ms", "<", cutoffMs)
    .where("status", "in", ["delivered", "dead"])
    .orderBy("created_ms")
    .limit(batch)
    .execute();
  if (rows.length === 0) return 0;
  const ids = rows.map((r) => r.id);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("delivery_attempts").where("delivery_id", "in", ids).execute();
    await trx.deleteFrom("deliveries").where("id", "in", ids).execute();
  });
  return ids.length;
}
