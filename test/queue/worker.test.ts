// The Worker on the real database of this run: concurrency, graceful stop, retries,
// permanent and unknown-kind failures, heartbeats that keep the lease, a lost lease that
// aborts the handler, and wake() for a job enqueued in the same process.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { systemClock } from "../../src/core/clock.js";
import type { JsonValue } from "../../src/core/json.js";
import { cancelJob, enqueue, enqueueMany, getJob, listJobs, PermanentJobError, Worker } from "../../src/queue/index.js";
import type { Job, JobHandler, WorkerOptions } from "../../src/queue/index.js";
import type { Store } from "../../src/store/open-store.js";
import { openTestStore } from "../support/store.js";

let store: Store;
let cleanup: () => Promise<void>;
let workers: Worker[] = [];
const clock = systemClock;

beforeAll(async () => {
  ({ store, cleanup } = await openTestStore());
});
afterAll(async () => cleanup());
beforeEach(async () => {
  await store.db.deleteFrom("jobs").execute();
});
afterEach(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  workers = [];
});

function startWorker(handlers: Record<string, JobHandler>, options: Partial<WorkerOptions> = {}): Worker {
  const worker = new Worker({ store, clock, queues: ["default"], concurrency: 2, leaseMs: 5_000, heartbeatMs: 1_000, pollMs: 50, handlers, ...options });
  workers.push(worker);
  worker.start();
  return worker;
}

