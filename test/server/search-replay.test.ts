// Search through the API (filters, free text, time range, cursor) and replays (a durable job
// that walks a window of stored events and records its progress, storing nothing again).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestReflex, waitFor } from "../support/reflex.js";
import type { TestReflex } from "../support/reflex.js";

let t: TestReflex;
beforeAll(async () => {
  t = await startTestReflex();
  const events = [
    { id: "s1", source: "cvm.cloud.tencent", type: "cvm:ErrorEvent:PingUnreachable", subject: "ins-a", time: "2026-11-01T00:00:00Z", data: { note: "switch port flapping" } },
    { id: "s2", source: "cvm.cloud.tencent", type: "cvm:ErrorEvent:DiskReadonly", subject: "ins-b", time: "2026-11-02T00:00:00Z", data: { disk: "disk-9x" } },
    { id: "s3", source: "acs.ecs", type: "Instance:StateChange", subject: "i-c", time: "2026-11-03T00:00:00Z", data: { state: "Stopped" } },
    { id: "s4", source: "acs.ecs", type: "Instance:StateChange", subject: "i-d", time: "2026-11-04T00:00:00Z", data: { state: "Running" } },
  ];
  const res = await t.api("/api/v1/events", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(events) });
  expect(res.status).toBe(202);
});
afterAll(async () => t.stop());

