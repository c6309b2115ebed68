// The SQLite writer thread on a real database file (always SQLite, whichever database this run
// uses otherwise): concurrent callers get their own seqs and duplicates, a failing group rejects
// only its callers, close waits for what is in flight, and a killed thread rejects what it had
// been sent while the next append starts a new one.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CloudEvent } from "../../src/core/event.js";
import type { AppendRow } from "../../src/store/event-repository.js";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/open-store.js";
import { AppendFailedError, SqliteAppendThread, WriterThreadStoppedError } from "../../src/store/sqlite-append-thread.js";

let dir: string;
let file: string;
let store: Store;
const threads: SqliteAppendThread[] = [];
/** A thread shared by the tests that leave it running (starting one through tsx takes a moment). */
let shared: SqliteAppendThread | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "reflex-append-thread-"));
  file = join(dir, "reflex.db");
  store = await openStore({ dataDir: dir }); // migrates the file the threads write to
});
afterAll(async () => {
  for (const thread of threads) await thread.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function newThread(): SqliteAppendThread {
  const thread = new SqliteAppendThread(file);
  threads.push(thread);
  return thread;
}

function row(id: string, source = "thread.test"): AppendRow {
  const event: CloudEvent = { specversion: "1.0", id, source, type: "tick", time: "2026-01-01T00:00:00Z", data: { id } };
  return { bus: "default", event, timeMs: Date.parse("2026-01-01T00:00:00Z"), receivedMs: 1, schemaError: null, text: `${source} tick ${id}` };
}

/** The stored seq of each id (of source `thread.test`), read through the main connection. */
async function storedSeqs(ids: readonly string[]): Promise<Map<string, number>> {
  const rows = await store.db.selectFrom("events").select(["id", "seq"]).where("source", "=", "thread.test").where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, r.seq]));
}

describe("SQLite writer thread", () => {
  it("gives many concurrent callers their own seqs, and null for duplicates", async () => {
    const thread = shared ??= newThread();
    const callers = Array.from({ length: 40 }, (_, c) => [row(`c${c}-a`), row(`c${c}-b`), row(`c${c}-a`), row(`shared-${c % 5}`)]);
    const results = await Promise.all(callers.map((rows) => thread.append(rows)));

    const ids = [...new Set(callers.flat().map((r) => r.event.id))];
    const stored = await storedSeqs(ids);
    expect(stored.size).toBe(ids.length);
    const sharedWinners = new Map<string, number>();
    results.forEach((seqs, c) => {
      expect(seqs).toHaveLength(4);
      expect(seqs[0]).toBe(stored.get(`c${c}-a`));
      expect(seqs[1]).toBe(stored.get(`c${c}-b`));
      expect(seqs[2]).toBeNull(); // repeated within the same call
      const shared = `shared-${c % 5}`;
      if (seqs[3] !== null && seqs[3] !== undefined) {
        expect(sharedWinners.has(shared)).toBe(false); // only the first caller stores it
        sharedWinners.set(shared, seqs[3]);
        expect(seqs[3]).toBe(stored.get(shared));
      }
    });
    expect(sharedWinners.size).toBe(5);
  });

  it("rejects only the callers of a failing group, and stores nothing of it", async () => {
    const thread = shared ??= newThread();
    const broken = { ...row("bad-1"), event: { ...row("bad-1").event, source: null } } as unknown as AppendRow; // violates NOT NULL
    const [before, failed, after] = await Promise.allSettled([
      thread.append([row("ok-before")]),
      thread.append([row("bad-companion"), broken]),
      thread.append([row("ok-after")]),
    ]);
    expect(before.status).toBe("fulfilled");
    expect(after.status).toBe("fulfilled");
    expect(failed.status).toBe("rejected");
    if (failed.status === "rejected") {
      expect(failed.reason).toBeInstanceOf(AppendFailedError);
      expect(String(failed.reason)).toMatch(/storing 2 event\(s\) failed.*NOT NULL/);
    }
    expect([...(await storedSeqs(["ok-before", "bad-companion", "ok-after"])).keys()].sort()).toEqual(["ok-after", "ok-before"]);
  });

  it("waits on close for every group already sent, then refuses new ones", async () => {
    const thread = newThread();
    const ids = Array.from({ length: 20 }, (_, i) => `close-${i}`);
    const appends = ids.map((id) => thread.append([row(id)]));
    await thread.close();
    const seqs = await Promise.all(appends);
    expect(seqs.every(([seq]) => typeof seq === "number")).toBe(true);
    expect((await storedSeqs(ids)).size).toBe(ids.length);
    await expect(thread.append([row("after-close")])).rejects.toThrow(/store is closed/);
  });

  it("starts when warmed, before any append, and not once closed", async () => {
    const thread = newThread();
    expect(thread.running).toBe(false);
    thread.warm();
    expect(thread.running).toBe(true);
    thread.warm();
    expect(await thread.append([row("warmed")])).toEqual([expect.any(Number)]);
    await thread.close();
    expect(thread.running).toBe(false);
    thread.warm();
    expect(thread.running).toBe(false);
  });

  it("rejects what a killed thread was sent, and starts a new thread for the next append", async () => {
    const thread = newThread();
    await thread.append([row("warm-up")]); // the thread is running
    const big = Array.from({ length: 20_000 }, (_, i) => row(`killed-${i}`));
    const inFlight = thread.append(big);
    const small = thread.append([row("small-behind-big")]);
    await thread.kill();
    await expect(inFlight).rejects.toBeInstanceOf(WriterThreadStoppedError);
    await expect(small).rejects.toThrow(/writer thread stopped .* sending them again is safe/);

    const [seq] = await thread.append([row("after-kill")]);
    expect(seq).toBeTypeOf("number");
    // The killed group was one transaction: stored whole or not at all.
    const stored = await store.db.selectFrom("events").select((eb) => eb.fn.countAll<number>().as("n")).where("id", "like", "killed-%").executeTakeFirstOrThrow();
    expect([0, big.length]).toContain(Number(stored.n));
  });
});
