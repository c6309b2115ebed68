// Dispatch as a durable job: a re-run records and creates nothing twice; a rule removed after
// the match is recorded as missing; a key template that fails records its pointer; replays go
// the same way under their own keys; an event's lineage shows its matches and deliveries; and
// a backtest shows what would be sent while delivering nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { listJobs } from "../../src/queue/index.js";
import { DISPATCH_JOB, eventLineage, pruneRuleHistory } from "../../src/rules/index.js";
import type { Store } from "../../src/store/open-store.js";
import { openTestStore } from "../support/store.js";
import { Receiver, configFrom, drain, engineFor, ingest } from "./support.js";
import { findEventsById } from "../../src/store/event-repository.js";

let store: Store;
let cleanup: () => Promise<void>;
const receiver = new Receiver();
const clock = new ManualClock();

beforeAll(async () => {
  ({ store, cleanup } = await openTestStore());
  await receiver.start();
});
afterAll(async () => {
  await receiver.stop();
  await cleanup();
});

const rule = (name: string, source: string, extra = "") => `
kind: Rule
name: ${name}
pattern: {source: [${source}]}
${extra}
targets: [{name: hook, type: http, url: "${receiver.url}/${name}"}]`;

describe("dispatch", () => {
  it("stores one dispatch job per matching event, with the event, and none for a duplicate or a miss", async () => {
    const { engine } = engineFor(store, clock, await configFrom(rule("outbox-a", "outbox.test"), rule("outbox-b", "outbox.test")));
    const seqs = await ingest(store, engine, clock, "default", [
      { id: "o1", source: "outbox.test", type: "t" },
      { id: "o1", source: "outbox.test", type: "t" },
      { id: "o2", source: "nobody.test", type: "t" },
    ]);
    expect(seqs[1]).toBeNull();
    const jobs = (await listJobs(store.db, { kind: DISPATCH_JOB, limit: 100 })).filter((j) => j.idempotencyKey?.includes("outbox.test"));
    expect(jobs.map((j) => [j.idempotencyKey, j.payload])).toEqual([["dispatch:default:outbox.test:o1", { bus: "default", source: "outbox.test", id: "o1", rules: ["outbox-a", "outbox-b"] }]]);
  });

  it("creates nothing twice when a dispatch runs again", async () => {
    const { engine } = engineFor(store, clock, await configFrom(rule("rerun", "rerun.test")));
    await ingest(store, engine, clock, "default", [{ id: "r1", source: "rerun.test", type: "t" }]);
    const [job] = (await listJobs(store.db, { kind: DISPATCH_JOB, limit: 100 })).filter((j) => j.idempotencyKey?.includes("rerun.test"));
    const handler = engine.handlers[DISPATCH_JOB];
    if (!job || !handler) throw new Error("no dispatch job");
    const signal = new AbortController().signal;
    expect(await handler(job, { signal, workerId: "w" })).toEqual({ rerun: "delivered" });
    expect(await handler(job, { signal, workerId: "w" })).toEqual({ rerun: "recorded by an earlier run" });
    expect(await store.db.selectFrom("deliveries").select("id").where("rule", "=", "rerun").execute()).toHaveLength(1);
    expect(await store.db.selectFrom("rule_matches").select("id").where("rule", "=", "rerun").execute()).toHaveLength(1);
  });

  it("records a rule that was removed after the match, and a key template that fails", async () => {
    const { engine, setConfig } = engineFor(
      store,
      clock,
      await configFrom(rule("going", "gone.test"), rule("bad-key", "gone.test", 'throttle: {key: "{{ $number(event.subject) }}", rate: 1, per: 1m}')),
    );
    await ingest(store, engine, clock, "default", [{ id: "g1", source: "gone.test", type: "t", subject: "not-a-number" }]);
    setConfig(await configFrom(rule("bad-key", "gone.test", 'throttle: {key: "{{ $number(event.subject) }}", rate: 1, per: 1m}')));
    await drain(store, clock, engine.handlers);
    const lineage = await eventLineage(store.db, { bus: "default", source: "gone.test", id: "g1" });
    expect(lineage.matches).toEqual([
      expect.objectContaining({ rule: "bad-key", status: "failed", errorPointer: "/throttle/key", error: expect.stringMatching(/\$number/) }),
      expect.objectContaining({ rule: "going", status: "rule-missing", error: expect.stringMatching(/no longer exists/) }),
    ]);
    expect(lineage.deliveries).toEqual([]);
  });

  it("replays under the replay's keys and marks what it creates", async () => {
    const { engine } = engineFor(store, clock, await configFrom(rule("replayed", "replay.test")));
    await ingest(store, engine, clock, "default", [{ id: "p1", source: "replay.test", type: "t" }]);
    await drain(store, clock, engine.handlers);
    const stored = await findEventsById(store.db, "p1", { source: "replay.test" });
    expect(await engine.outbox.replay(stored, { id: "rp-1" })).toBe(1);
    expect(await engine.outbox.replay(stored, { id: "rp-1" })).toBe(1); // the same chunk again: the same job
    await drain(store, clock, engine.handlers);
    const rows = await store.db.selectFrom("deliveries").select(["replay_id", "status"]).where("rule", "=", "replayed").execute();
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(
      expect.arrayContaining([
        { replay_id: null, status: "delivered" },
        { replay_id: "rp-1", status: "delivered" },
      ]),
    );
    expect(receiver.requests.filter((r) => r.url === "/replayed")).toHaveLength(2);
  });

  it("shows an event's lineage: matches, throttles, its deliveries and its group's", async () => {
    const { engine } = engineFor(
      store,
      clock,
      await configFrom(
        rule("line-direct", "lineage.test", 'throttle: {key: "{{ event.subject }}", rate: 1, per: 1h}'),
        rule("line-group", "lineage.test", "group: {wait: 1m}"),
      ),
    );
    await ingest(store, engine, clock, "default", [{ id: "l1", source: "lineage.test", type: "t", subject: "x" }]);
    clock.advance(1);
    await ingest(store, engine, clock, "default", [{ id: "l2", source: "lineage.test", type: "t", subject: "x" }]);
    await drain(store, clock, engine.handlers);
    clock.advance(60_000);
    await drain(store, clock, engine.handlers);
    const second = await eventLineage(store.db, { bus: "default", source: "lineage.test", id: "l2" });
    expect(second.matches.map((m) => [m.rule, m.status, m.key])).toEqual([
      ["line-direct", "throttled", "x"],
      ["line-group", "grouped", ""],
    ]);
    expect(second.deliveries).toEqual([expect.objectContaining({ rule: "line-group", status: "delivered", event: expect.objectContaining({ id: "l1" }), eventSeqs: [expect.any(Number), expect.any(Number)] })]);
    const first = await eventLineage(store.db, { bus: "default", source: "lineage.test", id: "l1" });
    expect(first.deliveries.map((d) => d.rule).sort()).toEqual(["line-direct", "line-group"]);
  });

  it("backtests a rule over stored events and delivers nothing", async () => {
    const { engine } = engineFor(
      store,
      clock,
      await configFrom(`
kind: Rule
name: backtested
pattern: {source: [backtest.test], data: {level: [{numeric: [">=", 3]}]}}
targets:
  - {name: hook, type: http, url: "${receiver.url}/backtest", body: {level: "{{ data.level }}"}}
  - {name: broken, type: http, url: "${receiver.url}/backtest", body: "{{ $number('x') }}"}`),
    );
    engine.registry.applyConfig({ rules: new Map(), origins: new Map() }); // not in force at ingest: nothing is dispatched
    const base = clock.now();
    await ingest(
      store,
      engine,
      clock,
      "default",
      [1, 3, 5, 7].map((level) => ({ id: `b${level}`, source: "backtest.test", type: "t", time: new Date(base + level * 1000).toISOString(), data: { level } })),
    );
    engine.registry.applyConfig(await configFrom(`
kind: Rule
name: backtested
pattern: {source: [backtest.test], data: {level: [{numeric: [">=", 3]}]}}
targets:
  - {name: hook, type: http, url: "${receiver.url}/backtest", body: {level: "{{ data.level }}"}}
  - {name: broken, type: http, url: "${receiver.url}/backtest", body: "{{ $number('x') }}"}`));
    const before = receiver.requests.length;
    const result = await engine.rules.backtest("backtested", { fromMs: base, toMs: base + 6_000 });
    expect(result).toMatchObject({ rule: "backtested", scanned: 3, matched: 2, complete: true, truncated: false });
    expect(result.items).toEqual([
      {
        event: expect.objectContaining({ id: "b3" }),
        targets: [
          { name: "hook", type: "http", request: expect.objectContaining({ method: "POST", url: `${receiver.url}/backtest`, body: { level: 3 } }) },
          { name: "broken", type: "http", error: expect.stringMatching(/\$number/), pointer: "/targets/1/body" },
        ],
      },
      expect.objectContaining({ event: expect.objectContaining({ id: "b5" }) }),
    ]);
    expect(receiver.requests.length).toBe(before);
    expect(await store.db.selectFrom("deliveries").select("id").where("rule", "=", "backtested").execute()).toEqual([]);
    await expect(engine.rules.backtest("nope", { fromMs: 0, toMs: 1 })).rejects.toThrow(/rule 'nope' was not found/);
  });

  it("prunes expired gate state and old history, keeping pending deliveries (runs last: it prunes everything old)", async () => {
    receiver.status = (r) => (r.url === "/prune-pending" ? 500 : 200);
    const { engine } = engineFor(
      store,
      clock,
      await configFrom(
        rule("prune-done", "prune.test", 'dedupe: {key: "{{ event.id }}", within: 1m}'),
        `kind: Rule\nname: prune-pending\npattern: {source: [prune.test]}\ntargets: [{type: http, url: "${receiver.url}/prune-pending", retry: {attempts: 100, backoff: 1h, maxBackoff: 1h, maxAge: 90d}}]`,
      ),
    );
    await ingest(store, engine, clock, "default", [{ id: "pr-1", source: "prune.test", type: "t" }]);
    await drain(store, clock, engine.handlers);
    const count = async (table: "rule_matches" | "deliveries" | "rule_state" | "delivery_attempts") => Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    expect(await count("rule_state")).toBeGreaterThan(0);
    clock.advance(31 * 86_400_000);
    expect(await pruneRuleHistory(store.db, clock.now())).toBeGreaterThan(0);
    expect(await count("rule_state")).toBe(0);
    expect(await count("rule_matches")).toBe(0);
    const left = await store.db.selectFrom("deliveries").select(["rule", "status"]).execute();
    expect(left).toEqual([{ rule: "prune-pending", status: "pending" }]);
    expect(await count("delivery_attempts")).toBe(1);
  });
});
