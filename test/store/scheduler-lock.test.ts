// One scheduler at a time: while one node runs a duty, another node's round of the same duty
// is skipped (PostgreSQL, advisory lock); a different duty is not held up; on SQLite (one
// node) the duty always runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/open-store.js";
import { asTheScheduler } from "../../src/store/scheduler-lock.js";
import type { TestDatabase } from "../support/store.js";
import { openTestStore, testDatabaseUrl } from "../support/store.js";

let nodeA: Store;
let nodeB: Store;
let database: TestDatabase;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ store: nodeA, database, cleanup } = await openTestStore());
  nodeB = testDatabaseUrl ? await openStore({ dataDir: database.dataDir, databaseUrl: database.databaseUrl, schema: database.schema }) : nodeA;
});
afterAll(async () => {
  if (nodeB !== nodeA) await nodeB.close();
  await cleanup();
});

describe("scheduler lock", () => {
  it.runIf(testDatabaseUrl !== undefined)("skips a node's round while another node runs the same duty", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const first = asTheScheduler(nodeA, "retention", async () => {
      entered();
      await held;
      return "a";
    });
    await inside;
    expect(await asTheScheduler(nodeB, "retention", async () => "b")).toBeUndefined();
    expect(await asTheScheduler(nodeB, "other-duty", async () => "b")).toBe("b");
    release();
    expect(await first).toBe("a");
    expect(await asTheScheduler(nodeB, "retention", async () => "b")).toBe("b");
  });

  it.runIf(testDatabaseUrl === undefined)("always runs the duty on SQLite", async () => {
    expect(await asTheScheduler(nodeA, "retention", async () => 1)).toBe(1);
  });
});
