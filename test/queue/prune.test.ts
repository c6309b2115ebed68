// Finished jobs are deleted after their retention (dead letters kept longest); queued and
// running jobs are never touched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock.js";
import { claimJobs } from "../../src/queue/claim.js";
import { completeJob } from "../../src/queue/complete.js";
import { enqueue } from "../../src/queue/enqueue.js";
import { failJob } from "../../src/queue/fail.js";
import { pruneFinishedJobs } from "../../src/queue/prune.js";
import { getJob } from "../../src/queue/read-jobs.js";
import type { Store } from "../../src/store/open-store.js";
import { openTestStore } from "../support/store.js";

let store: Store;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ store, cleanup } = await openTestStore());
});
afterAll(async () => cleanup());

const DAY = 86_400_000;

describe("pruneFinishedJobs", () => {
  it("deletes succeeded jobs after 7 days and dead ones after 30, never unfinished ones", async () => {
    const clock = new ManualClock();
    const done = await enqueue(store.db, clock, { kind: "k", payload: 1, queue: "prune" });
    const dead = await enqueue(store.db, clock, { kind: "k", payload: 2, queue: "prune", maxAttempts: 1 });
    const waiting = await enqueue(store.db, clock, { kind: "k", payload: 3, queue: "prune", runAt: clock.now() + 365 * DAY });
    const claimed = await claimJobs(store, clock, { queues: ["prune"], workerId: "w", leaseMs: 60_000, limit: 10 });
    expect(claimed.map((j) => j.id).sort()).toEqual([done.id, dead.id].sort());
    await completeJob(store.db, clock, { jobId: done.id, workerId: "w" });
    await failJob(store.db, clock, { jobId: dead.id, workerId: "w", error: "boom" });

    clock.advance(8 * DAY);
    expect(await pruneFinishedJobs(store.db, clock)).toBe(1);
    expect(await getJob(store.db, done.id)).toBeUndefined();
    expect((await getJob(store.db, dead.id))?.status).toBe("dead");

    clock.advance(30 * DAY);
    expect(await pruneFinishedJobs(store.db, clock)).toBe(1);
    expect(await getJob(store.db, dead.id)).toBeUndefined();
    expect((await getJob(store.db, waiting.id))?.status).toBe("queued");
  });
});
