// The state probes and schedules share across scheduler nodes. `probe_states`: one row per
// probe with its status and consecutive counts (so a restart or a move to another node does not
// emit again), when it is next due, who holds the check in progress (a lease), and an event
// decided but not yet stored (an outbox of one). `schedule_fires`: one row per fire, keyed by
// schedule and scheduled time, so that of several nodes only the one whose insert succeeds
// emits; the event is kept with it until it is stored.
import type { Migration } from "../migrate.js";

export const probesSchedules: Migration = {
  name: "013-probes-schedules",
  async up(db) {
    await db.schema
      .createTable("probe_states")
      .addColumn("name", "text", (c) => c.primaryKey())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("successes", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("last_check_ms", "bigint")
      .addColumn("last_result", "text")
      .addColumn("last_reason", "text")
      .addColumn("last_latency_ms", "double precision")
      .addColumn("last_change_ms", "bigint")
      .addColumn("next_due_ms", "bigint", (c) => c.notNull())
      .addColumn("lease_token", "text")
      .addColumn("lease_until_ms", "bigint")
      .addColumn("pending_event", "text")
      .addColumn("updated_ms", "bigint", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("schedule_fires")
      .addColumn("schedule", "text", (c) => c.notNull())
      .addColumn("slot_ms", "bigint", (c) => c.notNull())
      .addColumn("bus", "text", (c) => c.notNull())
      .addColumn("event", "text", (c) => c.notNull())
      .addColumn("fired_ms", "bigint", (c) => c.notNull())
      .addColumn("emitted_ms", "bigint")
      .addPrimaryKeyConstraint("schedule_fires_pk", ["schedule", "slot_ms"])
      .execute();
    await db.schema.createIndex("schedule_fires_emitted").on("schedule_fires").column("emitted_ms").execute();
    await db.schema.createIndex("schedule_fires_fired").on("schedule_fires").column("fired_ms").execute();
  },
};
