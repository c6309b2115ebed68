// Job claiming reads due jobs of a queue in claim order (priority desc, run_at, id). This index
// holds them in exactly that order, so a claim reads the first few entries instead of sorting
// every queued job; it replaces `jobs_claim`, whose ascending priority forced that sort.
import type { Migration } from "../migrate.js";

export const jobClaimOrder: Migration = {
  name: "002-job-claim-order",
  async up(db) {
    await db.schema.createIndex("jobs_due").on("jobs").columns(["queue", "status", "priority desc", "run_at", "id"]).execute();
    await db.schema.dropIndex("jobs_claim").execute();
  },
};
