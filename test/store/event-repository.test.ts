// The event repository on the real database of this run (SQLite, or PostgreSQL when
// REFLEX_TEST_DATABASE_URL is set): idempotent appends, filters, free text, cursor, pruning.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CloudEvent } from "../../src/core/event.js";
import { appendEvents, findEventsById, pruneEvents, scanEvents, searchEvents } from "../../src/store/event-repository.js";
import type { AppendRow } from "../../src/store/event-repository.js";
import type { Store } from "../../src/store/open-store.js";
import { openTestStore } from "../support/store.js";

let store: Store;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ store, cleanup } = await openTestStore());
});
afterAll(async () => cleanup());

function row(id: string, extra: Partial<CloudEvent> = {}, bus = "default", receivedMs = 1_000): AppendRow {
  const event: CloudEvent = { specversion: "1.0", id, source: "cvm.cloud.tencent", type: "cvm:ErrorEvent:PingUnreachable", time: "2026-01-01T00:00:00Z", ...extra };
  return { bus, event, timeMs: Date.parse(event.time ?? ""), receivedMs, schemaError: null, text: [event.source, event.type, event.subject ?? "", JSON.stringify(event.data ?? "")].join(" ") };
}

describe("event repository", () => {
  it("stores an event once and reports duplicates, also within one batch", async () => {
    const first = await appendEvents(store.db, store.dialect, [row("a1"), row("a2"), row("a1")]);
    expect(first[0]).toBeTypeOf("number");
    expect(first[1]).toBeTypeOf("number");
    expect(first[2]).toBeNull();
    const again = await appendEvents(store.db, store.dialect, [row("a1"), row("a3")]);
    expect(again[0]).toBeNull();
    expect(again[1]).toBeGreaterThan(first[1] ?? Infinity);
    expect(await findEventsById(store.db, "a1")).toHaveLength(1);
  });

  it("keeps the same id apart on different buses and sources", async () => {
    const res = await appendEvents(store.db, store.dialect, [row("b1"), row("b1", {}, "other"), row("b1", { source: "acs.ecs" })]);
    expect(res.every((s) => typeof s === "number")).toBe(true);
  });

  it("filters, searches free text and pages newest first", async () => {
    await appendEvents(store.db, store.dialect, [
      row("c1", { subject: "ins-aaa111", type: "cvm:ErrorEvent:DiskReadonly", data: { diskId: "disk-77" } }, "search"),
      row("c2", { subject: "ins-bbb222", data: { message: "kernel panic on node" } }, "search"),
      row("c3", { subject: "ins-aaa111", time: "2026-02-01T00:00:00Z" }, "search"),
    ]);
    const all = await searchEvents(store.db, store.dialect, { bus: "search" }, 10);
    expect(all.map((e) => e.event.id)).toEqual(["c3", "c2", "c1"]);
    const bySubject = await searchEvents(store.db, store.dialect, { bus: "search", subject: "ins-aaa111" }, 10);
    expect(bySubject.map((e) => e.event.id)).toEqual(["c3", "c1"]);
    const byTime = await searchEvents(store.db, store.dialect, { bus: "search", fromMs: Date.parse("2026-01-15T00:00:00Z") }, 10);
    expect(byTime.map((e) => e.event.id)).toEqual(["c3"]);
    const text = await searchEvents(store.db, store.dialect, { bus: "search", text: "kernel panic" }, 10);
    expect(text.map((e) => e.event.id)).toEqual(["c2"]);
    const hyphen = await searchEvents(store.db, store.dialect, { bus: "search", text: "disk-77" }, 10);
    expect(hyphen.map((e) => e.event.id)).toEqual(["c1"]);
    const page1 = await searchEvents(store.db, store.dialect, { bus: "search" }, 2);
    const page2 = await searchEvents(store.db, store.dialect, { bus: "search", beforeSeq: page1[1]?.seq }, 2);
    expect(page2.map((e) => e.event.id)).toEqual(["c1"]);
  });

  it("returns the envelope exactly as stored", async () => {
    const event = row("d1", { subject: "ins-1", region: "ap-guangzhou", tags: { env: "prod" }, data: { n: 1.5, list: [1, "x", null] } }, "exact");
    await appendEvents(store.db, store.dialect, [event]);
    const [found] = await findEventsById(store.db, "d1", { bus: "exact" });
    expect(found?.event).toEqual(event.event);
  });

  it("scans a window oldest first and prunes by age and count", async () => {
    const rows = Array.from({ length: 10 }, (_, i) => row(`p${i}`, {}, "prune", 1_000 + i));
    await appendEvents(store.db, store.dialect, rows);
    const scanned = await scanEvents(store.db, { bus: "prune", fromMs: 0, toMs: Date.parse("2027-01-01T00:00:00Z"), afterSeq: 0 }, 100);
    expect(scanned.map((e) => e.event.id)).toEqual(rows.map((r) => r.event.id));
    expect(await pruneEvents(store.db, store.dialect, "prune", { cutoffMs: 1_003 }, 100)).toBe(3);
    expect(await pruneEvents(store.db, store.dialect, "prune", { maxCount: 4 }, 100)).toBe(3);
    const left = await searchEvents(store.db, store.dialect, { bus: "prune" }, 100);
    expect(left.map((e) => e.event.id)).toEqual(["p9", "p8", "p7", "p6"]);
    expect(await searchEvents(store.db, store.dialect, { bus: "prune", text: "tencent" }, 100)).toHaveLength(4);
  });
});

describe("outbox", () => {
  it("inserts an event's jobs with it, and none for a duplicate", async () => {
    const job = (key: string) => ({
      id: `job-${key}`, queue: "outbox", kind: "rules.dispatch", payload: "{}", status: "queued" as const, priority: 0, run_at: 0, attempts: 0,
      max_attempts: 5, backoff_ms: 1000, backoff_max_ms: 300_000, locked_by: null, locked_until: null, idempotency_key: key, last_error: null,
      result: null, created_ms: 0, updated_ms: 0, finished_ms: null,
    });
    const first = { ...row("o1", {}, "outbox"), outbox: [job("dispatch:o1")] };
    const again = { ...row("o1", {}, "outbox"), outbox: [job("dispatch:o1-again")] };
    await appendEvents(store.db, store.dialect, [first, again]);
    const jobs = await store.db.selectFrom("jobs").select("idempotency_key").where("queue", "=", "outbox").execute();
    expect(jobs.map((j) => j.idempotency_key)).toEqual(["dispatch:o1"]);
  });
});
