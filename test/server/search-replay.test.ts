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
      const r = (await (await t.api(`/api/v1/replays/${created.id}`)).json()) as { status: string; total: number; processed: number };
      return r.status === "succeeded" ? r : undefined;
    }, "replay to finish");
    expect(done).toMatchObject({ total: 3, processed: 3 });
    expect(await ids("limit=100")).toHaveLength(4);
    const list = (await (await t.api("/api/v1/replays")).json()) as { items: { id: string }[] };
    expect(list.items.map((i) => i.id)).toContain(created.id);
  });

  it("refuses a replay of an unknown bus or an empty window", async () => {
    const post = (body: unknown) => t.api("/api/v1/replays", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await post({ bus: "nope", from: "7d" })).status).toBe(404);
    expect((await post({ from: "2026-11-05T00:00:00Z", to: "2026-11-01T00:00:00Z" })).status).toBe(400);
  });
});
