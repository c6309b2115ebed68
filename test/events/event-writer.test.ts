// Group commit on the real store of this run (SQLite through its writer thread, or PostgreSQL
// when REFLEX_TEST_DATABASE_URL is set): many concurrent callers share few transactions and each
// gets its own seqs; `idle()` waits for everything handed in; a failed group rejects only its
// callers; no more groups are in flight than the concurrency allows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CloudEvent } from "../../src/core/event.js";
import { EventWriter } from "../../src/events/event-writer.js";
import type { AppendRow } from "../../src/store/event-repository.js";
import type { EventAppender, Store } from "../../src/store/open-store.js";
import { openTestStore } from "../support/store.js";

let store: Store;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ store, cleanup } = await openTestStore());
});
afterAll(async () => cleanup());

function row(id: string): AppendRow {
  const event: CloudEvent = { specversion: "1.0", id, source: "writer.test", type: "tick", time: "2026-01-01T00:00:00Z" };
  return { bus: "default", event, timeMs: Date.parse("2026-01-01T00:00:00Z"), receivedMs: 1, schemaError: null, text: `writer.test tick ${id}` };
}

/** The store's appender, counting the transactions (calls) it is asked for. */
function countingAppender(): { append: EventAppender; calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    append: (rows) => {
      calls.push(rows.length);
      return store.appendEvents(rows);
    },
  };
}

async function storedSeqs(ids: readonly string[]): Promise<Map<string, number>> {
  const rows = await store.db.selectFrom("events").select(["id", "seq"]).where("source", "=", "writer.test").where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, r.seq]));
}

/** An appender whose commits finish only when the test says so. */
function heldAppender(): { append: EventAppender; held: { rows: number; release: () => void }[] } {
  const held: { rows: number; release: () => void }[] = [];
  return {
    held,
    append: (rows) =>
      new Promise((resolve) => held.push({ rows: rows.length, release: () => resolve(rows.map((_, i) => i + 1)) })),
  };
}

async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe("EventWriter", () => {
  it("commits many concurrent callers in fewer transactions, each with its own seqs", async () => {
    const appender = countingAppender();
    const writer = new EventWriter(appender.append, { concurrency: store.appendConcurrency });
    const callers = Array.from({ length: 200 }, (_, c) => (c % 4 === 0 ? [row(`g${c}-a`), row(`g${c}-b`), row(`g${c}-a`)] : [row(`g${c}`)]));
    const results = await Promise.all(callers.map((rows) => writer.append(rows)));

    expect(appender.calls.length).toBeLessThan(callers.length / 10);
    expect(appender.calls.reduce((a, b) => a + b, 0)).toBe(callers.flat().length);
    const stored = await storedSeqs(callers.flat().map((r) => r.event.id));
    results.forEach((seqs, c) => {
      const rows = callers[c] ?? [];
      expect(seqs).toHaveLength(rows.length);
      if (rows.length === 3) expect(seqs).toEqual([stored.get(`g${c}-a`), stored.get(`g${c}-b`), null]);
      else expect(seqs).toEqual([stored.get(`g${c}`)]);
    });
  });

  it("resolves idle() only after everything handed in is committed", async () => {
    const writer = new EventWriter(store.appendEvents, { concurrency: store.appendConcurrency });
    let settled = 0;
    const ids: string[] = [];
    for (let turn = 0; turn < 5; turn++) {
      for (let c = 0; c < 20; c++) {
        const id = `idle-${turn}-${c}`;
        ids.push(id);
        void writer.append([row(id)]).then(() => settled++);
      }
      await new Promise((resolve) => setImmediate(resolve)); // the next requests arrive in a later turn
    }
    await writer.idle();
    expect(settled).toBe(ids.length);
    expect((await storedSeqs(ids)).size).toBe(ids.length);
  });

  it("rejects the callers of a failed group only, and goes on with the next group", async () => {
    let failNext = true;
    const writer = new EventWriter((rows) => {
      if (!failNext) return store.appendEvents(rows);
      failNext = false;
      return Promise.reject(new Error("disk full"));
    });
    const failed = [writer.append([row("fail-1")]), writer.append([row("fail-2")])];
    await expect(Promise.allSettled(failed)).resolves.toEqual([
      { status: "rejected", reason: new Error("disk full") },
      { status: "rejected", reason: new Error("disk full") },
    ]);
    const [seq] = await writer.append([row("after-failure")]);
    expect(seq).toBe((await storedSeqs(["after-failure"])).get("after-failure"));
    expect((await storedSeqs(["fail-1", "fail-2"])).size).toBe(0);
  });

  it("keeps at most `concurrency` groups in flight and lets the waiting rows form one group", async () => {
    const appender = heldAppender();
    const writer = new EventWriter(appender.append, { concurrency: 2 });
    const first = writer.append([row("h1")]);
    await until(() => appender.held.length === 1, "the first group");
    const second = writer.append([row("h2")]);
    await until(() => appender.held.length === 2, "the second group");
    const waiting = Array.from({ length: 10 }, (_, i) => writer.append([row(`w${i}`)]));
    await new Promise((resolve) => setImmediate(resolve));
    expect(appender.held).toHaveLength(2); // both slots busy: the ten wait

    appender.held[0]?.release();
    await first;
    await until(() => appender.held.length === 3, "the group of waiting rows");
    expect(appender.held[2]?.rows).toBe(10);
    appender.held[1]?.release();
    appender.held[2]?.release();
    const seqs = await Promise.all([second, ...waiting]);
    expect(seqs.slice(1).map(([seq]) => seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    await writer.idle();
  });
});
