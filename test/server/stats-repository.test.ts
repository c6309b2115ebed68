// The overview statistics on a store the size the brief names (100,000 events over a day, 10,000
// executions with their deliveries, attempts and matches): every bucket's counts agree with the
// same counts made in JavaScript over the generated rows, the mean time to repair follows the
// triggering event's time, and every query is a range scan of an index (EXPLAIN on the test's
// database: SQLite, or PostgreSQL with REFLEX_TEST_DATABASE_URL).
import { CompiledQuery } from "kysely";
import type { Insertable } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/open-store.js";
import type { DeliveriesTable, DeliveryAttemptsTable, EventsTable, ExecutionsTable, RuleMatchesTable } from "../../src/store/schema.js";
import { bucketStats, currentCounts, statsQueries } from "../../src/store/stats-repository.js";
import type { StatsWindow } from "../../src/store/stats-repository.js";
import { openTestStore } from "../support/store.js";

const T = Date.UTC(2026, 0, 15, 12, 0, 0);
const DAY = 86_400_000;
const EVENTS = 100_000;
const EXECUTIONS = 10_000;
const WINDOW: StatsWindow = { fromMs: T - 3_600_000, bucketMs: 60_000, count: 60 };

const events: Insertable<EventsTable>[] = [];
const executions: Insertable<ExecutionsTable>[] = [];
const deliveries: Insertable<DeliveriesTable>[] = [];
const attempts: Insertable<DeliveryAttemptsTable>[] = [];
const matches: Insertable<RuleMatchesTable>[] = [];

let store: Store;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ store, cleanup } = await openTestStore());
  generate();
  await insertAll("events", events);
  await insertAll("deliveries", deliveries);
  await insertAll("delivery_attempts", attempts);
  await insertAll("rule_matches", matches);
  await insertAll("executions", executions);
  // Planner statistics, as a database that has been running a while has them.
  await store.db.executeQuery(CompiledQuery.raw("analyze"));
}, 60_000);
afterAll(async () => cleanup());

describe("overview statistics", () => {
  it("counts every series per bucket as the rows say", async () => {
    const started = Date.now();
    const buckets = await bucketStats(store.db, WINDOW);
    const elapsed = Date.now() - started;
    expect(buckets).toHaveLength(60);
    expect(buckets[0]?.startMs).toBe(WINDOW.fromMs);

    const inWindow = (ms: number | null | undefined): ms is number => ms !== null && ms !== undefined && ms >= WINDOW.fromMs && ms < T;
    const bucketOf = (ms: number): number => Math.floor((ms - WINDOW.fromMs) / WINDOW.bucketMs);
    const expected = (values: readonly (number | null | undefined)[]): number[] => {
      const counts = new Array<number>(60).fill(0);
      for (const v of values) if (inWindow(v)) counts[bucketOf(v)] = (counts[bucketOf(v)] ?? 0) + 1;
      return counts;
    };
    const topLevel = executions.filter((x) => x.parent_id === null);
    expect(buckets.map((b) => b.events)).toEqual(expected(events.map((e) => e.received_ms)));
    expect(buckets.map((b) => b.ruleMatches)).toEqual(expected(matches.map((m) => m.created_ms)));
    expect(buckets.map((b) => b.deliveriesFailed)).toEqual(expected(attempts.filter((a) => a.outcome === "failed").map((a) => a.started_ms)));
    expect(buckets.map((b) => b.deliveriesDead)).toEqual(expected(deliveries.filter((d) => d.status === "dead").map((d) => d.finished_ms)));
    expect(buckets.map((b) => b.executionsStarted)).toEqual(expected(topLevel.map((x) => x.created_ms)));
    expect(buckets.map((b) => b.executionsSucceeded)).toEqual(expected(topLevel.filter((x) => x.status === "succeeded").map((x) => x.finished_ms)));
    expect(buckets.map((b) => b.executionsFailed)).toEqual(expected(topLevel.filter((x) => x.status === "failed" || x.status === "timeout").map((x) => x.finished_ms)));
    expect(buckets.reduce((n, b) => n + b.events, 0)).toBeGreaterThan(4000);
    expect(buckets.reduce((n, b) => n + b.executionsFailed, 0)).toBeGreaterThan(100);

    // Time to repair: rule-started successes only, from the event's time (received − 5 s) to the end.
    const repaired = topLevel.filter((x) => x.status === "succeeded" && x.trigger_key?.startsWith("delivery:") && inWindow(x.finished_ms));
    expect(repaired.length).toBeGreaterThan(50);
    const withMttr = buckets.filter((b) => b.mttrMs !== null);
    expect(withMttr.reduce((n, b) => n + b.mttrCount, 0)).toBe(repaired.length);
    for (const b of withMttr) expect(b.mttrMs).toBe(REPAIR_MS);
    expect(buckets.filter((b) => b.mttrMs === null).every((b) => b.mttrCount === 0)).toBe(true);

    expect(elapsed).toBeLessThan(2000);
  });

  it("counts what is going on now", async () => {
    expect(await currentCounts(store.db)).toEqual({
      executionsRunning: executions.filter((x) => x.finished_ms === null && x.parent_id === null).length,
      approvalsWaiting: 0,
      deadLetters: deliveries.filter((d) => d.status === "dead").length,
    });
  });

  it("reads every series through an index, never a scan of the table", async () => {
    for (const [name, query] of Object.entries(statsQueries(store.db, WINDOW))) {
      const compiled = query.compile();
      const plan = await explain(compiled.sql, compiled.parameters);
      if (store.dialect.name === "sqlite") {
        expect(plan, name).toMatch(/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY|USING PRIMARY KEY/);
        expect(plan, name).not.toMatch(/\bSCAN (events|executions|deliveries|delivery_attempts|rule_matches|x|d|e)\b(?! USING)/);
      } else {
        expect(plan, name).toMatch(/Index (Only )?Scan|Bitmap Index Scan/);
        expect(plan, name).not.toMatch(/Seq Scan on (events|executions|deliveries|delivery_attempts|rule_matches)\b/);
      }
    }
  });
});

