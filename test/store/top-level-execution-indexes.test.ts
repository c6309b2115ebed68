// The Overview's counts of top-level executions read an index only (migration 016). The store
// is as Reflex leaves it — no ANALYZE, so SQLite plans without statistics, as it does in a real
// data directory — and each execution row carries a workflow spec of a few kilobytes, as real
// ones do: a plan that reads the table for these counts costs a row fetch per execution.
// SQLite: EXPLAIN QUERY PLAN must say COVERING INDEX. PostgreSQL (REFLEX_TEST_DATABASE_URL)
// plans from its own statistics; there the indexes must exist with the columns the counts use.
// The same goes for the Executions page filtered by status: newest first from (status, id).
import { CompiledQuery, sql } from "kysely";
import type { Insertable } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/core/ids.js";
import type { Store } from "../../src/store/open-store.js";
import type { ExecutionsTable } from "../../src/store/schema.js";
import { currentCounts, currentQueries, statsQueries } from "../../src/store/stats-repository.js";
import { openTestStore } from "../support/store.js";

const T = Date.UTC(2026, 0, 15, 12, 0, 0);
const TOP = 2_000;
const CHILDREN = 20;
const SPEC = JSON.stringify({ name: "heal", tasks: Array.from({ length: 30 }, (_, i) => ({ name: `task_${i}`, action: "core.noop", input: { note: "x".repeat(80) } })) });

let store: Store;
let cleanup: () => Promise<void>;
let running = 0;

beforeAll(async () => {
  ({ store, cleanup } = await openTestStore());
  const rows: Insertable<ExecutionsTable>[] = [];
  for (let i = 0; i < TOP + CHILDREN; i++) {
    const created = T - 3_600_000 + i * 1_000;
    const child = i >= TOP;
    const status = i % 50 === 0 ? "running" : i % 10 === 0 ? "failed" : "succeeded";
    if (status === "running" && !child) running += 1;
    const id = newId(created);
    rows.push({
      id,
      workflow: "heal",
      spec: SPEC,
      status,
      input: "{}",
      ctx: "{}",
      failing: 0,
      version: 1,
      parent_id: child ? (rows[0]?.id ?? null) : null,
      root_id: child ? (rows[0]?.id ?? id) : id,
      trigger_key: i % 3 === 0 ? `delivery:${newId(created)}` : null,
      created_ms: created,
      started_ms: created,
      finished_ms: status === "running" ? null : created + 500,
      updated_ms: created + 500,
    });
  }
  for (let i = 0; i < rows.length; i += 200) await store.db.insertInto("executions").values(rows.slice(i, i + 200)).execute();
}, 30_000);
afterAll(async () => cleanup());

describe("counts of top-level executions", () => {
  it("count the top-level executions under way", async () => {
    expect((await currentCounts(store.db)).executionsRunning).toBe(running);
  });

  it("read an index only, never the execution rows", async () => {
    const series = statsQueries(store.db, { fromMs: T - 3_600_000, bucketMs: 60_000, count: 60 });
    const queries = { executionsStarted: series.executionsStarted, executionsEnded: series.executionsEnded, executionsRunning: currentQueries(store.db).executionsRunning };
    if (store.dialect.name === "sqlite") {
      for (const [name, query] of Object.entries(queries)) {
        const compiled = query.compile();
        const plan = await store.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]));
        expect(plan.rows.map((r) => r.detail).join("\n"), name).toMatch(/^SEARCH executions USING COVERING INDEX (executions_parent_status|executions_finished)\b/);
      }
      // What ExecutionService.list asks for the Executions page filtered by status: no sort of every row of that status.
      const list = await store.db.executeQuery<{ detail: string }>(CompiledQuery.raw("explain query plan select * from executions where status = ? order by id desc limit ?", ["succeeded", 50]));
      expect(list.rows.map((r) => r.detail).join("\n")).toMatch(/^SEARCH executions USING INDEX executions_status_id \(status=\?\)$/);
      const repair = series.repairTimes.compile();
      const plan = await store.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${repair.sql}`, [...repair.parameters]));
      expect(plan.rows.map((r) => r.detail).join("\n")).toMatch(/SEARCH x USING COVERING INDEX executions_finished\b/);
    } else {
      const { rows } = await sql<{ indexname: string; indexdef: string }>`select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename = 'executions'`.execute(store.db);
      const def = (name: string) => rows.find((r) => r.indexname === name)?.indexdef ?? "";
      expect(def("executions_parent_status")).toMatch(/\(parent_id, status, created_ms\)/);
      expect(def("executions_finished")).toMatch(/\(status, finished_ms, parent_id, trigger_key\)/);
      expect(def("executions_status_id")).toMatch(/\(status, id\)/);
      expect(rows.map((r) => r.indexname)).not.toContain("executions_parent");
    }
  });
});
