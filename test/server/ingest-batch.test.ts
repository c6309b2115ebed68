// Idempotent ingest, partial batches, defaults for plain envelopes, and size limits.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestReflex } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";

let t: TestReflex;
beforeAll(async () => {
  t = await startTestReflex({ maxEventBytes: 64 * 1024, maxBatchBytes: 2 * 1024 * 1024 });
});
afterAll(async () => t.stop());

interface Answer {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: { index?: number; id: string; status: string; error?: string }[];
}

async function send(body: unknown, contentType = "application/json", path = "/api/v1/events"): Promise<{ status: number; json: Answer & { detail?: string } }> {
  const res = await t.api(path, { method: "POST", headers: { "content-type": contentType }, body: typeof body === "string" ? body : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Answer & { detail?: string } };
}

async function countWhere(query: string): Promise<number> {
  let n = 0;
  let cursor: string | null = null;
  do {
    const res = await t.api(`/api/v1/events?${query}&limit=1000${cursor ? `&cursor=${cursor}` : ""}`);
    const page = (await res.json()) as { items: unknown[]; nextCursor: string | null };
    n += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return n;
}

describe("ingest", () => {
  it("stores the same event posted twice once", async () => {
    const event = { id: "dup-1", source: "acs.ecs", type: "Instance:StateChange", subject: "i-dup" };
    const first = await send(event);
    const second = await send(event);
    expect(first.status).toBe(202);
    expect(first.json.results[0]?.status).toBe("accepted");
    expect(second.json.results[0]?.status).toBe("duplicate");
    expect(await countWhere("subject=i-dup")).toBe(1);
  });

  it("stores 990 of 1,000 events and names the 10 malformed ones by index with a reason", async () => {
    const bad = new Set([3, 100, 101, 250, 399, 400, 512, 777, 901, 999]);
    const events = Array.from({ length: 1000 }, (_, i) => {
      if (!bad.has(i)) return { id: `b-${i}`, source: "batch.test", type: "load", subject: "batch-1000", data: { i } };
      return i % 2 === 0 ? { id: `b-${i}`, type: "load", subject: "batch-1000" } : { id: `b-${i}`, source: "batch.test", type: "load", time: "not a time" };
    });
    const { status, json } = await send(events, "application/cloudevents-batch+json");
    expect(status).toBe(202);
    expect(json.accepted).toBe(990);
    expect(json.rejected).toBe(10);
    const rejected = json.results.filter((r) => r.status === "rejected");
    expect(rejected.map((r) => r.index)).toEqual([...bad]);
    for (const r of rejected) {
      expect(r.error).toMatch(r.index !== undefined && r.index % 2 === 0 ? /source/ : /time/);
      expect(r.error).toContain(`/${r.index}/`);
    }
    expect(await countWhere("subject=batch-1000")).toBe(990);
  });

  it("fills in id, time and specversion for a plain JSON envelope and keeps extensions at top level", async () => {
    const { status, json } = await send({ source: "cvm.cloud.tencent", type: "cvm:ErrorEvent:DiskReadonly", subject: "ins-plain", region: "ap-shanghai", tags: { env: "prod" }, data: { disk: "disk-1" } });
    expect(status).toBe(202);
    const id = json.results[0]?.id ?? "";
    expect(id).not.toBe("");
    const res = await t.api(`/api/v1/events/${id}`);
    const stored = (await res.json()) as { event: Record<string, unknown> };
    expect(stored.event).toMatchObject({ specversion: "1.0", region: "ap-shanghai", tags: { env: "prod" }, data: { disk: "disk-1" } });
    expect(Date.parse(String(stored.event.time))).toBeGreaterThan(Date.now() - 60_000);
  });

  it("rejects one over-sized event in a batch and stores the rest", async () => {
    const big = { id: "big-1", source: "size.test", type: "big", data: { blob: "x".repeat(70 * 1024) } };
    const small = { id: "small-1", source: "size.test", type: "small" };
    const { status, json } = await send([big, small]);
    expect(status).toBe(202);
    expect(json.results[0]).toMatchObject({ status: "rejected" });
    expect(json.results[0]?.error).toMatch(/65536|64 ?KiB|limit/i);
    expect(json.results[1]).toMatchObject({ status: "accepted" });
  });

  it("refuses a body over the batch limit with 413 problem+json", async () => {
    const res = await t.api("/api/v1/events", { method: "POST", headers: { "content-type": "application/json" }, body: `[${'"x",'.repeat(600_000)}"x"]` });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("answers a single invalid event with a 400 problem that says what is wrong", async () => {
    const res = await t.api("/api/v1/events", { method: "POST", headers: { "content-type": "application/cloudevents+json" }, body: JSON.stringify({ id: "x", type: "t" }) });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const body = (await res.json()) as { detail: string };
    expect(body.detail).toMatch(/source/);
  });

  it("answers malformed JSON with a 400 problem", async () => {
    const { status, json } = await send("{ not json");
    expect(status).toBe(400);
    expect(json.detail).toMatch(/JSON/);
  });

  it("sends to a named bus only when the bus exists", async () => {
    const res = await send({ source: "s", type: "t" }, "application/json", "/api/v1/buses/nope/events");
    expect(res.status).toBe(404);
    expect(res.json.detail).toMatch(/bus 'nope'/);
  });
});