/** The plan as text, one line per step. */
async function explain(text: string, parameters: readonly unknown[]): Promise<string> {
  const prefix = store.dialect.name === "sqlite" ? "explain query plan " : "explain ";
  const result = await store.db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(prefix + text, [...parameters]));
  return result.rows.map((r) => String(r.detail ?? r["QUERY PLAN"] ?? JSON.stringify(r))).join("\n");
}

const REPAIR_MS = 95_000;

/** A day of activity ending at T, deterministic. */
function generate(): void {
  for (let i = 0; i < EVENTS; i++) {
    const received = T - DAY + Math.floor((i * DAY) / EVENTS);
    events.push({ seq: i + 1, bus: "default", source: "gen", id: `e-${i}`, type: "t", subject: null, time_ms: received - 5000, received_ms: received, envelope: "{}", schema_error: null });
    if (i % 5 === 0) matches.push({ id: `m-${i}`, match_key: `mk-${i}`, bus: "default", source: "gen", event_id: `e-${i}`, event_seq: i + 1, rule: "r", status: "delivered", key: null, replay_id: null, group_id: null, error: null, error_pointer: null, created_ms: received + 10 });
  }
  for (let j = 0; j < EXECUTIONS; j++) {
    const eventIndex = j * 10;
    const eventReceived = Number(events[eventIndex]?.received_ms);
    const created = eventReceived + 1000;
    const status = ["succeeded", "succeeded", "failed", "timeout", "running"][j % 5] ?? "running";
    const child = j % 7 === 6;
    const fromRule = status === "succeeded" && j % 2 === 0 && !child;
    const deliveryId = `d-${j}`;
    const dead = j % 3 === 0;
    deliveries.push({
      id: deliveryId, idempotency_key: `k-${j}`, rule: "r", target: "t1", type: "workflow", status: dead ? "dead" : "delivered", bus: "default", source: "gen",
      event_id: `e-${eventIndex}`, event_seq: eventIndex + 1, event_seqs: `[${eventIndex + 1}]`, replay_id: null, group_id: null, request: "{}", last_error: null, error_pointer: null,
      http_status: null, attempts: 1, redrives: 0, max_attempts: 3, backoff_ms: 1000, max_backoff_ms: 60_000, max_age_ms: DAY, job_id: null,
      cycle_started_ms: created - 500, created_ms: created - 500, updated_ms: created, finished_ms: created - 100,
    });
    attempts.push({ id: `a-${j}`, delivery_id: deliveryId, attempt: 1, started_ms: created - 400, duration_ms: 10, outcome: j % 4 === 0 ? "delivered" : "failed", http_status: 500, response: null, error: null });
    executions.push({
      id: `x-${j}`, workflow: "w", spec: "{}", status, input: "{}", ctx: "{}", output: null, error: null, failing: 0,
      parent_id: child ? "x-0" : null, parent_task_id: null, root_id: child ? "x-0" : `x-${j}`,
      trigger: null, trigger_key: fromRule ? `delivery:${deliveryId}` : null, concurrency_key: null, version: 1,
      created_ms: created, started_ms: created, finished_ms: status === "running" ? null : eventReceived - 5000 + REPAIR_MS, updated_ms: created,
    });
  }
}

async function insertAll<K extends "events" | "deliveries" | "delivery_attempts" | "rule_matches" | "executions">(table: K, rows: readonly object[]): Promise<void> {
  const columns = Object.keys(rows[0] ?? {}).length;
  const chunk = Math.floor(30_000 / columns);
  for (let i = 0; i < rows.length; i += chunk) {
    await store.db.transaction().execute(async (trx) => {
      // The rows are built for this table above; Kysely's per-table insert types are not worth restating here.
      await trx.insertInto(table).values(rows.slice(i, i + chunk) as never).execute();
    });
  }
}
