// The rules engine's tables: rules written through the API, what became of each match,
// deliveries with every attempt, and the throttle/dedupe/group state shared by all nodes.
// Integer epoch-ms times and JSON as text on both dialects, like the rest of the schema.
import type { Migration } from "../migrate.js";

export const rules: Migration = {
  name: "006-rules",
  async up(db) {
    await db.schema
      .createTable("rules")
      .addColumn("name", "text", (c) => c.primaryKey())
      .addColumn("bus", "text", (c) => c.notNull())
      .addColumn("spec", "text", (c) => c.notNull())
      .addColumn("spec_hash", "text", (c) => c.notNull())
      .addColumn("created_ms", "bigint", (c) => c.notNull())
      .addColumn("updated_ms", "bigint", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("rule_matches")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("match_key", "text", (c) => c.notNull().unique())
      .addColumn("bus", "text", (c) => c.notNull())
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("event_id", "text", (c) => c.notNull())
      .addColumn("event_seq", "bigint", (c) => c.notNull())
      .addColumn("rule", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("key", "text")
      .addColumn("replay_id", "text")
      .addColumn("group_id", "text")
      .addColumn("error", "text")
      .addColumn("error_pointer", "text")
      .addColumn("created_ms", "bigint", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("rule_matches_event").on("rule_matches").columns(["bus", "source", "event_id"]).execute();
    await db.schema.createIndex("rule_matches_group").on("rule_matches").columns(["group_id", "event_seq"]).execute();
    await db.schema.createIndex("rule_matches_created").on("rule_matches").column("created_ms").execute();

    await db.schema
      .createTable("deliveries")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("idempotency_key", "text", (c) => c.notNull().unique())
      .addColumn("rule", "text", (c) => c.notNull())
      .addColumn("target", "text", (c) => c.notNull())
      .addColumn("type", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("bus", "text", (c) => c.notNull())
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("event_id", "text", (c) => c.notNull())
      .addColumn("event_seq", "bigint", (c) => c.notNull())
      .addColumn("event_seqs", "text", (c) => c.notNull())
      .addColumn("replay_id", "text")
      .addColumn("group_id", "text")
      .addColumn("request", "text")
      .addColumn("last_error", "text")
      .addColumn("error_pointer", "text")
      .addColumn("http_status", "integer")
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("redrives", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("max_attempts", "integer", (c) => c.notNull())
      .addColumn("backoff_ms", "bigint", (c) => c.notNull())
      .addColumn("max_backoff_ms", "bigint", (c) => c.notNull())
      .addColumn("max_age_ms", "bigint", (c) => c.notNull())
      .addColumn("job_id", "text")
      .addColumn("cycle_started_ms", "bigint", (c) => c.notNull())
      .addColumn("created_ms", "bigint", (c) => c.notNull())
      .addColumn("updated_ms", "bigint", (c) => c.notNull())
      .addColumn("finished_ms", "bigint")
      .execute();
    // Listings are newest first by id (time-ordered), filtered by status (dead letters) or rule.
    await db.schema.createIndex("deliveries_status").on("deliveries").columns(["status", "id"]).execute();
    await db.schema.createIndex("deliveries_rule").on("deliveries").columns(["rule", "id"]).execute();
    await db.schema.createIndex("deliveries_event").on("deliveries").columns(["bus", "source", "event_id"]).execute();
    await db.schema.createIndex("deliveries_group").on("deliveries").column("group_id").execute();
    await db.schema.createIndex("deliveries_created").on("deliveries").column("created_ms").execute();

    await db.schema
      .createTable("delivery_attempts")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("delivery_id", "text", (c) => c.notNull())
      .addColumn("attempt", "integer", (c) => c.notNull())
      .addColumn("started_ms", "bigint", (c) => c.notNull())
      .addColumn("duration_ms", "integer", (c) => c.notNull())
      .addColumn("outcome", "text", (c) => c.notNull())
      .addColumn("http_status", "integer")
      .addColumn("response", "text")
      .addColumn("error", "text")
      .execute();
    await db.schema.createIndex("delivery_attempts_delivery").on("delivery_attempts").columns(["delivery_id", "attempt"]).execute();

    await db.schema
      .createTable("rule_state")
      .addColumn("rule", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("key", "text", (c) => c.notNull())
      .addColumn("state", "text", (c) => c.notNull())
      .addColumn("updated_ms", "bigint", (c) => c.notNull())
      .addColumn("expires_ms", "bigint")
      .addPrimaryKeyConstraint("rule_state_pk", ["rule", "kind", "key"])
      .execute();
    await db.schema.createIndex("rule_state_expires").on("rule_state").column("expires_ms").execute();
  },
};
