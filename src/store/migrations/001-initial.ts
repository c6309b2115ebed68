// The first schema: events (with a free-text side index), durable jobs, API tokens, replays
// and a small key/value table. Integer epoch-ms times and JSON text on both dialects.
import { sql } from "kysely";
import type { Migration } from "../migrate.js";

export const initial: Migration = {
  name: "001-initial",
  async up(db, dialect) {
    const seqColumn = dialect === "postgres" ? "bigserial" : "integer";
    await db.schema
      .createTable("events")
      .addColumn("seq", sql.raw(seqColumn), (c) => (dialect === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn("bus", "text", (c) => c.notNull())
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("id", "text", (c) => c.notNull())
      .addColumn("type", "text", (c) => c.notNull())
      .addColumn("subject", "text")
      .addColumn("time_ms", "bigint", (c) => c.notNull())
      .addColumn("received_ms", "bigint", (c) => c.notNull())
      .addColumn("envelope", "text", (c) => c.notNull())
      .addColumn("schema_error", "text")
      .execute();
    await db.schema.createIndex("events_identity").on("events").columns(["bus", "source", "id"]).unique().execute();
    await db.schema.createIndex("events_bus_seq").on("events").columns(["bus", "seq"]).execute();
    await db.schema.createIndex("events_bus_type_seq").on("events").columns(["bus", "type", "seq"]).execute();
    await db.schema.createIndex("events_bus_subject_seq").on("events").columns(["bus", "subject", "seq"]).execute();
    await db.schema.createIndex("events_bus_source_seq").on("events").columns(["bus", "source", "seq"]).execute();
    await db.schema.createIndex("events_time").on("events").columns(["bus", "time_ms"]).execute();

    if (dialect === "postgres") {
      await sql`create table event_text (seq bigint primary key, doc tsvector not null)`.execute(db);
      await sql`create index event_text_doc on event_text using gin (doc)`.execute(db);
    } else {
      await sql`create virtual table events_fts using fts5(body, content='', contentless_delete=1, tokenize='unicode61')`.execute(db);
    }

    await db.schema
      .createTable("jobs")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("queue", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("payload", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("priority", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("run_at", "bigint", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("max_attempts", "integer", (c) => c.notNull())
      .addColumn("backoff_ms", "integer", (c) => c.notNull())
      .addColumn("backoff_max_ms", "integer", (c) => c.notNull())
      .addColumn("locked_by", "text")
      .addColumn("locked_until", "bigint")
      .addColumn("idempotency_key", "text")
      .addColumn("last_error", "text")
      .addColumn("result", "text")
      .addColumn("created_ms", "bigint", (c) => c.notNull())
      .addColumn("updated_ms", "bigint", (c) => c.notNull())
      .addColumn("finished_ms", "bigint")
      .execute();
    await db.schema.createIndex("jobs_claim").on("jobs").columns(["queue", "status", "priority", "run_at"]).execute();
    await db.schema.createIndex("jobs_lease").on("jobs").columns(["status", "locked_until"]).execute();
    await db.schema.createIndex("jobs_idempotency").on("jobs").column("idempotency_key").unique().execute();

    await db.schema
      .createTable("api_tokens")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("token_hash", "text", (c) => c.notNull().unique())
      .addColumn("prefix", "text", (c) => c.notNull())
      .addColumn("created_ms", "bigint", (c) => c.notNull())
      .addColumn("last_used_ms", "bigint")
      .addColumn("expires_ms", "bigint")
      .addColumn("revoked_ms", "bigint")
      .execute();

    await db.schema
      .createTable("replays")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("bus", "text", (c) => c.notNull())
      .addColumn("from_ms", "bigint", (c) => c.notNull())
      .addColumn("to_ms", "bigint", (c) => c.notNull())
      .addColumn("pattern", "text")
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("total", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("processed", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("matched", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("last_seq", "bigint", (c) => c.notNull().defaultTo(0))
      .addColumn("error", "text")
      .addColumn("created_ms", "bigint", (c) => c.notNull())
      .addColumn("started_ms", "bigint")
      .addColumn("finished_ms", "bigint")
      .execute();

    await db.schema
      .createTable("meta")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("value", "text", (c) => c.notNull())
      .execute();
  },
};