/** A promise and the function that resolves it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

function until<T>(check: () => Promise<T | undefined>, what: string, timeout = 5_000): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await check();
      if (value === undefined) throw new Error(`still waiting for ${what}`);
      return value;
    },
    { timeout, interval: 10 },
  );
}

const jobIn = (id: string, ...states: Job["status"][]) => async () => {
  const job = await getJob(store.db, id);
  return job && states.includes(job.status) ? job : undefined;
};

describe("Worker", () => {
  it("runs at most `concurrency` handlers at once and stores their results", async () => {
    const release = gate();
    let running = 0;
    let peak = 0;
    await enqueueMany(store.db, clock, Array.from({ length: 8 }, (_, i) => ({ kind: "square", payload: i })));
    startWorker(
      {
        square: async (job) => {
          running++;
          peak = Math.max(peak, running);
          await release.opened;
          running--;
          return (job.payload as number) ** 2;
        },
      },
      { concurrency: 3 },
    );
    await until(async () => (running === 3 ? true : undefined), "three handlers running");
    expect((await listJobs(store.db, { status: "running", limit: 10 })).length).toBe(3);
    release.open();
    const done = await until(async () => {
      const jobs = await listJobs(store.db, { status: "succeeded", limit: 10 });
      return jobs.length === 8 ? jobs : undefined;
    }, "all jobs done");
    expect(peak).toBe(3);
    expect(done.map((j) => j.result).sort((a, b) => Number(a) - Number(b))).toEqual([0, 1, 4, 9, 16, 25, 36, 49]);
  });

  it("stop() claims nothing more but lets running jobs finish and records them", async () => {
    const release = gate();
    const started: string[] = [];
    const [a, b] = await enqueueMany(store.db, clock, [
      { kind: "slow", payload: "a" },
      { kind: "slow", payload: "b" },
    ]);
    const worker = startWorker({
      slow: async (job) => {
        started.push(job.id);
        await release.opened;
        return "finished";
      },
    });
    await until(async () => (started.length === 2 ? true : undefined), "both jobs started");
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    const { id: late } = await enqueue(store.db, clock, { kind: "slow", payload: "late" });
    worker.wake();
    await getJob(store.db, late); // a round trip while stopping: stop() must still be waiting
    expect(stopped).toBe(false);
    release.open();
    await stopping;
    for (const id of [a?.id ?? "", b?.id ?? ""]) expect(await getJob(store.db, id)).toMatchObject({ status: "succeeded", result: "finished" });
    expect(await getJob(store.db, late)).toMatchObject({ status: "queued", attempts: 0 });
    expect(started).toHaveLength(2);
  });

  it("retries a thrown error with its message, then succeeds", async () => {
    const { id } = await enqueue(store.db, clock, { kind: "flaky", payload: null, backoffMs: 0 });
    startWorker({
      flaky: async (job) => {
        if (job.attempts === 1) throw new TypeError("connection reset");
        return { ok: true };
      },
    });
    const job = await until(jobIn(id, "succeeded", "dead"), "the job to finish");
    expect(job).toMatchObject({ status: "succeeded", attempts: 2, result: { ok: true }, lastError: "TypeError: connection reset" });
  });

  it("dead-letters at once on PermanentJobError and on an unknown kind", async () => {
    const { id: bad } = await enqueue(store.db, clock, { kind: "validate", payload: null });
    const { id: unknown } = await enqueue(store.db, clock, { kind: "nobody.handles.this", payload: null });
    startWorker({
      validate: async () => {
        throw new PermanentJobError("payload has no host");
      },
    });
    expect(await until(jobIn(bad, "dead"), "the bad job to die")).toMatchObject({ attempts: 1, lastError: "PermanentJobError: payload has no host" });
    const lost = await until(jobIn(unknown, "dead"), "the unknown job to die");
    expect(lost.attempts).toBe(1);
    expect(lost.lastError).toMatch(/no handler for job kind 'nobody\.handles\.this'.*knows: validate/);
  });

  it("dead-letters a job whose handler returns something JSON cannot hold", async () => {
    const { id } = await enqueue(store.db, clock, { kind: "count", payload: null });
    startWorker({ count: async () => ({ total: 10n }) as unknown as JsonValue });
    const dead = await until(jobIn(id, "dead"), "the job to die");
    expect(dead).toMatchObject({ attempts: 1, result: null });
    expect(dead.lastError).toMatch(/cannot be stored as JSON: TypeError: .*BigInt/);
  });

  it("keeps renewing the lease while a handler runs", async () => {
    const release = gate();
    const { id } = await enqueue(store.db, clock, { kind: "long", payload: null });
    startWorker({ long: () => release.opened }, { leaseMs: 400, heartbeatMs: 50 });
    const first = await until(jobIn(id, "running"), "the job to run");
    await until(async () => {
      const job = await getJob(store.db, id);
      return job && (job.lockedUntil ?? 0) >= (first.lockedUntil ?? 0) + 400 ? job : undefined;
    }, "the lease to be renewed past a whole lease");
    release.open();
    expect(await until(jobIn(id, "succeeded"), "the job to finish")).toMatchObject({ attempts: 1 });
  });

  it("aborts the handler's signal when the lease is lost, and writes nothing after", async () => {
    const { id } = await enqueue(store.db, clock, { kind: "watch", payload: null });
    let reason: unknown;
    startWorker(
      {
        watch: (_job, ctx) =>
          new Promise((resolve) => {
            ctx.signal.addEventListener("abort", () => {
              reason = ctx.signal.reason;
              resolve("too late");
            });
          }),
      },
      { leaseMs: 1_000, heartbeatMs: 20 },
    );
    await until(jobIn(id, "running"), "the job to run");
    await cancelJob(store.db, clock, id);
    await until(async () => (reason === undefined ? undefined : true), "the handler to be aborted");
    expect(String(reason)).toMatch(/lost the lease of job/);
    expect(await getJob(store.db, id)).toMatchObject({ status: "cancelled", result: null });
  });

  it("wake() starts a just-enqueued job without waiting for the poll", async () => {
    const worker = startWorker({ quick: async () => "done" }, { pollMs: 60_000 });
    const { id: probe } = await enqueue(store.db, clock, { kind: "quick", payload: null });
    worker.wake();
    await until(jobIn(probe, "succeeded"), "the first job");
    // Idle now, with a poll of 60 s: only the nudge can start the next job within the deadline.
    const { id } = await enqueue(store.db, clock, { kind: "quick", payload: null });
    worker.wake();
    await until(jobIn(id, "succeeded"), "the woken job", 2_000);
  });

  it("rejects settings under which leases would lapse", () => {
    expect(() => new Worker({ store, clock, queues: ["default"], concurrency: 1, leaseMs: 100, heartbeatMs: 100, pollMs: 10, handlers: {} })).toThrow(/heartbeatMs/);
    expect(() => new Worker({ store, clock, queues: ["default"], concurrency: 0, leaseMs: 100, heartbeatMs: 10, pollMs: 10, handlers: {} })).toThrow(/concurrency/);
  });
});
