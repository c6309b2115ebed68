// Chaos drill runs (`src/drill/`), so a report outlives the process that ran it. One row per
// run with its status, a heartbeat the running node writes (a run whose heartbeat went stale
// was interrupted), and the report as JSON, rewritten as the run goes.
import type { Migration } from "../migrate.js";

export const drillRuns: Migration = {
  name: "014-drill-runs",
  async up(db) {
    await db.schema
      .createTable("drill_runs")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("drill", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("started_ms", "bigint", (c) => c.notNull())
      .addColumn("finished_ms", "bigint")
      .addColumn("heartbeat_ms", "bigint", (c) => c.notNull())
      .addColumn("report", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("drill_runs_drill_started").on("drill_runs").columns(["drill", "started_ms"]).execute();
    await db.schema.createIndex("drill_runs_started").on("drill_runs").column("started_ms").execute();
    await db.schema.createIndex("drill_runs_status").on("drill_runs").column("status").execute();
  },
};
