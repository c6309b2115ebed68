// Throttle, dedupe and group as the dispatch applies them, with their state in the store: the
// outcome of every match is recorded, the state survives a restart (a new engine on the same
// database), and a group becomes one delivery carrying all its events.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { listJobs } from "../../src/queue/index.js";
import { DISPATCH_JOB } from "../../src/rules/index.js";
import type { Store } from "../../src/store/open-store.js";
import { openTestStore } from "../support/store.js";
import { Receiver, configFrom, drain, engineFor, ingest } from "./support.js";

let store: Store;
let cleanup: () => Promise<void>;
const receiver = new Receiver();
const clock = new ManualClock();
const MIN = 60_000;

beforeAll(async () => {
  ({ store, cleanup } = await openTestStore());
  await receiver.start();
});
afterAll(async () => {
  await receiver.stop();
  await cleanup();
});

const fail = (): never => {
  throw new Error("missing");
};
const matchesOf = async (rule: string) =>
  (await store.db.selectFrom("rule_matches").select(["event_id", "status", "key"]).where("rule", "=", rule).orderBy("event_seq").execute()).map((m) => [m.event_id, m.status, m.key]);
/** Stores events one at a time, a millisecond apart, so their dispatches run in this order. */
async function ingestInOrder(engine: Parameters<typeof ingest>[1], events: Record<string, unknown>[]): Promise<void> {
  for (const event of events) {
    await ingest(store, engine, clock, "default", [event]);
    clock.advance(1);
  }
}
const deliveredTo = (path: string) => receiver.requests.filter((r) => r.url === path).map((r) => JSON.parse(r.body) as Record<string, unknown>);

describe("throttle", () => {
  const yaml = () => `
kind: Rule
name: throttled
pattern: {source: [throttle.test]}
throttle: {key: "{{ event.subject }}", rate: 1, per: 10m}
targets: [{type: http, url: "${receiver.url}/throttled"}]`;

  it("lets one delivery per instance through per 10 minutes, also across a restart", async () => {
    const first = engineFor(store, clock, await configFrom(yaml())).engine;
    const event = (id: string, subject: string) => ({ id, source: "throttle.test", type: "t", subject });
    await ingestInOrder(first, [event("t1", "ins-a"), event("t2", "ins-a"), event("t3", "ins-b")]);
    await drain(store, clock, first.handlers);
    clock.advance(5 * MIN);

    // A restart: a new engine (registry, handlers) on the same database.
    const second = engineFor(store, clock, await configFrom(yaml())).engine;
    await ingestInOrder(second, [event("t4", "ins-a"), event("t5", "ins-b")]);
    await drain(store, clock, second.handlers);
    clock.advance(5 * MIN);
    await ingestInOrder(second, [event("t6", "ins-a"), event("t7", "ins-a")]);
    await drain(store, clock, second.handlers);

    expect(await matchesOf("throttled")).toEqual([
      ["t1", "delivered", "ins-a"],
      ["t2", "throttled", "ins-a"],
      ["t3", "delivered", "ins-b"],
      ["t4", "throttled", "ins-a"],
      ["t5", "throttled", "ins-b"],
      ["t6", "delivered", "ins-a"],
      ["t7", "throttled", "ins-a"],
    ]);
    expect(deliveredTo("/throttled").map((b) => String(b.id)).sort()).toEqual(["t1", "t3", "t6"]);
  });
});

describe("concurrent dispatches", () => {
  it("take turns on a throttle bucket: simultaneous matches spend exactly the tokens it holds", async () => {
    const yaml = `
kind: Rule
name: contended
pattern: {source: [contended.test]}
throttle: {key: "{{ event.subject }}", rate: 3, per: 1h, burst: 3}
targets: [{type: workflow, workflow: w}]`;
    // Two nodes: two engines, each with its own handlers, on the same database.
    const nodes = [engineFor(store, clock, await configFrom(yaml)).engine, engineFor(store, clock, await configFrom(yaml)).engine];
    const first = nodes[0] ?? fail();
    const event = (i: number) => ({ id: `c${i}`, source: "contended.test", type: "t", subject: "same" });
    // One match first, so the bucket exists (2 tokens left) and nobody waits on creating it.
    await ingest(store, first, clock, "default", [event(0)]);
    await drain(store, clock, first.handlers);
    await ingest(store, first, clock, "default", [1, 2, 3, 4, 5, 6].map(event));
    const jobs = (await listJobs(store.db, { kind: DISPATCH_JOB, status: "queued", limit: 100 })).filter((j) => j.idempotencyKey?.includes("contended.test"));
    expect(jobs).toHaveLength(6);
    const signal = new AbortController().signal;
    await Promise.all(jobs.map((job, i) => nodes[i % 2]?.handlers[DISPATCH_JOB]?.(job, { signal, workerId: `w${i}` })));
    const statuses = (await matchesOf("contended")).map(([, status]) => status).sort();
    expect(statuses).toEqual(["delivered", "delivered", "delivered", "throttled", "throttled", "throttled", "throttled"]);
  });
});

