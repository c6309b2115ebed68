// The Overview page counts what happened per time bucket (`store/stats-repository.ts`). Every
// count must be a range scan of an index, whatever the size of the tables: events by the time
// they were stored (also what retention prunes by), failed delivery attempts by start, dead
// letters and ended executions by when they ended. Executions started and rule matches are
// served by the `*_created` indexes that exist already.
import type { Migration } from "../migrate.js";

export const statsIndexes: Migration = {
  name: "015-stats-indexes",
  async up(db) {
    await db.schema.createIndex("events_received").on("events").column("received_ms").execute();
    await db.schema.createIndex("delivery_attempts_started").on("delivery_attempts").columns(["started_ms", "outcome"]).execute();
    await db.schema.createIndex("deliveries_finished").on("deliveries").columns(["status", "finished_ms"]).execute();
    await db.schema.createIndex("executions_finished").on("executions").columns(["status", "finished_ms"]).execute();
  },
};
