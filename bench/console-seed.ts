// Fills a fresh store with what the console benchmark reads: a week of events appended through
// the store's own `appendEvents` (the path ingest commits with, free-text index included) in
// batches, then the rules' matches and deliveries, the executions with their task runs, and
// the drill runs, inserted with Kysely in batches inside transactions, in the real schema
// (migrations applied by `openStore`). Nothing goes through HTTP: 100,000 events one request at
// a time would take longer than the benchmark itself.
import type { Insertable, Kysely } from "kysely";
import { sql } from "kysely";
import type { ReflexConfig } from "../src/config/types.js";
import { searchText } from "../src/events/normalize.js";
import type { Store } from "../src/store/open-store.js";
import type { Database } from "../src/store/schema.js";
import type { SeedEvent } from "./console-events.js";
import { buildLineage } from "./console-lineage.js";
import type { StoredSeed } from "./console-lineage.js";
import { buildRuns } from "./console-runs.js";

/** How much is seeded. */
export interface SeedPlan {
  /** Executions in all (rule-started ones first, API-started ones for the rest). */
  executions: number;
  /** Days the data spans, ending now. */
  days: number;
  /** Runs per configured drill. */
  drillRuns: number;
}

/** What was seeded, and how long it took. */
export interface SeedResult {
  /** Rows per table. */
  rows: Record<string, number>;
  eventsMs: number;
  restMs: number;
  /** Facts the pages' requests are built from. */
  facts: SeedFacts;
}

/** Ids and names of seeded things a page opens. */
export interface SeedFacts {
  /** An event with matches and deliveries (a dead one among them), as the event page opens it. */
  event: { id: string; source: string };
  /** A failed rule-started execution (the one an operator opens from the list). */
  failedExecution: { id: string; workflow: string };
  /** An execution waiting for an approval. */
  pendingExecution: { id: string; workflow: string } | null;
  /** A subject (instance) with events, for the subject filter. */
  subject: string;
  /** A rule with dead letters. */
  rule: string;
  /** A drill run with its report. */
  drillRun: string | null;
}

const EVENT_BATCH = 1_000;
const ROW_BATCH = 400;

/** Seeds `store` with `events` (oldest first) and everything made of them. */
export async function seedStore(store: Store, config: ReflexConfig, events: readonly SeedEvent[], plan: SeedPlan, now: number): Promise<SeedResult> {
  const t0 = performance.now();
  const stored: StoredSeed[] = [];
  for (let i = 0; i < events.length; i += EVENT_BATCH) {
    const batch = events.slice(i, i + EVENT_BATCH);
    const seqs = await store.appendEvents(batch.map((e) => ({ bus: "default", event: e.event, timeMs: e.timeMs, receivedMs: e.receivedMs, schemaError: null, text: searchText(e.event) })));
    seqs.forEach((seq, k) => {
      const e = batch[k];
      if (seq === null || !e) throw new Error(`seed event ${i + k} was not stored (a duplicate id?)`);
      stored.push({ seq, ...e });
    });
  }
  const t1 = performance.now();

  const lineage = buildLineage(config, stored, now);
  const runs = buildRuns(config, lineage.workflowStarts, plan.executions, now, plan.days, plan.drillRuns);
  await insertAll(store.db, "rule_matches", lineage.matches);
  await insertAll(store.db, "deliveries", lineage.deliveries);
  await insertAll(store.db, "delivery_attempts", lineage.attempts);
  await insertAll(store.db, "executions", runs.executions);
  await insertAll(store.db, "task_runs", runs.taskRuns);
  await insertAll(store.db, "task_items", runs.taskItems);
  await insertAll(store.db, "task_logs", runs.taskLogs);
  await insertAll(store.db, "approvals", runs.approvals);
  await insertAll(store.db, "drill_runs", runs.drillRuns);
  // PostgreSQL's autovacuum analyzes tables this size within a minute of the inserts; do it now
  // so the planner's statistics do not depend on when the measurement starts.
  if (store.dialect.name === "postgres") await sql`analyze`.execute(store.db);
  const t2 = performance.now();

  const rows: Record<string, number> = {
    events: stored.length,
    rule_matches: lineage.matches.length,
    deliveries: lineage.deliveries.length,
    "deliveries (dead)": lineage.deliveries.filter((d) => d.status === "dead").length,
    delivery_attempts: lineage.attempts.length,
    executions: runs.executions.length,
    "executions (under way)": runs.executions.filter((x) => !["succeeded", "failed", "timeout", "canceled"].includes(x.status)).length,
    "executions (failed)": runs.executions.filter((x) => x.status === "failed").length,
    task_runs: runs.taskRuns.length,
    task_items: runs.taskItems.length,
    task_logs: runs.taskLogs.length,
    approvals: runs.approvals.length,
    "approvals (pending)": runs.approvals.filter((a) => a.status === "pending").length,
    drill_runs: runs.drillRuns.length,
  };
  return { rows, eventsMs: t1 - t0, restMs: t2 - t1, facts: factsOf(stored, lineage.deliveries, runs.executions, runs.drillRuns) };
}

type TableName = keyof Database;

async function insertAll<T extends TableName>(db: Kysely<Database>, table: T, rows: readonly Insertable<Database[T]>[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += ROW_BATCH) {
      await trx
        .insertInto(table)
        .values(rows.slice(i, i + ROW_BATCH) as Insertable<Database[T]>[])
        .execute();
    }
  });
}

function factsOf(
  stored: readonly StoredSeed[],
  deliveries: readonly { status: string; event_seq: number; rule: string }[],
  executions: readonly { id: string; workflow: string; status: string; trigger_key?: string | null }[],
  drillRuns: readonly { id: string }[],
): SeedFacts {
  const dead = [...deliveries].reverse().find((d) => d.status === "dead");
  if (!dead) throw new Error("the seed has no dead delivery; the dead-letter and event pages would show nothing");
  const event = stored.find((s) => s.seq === dead.event_seq);
  if (!event) throw new Error(`dead delivery of event seq ${dead.event_seq} names no seeded event`);
  const failed = [...executions].reverse().find((x) => x.status === "failed" && typeof x.trigger_key === "string");
  if (!failed) throw new Error("the seed has no failed rule-started execution");
  const pending = [...executions].reverse().find((x) => x.status === "pending");
  const subject = event.event.subject ?? stored[stored.length - 1]?.event.subject ?? "";
  return {
    event: { id: event.event.id, source: event.event.source },
    failedExecution: { id: failed.id, workflow: failed.workflow },
    pendingExecution: pending ? { id: pending.id, workflow: pending.workflow } : null,
    subject,
    rule: dead.rule,
    drillRun: drillRuns[drillRuns.length - 1]?.id ?? null,
  };
}