describe("dedupe", () => {
  it("passes the first event of a key and drops the same key within the window", async () => {
    const { engine } = engineFor(
      store,
      clock,
      await configFrom(`
kind: Rule
name: deduped
pattern: {source: [dedupe.test]}
dedupe: {key: "{{ data.alarmId }}", within: 5m}
targets: [{type: http, url: "${receiver.url}/deduped"}]`),
    );
    const event = (id: string, alarmId: string) => ({ id, source: "dedupe.test", type: "t", data: { alarmId } });
    await ingestInOrder(engine, [event("d1", "A"), event("d2", "A"), event("d3", "B")]);
    await drain(store, clock, engine.handlers);
    clock.advance(4 * MIN);
    await ingest(store, engine, clock, "default", [event("d4", "A")]);
    await drain(store, clock, engine.handlers);
    clock.advance(MIN);
    await ingest(store, engine, clock, "default", [event("d5", "A")]);
    await drain(store, clock, engine.handlers);
    expect(await matchesOf("deduped")).toEqual([
      ["d1", "delivered", "A"],
      ["d2", "deduplicated", "A"],
      ["d3", "delivered", "B"],
      ["d4", "deduplicated", "A"],
      ["d5", "delivered", "A"],
    ]);
  });
});

describe("group", () => {
  it("coalesces a burst per key into one delivery after the wait, or at once when full", async () => {
    const { engine } = engineFor(
      store,
      clock,
      await configFrom(`
kind: Rule
name: grouped
pattern: {source: [group.test]}
group: {by: "{{ event.subject }}", wait: 1m, max: 3}
targets:
  - {name: all, type: http, url: "${receiver.url}/grouped", body: {subject: "{{ event.subject }}", ids: "{{ events.id }}", count: "{{ $count(events) }}"}}
  - {name: raw, type: http, url: "${receiver.url}/grouped-raw"}`),
    );
    const event = (id: string, subject: string) => ({ id, source: "group.test", type: "t", subject });
    await ingest(store, engine, clock, "default", [event("g1", "A"), event("g2", "B"), event("g3", "A")]);
    await drain(store, clock, engine.handlers);
    expect(deliveredTo("/grouped")).toEqual([]);
    // C fills its group: delivered without waiting.
    await ingest(store, engine, clock, "default", [event("g4", "C"), event("g5", "C"), event("g6", "C")]);
    await drain(store, clock, engine.handlers);
    expect(deliveredTo("/grouped")).toEqual([{ subject: "C", ids: ["g4", "g5", "g6"], count: 3 }]);
    // A late member of C opens a new group.
    await ingest(store, engine, clock, "default", [event("g7", "C")]);
    await drain(store, clock, engine.handlers);
    clock.advance(MIN);
    await drain(store, clock, engine.handlers);
    const bodies = deliveredTo("/grouped").sort((a, b) => String(a.subject).localeCompare(String(b.subject)) || Number(a.count) - Number(b.count));
    expect(bodies).toEqual([
      { subject: "A", ids: ["g1", "g3"], count: 2 },
      { subject: "B", ids: "g2", count: 1 },
      { subject: "C", ids: "g7", count: 1 },
      { subject: "C", ids: ["g4", "g5", "g6"], count: 3 },
    ]);
    // Without a body, a group's delivery sends {events: [...]}.
    const raw = deliveredTo("/grouped-raw").find((b) => Array.isArray(b.events) && b.events.length === 2);
    expect(raw?.events).toEqual([expect.objectContaining({ id: "g1" }), expect.objectContaining({ id: "g3" })]);
    expect((await matchesOf("grouped")).every(([, status]) => status === "grouped")).toBe(true);
    // The C group's wait-flush ran too and created nothing more; no group is left open.
    clock.advance(MIN);
    await drain(store, clock, engine.handlers);
    expect(deliveredTo("/grouped")).toHaveLength(4);
    expect(await store.db.selectFrom("rule_state").select("key").where("rule", "=", "grouped").execute()).toEqual([]);
  });
});