async function ids(query: string): Promise<string[]> {
  const res = await t.api(`/api/v1/events?${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { event: { id: string } }[] }).items.map((i) => i.event.id);
}

describe("search", () => {
  it("filters by source, type and subject, newest first", async () => {
    expect(await ids("source=acs.ecs")).toEqual(["s4", "s3"]);
    expect(await ids("type=cvm:ErrorEvent:DiskReadonly")).toEqual(["s2"]);
    expect(await ids("subject=ins-a")).toEqual(["s1"]);
  });

  it("filters by event time range", async () => {
    expect(await ids("from=2026-11-02T00:00:00Z&to=2026-11-04T00:00:00Z")).toEqual(["s3", "s2"]);
  });

  it("finds free text inside data", async () => {
    expect(await ids("q=flapping")).toEqual(["s1"]);
    expect(await ids("q=disk-9x")).toEqual(["s2"]);
    expect(await ids("q=Stopped")).toEqual(["s3"]);
  });

  it("pages with a cursor", async () => {
    const first = (await (await t.api("/api/v1/events?limit=3")).json()) as { items: { event: { id: string } }[]; nextCursor: string };
    expect(first.items.map((i) => i.event.id)).toEqual(["s4", "s3", "s2"]);
    expect(await ids(`limit=3&cursor=${first.nextCursor}`)).toEqual(["s1"]);
  });

  it("explains a bad time or cursor", async () => {
    const res = await t.api("/api/v1/events?from=yesterday-ish");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/RFC 3339/);
    expect((await t.api("/api/v1/events?cursor=bogus")).status).toBe(400);
  });

  it("answers an unknown event id with 404 problem", async () => {
    const res = await t.api("/api/v1/events/none-such");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });
});

describe("replay", () => {
  it("walks the window, records progress, and stores no event again", async () => {
    const res = await t.api("/api/v1/replays", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ bus: "default", from: "2026-11-02T00:00:00Z", to: "2026-11-05T00:00:00Z", pattern: { source: ["acs.ecs"] } }),
    });
    expect(res.status).toBe(202);
    const created = (await res.json()) as { id: string; status: string };
    const done = await waitFor(async () => {
      const r = (await (await t.api(`/api/v1/replays/${created.id}`)).json()) as { status: string; total: number; processed: number; selected: number };
      return r.status === "succeeded" ? r : undefined;
    }, "replay to finish");
    expect(done).toMatchObject({ total: 3, processed: 3, selected: 2 });
    expect(await ids("limit=100")).toHaveLength(4);
    const list = (await (await t.api("/api/v1/replays")).json()) as { items: { id: string }[] };
    expect(list.items.map((i) => i.id)).toContain(created.id);
  });

  it("refuses a replay of an unknown bus, an empty window or a bad pattern", async () => {
    const post = (body: unknown) => t.api("/api/v1/replays", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await post({ bus: "nope", from: "7d" })).status).toBe(404);
    expect((await post({ from: "2026-11-05T00:00:00Z", to: "2026-11-01T00:00:00Z" })).status).toBe(400);
    const bad = await post({ from: "7d", pattern: { source: [{ prefix: 1 }] } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { pointer: string }).pointer).toBe("/source/0/prefix");
  });
});

describe("search by pattern", () => {
  const byPattern = async (pattern: unknown, extra = "") => {
    const res = await t.api(`/api/v1/events?pattern=${encodeURIComponent(JSON.stringify(pattern))}${extra}`);
    expect(res.status).toBe(200);
    return (await res.json()) as { items: { event: { id: string } }[]; nextCursor: string | null };
  };

  it("returns only events matching the pattern, newest first, with a cursor", async () => {
    // anything-but needs the field present (as in EventBridge): only s3 has a state that is not Running
    const notRunning = await byPattern({ source: ["cvm.cloud.tencent", "acs.ecs"], data: { state: [{ "anything-but": "Running" }] } });
    expect(notRunning.items.map((i) => i.event.id)).toEqual(["s3"]);
    const tencent = await byPattern({ source: ["cvm.cloud.tencent"], type: [{ prefix: "cvm:ErrorEvent:" }] });
    expect(tencent.items.map((i) => i.event.id)).toEqual(["s2", "s1"]);
    const first = await byPattern({ source: [{ prefix: "acs." }] }, "&limit=1");
    expect(first.items.map((i) => i.event.id)).toEqual(["s4"]);
    const next = await byPattern({ source: [{ prefix: "acs." }] }, `&limit=1&cursor=${first.nextCursor}`);
    expect(next.items.map((i) => i.event.id)).toEqual(["s3"]);
  });

  it("takes the seed documents' dialect and explains a bad pattern", async () => {
    expect((await byPattern({ source: "cvm.cloud.tencent", subject: ["ins-a", "ins-b"] })).items.map((i) => i.event.id)).toEqual(["s2", "s1"]);
    const res = await t.api(`/api/v1/events?pattern=${encodeURIComponent('{"source":"x"}')}&dialect=eventbridge`);
    expect(res.status).toBe(400);
    expect((await t.api("/api/v1/events?pattern=%7Bnot-json")).status).toBe(400);
  });
});

describe("pattern test", () => {
  const test = (body: unknown) => t.api("/api/v1/patterns/test", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("answers match or no match", async () => {
    const event = { source: "cvm.cloud.tencent", type: "cvm:ErrorEvent:PingUnreachable", subject: "ins-1", data: { load: 97.5 } };
    expect(await (await test({ pattern: { source: "cvm.cloud.tencent", data: { load: [{ numeric: [">", 90] }] } }, event })).json()).toEqual({ match: true });
    expect(await (await test({ pattern: { subject: ["ins-2"] }, event })).json()).toEqual({ match: false });
  });

  it("explains why when asked: each condition of the closest alternative against the event", async () => {
    const event = { source: "cvm.cloud.tencent", subject: "ins-1", data: { state: "Running" } };
    const pattern = { source: "cvm.cloud.tencent", data: { state: [{ "anything-but": ["Running"] }] } };
    const res = await test({ pattern, event, explain: true });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      match: false,
      explanation: {
        alternatives: 1,
        alternative: 0,
        splitAcrossArrayElements: false,
        conditions: [
          { field: "source", pointer: "/source", expected: "cvm.cloud.tencent", values: ["cvm.cloud.tencent"], valueCount: 1, holds: true },
          { field: "data.state", pointer: "/data/state", expected: [{ "anything-but": ["Running"] }], values: ["Running"], valueCount: 1, holds: false },
        ],
      },
    });
    expect(await (await test({ pattern, event, explain: false })).json()).toEqual({ match: false });
  });

  it("answers an invalid pattern with a problem naming the pointer and every problem", async () => {
    const res = await test({ pattern: { a: [{ numeric: [">", "x"] }], b: [{ wildcard: "a**" }] }, event: {} });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; pointer: string; errors: { pointer: string }[] };
    expect(body.code).toBe("invalid_pattern");
    expect(body.errors.map((e) => e.pointer).sort()).toEqual(["/a/0/numeric/1", "/b/0/wildcard"]);
    expect((await test({ pattern: { a: [] }, event: {}, explain: true })).status).toBe(400);
  });
});
