// No job is ever claimed by two workers at once: several claimers race for the same jobs,
// first on separate connections in this process (separate pools on PostgreSQL, so claims
// really overlap), then as separate processes sharing the database (the SQLite file in WAL
// mode, or the PostgreSQL schema).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/clock.js";
import { claimJobs, enqueueMany, listJobs } from "../../src/queue/index.js";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/open-store.js";
import type { TestDatabase } from "../support/store.js";
import { openTestStore } from "../support/store.js";
import { startFixture } from "./child.js";

const JOBS = 200;
const CLAIMERS = 4;

let store: Store;
let database: TestDatabase;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ store, database, cleanup } = await openTestStore());
});
afterAll(async () => cleanup());
beforeEach(async () => {
  await store.db.deleteFrom("jobs").execute();
  await enqueueMany(store.db, systemClock, Array.from({ length: JOBS }, (_, i) => ({ kind: "race", payload: i, queue: "race" })));
});

/** Asserts that the claimers' lists partition the jobs: every job once, none twice. */
function expectPartition(claims: string[][]): void {
  const all = claims.flat();
  expect(all).toHaveLength(JOBS);
  expect(new Set(all).size).toBe(JOBS);
}

describe("concurrent claimers", () => {
  it(`${CLAIMERS} connections × ${JOBS} jobs: each job claimed exactly once`, async () => {
    const stores = await Promise.all(
      Array.from({ length: CLAIMERS }, () => openStore({ dataDir: database.dataDir, databaseUrl: database.databaseUrl, schema: database.schema, poolSize: 3 })),
    );
    try {
      const claims = await Promise.all(
        stores.map(async (s, n) => {
          const mine: string[] = [];
          for (;;) {
            // Several claims in flight per claimer, so they also overlap within one pool.
            const batches = await Promise.all([1, 2].map(() => claimJobs(s, systemClock, { queues: ["race"], workerId: `c${n}`, leaseMs: 60_000, limit: 4 })));
            const jobs = batches.flat();
            if (jobs.length === 0) return mine;
            mine.push(...jobs.map((j) => j.id));
          }
        }),
      );
      expectPartition(claims);
      const running = await listJobs(store.db, { status: "running", limit: JOBS + 1 });
      expect(running).toHaveLength(JOBS);
      expect(running.every((j) => j.attempts === 1)).toBe(true);
      claims.forEach((ids, n) => {
        const owned = new Set(ids);
        expect(running.filter((j) => owned.has(j.id)).every((j) => j.lockedBy === `c${n}`)).toBe(true);
      });
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it(`${CLAIMERS} processes × ${JOBS} jobs: each job claimed and completed exactly once`, async () => {
    const children = Array.from({ length: CLAIMERS }, (_, n) => startFixture("claim-until-empty", [`p${n}`], database.env));
    try {
      await Promise.all(children.map((c) => c.line("ready")));
      for (const c of children) c.child.stdin?.write("go\n");
      const claims = await Promise.all(children.map(async (c) => JSON.parse((await c.line("claimed ")).slice("claimed ".length)) as string[]));
      expectPartition(claims);
      expect(claims.filter((c) => c.length > 0).length).toBeGreaterThan(1); // they really raced
      const done = await listJobs(store.db, { status: "succeeded", limit: JOBS + 1 });
      expect(done).toHaveLength(JOBS);
      expect(done.every((j) => j.attempts === 1)).toBe(true);
      const exits = await Promise.all(children.map((c) => c.exited));
      expect(exits.map((e) => e.code)).toEqual(children.map(() => 0));
    } finally {
      for (const c of children) if (c.child.exitCode === null) c.child.kill("SIGKILL");
    }
  });
});
