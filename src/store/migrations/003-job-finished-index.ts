// Finished jobs are pruned by age; this index lets the pruner find the oldest finished jobs of
// a status without scanning the table.
import type { Migration } from "../migrate.js";

export const jobFinishedIndex: Migration = {
  name: "003-job-finished-index",
  async up(db) {
    await db.schema.createIndex("jobs_finished").on("jobs").columns(["status", "finished_ms"]).execute();
  },
};
