// Schedule fires in the database. A fire is claimed by inserting its (schedule, slot) key:
// when several scheduler nodes reach the same slot, the insert of exactly one succeeds and
// only that node emits, with no lock and no leader. The event is stored in the row and marked
// once ingested, so a node that dies in between leaves it for any node to emit later.
import type { Kysely, Selectable } from "kysely";
import type { Database, ScheduleFiresTable } from "../../store/schema.js";

/** A fire as stored. */
export type ScheduleFireRow = Selectable<ScheduleFiresTable>;

/** The latest slot `schedule` fired (by any node), or null when it never has. */
export async function latestFiredSlot(db: Kysely<Database>, schedule: string): Promise<number | null> {
  const row = await db.selectFrom("schedule_fires").select((eb) => eb.fn.max("slot_ms").as("slot")).where("schedule", "=", schedule).executeTakeFirst();
  return row?.slot === null || row?.slot === undefined ? null : Number(row.slot);
}

/** Records a fire; true when this call recorded it, false when some node already had. */
export async function insertFire(db: Kysely<Database>, fire: { schedule: string; slotMs: number; bus: string; event: string; firedMs: number }): Promise<boolean> {
  const result = await db
    .insertInto("schedule_fires")
    .values({ schedule: fire.schedule, slot_ms: fire.slotMs, bus: fire.bus, event: fire.event, fired_ms: fire.firedMs, emitted_ms: null })
    .onConflict((oc) => oc.columns(["schedule", "slot_ms"]).doNothing())
    .returning("slot_ms")
    .executeTakeFirst();
  return result !== undefined;
}

/** Marks a fire's event as stored. */
export async function markEmitted(db: Kysely<Database>, schedule: string, slotMs: number, now: number): Promise<void> {
  await db.updateTable("schedule_fires").set({ emitted_ms: now }).where("schedule", "=", schedule).where("slot_ms", "=", slotMs).where("emitted_ms", "is", null).execute();
}

/** Fires recorded before `before` whose event is not marked stored, oldest first. */
export async function unemittedFires(db: Kysely<Database>, before: number, limit: number): Promise<ScheduleFireRow[]> {
  return db.selectFrom("schedule_fires").selectAll().where("emitted_ms", "is", null).where("fired_ms", "<", before).orderBy("fired_ms").limit(limit).execute();
}

/**
 * Deletes emitted fires recorded before `before`, except each schedule's latest (which tells a
 * restarted node where the schedule stands); returns how many.
 */
export async function pruneFires(db: Kysely<Database>, before: number): Promise<number> {
  const result = await db
    .deleteFrom("schedule_fires")
    .where("fired_ms", "<", before)
    .where("emitted_ms", "is not", null)
    .where((eb) =>
      eb(
        "slot_ms",
        "<",
        eb.selectFrom("schedule_fires as latest").select((inner) => inner.fn.max("latest.slot_ms").as("slot")).whereRef("latest.schedule", "=", "schedule_fires.schedule"),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
