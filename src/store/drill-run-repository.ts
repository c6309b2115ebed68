// Chaos drill runs as the store holds them: the report is opaque JSON here (its shape is the
// drill module's); the store knows only the columns it filters and orders by.
import type { Kysely } from "kysely";
import type { Database, DrillRunsTable } from "./schema.js";

/** A stored drill run, numbers as numbers on both dialects. */
export interface DrillRunRow {
  id: string;
  drill: string;
  status: string;
  startedMs: number;
  finishedMs: number | null;
  heartbeatMs: number;
  /** The report as JSON text. */
  report: string;
}

function fromRow(row: DrillRunsTable): DrillRunRow {
  return {
    id: row.id,
    drill: row.drill,
    status: row.status,
    startedMs: Number(row.started_ms),
    finishedMs: row.finished_ms === null ? null : Number(row.finished_ms),
    heartbeatMs: Number(row.heartbeat_ms),
    report: row.report,
  };
}

/** Records a new run. */
export async function insertDrillRun(db: Kysely<Database>, run: DrillRunRow): Promise<void> {
  await db
    .insertInto("drill_runs")
    .values({ id: run.id, drill: run.drill, status: run.status, started_ms: run.startedMs, finished_ms: run.finishedMs, heartbeat_ms: run.heartbeatMs, report: run.report })
    .execute();
}

/** Writes a run's status, report and heartbeat. */
export async function updateDrillRun(db: Kysely<Database>, id: string, change: { status: string; finishedMs: number | null; heartbeatMs: number; report: string }): Promise<void> {
  await db
    .updateTable("drill_runs")
    .set({ status: change.status, finished_ms: change.finishedMs, heartbeat_ms: change.heartbeatMs, report: change.report })
    .where("id", "=", id)
    .execute();
}

/** One run, or undefined. */
export async function findDrillRun(db: Kysely<Database>, id: string): Promise<DrillRunRow | undefined> {
  const row = await db.selectFrom("drill_runs").selectAll().where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : fromRow(row);
}

/** Runs, newest first, of one drill or of all. */
export async function listDrillRuns(db: Kysely<Database>, filter: { drill?: string; limit: number }): Promise<DrillRunRow[]> {
  let q = db.selectFrom("drill_runs").selectAll();
  if (filter.drill !== undefined) q = q.where("drill", "=", filter.drill);
  const rows = await q.orderBy("started_ms", "desc").orderBy("id", "desc").limit(filter.limit).execute();
  return rows.map(fromRow);
}

/** Runs still marked running whose heartbeat is older than `staleBeforeMs`: their node died. */
export async function staleDrillRuns(db: Kysely<Database>, staleBeforeMs: number): Promise<DrillRunRow[]> {
  const rows = await db.selectFrom("drill_runs").selectAll().where("status", "=", "running").where("heartbeat_ms", "<", staleBeforeMs).execute();
  return rows.map(fromRow);
}
