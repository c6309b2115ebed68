// A worker process killed with SIGKILL in the middle of a job loses nothing: the job stays
// `running` under the dead worker's lease, and once the lease runs out another worker claims
// it and runs it to completion — attempt 2, result stored, the first worker named in last_error.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { systemClock } from "../../src/core/clock.js";
import { enqueue, getJob, Worker } from "../../src/queue/index.js";
import type { Store } from "../../src/store/open-store.js";
import type { TestDatabase } from "../support/store.js";
import { openTestStore } from "../support/store.js";
import { startFixture } from "./child.js";

const LEASE_MS = 800;

let store: Store;
let database: TestDatabase;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ store, database, cleanup } = await openTestStore());
});
afterAll(async () => cleanup());

describe("crash recovery", () => {
  it("runs a job again to completion after its worker process is SIGKILLed mid-job", async () => {
    const { id } = await enqueue(store.db, systemClock, { kind: "crash.test", payload: { host: "ins-1" }, queue: "crash", maxAttempts: 3 });
    const fixture = startFixture("hanging-worker", [String(LEASE_MS)], database.env);
    let recovery: Worker | undefined;
    try {
      const [, startedId, crashedWorker] = (await fixture.line("started ")).split(" ");
      expect(startedId).toBe(id);
      const running = await getJob(store.db, id);
      expect(running).toMatchObject({ status: "running", attempts: 1, lockedBy: crashedWorker });

      fixture.child.kill("SIGKILL");
      expect((await fixture.exited).signal).toBe("SIGKILL");
      const orphaned = await getJob(store.db, id);
      expect(orphaned).toMatchObject({ status: "running", attempts: 1, lockedBy: crashedWorker, result: null });

      const ran: number[] = [];
      recovery = new Worker({
        store,
        clock: systemClock,
        workerId: "recovery",
        queues: ["crash"],
        concurrency: 1,
        leaseMs: LEASE_MS,
        heartbeatMs: 100,
        pollMs: 50,
        handlers: {
          "crash.test": async (job) => {
            ran.push(job.attempts);
            return { recovered: job.payload };
          },
        },
      });
      recovery.start();
      const done = await vi.waitFor(
        async () => {
          const job = await getJob(store.db, id);
          if (job?.status !== "succeeded") throw new Error(`job is ${job?.status ?? "missing"}`);
          return job;
        },
        { timeout: 10_000, interval: 25 },
      );
      expect(done).toMatchObject({ attempts: 2, result: { recovered: { host: "ins-1" } }, lockedBy: null });
      expect(done.lastError).toContain(`lease of worker ${crashedWorker} expired during attempt 1`);
      expect(ran).toEqual([2]);
      // Not taken before the dead worker's lease ran out.
      expect(done.finishedAt ?? 0).toBeGreaterThanOrEqual(orphaned?.lockedUntil ?? Infinity);
    } finally {
      if (fixture.child.exitCode === null && fixture.child.signalCode === null) fixture.child.kill("SIGKILL");
      await recovery?.stop();
    }
  });
});
