// The record of what the channels sent: one row per message sent or tried, with the vendor's
// answer, listed newest first overall or per channel. Integer epoch-ms times and JSON as text on
// both dialects, like the rest of the schema.
import type { Migration } from "../migrate.js";

export const notifications: Migration = {
  name: "010-notifications",
  async up(db) {
    await db.schema
      .createTable("notifications")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("channel", "text", (c) => c.notNull())
      .addColumn("type", "text", (c) => c.notNull())
      .addColumn("origin", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("request", "text", (c) => c.notNull())
      .addColumn("response_status", "integer")
      .addColumn("response", "text")
      .addColumn("error", "text")
      .addColumn("duration_ms", "integer", (c) => c.notNull())
      .addColumn("created_ms", "bigint", (c) => c.notNull())
      .execute();
    // Listings are newest first by id (time-ordered), per channel or all; pruning goes by age.
    await db.schema.createIndex("notifications_channel").on("notifications").columns(["channel", "id"]).execute();
    await db.schema.createIndex("notifications_created").on("notifications").column("created_ms").execute();
  },
};
