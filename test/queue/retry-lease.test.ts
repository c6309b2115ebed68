// Failure and recovery with a manual clock: retries with exponential backoff until dead,
// permanent failures, re-driving and cancelling, leases that expire and are reclaimed, and
// the rule that a worker without the lease cannot write to the job.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { ConflictError, NotFoundError } from "../../src/core/errors.js";
import { cancelJob, claimJobs, completeJob, enqueue, failJob, getJob, heartbeatJob, retryDelay, retryJob } from "../../src/queue/index.js";
import type { Store } from "../../src/store/open-store.js";
import { openTestStore } from "../support/store.js";

let store: Store;
let cleanup: () => Promise<void>;
const clock = new ManualClock();
const claim = (workerId: string, leaseMs = 60_000) => claimJobs(store, clock, { queues: ["default"], workerId, leaseMs, limit: 10 });

beforeAll(async () => {
  ({ store, cleanup } = await openTestStore());
});
afterAll(async () => cleanup());
beforeEach(async () => {
  await store.db.deleteFrom("jobs").execute();
});

describe("retry and dead-letter", () => {
  it("computes capped exponential delays", () => {
    expect([1, 2, 3, 4].map((a) => retryDelay(a, 1000, 300_000))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelay(40, 1000, 300_000)).toBe(300_000);
    expect(retryDelay(5000, 1000, 300_000)).toBe(300_000);
  });

  it("retries with backoff, keeps the error, and dead-letters after max attempts", async () => {
    const { id } = await enqueue(store.db, clock, { kind: "k", payload: null, maxAttempts: 3, backoffMs: 1000, backoffMaxMs: 1500 });
    await claim("w1");
    expect(await failJob(store.db, clock, { jobId: id, workerId: "w1", error: "timeout 1" })).toBe("retrying");
    expect(await getJob(store.db, id)).toMatchObject({ status: "queued", attempts: 1, runAt: clock.now() + 1000, lastError: "timeout 1", lockedBy: null });

    clock.advance(999);
    expect(await claim("w1")).toEqual([]);
    clock.advance(1);
    expect((await claim("w1")).map((j) => j.attempts)).toEqual([2]);
    expect(await failJob(store.db, clock, { jobId: id, workerId: "w1", error: "timeout 2" })).toBe("retrying");
    expect((await getJob(store.db, id))?.runAt).toBe(clock.now() + 1500); // 2000, capped

    clock.advance(1500);
    expect((await claim("w1")).map((j) => j.attempts)).toEqual([3]);
    expect(await failJob(store.db, clock, { jobId: id, workerId: "w1", error: "timeout 3" })).toBe("dead");
    expect(await getJob(store.db, id)).toMatchObject({ status: "dead", attempts: 3, lastError: "timeout 3", finishedAt: clock.now() });
    clock.advance(1_000_000);
    expect(await claim("w1")).toEqual([]);
  });

  it("dead-letters at once when the failure is not retryable", async () => {
    const { id } = await enqueue(store.db, clock, { kind: "k", payload: null });
    await claim("w1");
    expect(await failJob(store.db, clock, { jobId: id, workerId: "w1", error: "bad input", retryable: false })).toBe("dead");
    expect(await getJob(store.db, id)).toMatchObject({ status: "dead", attempts: 1, lastError: "bad input" });
  });

  it("re-drives a dead job: queued now, attempts reset, old error kept until it runs", async () => {
    const { id } = await enqueue(store.db, clock, { kind: "k", payload: null, maxAttempts: 1 });
    await claim("w1");
    await failJob(store.db, clock, { jobId: id, workerId: "w1", error: "broken" });
    clock.advance(10);
    expect(await retryJob(store.db, clock, id)).toMatchObject({ status: "queued", attempts: 0, runAt: clock.now(), lastError: "broken", finishedAt: null });
    await expect(retryJob(store.db, clock, id)).rejects.toBeInstanceOf(ConflictError);
    const [again] = await claim("w2");
    expect(again).toMatchObject({ id, attempts: 1, lastError: null, lockedBy: "w2" });
    expect(await completeJob(store.db, clock, { jobId: id, workerId: "w2", result: "fixed" })).toBe(true);
    await expect(retryJob(store.db, clock, "no-such-job")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("cancels a queued job, can re-drive it, and refuses to cancel a finished one", async () => {
    const { id } = await enqueue(store.db, clock, { kind: "k", payload: null });
    expect(await cancelJob(store.db, clock, id)).toMatchObject({ status: "cancelled" });
    expect(await cancelJob(store.db, clock, id)).toMatchObject({ status: "cancelled" });
    expect(await claim("w1")).toEqual([]);
    await retryJob(store.db, clock, id);
    await claim("w1");
    await completeJob(store.db, clock, { jobId: id, workerId: "w1" });
    await expect(cancelJob(store.db, clock, id)).rejects.toThrow(/already succeeded/);
  });
});

describe("leases", () => {
  it("reclaims a job whose lease expired and shuts the old holder out", async () => {
    const { id } = await enqueue(store.db, clock, { kind: "k", payload: null });
    await claim("w1", 1000);
    clock.advance(800);
    expect(await claim("w2", 1000)).toEqual([]);
    expect(await heartbeatJob(store.db, clock, { jobId: id, workerId: "w1", leaseMs: 1000 })).toBe(true);
    clock.advance(800);
    expect(await claim("w2", 1000)).toEqual([]); // renewed at 800, good until 1800
    clock.advance(201);
    const [reclaimed] = await claim("w2", 1000);
    expect(reclaimed).toMatchObject({ id, attempts: 2, lockedBy: "w2" });
    expect(reclaimed?.lastError).toMatch(/lease of worker w1 expired during attempt 1/);

    expect(await heartbeatJob(store.db, clock, { jobId: id, workerId: "w1", leaseMs: 1000 })).toBe(false);
    expect(await completeJob(store.db, clock, { jobId: id, workerId: "w1", result: "stale" })).toBe(false);
    expect(await failJob(store.db, clock, { jobId: id, workerId: "w1", error: "stale" })).toBe("lost");
    expect(await getJob(store.db, id)).toMatchObject({ status: "running", lockedBy: "w2", result: null });
    expect(await completeJob(store.db, clock, { jobId: id, workerId: "w2", result: "fresh" })).toBe(true);
    expect((await getJob(store.db, id))?.result).toBe("fresh");
  });

  it("lets the holder renew a lease that ran out while nobody reclaimed it", async () => {
    const { id } = await enqueue(store.db, clock, { kind: "k", payload: null });
    await claim("w1", 1000);
    clock.advance(5000);
    expect(await heartbeatJob(store.db, clock, { jobId: id, workerId: "w1", leaseMs: 1000 })).toBe(true);
    expect(await claim("w2", 1000)).toEqual([]);
  });

  it("dead-letters a job whose lease expired on its last attempt", async () => {
    const { id } = await enqueue(store.db, clock, { kind: "k", payload: null, maxAttempts: 2 });
    await claim("w1", 1000);
    clock.advance(1001);
    await claim("w2", 1000);
    clock.advance(1001);
    expect(await claim("w3", 1000)).toEqual([]);
    const dead = await getJob(store.db, id);
    expect(dead).toMatchObject({ status: "dead", attempts: 2, lockedBy: null, finishedAt: clock.now() });
    expect(dead?.lastError).toMatch(/lease of worker w2 expired during attempt 2 of 2/);
  });

  it("takes the lease from a running job when it is cancelled", async () => {
    const { id } = await enqueue(store.db, clock, { kind: "k", payload: null });
    await claim("w1");
    await cancelJob(store.db, clock, id);
    expect(await heartbeatJob(store.db, clock, { jobId: id, workerId: "w1", leaseMs: 1000 })).toBe(false);
    expect(await completeJob(store.db, clock, { jobId: id, workerId: "w1" })).toBe(false);
    expect((await getJob(store.db, id))?.status).toBe("cancelled");
  });
});
