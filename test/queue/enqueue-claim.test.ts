// Enqueue, claim and complete on the real database of this run (SQLite, or PostgreSQL when
// REFLEX_TEST_DATABASE_URL is set): ordering, run_at, queues, idempotency keys (also inside a
// caller's transaction), validation, and the read views.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { ValidationError } from "../../src/core/errors.js";
import { claimJobs, completeJob, enqueue, enqueueMany, getJob, listJobs, queueDepth } from "../../src/queue/index.js";
import type { Store } from "../../src/store/open-store.js";
import { openTestStore } from "../support/store.js";

let store: Store;
let cleanup: () => Promise<void>;
const clock = new ManualClock();
const claimer = { queues: ["default"], workerId: "w1", leaseMs: 3_600_000, limit: 10 };

beforeAll(async () => {
  ({ store, cleanup } = await openTestStore());
});
afterAll(async () => cleanup());
beforeEach(async () => {
  await store.db.deleteFrom("jobs").execute();
});

describe("enqueue, claim, complete", () => {
  it("runs a job through queued, running and succeeded with defaults filled in", async () => {
    const { id, created } = await enqueue(store.db, clock, { kind: "say", payload: { text: "hi" } });
    expect(created).toBe(true);
    expect(await getJob(store.db, id)).toMatchObject({ status: "queued", queue: "default", attempts: 0, maxAttempts: 5, priority: 0, runAt: clock.now() });

    const [job] = await claimJobs(store, clock, claimer);
    expect(job).toMatchObject({ id, kind: "say", payload: { text: "hi" }, status: "running", attempts: 1, lockedBy: "w1", lockedUntil: clock.now() + claimer.leaseMs });
    expect(await claimJobs(store, clock, claimer)).toEqual([]);

    clock.advance(5);
    expect(await completeJob(store.db, clock, { jobId: id, workerId: "w1", result: { said: 1 } })).toBe(true);
    expect(await getJob(store.db, id)).toMatchObject({ status: "succeeded", result: { said: 1 }, lockedBy: null, lockedUntil: null, finishedAt: clock.now() });
    expect(await completeJob(store.db, clock, { jobId: id, workerId: "w1" })).toBe(false);
  });

  it("claims by priority, then run_at, then id, and only due jobs", async () => {
    const now = clock.now();
    const [low, high, early, late, future] = await enqueueMany(store.db, clock, [
      { kind: "k", payload: "low", priority: -1 },
      { kind: "k", payload: "high", priority: 10 },
      { kind: "k", payload: "early", runAt: now - 2_000 },
      { kind: "k", payload: "late", runAt: now - 1_000 },
      { kind: "k", payload: "future", runAt: now + 60_000, priority: 100 },
    ]);
    const claimed = await claimJobs(store, clock, { ...claimer, limit: 3 });
    expect(claimed.map((j) => j.id)).toEqual([high?.id, early?.id, late?.id]);
    expect((await claimJobs(store, clock, claimer)).map((j) => j.id)).toEqual([low?.id]);
    clock.advance(60_000);
    expect((await claimJobs(store, clock, claimer)).map((j) => j.id)).toEqual([future?.id]);
  });

  it("claims only from the named queues", async () => {
    const { id: a } = await enqueue(store.db, clock, { kind: "k", payload: null, queue: "alpha" });
    const { id: b } = await enqueue(store.db, clock, { kind: "k", payload: null, queue: "beta" });
    expect((await claimJobs(store, clock, { ...claimer, queues: ["beta"] })).map((j) => j.id)).toEqual([b]);
    expect((await claimJobs(store, clock, { ...claimer, queues: ["alpha", "beta"] })).map((j) => j.id)).toEqual([a]);
  });

  it("creates one job per idempotency key, across calls and within one call", async () => {
    const first = await enqueue(store.db, clock, { kind: "k", payload: 1, idempotencyKey: "delivery:1" });
    const again = await enqueue(store.db, clock, { kind: "k", payload: 2, idempotencyKey: "delivery:1" });
    expect(again).toEqual({ id: first.id, created: false });
    const batch = await enqueueMany(store.db, clock, [
      { kind: "k", payload: null, idempotencyKey: "delivery:2" },
      { kind: "k", payload: null, idempotencyKey: "delivery:1" },
      { kind: "k", payload: null },
      { kind: "k", payload: null, idempotencyKey: "delivery:2" },
    ]);
    expect(batch.map((r) => r.created)).toEqual([true, false, true, false]);
    expect(batch[1]?.id).toBe(first.id);
    expect(batch[3]?.id).toBe(batch[0]?.id);
    expect(await listJobs(store.db, { limit: 10 })).toHaveLength(3);
    expect((await getJob(store.db, first.id))?.payload).toBe(1);
  });

  it("enqueues inside the caller's transaction: a rollback leaves no job (the outbox)", async () => {
    let id = "";
    await expect(
      store.db.transaction().execute(async (trx) => {
        ({ id } = await enqueue(trx, clock, { kind: "k", payload: null, idempotencyKey: "outbox" }));
        throw new Error("the event insert failed");
      }),
    ).rejects.toThrow("the event insert failed");
    expect(await getJob(store.db, id)).toBeUndefined();
    await store.db.transaction().execute(async (trx) => {
      ({ id } = await enqueue(trx, clock, { kind: "k", payload: null, idempotencyKey: "outbox" }));
    });
    expect(await getJob(store.db, id)).toMatchObject({ status: "queued", idempotencyKey: "outbox" });
  });

  it("enqueues a large batch in chunks", async () => {
    const results = await enqueueMany(store.db, clock, Array.from({ length: 450 }, (_, i) => ({ kind: "bulk", payload: i, idempotencyKey: `bulk:${i % 400}` })));
    expect(results.filter((r) => r.created)).toHaveLength(400);
    expect(new Set(results.map((r) => r.id)).size).toBe(400);
  });

  it("rejects bad options with the field's JSON pointer", async () => {
    const attempt = (opts: Parameters<typeof enqueue>[2]) => enqueue(store.db, clock, opts).then(() => undefined, (e: unknown) => e);
    const bad = await attempt({ kind: "k", payload: null, maxAttempts: 0 });
    expect(bad).toBeInstanceOf(ValidationError);
    expect(bad).toMatchObject({ location: { pointer: "/maxAttempts" } });
    expect(await attempt({ kind: "", payload: null })).toMatchObject({ location: { pointer: "/kind" } });
    expect(await attempt({ kind: "k", payload: null, priority: 1.5 })).toMatchObject({ location: { pointer: "/priority" } });
    const many = await enqueueMany(store.db, clock, [{ kind: "k", payload: null }, { kind: "k", payload: null, backoffMs: -1 }]).catch((e: unknown) => e);
    expect(many).toMatchObject({ location: { pointer: "/1/backoffMs" } });
    expect(await listJobs(store.db, { limit: 10 })).toEqual([]);
    await expect(claimJobs(store, clock, { ...claimer, queues: [] })).rejects.toThrow(/at least one queue/);
  });

  it("lists newest first with filters and a cursor, and counts jobs per queue and state", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock.advance(1);
      ids.push((await enqueue(store.db, clock, { kind: i % 2 === 0 ? "even" : "odd", payload: i, queue: i < 3 ? "default" : "other" })).id);
    }
    await claimJobs(store, clock, { ...claimer, limit: 1 });
    const page1 = await listJobs(store.db, { limit: 2 });
    expect(page1.map((j) => j.id)).toEqual([ids[4], ids[3]]);
    const page2 = await listJobs(store.db, { limit: 2, beforeId: page1[1]?.id });
    expect(page2.map((j) => j.id)).toEqual([ids[2], ids[1]]);
    expect((await listJobs(store.db, { limit: 10, kind: "even", queue: "default" })).map((j) => j.id)).toEqual([ids[2], ids[0]]);
    expect((await listJobs(store.db, { limit: 10, status: "running" })).map((j) => j.id)).toEqual([ids[0]]);
    expect(await queueDepth(store.db)).toEqual([
      { queue: "default", status: "queued", count: 2 },
      { queue: "default", status: "running", count: 1 },
      { queue: "other", status: "queued", count: 2 },
    ]);
  });
});
